"""Pelican's link replacement runs after the sanitiser: whatever it puts back must be a valid,
escaped address that names the file meant, for every spelling of a placeholder, in Markdown and
raw HTML, in href and src; and `check` and `build` read each target the same way."""

from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import build, read, run_invoke
from PIL import Image

# Names a hand-copied or web-editor file may have; each published and linked as it is named.
NAMES = ["KH&CN.jpg", 'KH"CN.jpg', "a b.jpg", "p%41.jpg", "x'y<z>.jpg", "Ảnh hội nghị.jpg"]
PAYLOAD = '"><meta http-equiv="refresh" content="0;url=https://evil.example/"><script>alert(1)</script>'
ESCAPED_PAYLOAD = (
    "&quot;&gt;&lt;meta http-equiv=&quot;refresh&quot; content=&quot;0;url=https://evil.example/&quot;"
    "&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
)


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def percent(text: str) -> str:
    return text.replace("%", "%25").replace(" ", "%20")


def photos(content):
    folder = content.path / "images" / "2020"
    folder.mkdir(parents=True)
    for index, name in enumerate(NAMES):
        Image.new("RGB", (40 + index, 30), (index * 40, 90, 160)).save(folder / name, "JPEG")
    return folder


def body_links(site, slug="lien-ket"):
    soup = BeautifulSoup(read(site / "tin-tuc" / "2020" / slug / "index.html"), "html.parser")
    return soup, soup.select_one(".post-body")


def served(site, address: str):
    """The output file an address leads to, as a static server decodes it."""
    path = unquote(urlsplit(address).path)
    return site / path.lstrip("/")


@pytest.mark.parametrize("placeholder", ["{static}", "{attach}", "{filename}", "|static|", "|filename|"])
def test_every_spelling_of_a_link_names_its_file_and_carries_no_markup(content, tmp_path, placeholder):
    folder = photos(content)
    lines = []
    for name in NAMES:
        target = f"/images/2020/{name}"
        url = target.replace("%", "%25")  # an address: a '%' in a file's name is written %25
        lines.append(f'<p><a href="{placeholder}{escaped(url)}#{ESCAPED_PAYLOAD}">{escaped(name)}</a></p>')
        lines.append(
            f'<p><img src="{placeholder}{escaped(url)}?x={ESCAPED_PAYLOAD}" alt="{escaped(name)}"></p>'
        )
        if placeholder != "{attach}":  # attach moves the file: once is enough
            lines.append(f"![{name} md]({placeholder}{percent(target)})")
    content.post("lien-ket", "\n\n".join(lines), Title="Liên kết", Date="2020-03-01", Slug="lien-ket")
    check = run_invoke("check", "--content", str(content.path))
    assert check.returncode == 0, check.stdout
    site = build(content.path, tmp_path / "out")
    soup, body = body_links(site)
    assert not soup.find_all(["meta", "script"], attrs={"http-equiv": True})
    assert not [s for s in soup.find_all("script") if s.string and "alert" in s.string]
    assert {tag.name for tag in body.find_all(True)} <= {"p", "a", "img"}
    addresses = [a["href"] for a in body.find_all("a")] + [img["src"] for img in body.find_all("img")]
    assert len(addresses) >= 2 * len(NAMES)
    for address in addresses:
        assert all(c not in address for c in " \"<>'"), address  # a valid URL, nothing raw
        file = served(site, address)
        assert file.is_file(), address
        assert file.name in NAMES
        assert file.read_bytes() == (folder / file.name).read_bytes() or placeholder == "{attach}"
    fragments = {unquote(urlsplit(a["href"]).fragment) for a in body.find_all("a")}
    assert fragments == {PAYLOAD}  # kept as the text it was, inert


def test_the_reported_attack_publishes_no_meta_refresh(content, tmp_path):
    photos(content)
    content.post(
        "lien-ket",
        '<a href="{filename}/images/2020/KH&amp;CN.jpg#&quot;&gt;&lt;meta http-equiv=&quot;refresh&quot; '
        'content=&quot;0;url=https://evil.example/&quot;&gt;">xem</a>\n\n![ảnh]({static}/images/2020/KH&CN.jpg)\n',
        Title="Liên kết",
        Date="2020-03-01",
        Slug="lien-ket",
    )
    assert run_invoke("check", "--content", str(content.path)).returncode == 0
    site = build(content.path, tmp_path / "out")
    soup, body = body_links(site)
    assert soup.find("meta", attrs={"http-equiv": True}) is None
    assert served(site, body.find("a")["href"]).name == "KH&CN.jpg"
    image = body.find("img")
    assert served(site, image["src"]).name == "KH&CN.jpg"
    assert image.get("width") == "40"  # the picture is known to the theme: its size is written


def test_a_target_the_build_cannot_find_is_a_content_error_naming_the_post(content, tmp_path, monkeypatch):
    """Were the checker to miss a link, the build names the post (Pelican only logged it and left
    the placeholder in the page)."""
    import portal.checker
    from builder.build import BuildFailed

    photos(content)
    content.post("lien-ket", "[x]({static}/images/2020/khong-co.jpg)", Title="Liên kết", Date="2020-03-01")
    monkeypatch.setattr(portal.checker, "link_problems", lambda *args, **kwargs: [])
    monkeypatch.setattr(portal.checker, "rendered_link_problems", lambda *args, **kwargs: [])
    with pytest.raises(BuildFailed) as failed:
        build(content.path, tmp_path / "out")
    assert "posts/lien-ket.md: LỖI: liên kết '{static}/images/2020/khong-co.jpg'" in str(failed.value)
    assert not (tmp_path / "out").exists()


def test_the_checker_reads_links_as_pelican_finds_them():
    """portal.body's pattern for a placeholder link in rendered HTML is Pelican's own."""
    from pelican.contents import Article

    from builder.settings import load_settings
    from portal.body import DEFAULT_INTRASITE_LINK, intrasite_link_pattern

    settings = load_settings("content")
    assert settings["INTRASITE_LINK_REGEX"] == DEFAULT_INTRASITE_LINK
    article = Article("x", metadata={"title": "t"}, settings=settings)
    pelicans = article._get_intrasite_link_regex().pattern
    assert intrasite_link_pattern(DEFAULT_INTRASITE_LINK).pattern == pelicans


@pytest.mark.parametrize(
    "hidden",
    [
        "<span class=\"src='{static}/images/2020/anh.jpg#\">x'y</span>",
        "<a title=\"href='|index|\">x'y</a>",
        "<a title=\"href='{index}\">x'y</a>",
        "<span title=\"src='{filename}/images/2020/anh.jpg?\">x'y</span>",
    ],
)
def test_a_placeholder_hidden_in_an_attribute_never_turns_text_into_attributes(content, tmp_path, hidden):
    """Pelican's pattern, applied to sanitised HTML, can read a 'link' from inside one attribute to
    past its end; replacing it moved the quotes and made the next element's text attributes."""
    folder = content.path / "images" / "2020"
    folder.mkdir(parents=True)
    Image.new("RGB", (40, 30)).save(folder / "anh.jpg")
    content.post(
        "lien-ket",
        f"<p>{hidden} "
        '<span class=" autofocus tabindex=0 onfocus=alert(document.domain) id=pwn ">z</span></p>',
        Title="Liên kết",
        Date="2020-03-01",
        Slug="lien-ket",
    )
    assert run_invoke("check", "--content", str(content.path)).returncode == 0
    site = build(content.path, tmp_path / "out")
    soup, body = body_links(site)
    for element in body.find_all(True):
        assert set(element.attrs) <= {"class", "title", "href", "rel"}, element
    assert soup.find(id="pwn") is None
    assert "onfocus=alert" in body.get_text() or "onfocus=alert" in str(body)  # still there, as text


def test_links_to_drafts_are_refused_and_to_documents_lead_to_their_page(content, tmp_path):
    """A draft's or a scheduled post's address told its title and led nowhere; a document's file is
    a page of the library."""
    from builder.build import BuildFailed

    content.post("nhap", Title="Quyết định mật chưa công bố", Date="2020-03-01", Status="draft")
    content.post("hen-gio", Title="Tin hẹn giờ", Date="2099-03-01")
    content.write("pages/trang-nhap.md", "Title: Trang nháp\nStatus: draft\n\nNội dung.\n")
    (content.path / "files").mkdir()
    (content.path / "files" / "qd.pdf").write_bytes(b"%PDF-1.4")
    content.write(
        "van-ban/2020-95-kh-khcn.md",
        "Number: 95/KH-KHCN\nType: Kế hoạch\nIssuer: Sở Khoa học và Công nghệ\nSigned: 2020-02-01\n"
        "Effective: 2020-02-01\nTitle: Kế hoạch mẫu\nFiles: files/qd.pdf\n",
    )
    content.post(
        "van-ban", "[Kế hoạch]({filename}/van-ban/2020-95-kh-khcn.md)", Title="Tin văn bản", Date="2020-03-02"
    )
    site = build(content.path, tmp_path / "out")
    page = read(site / "tin-tuc" / "2020" / "tin-van-ban" / "index.html")
    assert 'href="/van-ban/2020/' in page
    content.post(
        "lo",
        "Mở đầu.\n\n[a]({filename}/posts/nhap.md) [b]({filename}/posts/hen-gio.md) "
        "[c]({filename}/pages/trang-nhap.md)",
        Title="Tin lộ bản nháp",
        Date="2020-03-03",
    )
    result = run_invoke("check", "--content", str(content.path))
    for target in ("posts/nhap.md", "posts/hen-gio.md", "pages/trang-nhap.md"):
        assert (
            f"posts/lo.md:6: LỖI: liên kết '{{filename}}/{target}' dẫn tới bài hoặc trang chưa đăng"
            in result.stdout
        )
    with pytest.raises(BuildFailed):
        build(content.path, tmp_path / "out2")


def test_links_in_the_summary_are_checked_as_the_build_replaces_them(content, tmp_path):
    photos(content)
    content.post(
        "tom-tat",
        "Nội dung.",
        Title="Tin có tóm tắt",
        Date="2020-03-01",
        Summary="Xem [ảnh]({static}/images/khong-co.jpg) và [ảnh có]({static}/images/2020/a%20b.jpg)",
    )
    result = run_invoke("check", "--content", str(content.path))
    assert (
        "posts/tom-tat.md:3: LỖI: liên kết '{static}/images/khong-co.jpg' dẫn tới tệp không có"
        in result.stdout
    )
    assert result.stdout.count("LỖI") == 1


def test_check_renders_with_the_sites_markdown_extensions(content, tmp_path):
    """Pelican turns every configured extension on when a build starts; `invoke check` alone
    rendered without them and missed a link an attribute list writes."""
    content.post(
        "a",
        'Tải [quyết định](/van-ban/){: href="{static}/files/2020/khong-co-tep-nay.pdf" } tại đây.',
        Title="Tin",
        Date="2020-03-01",
    )
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    assert (
        "posts/a.md:4: LỖI: liên kết '{static}/files/2020/khong-co-tep-nay.pdf' dẫn tới tệp không có"
        in result.stdout
    )


def test_a_plain_link_to_a_file_named_with_spaces_is_read_whole_and_published_encoded(content, tmp_path):
    """Issue 27: Vietnamese PDFs are named with spaces. Python-Markdown reads `[…](/files/Quyết
    định số 5.pdf)` whole; so does `check` (a missing one named whole, not cut at the space), and
    the published href holds no raw space (the W3C checker's one error on the site)."""
    folder = content.path / "files" / "2020"
    folder.mkdir(parents=True)
    (folder / "Quyết định số 5.pdf").write_bytes(b"%PDF-1.4 mau")
    content.post(
        "tep",
        Title="Tin có tệp",
        Date="2020-03-02",
        text='Xem [quyết định](/files/2020/Quyết định số 5.pdf "Quyết định số 5") và '
        "[bản gốc]({static}/files/2020/Quyết định số 5.pdf).",
    )
    assert run_invoke("check", "--content", str(content.path)).returncode == 0
    content.post("sai", Title="Tin có tệp thiếu", Date="2020-03-03", text="[x](/files/2020/Không có tệp.pdf)")
    result = run_invoke("check", "--content", str(content.path))
    assert "liên kết nội bộ '/files/2020/Không có tệp.pdf' dẫn tới tệp không có" in result.stdout
    (content.path / "posts" / "sai.md").unlink()
    site = build(content.path, tmp_path / "site")
    page = BeautifulSoup(read(site / "tin-tuc" / "2020" / "tin-co-tep" / "index.html"), "html.parser")
    links = [a["href"] for a in page.select("article a[href]") if "Quy" in unquote(a["href"])]
    assert len(links) >= 2
    for href in links:
        assert not any(c.isspace() for c in href), href
        assert unquote(urlsplit(href).path) == "/files/2020/Quyết định số 5.pdf"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("/files/a b.pdf", "/files/a%20b.pdf"),
        ("  /files/a.pdf ", "/files/a.pdf"),
        ("/files/a\n b.pdf", "/files/a%20b.pdf"),
        ("/files/a%20b.pdf", "/files/a%20b.pdf"),
        ("https://x.vn/a b?q=c d#e f", "https://x.vn/a%20b?q=c%20d#e%20f"),
    ],
)
def test_an_address_is_written_as_browsers_read_it(written, read):
    from portal.sanitize import as_browsers_read

    assert as_browsers_read(written) == read

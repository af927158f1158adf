"""Safe HTML: script, event-handler and javascript: probes never reach a page; Word control
characters are removed with a warning."""

import re

from bs4 import BeautifulSoup
from conftest import build, injected_scripts, read, run_invoke

PROBE_BODY = """
Đoạn mở đầu <script>alert('body')</script> và <b onclick="alert(1)">chữ đậm</b>.

[liên kết độc](javascript:alert(1)) · <a href="JaVaScRiPt:alert(2)">hai</a>

<img src="#anh" onerror="alert(3)" alt="ảnh">
<iframe src="https://evil.example/x"></iframe>
<style>body{display:none}</style>

| Cột | Giá trị |
|-----|---------|
| a   | 1       |
"""


def all_html(site):
    return {p.relative_to(site).as_posix(): read(p) for p in site.rglob("*.html")}


def test_probes_are_escaped_or_removed_everywhere(content, tmp_path):
    content.post(
        "probe",
        PROBE_BODY,
        Title='<script>alert("title")</script> Tin "thử" & <b>đậm</b>',
        Date="2020-03-01",
        Items="1",
    )
    site = build(content.path, tmp_path / "out")
    pages = all_html(site)
    assert any(
        "alert(&#34;title&#34;)" in text or "alert(&quot;title&quot;)" in text for text in pages.values()
    )
    for path, text in pages.items():
        soup = BeautifulSoup(text, "html.parser")
        assert not soup.find_all(["style", "iframe"]) and not injected_scripts(soup), path
        for tag in soup.find_all(True):
            assert not any(a.lower().startswith("on") for a in tag.attrs), (path, tag)
            for attr in ("href", "src"):
                assert not str(tag.get(attr, "")).strip().lower().startswith("javascript:"), (path, tag)
    article = next(t for p, t in pages.items() if p.startswith("tin-tuc/2020/"))
    soup = BeautifulSoup(article, "html.parser")
    body = soup.select_one(".post-body")
    assert body.find("b").get_text() == "chữ đậm" and body.find("table")
    assert body.find("img")["alt"] == "ảnh"
    assert soup.select_one("h1").get_text() == '<script>alert("title")</script> Tin "thử" & <b>đậm</b>'


def test_allowed_iframe_hosts(content, tmp_path):
    content.post(
        "video",
        '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Phim"></iframe>\n'
        '<iframe src="https://evil.example/x"></iframe>',
        Title="Video",
        Date="2020-03-01",
    )
    site = build(content.path, tmp_path / "out", SAFE_HTML_IFRAME_HOSTS=["www.youtube-nocookie.com"])
    html = read(next((site / "tin-tuc" / "2020").rglob("index.html")))
    sources = [f["src"] for f in BeautifulSoup(html, "html.parser").select(".post-body iframe[src]")]
    assert sources == ["https://www.youtube-nocookie.com/embed/abc"]


def test_word_control_characters_are_removed_with_a_warning(content, tmp_path):
    content.post(
        "word",
        "Dòng một\x0b dán từ Word.\n\nĐoạn hai\x01 cũng vậy.",
        Title="Tin\x0b từ Word",
        Date="2020-03-01",
        Items="1",
    )
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 0
    warnings = [line for line in result.stdout.splitlines() if "CẢNH BÁO" in line]
    assert [w.split(": ")[0].rsplit(":", 1)[1] for w in warnings] == ["1", "5", "7"]
    assert "Title: ký tự ngắt dòng của Word (Shift+Enter) đã đổi thành dấu cách" in warnings[0]
    assert "ngắt dòng của Word (Shift+Enter); đã đổi thành xuống dòng" in warnings[1]
    assert "ký tự điều khiển ẩn" in warnings[2]
    site = build(content.path, tmp_path / "out")
    for text in all_html(site).values():
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    page = read(site / "tin-tuc" / "2020" / "tin-tu-word" / "index.html")
    assert "Dòng một<br> dán từ Word." in page and "Tin từ Word" in page  # never glued words


def test_probes_are_escaped_or_removed_in_feeds(content, tmp_path):
    import feedparser
    from lxml import etree

    content.post(
        "probe",
        PROBE_BODY,
        Title='<script>alert("title")</script> Tin <img src=x onerror=alert(1)>',
        Date="2020-03-01",
        Items="1",
        Slug="tin-thu",
    )
    site = build(content.path, tmp_path / "out")
    feeds = sorted((site / "feeds").rglob("*.xml"))
    assert feeds
    for path in feeds:
        tree = etree.parse(str(path))  # well-formed: the title's markup is text, not elements
        assert not tree.xpath("//*[local-name()='script' or local-name()='img']")
        # The HTML that feed readers render, as they receive it (feedparser would sanitise it again).
        bodies = tree.xpath(
            "//*[local-name()='content' or local-name()='summary' or "
            "local-name()='description' or local-name()='encoded']/text()"
        )
        assert bodies or ("muc-1" not in path.name and "tin-tuc" not in path.name)
        for body in bodies:
            lowered = body.lower()
            assert "<script" not in lowered and "onerror" not in lowered and "onclick" not in lowered
            assert "javascript:" not in lowered and "<style" not in lowered
        for entry in feedparser.parse(path.read_bytes()).entries:
            assert entry.title == '<script>alert("title")</script> Tin <img src=x onerror=alert(1)>'
            for html in [entry.summary] + [c.value for c in entry.get("content", [])]:
                soup = BeautifulSoup(html, "html.parser")
                assert not soup.find_all(["script", "style", "iframe"])
                for tag in soup.find_all(True):
                    assert not any(a.lower().startswith("on") for a in tag.attrs)
                    assert not str(tag.get("href", "")).lower().startswith("javascript:")


def test_what_the_sanitiser_drops_is_announced_by_check(content, tmp_path):
    """Images from other sites and frames from unlisted hosts: the CSP would block them, the
    sanitiser drops them, and the editor is told where."""
    content.post(
        "embed",
        'Ảnh: ![bản đồ](https://maps.example/a.png)\n\n<iframe src="https://evil.example/x"></iframe>\n',
        Title="Nhúng",
        Date="2020-03-01",
    )
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 0
    assert "posts/embed.md:4: CẢNH BÁO: ảnh 'https://maps.example/a.png' lấy từ trang khác" in result.stdout
    assert "posts/embed.md:6: CẢNH BÁO: khung nhúng (iframe) từ 'https://evil.example/x'" in result.stdout
    html = read(build(content.path, tmp_path / "out") / "tin-tuc/2020/nhung/index.html")
    assert "maps.example" not in html and "evil.example" not in html


def test_bullet_lines_pasted_from_word_become_a_list(content, tmp_path):
    content.post(
        "list",
        "Nội dung gồm:\n• tuyên truyền\n• phổ biến\n\nKết luận:\n- một\n- hai\n",
        Title="Danh sách",
        Date="2020-03-01",
    )
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 0
    assert (
        "posts/list.md:5: CẢNH BÁO: dòng gạch đầu dòng hoặc đánh số dán từ Word: dấu '•' đổi thành '-', "
        "thêm một dòng trống trước danh sách" in result.stdout
    )
    assert (
        "posts/list.md:9: CẢNH BÁO: dòng gạch đầu dòng hoặc đánh số dán từ Word: thêm một dòng trống"
        in result.stdout
    )
    body = BeautifulSoup(
        read(build(content.path, tmp_path / "out") / "tin-tuc/2020/danh-sach/index.html"), "html.parser"
    ).select_one(".post-body")
    assert [[li.get_text() for li in ul.find_all("li")] for ul in body.find_all("ul")] == [
        ["tuyên truyền", "phổ biến"],
        ["một", "hai"],
    ]


def test_paragraphs_and_numbered_lists_pasted_from_word(content, tmp_path):
    content.post(
        "doan",
        "Sáng ngày 5/10, Sở Khoa học và Công nghệ tổ chức hội nghị giao ban quý III năm 2020.\n"
        "Hội nghị đã thảo luận các nội dung chính như sau, với sự tham gia của các phòng:\n"
        "1. Mục một\n2. Mục hai\n+ ý cộng\nĐoạn kết luận sau danh sách.\n",
        Title="Đoạn",
        Date="2020-03-01",
    )
    assert run_invoke("check", "--content", str(content.path)).returncode == 0
    body = BeautifulSoup(
        read(build(content.path, tmp_path / "out") / "tin-tuc/2020/doan/index.html"), "html.parser"
    ).select_one(".post-body")
    assert [p.get_text() for p in body.find_all("p", recursive=False)][-1] == "Đoạn kết luận sau danh sách."
    assert len(body.find_all("p", recursive=False)) == 3
    assert [li.get_text() for li in body.select("ol li")] == ["Mục một", "Mục hai"]
    assert [li.get_text() for li in body.select("ul li")] == ["ý cộng"]


def test_files_in_the_content_folder_never_run_as_templates(content, tmp_path):
    """Pelican reads TEMPLATE_PAGES' templates from the content folder first: a `robots.txt`
    an editor dropped there ran as Jinja at build time ({{ 7*7 }} became 49). Every page now
    comes from the theme."""
    content.post("a", Title="Tin một", Date="2020-03-01 08:00", Items="1")
    for name in ("robots.txt", "robots.html", "english.html", "manifest.html", "home.html", "base.html"):
        content.write(name, "{{ 7*7 }}-CHEN-VAO")
    site = build(content.path, tmp_path / "out")
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".webmanifest", ".json"):
            assert "CHEN-VAO" not in path.read_text(encoding="utf-8"), path
    assert "Sitemap: https://sokhcn.sonla.gov.vn/sitemap.xml" in read(site / "robots.txt")


def test_a_line_break_the_writer_asked_for_is_not_taken_for_a_new_paragraph(content, tmp_path):
    """Two trailing spaces (the web editor's Shift+Enter) end a long sentence line: one paragraph
    with a line break, no warning; without them, Word's paragraph break as before."""
    long = "Sở Khoa học và Công nghệ tổ chức hội nghị sơ kết công tác sáu tháng đầu năm."
    content.post("ngat", f"{long}  \nDòng thứ hai sau ngắt dòng.\n", Title="Ngắt dòng", Date="2020-03-01")
    content.post("doan-word", f"{long}\nĐoạn thứ hai dán từ Word.\n", Title="Đoạn Word", Date="2020-03-02")
    result = run_invoke("check", "--content", str(content.path))
    assert "posts/ngat.md" not in result.stdout
    assert "posts/doan-word.md:5: CẢNH BÁO: dòng này mở đầu một đoạn mới" in result.stdout
    site = build(content.path, tmp_path / "out")
    body = BeautifulSoup(read(site / "tin-tuc/2020/ngat-dong/index.html"), "html.parser").select_one(
        ".post-body"
    )
    [paragraph] = body.find_all("p")
    assert paragraph.find("br") and "Dòng thứ hai" in paragraph.get_text()


def test_a_backslash_address_is_another_site(content, tmp_path):
    """Browsers read `/\\evil.example/` as `//evil.example/`: an image from there is dropped, and a
    link there is not taken for a page of this site."""
    content.post(
        "a", '<img src="/\\evil.example/trang/2/" alt="logo">', Title="Tin", Date="2020-03-01", Slug="a"
    )
    site = build(content.path, tmp_path / "out")
    body = BeautifulSoup(read(site / "tin-tuc" / "2020" / "a" / "index.html"), "html.parser").select_one(
        ".post-body"
    )
    assert not body.find("img", src=True)


def test_a_hidden_post_is_not_offered_to_the_search_index(content, tmp_path):
    """Hidden posts have a page but appear in no listing (the guide): not in search either."""
    content.post("an", Title="Tin ẩn", Date="2020-03-01", Slug="an", Status="hidden")
    content.post("hien", Title="Tin đăng", Date="2020-03-02", Slug="hien")
    site = build(content.path, tmp_path / "out")
    hidden = BeautifulSoup(read(site / "tin-tuc/2020/an/index.html"), "html.parser")
    shown = BeautifulSoup(read(site / "tin-tuc/2020/hien/index.html"), "html.parser")
    assert hidden.find(attrs={"data-pagefind-body": True}) is None
    assert shown.find(attrs={"data-pagefind-body": True}) is not None


def test_a_word_list_pasted_into_the_rich_text_box_is_a_list_said_in_the_forms_words(content, tmp_path):
    """Issue 27: Word's list pasted into the web editor's rich-text box arrives as paragraphs
    starting with its bullet glyph padded with spaces, "o" one level in: published as the list it
    was (the "o" items nested), each change warned of, in the words of the form (no file, no line)."""
    from editors.editor import EditorSite

    content.post(
        "dan",
        # As Word pastes it: its glyphs padded with no-break spaces, some with plain ones.
        "Các lĩnh vực:\n\n·\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 Khoa học tự nhiên\n\n"
        "o\u00a0\u00a0 trong đó có vật lý\n\no   và hóa học\n\n"
        "·        Công nghệ\n\nNgười dân có thể gửi ý kiến.\n",
        Title="Dán từ Word",
        Date="2020-03-01",
    )
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 0
    assert "posts/dan.md:6: CẢNH BÁO: dòng gạch đầu dòng hoặc đánh số dán từ Word: dấu '·' đổi thành '-'" in (
        result.stdout
    )
    assert "posts/dan.md:8: CẢNH BÁO: dòng gạch đầu dòng cấp hai dán từ Word (dấu 'o')" in result.stdout
    body = BeautifulSoup(
        read(build(content.path, tmp_path / "out") / "tin-tuc/2020/dan-tu-word/index.html"), "html.parser"
    ).select_one(".post-body")
    [outer] = [ul for ul in body.find_all("ul") if ul.find_parent("ul") is None]
    items = outer.find_all("li", recursive=False)
    assert [li.p.get_text() for li in items] == ["Khoa học tự nhiên", "Công nghệ"]
    assert [li.get_text(strip=True) for li in items[0].select("ul li")] == [
        "trong đó có vật lý",
        "và hóa học",
    ]
    assert "·" not in body.get_text() and "o   " not in body.get_text()

    editor = EditorSite(content.path, backend="/nonexistent.sock", preview_url="http://127.0.0.1:1/")
    editor.saved = ["posts/dan.md"]
    said = editor.last_save()["problems"]
    assert said and all(not p["error"] for p in said)
    assert {p["where"] for p in said} >= {
        "Ô «Nội dung», đoạn «Khoa học tự nhiên»",
        "Ô «Nội dung», đoạn «trong đó có vật lý»",
    }
    for problem in said:
        words = (problem["where"] + " " + problem["fix"]).lower()
        assert "tệp" not in words and "dòng " not in words, problem

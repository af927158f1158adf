"""Nothing in the content folder reaches outside the site, and `check` finds everything `build`
stops on: symlinks, `..` links, missing link targets, slow or deep Markdown, reserved page slugs."""

import os
import re

import pytest
from conftest import build, read, run_invoke, small_picture

from builder.build import BuildFailed
from builder.settings import load_settings
from portal.checker import check_content, site_folders


def errors(content):
    result = check_content(content.path, load_settings(content.path), shown_dir="content")
    return [str(p) for p in result.errors]


def assert_check_and_build_refuse(content, tmp_path, *expected):
    """check names every expected problem; build stops and writes nothing."""
    found = errors(content)
    for text in expected:
        assert any(text in e for e in found), (text, found)
    output = tmp_path / "out"
    with pytest.raises(BuildFailed) as failure:
        build(content.path, output)
    assert not output.exists()
    return str(failure.value)


def test_symlinked_image_to_a_system_file_is_refused(content, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu", encoding="utf-8")
    (content.path / "images").mkdir()
    os.symlink(secret, content.path / "images" / "anh.jpg")
    os.symlink(tmp_path, content.path / "images" / "thu-muc")
    content.post("a", Title="Tin", Date="2020-03-01")
    message = assert_check_and_build_refuse(
        content,
        tmp_path,
        "content/images/anh.jpg: LỖI: là liên kết tượng trưng (symlink)",
        "content/images/thu-muc: LỖI: là liên kết tượng trưng",
    )
    assert "images/anh.jpg" in message


def test_symlinked_post_folder_cannot_replace_the_home_page(content, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "trang-chu.md").write_text(
        "Title: Chiếm trang chủ\nDate: 2020-03-01\nSave_as: index.html\n\nx\n", encoding="utf-8"
    )
    content.post("a", Title="Tin thật", Date="2020-03-01")
    site = build(content.path, tmp_path / "site")  # a good build first
    home = read(site / "index.html")
    os.symlink(elsewhere, content.path / "posts" / "ngoai")
    with pytest.raises(BuildFailed, match="posts/ngoai"):
        build(content.path, site)
    assert read(site / "index.html") == home
    assert any("content/posts/ngoai: LỖI: là liên kết tượng trưng" in e for e in errors(content))


@pytest.mark.parametrize(
    "link, expected",
    [
        ("![ảnh]({static}../../../../etc/hostname)", "trỏ ra ngoài thư mục nội dung"),
        ("[tệp]({attach}/../outside.txt)", "trỏ ra ngoài thư mục nội dung"),
        ('<img src="|static|../../x.png" alt="x">', "trỏ ra ngoài thư mục nội dung"),
        ("![ảnh]({static}/images/khong-co.png)", "dẫn tới tệp không có"),
        ("[kế hoạch]({static}/plans/118-KH-KHCN-2020.yml)", "dẫn tới tệp không có trong các thư mục ảnh"),
        ("[bài]({filename}/posts/khong-co.md)", "dẫn tới bài hoặc trang không có"),
        ("[thẻ]({tag}cai-cach)", "loại trang mà trang web này không có"),
        ('<a href="&#123;static&#125;/../outside.txt">văn bản</a>', "trỏ ra ngoài thư mục nội dung"),
        ("[văn bản](&#x7b;static&#x7d;/../outside.txt)", "trỏ ra ngoài thư mục nội dung"),
        ("[văn bản](\\{static\\}/../outside.txt)", "trỏ ra ngoài thư mục nội dung"),
        ('<a href="{static}/images/x /../../../outside.txt">văn bản</a>', "trỏ ra ngoài thư mục nội dung"),
        ("[a]({static}/images/x'/../../../outside.txt)", "trỏ ra ngoài thư mục nội dung"),
        ("[a]({static}/images/x'/../../posts/a.md)", "dẫn tới tệp không có trong các thư mục ảnh"),
        ("<img src={static}/images/x'/../../../outside.txt alt=x>", "trỏ ra ngoài thư mục nội dung"),
        ("[r]: {static}/images/x'/../../../outside.txt", "trỏ ra ngoài thư mục nội dung"),
    ],
)
def test_intrasite_links_must_stay_inside_and_exist(content, tmp_path, link, expected):
    (tmp_path / "outside.txt").write_text("ngoài", encoding="utf-8")
    (content.path / "images").mkdir()
    (content.path / "images" / "x").mkdir()
    content.post("a", f"Đoạn đầu.\n\n{link}\n", Title="Tin", Date="2020-03-01")
    assert_check_and_build_refuse(content, tmp_path, "content/posts/a.md:6: LỖI: liên kết")
    assert any(expected in e for e in errors(content))
    assert not (tmp_path / "etc").exists()


def test_good_intrasite_links_build(content, tmp_path):
    (content.path / "images").mkdir()
    (content.path / "images" / "ảnh hội nghị.png").write_bytes(small_picture("png"))
    content.post("b", Title="Tin khác", Date="2020-03-02")
    content.post(
        "a",
        "![Hội nghị]({static}/images/ảnh%20hội%20nghị.png)\n\n[Tin khác]({filename}b.md)\n",
        Title="Tin",
        Date="2020-03-01",
    )
    assert errors(content) == []
    site = build(content.path, tmp_path / "out")
    assert (site / "images" / "ảnh hội nghị.png").is_file()
    assert 'href="/tin-tuc/2020/tin-khac/"' in read(site / "tin-tuc/2020/tin/index.html")


def test_slow_and_deep_markdown_is_refused_by_check_with_its_line(content, tmp_path):
    content.post("ngoac", "Mở đầu.\n\n" + "[" * 20_000 + "\n", Title="Ngoặc", Date="2020-03-01")
    content.post(
        "long",
        "Mở đầu.\n\n" + "\n".join("    " * i + "- mục" for i in range(40)) + "\n",
        Title="Lồng",
        Date="2020-03-01",
    )
    content.post(
        "trich", "\n".join(">" * i + " x" for i in range(1, 30)) + "\n", Title="Trích", Date="2020-03-01"
    )
    assert_check_and_build_refuse(
        content,
        tmp_path,
        "content/posts/ngoac.md:6: LỖI: đoạn văn có 20000 dấu '['",
        "content/posts/long.md:",
        "content/posts/trich.md:",
    )


@pytest.mark.slow
def test_the_reader_bounds_render_time_and_depth_naming_the_file(content):
    """The last line of defence behind the checker: a render that runs too long fails, named."""
    from markdown_reader.markdown_reader import SafeMarkdownReader

    from portal.problems import ContentError

    settings = load_settings(content.path, MARKDOWN_TIME_LIMIT=0.2)
    path = content.post("cham", "[" * 6000 + "\n", Title="Chậm", Date="2020-03-01")
    with pytest.raises(ContentError, match=r"cham\.md.*hơn 0\.2 giây"):
        SafeMarkdownReader(settings).read(str(path))
    deep = content.post(
        "sau", "\n".join("    " * i + "- x" for i in range(600)) + "\n", Title="Sâu", Date="2020-03-01"
    )
    with pytest.raises(ContentError, match=r"sau\.md.*lồng nhau quá sâu"):
        SafeMarkdownReader(load_settings(content.path, MARKDOWN_TIME_LIMIT=0)).read(str(deep))


def test_header_with_space_before_colon_is_read_the_same_by_check_and_build(content, tmp_path):
    content.post(
        "a",
        "Title : Tin có khoảng trắng\nDate : 2020-03-01\nSlug : duong-dan-rieng\nItems : 1\n\nNội dung.\n",
    )
    result = check_content(content.path, load_settings(content.path))
    assert result.errors == [] and result.posts[0].slug == "duong-dan-rieng"
    site = build(content.path, tmp_path / "out")
    page = read(site / "tin-tuc/2020/duong-dan-rieng/index.html")
    assert "Tin có khoảng trắng" in page and "Slug :" not in page and "Nội dung." in page


def test_uppercase_markdown_extension_is_named_not_dropped(content, tmp_path):
    (content.path / "posts" / "BAI.MD").write_text("Title: Tin\nDate: 2020-03-01\n\nx\n", encoding="utf-8")
    assert_check_and_build_refuse(content, tmp_path, "content/posts/BAI.MD: LỖI: phần mở rộng '.MD' viết hoa")


def test_page_slug_may_not_take_a_folder_of_the_site(content, tmp_path):
    content.write("pages/tim-kiem.md", "Title: Tìm kiếm riêng\nSlug: tim-kiem\n\nx\n")
    content.write("pages/tin.md", "Title: Tin tức\nSlug: tin-tuc\n\nx\n")
    assert_check_and_build_refuse(
        content,
        tmp_path,
        "content/pages/tim-kiem.md:2: LỖI: trang được ghi ra 'tim-kiem/index.html'",
        "content/pages/tin.md:2:",
    )


def test_site_folders_cover_everything_the_sample_site_writes(sample_site):
    from conftest import ROOT

    site = sample_site
    pages = {p.stem for p in (ROOT / "content" / "pages").glob("*.md")}
    slugs = {
        line.split(":", 1)[1].strip()
        for p in (ROOT / "content" / "pages").glob("*.md")
        for line in read(p).splitlines()
        if line.lower().startswith("slug:")
    }
    # (.gz/.br copies: a publish earlier in this process left pelican-precompress connected)
    written = (
        {p.name.removesuffix(".gz").removesuffix(".br") for p in site.iterdir() if not p.name.startswith(".")}
        - pages
        - slugs
    )
    written -= {"404.html", "index.html"}
    assert written - site_folders(load_settings(ROOT / "content")) == set()


def test_missing_content_folder_is_a_message(tmp_path):
    for task in (["check"], ["build", "--output", str(tmp_path / "o")], ["report", "--period", "cả năm"]):
        result = run_invoke(*task, "--content", str(tmp_path / "khong-co"))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "thư mục nội dung không tồn tại" in result.stderr


def test_unreadable_file_names_are_named(content, tmp_path):
    raw = os.fsencode(content.path / "posts") + b"/tin-c\xf3-d\xe2u.md"  # Windows-1258 bytes
    with open(raw, "wb") as handle:
        handle.write(b"Title: Tin\nDate: 2020-03-01\n\nx\n")
    (content.path / "images").mkdir()
    (content.path / "images" / "anh\nmoi.png").write_bytes(b"x")
    assert_check_and_build_refuse(
        content,
        tmp_path,
        "content/posts/tin-c\\udcf3-d\\udce2u.md: LỖI: tên tệp",
        "content/images/anh\nmoi.png: LỖI: tên tệp",
    )


@pytest.mark.parametrize(
    "target, named",
    [
        ("/../secret.txt", "secret.txt"),  # outside the content folder
        ("/theme/js/search.js", "theme/js/search.js"),  # inside, but not a picture or document folder
        ("/e.html", "e.html"),
    ],
)
def test_the_last_gate_stops_a_link_the_checker_missed(content, tmp_path, monkeypatch, target, named):
    """Behind the checker: whatever spelling asked Pelican for a file, only pictures and
    documents under STATIC_PATHS are copied; anything else stops the build before writing,
    naming the post (builder.links; builder.site_model's verify_static behind it)."""
    import portal.checker

    (tmp_path / "secret.txt").write_text("bí mật", encoding="utf-8")
    (content.path / "theme" / "js").mkdir(parents=True)
    (content.path / "theme" / "js" / "search.js").write_text("alert(1)")
    (content.path / "e.html").write_text("<script>alert(1)</script>")
    content.post("a", f'<a href="&#123;static&#125;{target}">x</a>\n', Title="Tin", Date="2020-03-01")
    monkeypatch.setattr(portal.checker, "link_problems", lambda *args, **kwargs: [])
    monkeypatch.setattr(portal.checker, "rendered_link_problems", lambda *args, **kwargs: [])
    with pytest.raises(BuildFailed, match=r"posts/a\.md: LỖI: liên kết '\{static\}" + re.escape(target)):
        build(content.path, tmp_path / "a" / "out")
    assert not (tmp_path / "a").exists() or not list((tmp_path / "a").rglob(named.rsplit("/", 1)[-1]))


def test_only_pictures_and_documents_are_published_as_files(content, tmp_path):
    (content.path / "images").mkdir()
    (content.path / "images" / "a.html").write_text("<script src='/images/a.js'></script>")
    (content.path / "images" / "a.js").write_text("alert(document.domain)")
    (content.path / "images" / "b.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    (content.path / "images" / "ANH.JPG").write_bytes(small_picture())
    content.post("a", Title="Tin", Date="2020-03-01")
    assert_check_and_build_refuse(
        content,
        tmp_path,
        "content/images/a.html: LỖI: loại tệp '.html'",
        "content/images/a.js: LỖI: loại tệp '.js'",
        "content/images/b.svg:",
    )
    assert not any("ANH.JPG" in e for e in errors(content))


def test_more_slow_markdown_shapes_are_refused_and_a_slow_render_is_named(content, tmp_path):
    content.post("rao", "```\n" * 400, Title="Rào", Date="2020-03-01")
    content.post("dinh-nghia", "a\n" + ": b\n" * 400, Title="Định nghĩa", Date="2020-03-01")
    content.post("the", "<a \n" * 4000 + "chữ " * 20000, Title="Thẻ", Date="2020-03-01")
    content.post("cdata", "<![" * 299 + "\n" + "x " * 49000, Title="CDATA", Date="2020-03-01")
    content.post("nhan", "*_" * 49000, Title="Nhấn", Date="2020-03-01")
    content.post("gach", "- " * 600 + "x", Title="Gạch", Date="2020-03-01")
    content.post("div", '<div markdown="1">\n' * 500, Title="Div", Date="2020-03-01")
    assert_check_and_build_refuse(
        content,
        tmp_path,
        "content/posts/rao.md:104: LỖI: tệp có 400 dòng mở/đóng",
        "content/posts/dinh-nghia.md:",
        "content/posts/the.md:4: LỖI: tệp dài 96 KB có 4000 dấu '<' không đóng",
        "content/posts/cdata.md:4: LỖI: tệp có 299 chú thích",
        "content/posts/nhan.md:4: LỖI: đoạn văn dài 98 KB",
        "content/posts/gach.md:4: LỖI: danh sách hoặc trích dẫn lồng",
        "content/posts/div.md:",
    )
    for name in ("rao", "dinh-nghia", "the", "cdata", "nhan", "gach", "div"):
        (content.path / "posts" / f"{name}.md").unlink()
    content.post(
        "vua", "Đoạn có \\[ngoặc thoát\\] " * 400 + "\n\n" + "[x](#y) " * 250, Title="Vừa", Date="2020-03-01"
    )
    content.post(
        "bang",
        "<table>\n" + "<tr><td>ô</td><td>**đậm** và _nghiêng_</td></tr>\n" * 800 + "</table>\n",
        Title="Bảng",
        Date="2020-03-01",
    )
    assert errors(content) == []  # escaped brackets, closed tags and closed emphasis do not count
    with pytest.raises(BuildFailed, match=r"posts/vua.md: LỖI: nội dung cần hơn 0.001 giây"):
        build(content.path, tmp_path / "out", MARKDOWN_TIME_LIMIT=0.001)


def test_a_title_too_long_for_a_folder_name_is_named_with_a_shorter_slug(content, tmp_path):
    title = "Hội nghị tổng kết công tác cải cách hành chính và nâng cao chỉ số PAPI " * 4
    content.post("dai", Title=title, Date="2020-03-01")
    message = next(e for e in errors(content) if "đường dẫn (slug) dài" in e)
    assert message.startswith("content/posts/dai.md:1: LỖI:")
    assert "Slug: hoi-nghi-tong-ket-cong-tac-cai-cach-hanh-chinh-va-nang-cao-chi-so-papi-hoi-nghi'" in message
    assert_check_and_build_refuse(content, tmp_path, "đường dẫn (slug) dài")
    made = run_invoke("new", "--content", str(content.path), "--title", title, "--date", "2020-03-02 08:00")
    assert made.returncode == 0, made.stderr
    (content.path / "posts" / "dai.md").unlink()
    assert [e for e in errors(content) if "câu mẫu" not in e] == []


def test_a_hidden_post_dated_in_the_future_is_scheduled_like_any_other(content, tmp_path):
    content.post("an", Title="Bài ẩn hẹn giờ", Date="2099-01-01 08:00", Status="hidden")
    content.post("a", Title="Tin", Date="2020-03-01")
    assert errors(content) == []
    site = build(content.path, tmp_path / "out")
    assert not list(site.rglob("bai-an-hen-gio"))


def test_internal_links_must_lead_to_pages_the_build_makes(content, tmp_path):
    content.post("b", Title="Tin khác", Date="2020-03-02", Items="1")
    content.write("pages/lien-he.md", "Title: Liên hệ\n\nĐịa chỉ của Sở.\n")
    content.post(
        "a",
        "Xem [tin khác](/tin-tuc/2020/tin-khac/), [liên hệ](/lien-he/), [mục 1]"
        "(https://sokhcn.sonla.gov.vn/ke-hoach/118-kh-khcn-2020/y-nghia-cai-cach-hanh-chinh-papi/), "
        "[lưu trữ](../../../luu-tru/2020/03/), [tin tức trang 2](/tin-tuc/trang/2/), "
        "[ngoài](https://example.org/).\n\n"
        "Hỏng: [tin cũ](/tin-tuc/2019/khong-co/) và "
        '<a href="/gioi-thieu-so/">giới thiệu</a> và [tương đối](../khong-co/).\n',
        Title="Tin",
        Date="2020-03-01",
    )
    found = [e for e in errors(content) if "liên kết nội bộ" in e]
    assert [e.split(" dẫn tới")[0] for e in found] == [
        "content/posts/a.md:6: LỖI: liên kết nội bộ '/tin-tuc/2019/khong-co/'",
        "content/posts/a.md:6: LỖI: liên kết nội bộ '/gioi-thieu-so/'",
        "content/posts/a.md:6: LỖI: liên kết nội bộ '../khong-co/'",
    ]


def test_hard_links_are_refused_wherever_they_are(content, tmp_path):
    """A hard link is the outside file itself: each build would publish whatever it holds now."""
    outside = tmp_path / "luong.pdf"
    outside.write_bytes(b"%PDF-1.4 bang luong")
    (content.path / "files" / "2020").mkdir(parents=True)
    os.link(outside, content.path / "files" / "2020" / "bieu-mau.pdf")
    post = content.post("a", "[Biểu mẫu]({static}/files/2020/bieu-mau.pdf)", Title="Tin", Date="2020-03-01")
    os.link(post, tmp_path / "ban-sao.md")
    message = assert_check_and_build_refuse(
        content,
        tmp_path,
        "content/files/2020/bieu-mau.pdf: LỖI: là liên kết cứng (hard link)",
        "content/posts/a.md: LỖI: là liên kết cứng (hard link)",
    )
    assert "cp, không dùng ln" in message


@pytest.mark.parametrize("slug", ["ket-qua", "van-ban"])
def test_an_item_slug_may_not_take_a_plan_page(content, tmp_path, slug):
    plan = content.path / "plans" / "118-KH-KHCN-2020.yml"
    text = plan.read_text(encoding="utf-8")
    first_item = re.search(r"\n(\s+)slug: (\S+)", text.split("items:", 1)[1]).group(2)
    plan.write_text(text.replace(f"slug: {first_item}", f"slug: {slug}", 1), encoding="utf-8")
    content.post("a", Title="Tin", Date="2020-03-01", Items="1")
    assert_check_and_build_refuse(
        content, tmp_path, f"plans/118-KH-KHCN-2020.yml: LỖI: mục 1 có slug '{slug}', trùng địa chỉ"
    )


def test_a_plugin_fault_on_one_file_names_that_file(content, tmp_path, monkeypatch):
    """Whatever a plugin raises while making a page or file from content (here, the picture
    cleaner failing on a photo the checker was kept from seeing) stops the build naming that file."""
    import portal.checker
    import portal.images

    def broken(*args, **kwargs):
        raise RuntimeError("thư viện ảnh hỏng")

    (content.path / "images").mkdir()
    (content.path / "images" / "anh.jpg").write_bytes(small_picture())
    content.post("a", Title="Tin", Date="2020-03-01", Image="{static}/images/anh.jpg", Image_alt="Ảnh")
    monkeypatch.setattr(portal.checker._Checker, "check_pictures", lambda self: None)
    monkeypatch.setattr(portal.images, "clean_picture", broken)
    with pytest.raises(BuildFailed) as failed:
        build(content.path, tmp_path / "out", CACHE_PATH=str(tmp_path / "cache"))
    assert failed.value.problems[0].path.endswith("images/anh.jpg")
    assert (
        "content/images/anh.jpg: LỖI: không dựng được trang từ tệp này (RuntimeError: thư viện ảnh hỏng)"
        in str(failed.value)
    )


def test_a_plans_full_text_is_bounded_as_a_post_is(content, tmp_path):
    """The plan's text page was rendered by plain Markdown with no bound: 24 KB of '[a' took 36 s."""
    plan = content.path / "plans" / "118-KH-KHCN-2020.yml"
    text = plan.read_text(encoding="utf-8")
    assert "\ntext: |\n" in text
    plan.write_text(text.replace("\ntext: |\n", "\ntext: |\n  " + "[a" * 2000 + "\n", 1), encoding="utf-8")
    content.post("a", Title="Tin", Date="2020-03-01")
    assert_check_and_build_refuse(
        content,
        tmp_path,
        "plans/118-KH-KHCN-2020.yml: LỖI: phần 'text' (toàn văn kế hoạch), dòng 1: đoạn văn có",
    )


def test_long_runs_that_made_regular_expressions_quadratic_build_in_bounded_time(content, tmp_path):
    """Pelican's placeholder pattern on '{' and 150,000 '|' took 4 minutes, the theme's picture
    pattern on 100,000 spaces in an alt text a minute: both now scan in linear time. (A guard
    against a hang, not a timing: run_invoke fails a build still running after two minutes.)"""
    (content.path / "images").mkdir()
    (content.path / "images" / "anh.jpg").write_bytes(small_picture())
    content.post(
        "gach",
        # The run in the link's title, its quote closed: Markdown reads the address as '/tin-tuc/'.
        "Xem [lịch](/tin-tuc/ \"content='{" + "|" * 150_000 + '") nhé.',
        Title="Gạch",
        Date="2020-03-01",
    )
    content.post(
        "cach",
        "![Hội nghị" + " " * 300_000 + "giao ban]({static}/images/anh.jpg)",
        Title="Cách",
        Date="2020-03-02",
    )
    result = run_invoke(
        "build", "--content", str(content.path), "--output", str(tmp_path / "out"), timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    page = read(tmp_path / "out" / "tin-tuc" / "2020" / "gach" / "index.html")
    assert "content='{|||" in page and 'href="/tin-tuc/"' in page


def test_a_path_too_long_for_the_output_is_refused_by_check(content, tmp_path):
    folder = content.path / "images" / "/".join(["a" * 200] * 5)
    folder.mkdir(parents=True)
    (folder / "anh.jpg").write_bytes(small_picture())
    content.post("a", Title="Tin", Date="2020-03-01")
    message = assert_check_and_build_refuse(
        content, tmp_path, "LỖI: đường dẫn trong thư mục nội dung dài 1019 byte, quá 1000"
    )
    assert "đặt tên thư mục, tên tệp ngắn hơn" in message

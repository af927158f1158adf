"""The content checker: each problem class with a failing and a passing input."""

import datetime as dt

import pytest
from conftest import build, run_invoke

from builder.settings import load_settings
from portal.checker import check_content
from portal.dates import LOCAL_TZ

NOW = dt.datetime(2026, 1, 1, tzinfo=LOCAL_TZ)


def check(content, now=NOW):
    return check_content(content.path, load_settings(content.path), now=now, shown_dir="content")


def errors(content):
    return [str(p) for p in check(content).errors]


def raw_post(content, name, data: bytes):
    path = content.path / "posts" / f"{name}.md"
    path.write_bytes(data)
    return path


GOOD = "Title: Tin tốt\nDate: 2020-03-01 08:00\nItems: 1\n\nNội dung có dấu tiếng Việt.\n"


def test_utf16_and_invalid_utf8_are_errors_naming_the_file(content):
    raw_post(content, "utf16", GOOD.encode("utf-16"))
    raw_post(
        content,
        "cp1258",
        "Title: Tin\nDate: 2020-03-01\n\nNội dung\n".encode().replace(b"dung", b"d\xf9ng"),
    )
    found = errors(content)
    assert any(e.startswith("content/posts/utf16.md: LỖI: tệp được lưu bằng bảng mã UTF-16") for e in found)
    assert any(e.startswith("content/posts/cp1258.md:4: LỖI: tệp có ký tự không phải UTF-8") for e in found)


def test_bom_and_crlf_are_accepted(content, tmp_path):
    raw_post(content, "windows", b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"))
    result = check(content)
    assert result.errors == [] and result.posts[0].title == "Tin tốt"
    assert [i.number for i in result.posts[0].items] == [1]
    site = build(content.path, tmp_path / "out")
    assert "Nội dung có dấu tiếng Việt." in (site / "tin-tuc/2020/tin-tot/index.html").read_text("utf-8")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Date: 2020-03-01\n\nx", "content/posts/p.md:1: LỖI: thiếu tiêu đề"),
        ("Title:\nDate: 2020-03-01\n\nx", "content/posts/p.md:1: LỖI: tiêu đề để trống"),
        ("Title: Tin\n\nx", "content/posts/p.md:1: LỖI: thiếu ngày đăng"),
        ("Title: Tin\nDate: 2020-02-30\n\nx", "p.md:2: LỖI: Date: ngày '2020-02-30' không tồn tại"),
        ("Title: Tin\nDate: 2020-02-03 25:00\n\nx", "không tồn tại trong lịch"),
        ("Title: Tin\nDate: 03/02/2020\n\nx", "nếu là ngày 3 tháng 2 năm 2020 hãy viết 2020-02-03"),
        ("Title: Tin\nDate: 3 tháng 2 năm 2020\n\nx", "không đúng định dạng"),
        ("Title: Tin\nDate: 2020\n\nx", "không đúng định dạng"),
        ("", "tệp rỗng"),
    ],
)
def test_title_and_date_errors(content, text, expected):
    content.post("p", text)
    assert any(expected in e for e in errors(content)), errors(content)


@pytest.mark.parametrize(
    "date, expected",
    [
        ("2020-02-03", dt.datetime(2020, 2, 3, tzinfo=LOCAL_TZ)),
        ("2020-02-03 07:05", dt.datetime(2020, 2, 3, 7, 5, tzinfo=LOCAL_TZ)),
        ("2020-02-03 07:05:09", dt.datetime(2020, 2, 3, 7, 5, 9, tzinfo=LOCAL_TZ)),
        ("2020-02-03T07:05", dt.datetime(2020, 2, 3, 7, 5, tzinfo=LOCAL_TZ)),
    ],
)
def test_documented_date_formats_are_read_day_after_month(content, date, expected):
    content.post("p", Title="Tin", Date=date)
    assert check(content).posts[0].date == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\nTitle: Tin\nDate: 2020-03-01\n\nx", "p.md:1: LỖI: có dòng trống trước phần thông tin"),
        (
            "Title: Tin\nDate: 2020-03-01\nTittle: Tin\n\nx",
            "p.md:3: LỖI: khóa 'Tittle' không được hỗ trợ — có phải 'Title'?",
        ),
        ("Title: Tin\nDate: 2020-03-01\nAuthor2: Lan\n\nx", "khóa 'Author2' không được hỗ trợ"),
        (
            "Title: Tin\nDate: 2020-03-01\nTitle: Tin khác\n\nx",
            "p.md:3: LỖI: khóa 'Title' được viết hai lần (lần đầu ở dòng 1)",
        ),
        (
            "Title: Tin\nDate: 2020-03-01\nItems: 1\nItems: 4\n\nx",
            "lần đầu ở dòng 3) — giữ một dòng, gộp các giá trị bằng dấu phẩy",
        ),
        ("Title: Tin\nDate: 2020-03-01\nContent: x\n\nx", "khóa 'Content' có ý nghĩa đặc biệt"),
        ("Title: Tin\nDate: 2020-03-01\nUrl: x\n\nx", "khóa 'Url' có ý nghĩa đặc biệt"),
        ("Title: Tin\nDate: 2020-03-01\nSave_as: x.html\n\nx", "khóa 'Save_as' có ý nghĩa đặc biệt"),
        ("Title: Tin\nDate: 2020-03-01\nTemplate: page\n\nx", "khóa 'Template' có ý nghĩa đặc biệt"),
        ("Tiêu đề: Tin\nDate: 2020-03-01\n\nx", "p.md:1: LỖI: khóa 'Tiêu đề' không hợp lệ — viết 'Title:'"),
        (
            "Title: Tin\nDate: 2020-03-01\nnội dung ngay sau\n\nx",
            "p.md:3: LỖI: dòng 'nội dung ngay sau' nằm trong phần thông tin",
        ),
        (
            "Title: Tin\nDate: 2020-03-01\nStatus: publish\n\nx",
            "p.md:3: LỖI: trạng thái 'publish' không hợp lệ — dùng một trong: published, draft, hidden",
        ),
    ],
)
def test_broken_headers_name_the_key(content, text, expected):
    content.post("p", text)
    assert any(expected in e for e in errors(content)), errors(content)


def test_a_single_value_key_written_twice_is_not_told_to_join_values(content):
    content.post("p", "Title: Tin\nDate: 2020-03-01\nForm: a\nForm: b\n\nx")
    (twice,) = [e for e in errors(content) if "viết hai lần" in e]
    assert twice.endswith("(lần đầu ở dòng 3) — giữ một dòng")


@pytest.mark.parametrize("status", ["published", "draft", "hidden", "Draft"])
def test_known_statuses(content, status):
    content.post("p", Title="Tin", Date="2020-03-01", Status=status)
    assert errors(content) == []


def test_titles_differing_only_in_tone_marks(content):
    content.post("a", Title="Sở tổ chức hội thảo", Date="2020-03-01")
    content.post("b", Title="Sở tổ chức hội thao", Date="2020-04-01")
    (error,) = errors(content)
    assert error.startswith(
        "content/posts/b.md:1: LỖI: bài này và content/posts/a.md cùng được ghi ra "
        "'tin-tuc/2020/so-to-chuc-hoi-thao/index.html'"
    )
    assert "Slug: so-to-chuc-hoi-thao-2" in error
    content.post("b", Title="Sở tổ chức hội thao", Date="2020-04-01", Slug="so-to-chuc-hoi-thao-the-thao")
    assert errors(content) == []


def test_title_with_no_slug(content):
    content.post("emoji", Title="🎉🎉🎉", Date="2020-03-01")
    (error,) = errors(content)
    assert "không tạo được đường dẫn (slug)" in error and "Slug:" in error
    content.post("emoji", Title="🎉🎉🎉", Date="2020-03-01", Slug="chuc-mung")
    assert errors(content) == []
    content.post("emoji", Title="🎉", Date="2020-03-01", Slug="Chúc mừng")
    assert "Slug 'Chúc mừng' không hợp lệ" in errors(content)[0]


def test_files_that_would_be_ignored(content):
    (content.path / "posts" / "tin.docx").write_bytes(b"PK")
    (content.path / "lac-cho.md").write_text(GOOD, encoding="utf-8")
    found = errors(content)
    assert any("posts/tin.docx: LỖI: tệp không phải Markdown" in e for e in found)
    assert any("lac-cho.md: LỖI: tệp Markdown nằm ngoài thư mục bài viết" in e for e in found)


def test_future_posts_are_scheduled_not_published_nor_counted(content, tmp_path):
    future = (dt.datetime.now(LOCAL_TZ) + dt.timedelta(days=30)).strftime("%Y-%m-%d %H:%M")
    content.post("later", Title="Tin hẹn giờ", Date=future)
    content.post("now", Title="Tin đã đăng", Date="2020-03-01", Items="1")
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 0 and "posts/later.md: hẹn giờ đăng lúc" in result.stdout
    site = build(content.path, tmp_path / "out")
    assert not any("Tin hẹn giờ" in p.read_text("utf-8") for p in site.rglob("*.html"))
    today = dt.date.today().isoformat()
    report = run_invoke(
        "report",
        "--content",
        str(content.path),
        "--from",
        "2020-01-01",
        "--to",
        (dt.date.today() + dt.timedelta(days=60)).isoformat(),
        "--format",
        "json",
    )
    assert '"post_count": 1' in report.stdout, (today, report.stderr)


def test_five_broken_files_in_one_run(content):
    content.post("1", "Title: Tin\nDate: 03/02/2020\n\nx")
    content.post("2", "\nTitle: Tin 2\nDate: 2020-03-01\n\nx")
    content.post("3", Title="Tin 3", Date="2020-03-01", Items="9")
    content.post("4", Title="Tin 4", Date="2020-03-01", Status="nhap")
    raw_post(content, "5", GOOD.encode("utf-16"))
    content.post("6", GOOD)
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    for name in "12345":
        assert f"posts/{name}.md" in result.stdout
    assert "5 lỗi" in result.stdout and "posts/6.md" not in result.stdout


def test_every_problem_of_a_file_at_once_with_did_you_mean(content):
    """A bad date never hides the item, form and unit lines' own problems (one run, all four)."""
    raw_post(
        content,
        "p",
        "Title: Tin\nDate: 2020-31-12\nItems: 9, Mục 2\nForm: hoi-nghi-giao-bn\n"
        "Unit: van-phong-so\n\nx\n".encode(),
    )
    found = errors(content)
    assert any(e.startswith("content/posts/p.md:2: LỖI: Date:") for e in found)
    assert any(e.startswith("content/posts/p.md:3: LỖI: mục '9' không có") for e in found)
    assert not any("'Mục 2'" in e for e in found)  # 'Mục 2' is item 2
    assert any(
        e.startswith("content/posts/p.md:4: LỖI: hình thức 'hoi-nghi-giao-bn'")
        and "có phải 'hoi-nghi-giao-ban'?" in e
        for e in found
    )
    assert any(
        e.startswith("content/posts/p.md:5: LỖI: đơn vị 'van-phong-so'") and "có phải" in e for e in found
    )
    assert len(found) == 4


def test_natural_spellings_are_read_as_meant(content, tmp_path):
    content.post("p", Title="Tin", Date="2020-03-01 8:05", Items="Mục 1, mục 4")
    result = check(content)
    assert result.errors == []
    (post,) = result.posts
    assert (post.date.hour, post.date.minute) == (8, 5) and [i.number for i in post.items] == [1, 4]
    site = build(content.path, tmp_path / "out")
    page = (site / "tin-tuc/2020/tin/index.html").read_text(encoding="utf-8")
    assert "08:05 01/03/2020" in page or "2020-03-01T08:05:00+07:00" in page


def test_unfinished_posts_are_errors(content):
    raw_post(content, "trong", "Title: Tin trống\nDate: 2020-03-01\n\n\n".encode())
    raw_post(
        content, "mau", "Title: Tin mẫu\nDate: 2020-03-02\n\nĐoạn đầu.\n\nViết nội dung bài ở đây.\n".encode()
    )
    found = errors(content)
    assert (
        "content/posts/trong.md:4: LỖI: bài chưa có nội dung — viết nội dung bài sau dòng trống dưới phần "
        "thông tin" in found
    )
    assert any(e.startswith("content/posts/mau.md:6: LỖI: còn câu mẫu") for e in found)


def test_a_draft_may_be_unfinished_but_a_header_line_in_the_body_is_named(content):
    raw_post(
        content,
        "nhap",
        "Title: Bản nháp\nDate: 2020-03-01\nStatus: draft\n\nViết nội dung bài ở đây.\n".encode(),
    )
    raw_post(content, "lac", "Title: Tin\nDate: 2020-03-02\n\nStatus: draft\nNội dung.\n".encode())
    found = errors(content)
    assert not any("nhap.md" in e for e in found)
    assert any(
        e.startswith("content/posts/lac.md:4: LỖI: dòng 'Status: draft' nằm sau dòng trống") for e in found
    )


@pytest.mark.parametrize("chunk", [1, 2, None])
def test_a_memo_changes_no_result(content, monkeypatch, chunk):
    """The preview's CheckMemo reuses per-file results only while they hold: after each kind of
    edit a check with the memo finds exactly what a fresh check finds (with chunks of one file,
    of two, and of the size the checker uses: a chunk taken whole beside one read again)."""
    from portal import checker
    from portal.checker import CheckMemo

    if chunk:
        monkeypatch.setattr(checker, "CHUNK", chunk)
    settings = load_settings(content.path)
    memo = CheckMemo()

    def same():
        kept = check_content(content.path, settings, now=NOW, shown_dir="content", memo=memo)
        fresh = check_content(content.path, settings, now=NOW, shown_dir="content")
        assert (kept.problems, kept.posts, kept.pages) == (fresh.problems, fresh.posts, fresh.pages)
        return kept

    first = content.post("a", Title="Tin một", Date="2020-03-01 08:00", Items="1", Documents="5/QĐ-UBND")
    second = content.post(
        "b", Title="Tin hai", Date="2020-03-02 08:00", Items="2", text="[Tin một](/tin-tuc/2020/tin-mot/)"
    )
    content.write("pages/gioi-thieu.md", "Title: Giới thiệu\n\nSở.\n")
    assert same().errors  # document 5/QĐ-UBND does not exist yet
    (content.path / "files").mkdir()
    (content.path / "files" / "qd-5.pdf").write_bytes(b"%PDF-1.4 mau")
    content.write(
        "van-ban/qd-5.md",
        "Number: 5/QĐ-UBND\nType: Quyết định\nIssuer: UBND tỉnh Sơn La\nSigned: 2020-02-01\n"
        "Effective: 2020-02-01\nTitle: Về việc thử\nFiles: qd-5.pdf\n",
    )
    assert not same().errors  # a document added: the post that names it is read again
    assert memo.hits
    first.write_text(first.read_text(encoding="utf-8").replace("Tin một", "Tin đầu"), encoding="utf-8")
    assert same().errors  # its address moved: the other post's link now points nowhere
    first.write_text(first.read_text(encoding="utf-8").replace("Items: 1", "Items: 12"), encoding="utf-8")
    assert len(same().errors) == 2
    plan = next((content.path / "plans").iterdir())
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("number: 2\n", "number: 22\n", 1), encoding="utf-8"
    )
    same()  # the plan lost item 2: the second post is read again
    second.unlink()
    same()
    content.post("c", Title="Tin hẹn giờ", Date="2026-01-01 12:00")
    assert [p.status for p in same().posts if p.title == "Tin hẹn giờ"] == ["scheduled"]
    # The day moves on: a kept post is as a fresh check sees it that day.
    tomorrow = check_content(
        content.path, settings, now=NOW + dt.timedelta(days=1), shown_dir="content", memo=memo
    )
    assert (
        tomorrow.posts
        == check_content(content.path, settings, now=NOW + dt.timedelta(days=1), shown_dir="content").posts
    )


def files_given(monkeypatch, method: str) -> list[str]:
    """The files (relative paths) the checker's `method` is called with from now on."""
    from portal import checker

    given: list[str] = []
    original = getattr(checker._Checker, method)

    def counted(self, relative, *args, **kwargs):
        given.append(relative)
        return original(self, relative, *args, **kwargs)

    monkeypatch.setattr(checker._Checker, method, counted)
    return given


def test_a_body_that_links_nowhere_is_not_read_again_when_a_post_is_added(content, monkeypatch):
    """Adding a post changes the site's addresses: bodies that link are checked again, a body that
    links nowhere keeps its result (the shared editor's first save of an entry, issue 26)."""
    from portal.checker import CheckMemo

    settings = load_settings(content.path)
    memo = CheckMemo()
    content.post("tron", Title="Tin không liên kết", Date="2020-03-01 08:00", text="Chỉ có chữ.")
    content.post("lien", Title="Tin có liên kết", Date="2020-03-02 08:00", text="[Tin](/tin-tuc/2020/x/)")
    check_content(content.path, settings, now=NOW, shown_dir="content", memo=memo)
    read_again = files_given(monkeypatch, "body_problems")
    content.post("moi", Title="Tin mới", Date="2020-03-03 08:00", text="Chữ.")
    kept = check_content(content.path, settings, now=NOW, shown_dir="content", memo=memo)
    assert sorted(read_again) == ["posts/lien.md", "posts/moi.md"]
    fresh = check_content(content.path, settings, now=NOW, shown_dir="content")
    assert kept.problems == fresh.problems


def test_an_unchanged_folder_is_checked_again_by_chunks_not_file_by_file(content, monkeypatch):
    """The shared editor checks 5,000 posts on every save: a chunk of unchanged files is taken
    from the memo whole, so its files are not looked up one by one; a changed file reads its own
    chunk again, and only that."""
    from portal import checker
    from portal.checker import CheckMemo

    monkeypatch.setattr(checker, "CHUNK", 2)
    settings = load_settings(content.path)
    posts = [content.post(f"t{n}", Title=f"Tin {n}", Date=f"2020-03-0{n} 08:00") for n in range(1, 7)]
    memo = CheckMemo()
    check_content(content.path, settings, now=NOW, shown_dir="content", memo=memo)
    looked_up = files_given(monkeypatch, "read_header")
    again = check_content(content.path, settings, now=NOW, shown_dir="content", memo=memo)
    assert not [p for p in looked_up if p.startswith("posts/")]
    posts[3].write_text(posts[3].read_text(encoding="utf-8") + "\nThêm.\n", encoding="utf-8")
    kept = check_content(content.path, settings, now=NOW, shown_dir="content", memo=memo)
    assert sorted(p for p in looked_up if p.startswith("posts/")) == ["posts/t3.md", "posts/t4.md"]
    fresh = check_content(content.path, settings, now=NOW, shown_dir="content")
    assert (kept.problems, kept.posts) == (fresh.problems, fresh.posts)
    assert again.posts == kept.posts


def test_the_memo_kept_on_disk_changes_no_result(content, tmp_path):
    """check_content keeps its memo under CACHE_PATH (`invoke check`, `invoke report` and builds
    share it): a later check, even after an edit or with the file cut short, finds what a check
    without it finds."""
    settings = {**load_settings(content.path), "CACHE_PATH": str(tmp_path / "cache")}
    cold = {**settings, "LOAD_CONTENT_CACHE": False, "CACHE_CONTENT": False}

    def same():
        kept = check_content(content.path, settings, now=NOW, shown_dir="content")
        fresh = check_content(content.path, cold, now=NOW, shown_dir="content")
        assert (kept.problems, kept.posts) == (fresh.problems, fresh.posts)
        return kept

    post = content.post("a", Title="Tin một", Date="2020-03-01 08:00", Items="1")
    same()
    [saved] = (tmp_path / "cache").glob("check-memo-*.pickle")
    post.write_text(post.read_text(encoding="utf-8").replace("Items: 1", "Items: 12"), encoding="utf-8")
    assert same().errors
    saved.write_bytes(saved.read_bytes()[:100])  # a check killed while writing it
    assert same().errors
    assert (
        check_content(content.path, settings, now=NOW, shown_dir="other")
        .problems[0]
        .path.startswith("other/")
    )


def test_messages_name_files_as_an_editor_reads_them(tmp_path, monkeypatch):
    """Inside the working folder a path is relative (content/posts/…); outside it, whole, never
    climbing up with ../../ (a preview of a copy in /tmp showed ../../tmp/…)."""
    from conftest import ROOT

    from builder.logs import shown_path

    monkeypatch.chdir(ROOT)
    assert shown_path(ROOT / "content" / "posts" / "a.md") == "content/posts/a.md"
    assert shown_path(tmp_path / "posts" / "a.md") == str(tmp_path / "posts" / "a.md")

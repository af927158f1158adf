"""Official documents (văn bản): checked like posts, published with every field, filtered without
JavaScript, linked both ways with the posts that publicise them, and counted for the Office."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, ContentDir, read, run_invoke
from docx import Document as WordDocument
from openpyxl import load_workbook

from builder.settings import load_settings
from portal.documents import number_key, search_forms
from portal.report import ReportQuery, make_report

DOCUMENT = """\
Number: {number}
Type: Quyết định
Issuer: Sở Khoa học và Công nghệ tỉnh Sơn La
Signed: 2020-03-02
Effective: 2020-03-02
Title: Thành lập tổ tuyên truyền cải cách hành chính
Files: 2020/qd.pdf
"""


def soup(path):
    return BeautifulSoup(read(path), "html.parser")


def listed(site, url):
    """Numbers of the documents a library page lists, in order."""
    page = soup(site / url / "index.html")
    return [h.get_text(strip=True).split(" số ", 1)[1] for h in page.select(".document-list .document-title")]


def test_a_document_page_shows_every_field_its_files_and_its_posts(sample_site):
    page = soup(sample_site / "van-ban" / "2020" / "118-kh-khcn" / "index.html")
    assert page.h1.get_text(strip=True) == "Kế hoạch số 118/KH-KHCN"
    fields = {
        dt.get_text(strip=True): dd for dt, dd in zip(page.select("dt"), page.select("dd"), strict=True)
    }
    for hidden in page.select(".search-forms"):  # other spellings of the number, for search only
        hidden.decompose()
    shown = {k: v.get_text(" ", strip=True) for k, v in fields.items()}
    assert shown == {
        "Số, ký hiệu": "118/KH-KHCN",
        "Loại văn bản": "Kế hoạch",
        "Cơ quan ban hành": "Sở Khoa học và Công nghệ tỉnh Sơn La",
        "Ngày ban hành": "07/02/2020",
        "Ngày có hiệu lực": "07/02/2020",
        "Ngày hết hiệu lực": "31/12/2020",
        "Tình trạng": "Hết hiệu lực",
        "Người ký": "Phạm Quang An, Giám đốc",
        "Lĩnh vực": "Cải cách hành chính",
        "Trích yếu": "Tuyên truyền về cải cách hành chính để nâng cao chỉ số hiệu quả quản trị và "
        "hành chính công (PAPI) năm 2020",
    }
    download = page.select_one(".attachments a[download]")
    assert download["href"] == "/files/2020/K%E1%BA%BF%20ho%E1%BA%A1ch%20118-KH-KHCN.pdf"
    assert (sample_site / "files" / "2020" / "Kế hoạch 118-KH-KHCN.pdf").is_file()
    assert "(PDF, 1 KB)" in download.parent.get_text()
    posts = [a.get_text(strip=True) for a in page.select(".related .post-title a")]
    assert posts == ["Ban hành Kế hoạch tuyên truyền về cải cách hành chính, nâng cao chỉ số PAPI năm 2020"]
    assert page.select_one('a[href="/ke-hoach/118-kh-khcn-2020/"]')  # the plan's own page


def test_a_post_lists_its_documents_with_downloads(sample_site):
    post = soup(
        sample_site
        / "tin-tuc/2020/ban-hanh-ke-hoach-tuyen-truyen-ve-cai-cach-hanh-chinh-nang-cao-chi-so-papi-nam-2020"
        / "index.html"
    )
    block = post.select_one(".post-documents")
    links = [a["href"] for a in block.select("a:not([download])")]
    assert links == ["/van-ban/2020/118-kh-khcn/", "/van-ban/2020/31-qd-ubnd/"]
    assert [a["href"] for a in block.select("a[download]")][1] == "/files/2020/van-ban/31-QD-UBND.pdf"
    plan = soup(sample_site / "ke-hoach" / "118-kh-khcn-2020" / "index.html")
    assert plan.select_one('a[href="/van-ban/2020/118-kh-khcn/"]')


@pytest.mark.parametrize(
    ("url", "numbers"),
    [
        (
            "van-ban",
            [
                "64/QĐ-KHCN",
                "52/QĐ-KHCN",
                "20/BC-KHCN",
                "18/QĐ-KHCN",
                "210/QĐ-KHCN",
                "95/KH-KHCN",
                "256/QĐ-UBND",
                "118/KH-KHCN",
                "31/QĐ-UBND",
                "36/2018/QH14",
            ],
        ),
        ("van-ban/loai/quyet-dinh", ["64/QĐ-KHCN", "52/QĐ-KHCN", "18/QĐ-KHCN", "210/QĐ-KHCN", "256/QĐ-UBND"]),
        ("van-ban/loai/luat", ["36/2018/QH14"]),
        ("van-ban/co-quan/ubnd-tinh-son-la", ["256/QĐ-UBND", "31/QĐ-UBND"]),
        ("van-ban/linh-vuc/cai-cach-hanh-chinh", ["210/QĐ-KHCN", "95/KH-KHCN", "118/KH-KHCN", "31/QĐ-UBND"]),
        ("van-ban/nam/2018", ["36/2018/QH14"]),
    ],
)
def test_filters_list_exactly_their_documents(sample_site, url, numbers):
    assert listed(sample_site, url) == numbers


def test_filters_are_links_and_the_library_is_in_the_menu_sitemap_and_feed(sample_site):
    page = soup(sample_site / "van-ban" / "index.html")
    filters = {a.get_text(strip=True): a["href"] for a in page.select(".document-filters a")}
    assert filters["Quyết định"] == "/van-ban/loai/quyet-dinh/" and filters["2018"] == "/van-ban/nam/2018/"
    assert page.select_one('.site-nav a[href="/van-ban/"]').get_text() == "Văn bản"
    facet = soup(sample_site / "van-ban" / "loai" / "luat" / "index.html")
    assert facet.select_one('.document-filters a[aria-current="page"]').get_text() == "Luật"
    assert "/van-ban/2018/36-2018-qh14/" in read(sample_site / "sitemap.xml")
    feed = feedparser.parse((sample_site / "feeds" / "van-ban.atom.xml").read_bytes())
    assert not feed.bozo and feed.entries[0].title.startswith("Quyết định số 64/QĐ-KHCN:")
    assert feed.entries[0].link.endswith("/van-ban/2021/64-qd-khcn/")


def test_numbers_match_however_they_are_typed():
    assert number_key("31/qđ–UBND") == number_key("31/QĐ-UBND") == number_key(" 31 / QĐ-UBND")
    assert search_forms("31/QĐ-UBND") == ["31 QĐ UBND", "31 QD UBND"]


def documents_content(tmp_path) -> ContentDir:
    content = ContentDir(tmp_path / "content")
    content.write("files/2020/qd.pdf", "%PDF-1.4 mẫu")
    return content


@pytest.mark.parametrize(
    ("header", "line", "message"),
    [
        (
            "Signed: 2020-03-02",
            "Signed: 02/03/2020",
            "Signed: '02/03/2020' không phải ngày theo dạng YYYY-MM-DD",
        ),
        ("Type: Quyết định", "Type: Quyet dinh", "Type: loại văn bản 'Quyet dinh' không có trong danh sách"),
        (
            "Files: 2020/qd.pdf",
            "Files: 2020/qd-khong-co.pdf",
            "Files: không có tệp 'files/2020/qd-khong-co.pdf'",
        ),
        ("Files: 2020/qd.pdf", "Files: ../../etc/passwd", "không phải đường dẫn trong thư mục files/"),
        ("Effective: 2020-03-02", "Effective: 2020-03-01", "ngày có hiệu lực trước ngày ban hành"),
        ("Issuer: Sở Khoa học và Công nghệ tỉnh Sơn La", "Cơ quan: Sở", "khóa 'Cơ quan' không hợp lệ"),
        ("Title: Thành lập", "Tittle: Thành lập", "thiếu dòng 'Title:'"),
    ],
)
def test_a_bad_document_header_fails_check_with_file_and_line(tmp_path, header, line, message):
    content = documents_content(tmp_path)
    text = DOCUMENT.format(number="12/QĐ-KHCN")
    assert header in text
    content.write("van-ban/qd-12.md", text.replace(header, line, 1))
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    problem = next(p for p in result.stdout.splitlines() if message in p)
    number = text.splitlines().index(next(h for h in text.splitlines() if h.startswith(header))) + 1
    if "thiếu dòng" in message:
        number = 1
    assert problem.startswith(f"{content.path}/van-ban/qd-12.md:{number}: LỖI:"), problem


def test_a_number_used_twice_and_an_unknown_reference_fail_check(tmp_path):
    content = documents_content(tmp_path)
    content.write("van-ban/a.md", DOCUMENT.format(number="12/QĐ-KHCN"))
    content.write("van-ban/b.md", DOCUMENT.format(number="12/QĐ–KHCN"))  # an en dash: the same number
    content.post("tin", Title="Tin", Date="2020-03-05 08:00", Documents="12/QĐ-KHCN, 21/QĐ-KHCN")
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    out = result.stdout
    assert (
        f"{content.path}/van-ban/b.md:1: LỖI: Number: số '12/QĐ-KHCN' đã dùng cho {content.path}/van-ban/a.md"
        in out
    )
    assert (
        f"{content.path}/posts/tin.md:3: LỖI: Documents: không có văn bản số '21/QĐ-KHCN' trong thư mục "
        "van-ban/ — có phải '12/QĐ-KHCN'?" in out
    )


def test_a_post_and_a_document_linked_in_a_fresh_content_folder_build(tmp_path):
    content = documents_content(tmp_path)
    content.write(
        "van-ban/qd-12.md",
        DOCUMENT.format(number="12/QĐ-KHCN") + "\nGhi chú: xem [tệp]({static}/files/2020/qd.pdf).\n",
    )
    content.post("tin", Title="Tin về tổ tuyên truyền", Date="2020-03-05 08:00", Documents="12/qđ-khcn")
    out = tmp_path / "out"
    result = run_invoke("build", "--content", str(content.path), "--output", str(out))
    assert result.returncode == 0, result.stderr
    page = soup(out / "van-ban" / "2020" / "12-qd-khcn" / "index.html")
    assert page.select_one(".post-body a")["href"] == "/files/2020/qd.pdf"
    assert [a.get_text(strip=True) for a in page.select(".related .post-title a")] == [
        "Tin về tổ tuyên truyền"
    ]


# Hand-counted from content/van-ban and the posts naming them (Documents: lines).
SIX_MONTHS = [("31/QĐ-UBND", True, 5), ("118/KH-KHCN", True, 3), ("256/QĐ-UBND", True, 6)]
WHOLE_YEAR = [
    ("36/2018/QH14", False, 589),  # signed 20/11/2018, first post 01/07/2020
    *SIX_MONTHS,
    ("95/KH-KHCN", True, None),  # never publicised
    ("210/QĐ-KHCN", True, 3),
]


@pytest.mark.parametrize(("period", "expected"), [("6 tháng", SIX_MONTHS), ("cả năm", WHOLE_YEAR)])
def test_report_says_which_documents_were_publicised_and_how_fast(period, expected):
    result = run_invoke("report", "--plan", "118/KH-KHCN", "--period", period, "--format", "json")
    data = json.loads(result.stdout)
    rows = [(d["number"], d["issued_in_period"], d["days_to_first_post"]) for d in data["documents"]]
    assert rows == sorted(
        expected, key=lambda r: next(d["signed"] for d in data["documents"] if d["number"] == r[0])
    )
    unpublicised = [d for d in data["documents"] if not d["publicised"]]
    assert [d["number"] for d in unpublicised] == [n for n, _, days in expected if days is None]


def test_documents_appear_in_the_xlsx_and_the_docx(tmp_path):
    settings = load_settings(ROOT / "content", settings_file="publishconf.py")
    query = ReportQuery(plan="118/KH-KHCN", period="cả năm")
    xlsx = make_report(ROOT / "content", settings, query, "xlsx", tmp_path / "bc.xlsx")
    sheet = load_workbook(xlsx)["Văn bản"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[8]) for r in rows] == [(n, d) for n, _, d in WHOLE_YEAR]
    assert rows[4][6] == "Chưa có tin bài" and sheet.print_title_rows == "$1:$1"
    docx = make_report(ROOT / "content", settings, query, "docx", tmp_path / "bc.docx")
    table = next(t for t in WordDocument(docx).tables if t.rows[0].cells[0].text == "Số, ký hiệu")
    assert [(r.cells[0].text, r.cells[4].text) for r in table.rows[1:]] == [
        (n, "" if d is None else str(d)) for n, _, d in WHOLE_YEAR
    ]


def test_new_document_writes_a_checked_file_and_names_wrong_options(tmp_path):
    content = documents_content(tmp_path)
    args = ["new-document", "--content", str(content.path), "--number", "12/QĐ-KHCN", "--type", "quyết định"]
    args += ["--issuer", "Sở Khoa học và Công nghệ tỉnh Sơn La", "--signed", "2020-03-02"]
    args += ["--title", "Thành lập tổ tuyên truyền", "--files", "2020/qd.pdf"]
    result = run_invoke(*args)
    assert result.returncode == 0, result.stderr
    made = content.path / "van-ban" / "2020-12-qd-khcn.md"
    assert read(made).splitlines()[:2] == ["Number: 12/QĐ-KHCN", "Type: Quyết định"]
    assert "Effective: 2020-03-02" in read(made)
    assert run_invoke("check", "--content", str(content.path)).returncode == 0

    again = run_invoke(*args)
    assert again.returncode == 2 and "2020-12-qd-khcn.md đã có" in again.stderr
    # What only the whole library shows (the same issuer spelled two ways would share one filter
    # page) is checked as `check` checks it, and the new file is not left behind.
    spelled = [
        a if a != "Sở Khoa học và Công nghệ tỉnh Sơn La" else "Sở Khoa học và công nghệ tỉnh Sơn La"
        for a in args
    ]
    spelled[spelled.index("12/QĐ-KHCN")] = "14/QĐ-KHCN"
    other = run_invoke(*spelled)
    assert other.returncode == 2 and "văn bản mới sẽ gây lỗi nên chưa ghi tệp" in other.stderr
    assert "Issuer: 'Sở Khoa học và công nghệ tỉnh Sơn La' viết khác" in other.stderr
    assert not (content.path / "van-ban" / "2020-14-qd-khcn.md").exists()
    wrong = run_invoke(
        "new-document", "--content", str(content.path), "--number", "13/QĐ-KHCN", "--type", "Quyet dinh",
        "--signed", "2020-13-02", "--title", "x", "--files", "khong.pdf",
    )  # fmt: skip
    assert wrong.returncode == 2
    for expected in ("--issuer: cần giá trị", "--type: loại văn bản 'Quyet dinh'", "có phải 'Quyết định'?",
                     "--signed: ngày '2020-13-02'", "--files: không có tệp 'files/khong.pdf'"):  # fmt: skip
        assert expected in wrong.stderr, expected
    assert not (content.path / "van-ban" / "2020-13-qd-khcn.md").exists()


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (
            {"Issuer": "Sở Khoa học và công nghệ tỉnh Sơn La"},
            "Issuer: 'Sở Khoa học và công nghệ tỉnh Sơn La' viết khác",
        ),
        ({"Field": "!!!"}, "Field: '!!!' không có chữ hay số"),
        ({"Slug": "../../index"}, "Slug '../../index' không hợp lệ"),
        ({"Number": "13/" + "A" * 300}, "không có dạng số/ký hiệu"),
        ({"Status": "bị thay thế bởi 99/QĐ-KHCN"}, "Status: không có văn bản số '99/QĐ-KHCN'"),
    ],
)
def test_what_would_break_the_build_is_a_check_error(tmp_path, second, message):
    """Two spellings of one filter value, a slug leaving van-ban/, an over-long number: check
    names them, so the build never meets them."""
    content = documents_content(tmp_path)
    content.write("van-ban/a.md", DOCUMENT.format(number="12/QĐ-KHCN") + "Field: Cải cách hành chính\n")
    text = DOCUMENT.format(number="13/QĐ-KHCN") + "Field: Cải cách hành chính\n"
    for key, value in second.items():
        lines = [line for line in text.splitlines() if not line.startswith(f"{key}:")]
        text = "\n".join([*lines, f"{key}: {value}"]) + "\n"
    content.write("van-ban/b.md", text)
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1 and message in result.stdout, result.stdout
    assert f"{content.path}/van-ban/b.md:" in next(
        line for line in result.stdout.splitlines() if message in line
    )


def test_decomposed_unicode_from_unikey_or_macos_is_the_same_text(tmp_path):
    import unicodedata

    content = ContentDir(tmp_path / "content")
    content.write(unicodedata.normalize("NFD", "files/2020/Quyết định 7.pdf"), "%PDF-1.4")
    text = DOCUMENT.format(number="7/QĐ-KHCN").replace("Files: 2020/qd.pdf", "Files: 2020/Quyết định 7.pdf")
    content.write("van-ban/qd-7.md", unicodedata.normalize("NFD", text))
    content.post("tin", Title="Tin", Date="2020-03-05 08:00", Documents="7/QĐ-KHCN")
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 0, result.stdout


def test_a_post_cannot_publicise_a_document_signed_after_it(tmp_path):
    content = documents_content(tmp_path)
    content.write("van-ban/a.md", DOCUMENT.format(number="12/QĐ-KHCN"))
    content.post("tin", Title="Tin", Date="2020-03-01 08:00", Documents="12/QĐ-KHCN")
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    assert (
        "Documents: văn bản số 12/QĐ-KHCN ban hành ngày 02/03/2020, sau ngày đăng bài 01/03/2020"
        in result.stdout
    )


def test_a_replaced_document_links_its_replacement(tmp_path):
    content = documents_content(tmp_path)
    content.write(
        "van-ban/a.md", DOCUMENT.format(number="12/QĐ-KHCN") + "Status: Bị thay thế bởi: 14/QĐ–KHCN\n"
    )
    content.write("van-ban/b.md", DOCUMENT.format(number="14/QĐ-KHCN"))
    out = tmp_path / "out"
    assert run_invoke("build", "--content", str(content.path), "--output", str(out)).returncode == 0
    page = soup(out / "van-ban" / "2020" / "12-qd-khcn" / "index.html")
    status = next(
        dd for dt, dd in zip(page.select("dt"), page.select("dd"), strict=True) if dt.text == "Tình trạng"
    )
    assert status.get_text(" ", strip=True) == "Bị thay thế bởi Quyết định số 14/QĐ-KHCN"
    assert status.a["href"] == "/van-ban/2020/14-qd-khcn/"

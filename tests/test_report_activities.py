"""Every format of `invoke report` counts activities as the JSON does (issue 24).

One content folder of posts and activities, counted by hand below; each format made by `invoke
report` as the Office runs it, reopened (csv, openpyxl, python-docx, and the DOCX printed by
LibreOffice) and compared with the hand count and with the JSON of the same run. A meeting and
the post about it are one piece of work in the form and unit tables, in every format."""

import csv
import io
import json
import re
import sys

import pytest
from conftest import ROOT, ContentDir, run_invoke, small_picture
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from test_office_report import pdf_pages, to_pdf

SITE = "https://sokhcn.sonla.gov.vn/tin-tuc/2020"
PERIOD = ("--plan", "118/KH-KHCN", "--period", "6 tháng")  # 01/01/2020 – 04/06/2020


def write_content(content: ContentDir) -> None:
    post = content.post
    post("giao-ban", Title="Hội nghị giao ban quý I năm 2020", Date="2020-02-16 09:00", Slug="giao-ban",
         Items="1", Form="hoi-nghi-giao-ban", Unit="van-phong")  # fmt: skip
    # The plan's default form and unit: trang-ttdt, trung-tam-thong-tin.
    post("chinh-sach", Title="Chính sách hỗ trợ đổi mới công nghệ", Date="2020-03-02 08:00",
         Slug="chinh-sach", Items="3")  # fmt: skip
    post("an-pham", Title="Phát hành ấn phẩm KH&CN số 1/2020", Date="2020-04-10 08:00", Slug="an-pham",
         Items="2, 3", Form="an-pham-khcn", Unit="trung-tam-thong-tin")  # fmt: skip
    post("chung", Title="Tin chung của Sở", Date="2020-03-05 08:00", Slug="chung")  # no item
    content.write("files/2020/bien-ban-giao-ban.pdf", "%PDF-1.4\n")
    (content.path / "files" / "2020" / "anh-giao-ban.jpg").write_bytes(small_picture())

    def activity(name: str, **header: str) -> None:
        lines = "\n".join(f"{key}: {value}" for key, value in header.items())
        content.write(f"hoat-dong/{name}.md", f"{lines}\n\nGhi chép của đơn vị.\n")

    activity("a1", Title="Hội nghị giao ban quý I", Date="2020-02-15 08:00", Unit="van-phong",
             Form="hoi-nghi-giao-ban", Items="1, 4", Participants="45",
             Files="2020/bien-ban-giao-ban.pdf, 2020/anh-giao-ban.jpg", Posts="giao-ban")  # fmt: skip
    activity("a2", Title="Sinh hoạt chi bộ tháng 3", Date="2020-03-10 14:00", Unit="thanh-tra",
             Form="sinh-hoat-chi-bo", Items="2", Participants="12")  # fmt: skip
    activity("a3", Title="Ấn phẩm KH&CN số 1/2020", Date="2020-04-09 08:00", Unit="trung-tam-thong-tin",
             Form="an-pham-khcn", Items="3", Quantity="1.200", Posts="an-pham")  # fmt: skip
    activity("a4", Title="Xử lý phản ánh về thủ tục hành chính", Date="2020-05-01 08:00", Unit="van-phong",
             Form="trang-ttdt", Items="6", Quantity="7")  # fmt: skip
    # a5 serves no item; a6 is after the period.
    activity("a5", Title="Giao ban chung tháng 5", Date="2020-05-20 08:00", Unit="van-phong",
             Form="hoi-nghi-giao-ban", Participants="20")  # fmt: skip
    activity("a6", Title="Khen thưởng giữa năm", Date="2020-07-01 08:00", Unit="van-phong",
             Form="hoi-nghi-giao-ban", Items="7", Quantity="3")  # fmt: skip


# --- Counted by hand ---------------------------------------------------------
# Item: (posts, activities). Posts: giao-ban (1), an-pham (2, 3), chinh-sach (3); chung has no
# item. Activities: a1 (1, 4), a2 (2), a3 (3), a4 (6); a5 has no item; a6 is after the period.
ITEMS = {1: (1, 1), 2: (1, 1), 3: (2, 1), 4: (0, 1), 5: (0, 0), 6: (0, 1), 7: (0, 0)}
POSTS, UNTAGGED, ACTIVITIES, UNTAGGED_ACTIVITIES = 4, 1, 5, 1
GAPS = [5, 7]
# (posts, activities held, participants, quantity). giao-ban reports on a1 and an-pham on a3:
# each is one piece of work with its activity, so only chinh-sach counts as a post.
ZERO = (0, 0, 0, 0)
PRINTED = "Ấn phẩm khoa học và công nghệ của ngành"
FORMS = {
    "Hội nghị giao ban": (0, 2, 65, 0),  # a1 (45) and a5 (20); giao-ban is a1's
    "Hội nghị tuyên truyền, phổ biến văn bản chỉ đạo": ZERO,
    "Sinh hoạt chuyên đề": ZERO,
    "Sinh hoạt chi bộ": (0, 1, 12, 0),
    "Đăng tải trên Trang thông tin điện tử của Sở": (1, 1, 0, 7),  # chinh-sach; a4
    "Ấn phẩm khoa học và công nghệ của ngành": (0, 1, 0, 1200),  # a3; an-pham is a3's
}
UNITS = {
    "Văn phòng Sở": (0, 3, 65, 7),  # a1, a4, a5; giao-ban is a1's
    "Thanh tra Sở": (0, 1, 12, 0),
    "Phòng Kế hoạch - Tài chính": ZERO,
    "Phòng Quản lý khoa học": ZERO,
    "Phòng Quản lý công nghệ và Thị trường công nghệ": ZERO,
    "Phòng Quản lý chuyên ngành": ZERO,
    "Chi cục Tiêu chuẩn Đo lường Chất lượng": ZERO,
    "Trung tâm Thông tin và Ứng dụng KH&CN": (1, 1, 0, 1200),  # chinh-sach; a3
}
TOTAL = (1, 5, 77)  # copies printed and cases handled are never added together: no quantity total
REPORTED = 2  # tagged posts counted with their activity: giao-ban, an-pham

# The Information Center's own report (--unit trung-tam-thong-tin): chinh-sach, an-pham; a3 (an-pham
# reports on it: one piece of work). The Office's is the department's (no paper to itself).
CENTRE_NAME = "Trung tâm Thông tin và Ứng dụng KH&CN"
CENTRE_ITEMS = {1: (0, 0), 2: (1, 0), 3: (2, 1), 4: (0, 0), 5: (0, 0), 6: (0, 0), 7: (0, 0)}
CENTRE = UNITS[CENTRE_NAME]
CENTRE_TOTAL = CENTRE[:3]  # a unit's total adds no quantities

# The DOCX's line for each activity: date, title, unit, form, people or quantity, evidence, posts.
A1 = (
    "- 15/02/2020: Hội nghị giao ban quý I (Văn phòng Sở; Hội nghị giao ban; 45 người tham dự). "
    "Tệp kiểm chứng: bien-ban-giao-ban.pdf, anh-giao-ban.jpg. Tin, bài: Hội nghị giao ban quý I năm 2020."
)
A2 = "- 10/03/2020: Sinh hoạt chi bộ tháng 3 (Thanh tra Sở; Sinh hoạt chi bộ; 12 người tham dự)."
A3 = (
    "- 09/04/2020: Ấn phẩm KH&CN số 1/2020 (Trung tâm Thông tin và Ứng dụng KH&CN; Ấn phẩm khoa học và "
    "công nghệ của ngành; 1.200 bản). Tin, bài: Phát hành ấn phẩm KH&CN số 1/2020."
)
A4 = (
    "- 01/05/2020: Xử lý phản ánh về thủ tục hành chính (Văn phòng Sở; Đăng tải trên Trang thông tin "
    "điện tử của Sở; số lượng 7)."
)
A5 = "- 20/05/2020: Giao ban chung tháng 5 (Văn phòng Sở; Hội nghị giao ban; 20 người tham dự)."
GIAO_BAN = "- 16/02/2020: Hội nghị giao ban quý I năm 2020"
CHINH_SACH = "- 02/03/2020: Chính sách hỗ trợ đổi mới công nghệ"
AN_PHAM = "- 10/04/2020: Phát hành ấn phẩm KH&CN số 1/2020"

COUNTS = ("post_count", "activity_count", "participants", "quantity")
CHOICE = ("Số tin bài", "Số hoạt động", "Số người tham dự", "Số lượng")


def invoke_report(content: ContentDir, *args: str) -> str:
    result = run_invoke("report", "--content", str(content.path), *PERIOD, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Each format of the whole report and of one unit's own (--unit trung-tam-thong-tin)."""
    directory = tmp_path_factory.mktemp("activities")
    content = ContentDir(directory / "content")
    write_content(content)
    files = {"content": content}
    for who, unit in (("all", ()), ("centre", ("--unit", "trung-tam-thong-tin"))):
        files[who, "table"] = invoke_report(content, *unit)
        for fmt in ("json", "csv", "xlsx", "docx"):
            path = directory / f"{who}.{fmt}"
            invoke_report(content, *unit, "--format", fmt, "--output", str(path))
            files[who, fmt] = path
        files[who, "data"] = json.loads(files[who, "json"].read_text(encoding="utf-8"))
    return files


def check_json(data: dict, items=ITEMS, units=UNITS) -> None:
    """The JSON of the run is the hand count: every format below is compared with both."""
    assert {i["number"]: (i["count"], i["activity_count"]) for i in data["items"]} == items
    choices = {row["name"]: tuple(row[k] for k in COUNTS) for row in data["units"]}
    assert {name: choices[name] for name in units} == units
    if units is UNITS:
        assert (data["post_count"], data["untagged_count"], data["activity_count"]) == (
            POSTS,
            UNTAGGED,
            ACTIVITIES,
        )
        assert {row["name"]: tuple(row[k] for k in COUNTS) for row in data["forms"]} == FORMS


# --- Terminal table ----------------------------------------------------------


def numbers_after(line: str, name: str) -> tuple[int, ...]:
    return tuple(int(n) for n in line[len(name) :].split())


def test_the_terminal_table_counts_posts_and_activities_per_item_form_and_unit(made):
    check_json(made["all", "data"])
    out = made["all", "table"]
    lines = out.splitlines()
    assert all(len(line) <= 100 for line in lines), max(lines, key=len)
    header = next(line for line in lines if line.lstrip().startswith("Mục"))
    assert header.split()[-4:] == ["Tin", "bài", "Hoạt", "động"]
    found, marked = {}, []
    for line in lines:
        row = re.match(r"^\s+(\d)\s+\S.*?\s(\d+)\s+(\d+)(  ← chưa có tin bài)?$", line)
        if row:
            found[int(row[1])] = (int(row[2]), int(row[3]))
            marked += [int(row[1])] if row[4] else []
    assert found == ITEMS and marked == GAPS
    # Each closing number under its own column: the posts' under "Tin bài", the activities'
    # under "Hoạt động".
    posts_end, activities_end = header.index("Tin bài") + 7, header.index("Hoạt động") + 9
    for label, end, value in (
        ("Tin bài khác", posts_end, UNTAGGED),
        ("Hoạt động khác", activities_end, UNTAGGED_ACTIVITIES),
        ("Tổng số tin bài", posts_end, POSTS),
        ("Tổng số hoạt động", activities_end, ACTIVITIES),
    ):
        line = next(line for line in lines if line.strip().startswith(label))
        assert len(line) == end and line.endswith(str(value)), (label, line)

    forms_at, units_at = lines.index("Theo hình thức tuyên truyền:"), lines.index("Theo đơn vị thực hiện:")
    assert lines[forms_at + 1].endswith("Tin bài  Hoạt động  Người tham dự  Số lượng")
    # A unit's quantities are in several forms' measures (copies, cases): no quantity column.
    assert lines[units_at + 1].endswith("Tin bài  Hoạt động  Người tham dự")
    units = {name: numbers[:3] for name, numbers in UNITS.items()}
    for table, expected in ((lines[forms_at:units_at], FORMS), (lines[units_at:], units)):
        for name, numbers in {**expected, "Cộng": TOTAL}.items():  # the total: no quantity
            line = next(line for line in table if line.startswith(name + "  "))
            assert numbers_after(line, name) == numbers, line
    assert "một việc: tính một lần trong số hoạt động, không tính thêm trong số tin bài" in " ".join(lines)


def test_a_units_terminal_table_has_its_own_row_only(made):
    check_json(made["centre", "data"], CENTRE_ITEMS, {CENTRE_NAME: CENTRE})
    lines = made["centre", "table"].splitlines()
    assert f"Đơn vị: {CENTRE_NAME} (chỉ tin bài, hoạt động của đơn vị này)" in lines
    units = lines[lines.index("Theo đơn vị thực hiện:") :]
    rows = [line for line in units[3:] if line and not line.startswith("-")]
    assert [r.split("  ")[0] for r in rows[:2]] == [CENTRE_NAME, "Cộng"]
    assert numbers_after(rows[0], CENTRE_NAME) == CENTRE[:3]
    assert numbers_after(rows[1], "Cộng") == CENTRE_TOTAL


# --- CSV ---------------------------------------------------------------------


def test_csv_has_an_activities_column_and_each_total_in_its_own_column(made):
    data = made["all", "data"]
    check_json(data)
    rows = list(csv.reader(io.StringIO(made["all", "csv"].read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Kế hoạch", "Kỳ báo cáo", "Mục", "Nội dung", "Số tin bài", "Số hoạt động"]
    body = [row[2:] for row in rows[1:]]
    assert {int(r[0]): (int(r[2]), int(r[3])) for r in body[:7]} == ITEMS
    assert [r[1] for r in body[:7]] == [i["title"] for i in data["items"]]
    assert [r[1:] for r in body[7:]] == [
        ["Tin bài khác (không thuộc nội dung nào của kế hoạch)", str(UNTAGGED), ""],
        ["Hoạt động khác (không thuộc nội dung nào của kế hoạch)", "", str(UNTAGGED_ACTIVITIES)],
        ["Tổng số tin bài trong kỳ", str(POSTS), ""],
        ["Tổng số hoạt động trong kỳ", "", str(ACTIVITIES)],
    ]
    centre = list(csv.reader(io.StringIO(made["centre", "csv"].read_text(encoding="utf-8-sig"))))
    assert centre[0][2] == "Đơn vị" and {row[2] for row in centre[1:]} == {CENTRE_NAME}
    assert {int(r[3]): (int(r[5]), int(r[6])) for r in centre[1:8]} == CENTRE_ITEMS
    assert centre[-1][4:] == ["Tổng số hoạt động trong kỳ", "", str(CENTRE[1])]


# --- XLSX --------------------------------------------------------------------


def table_below(sheet, title: str, columns: tuple[str, ...] = CHOICE) -> dict[str, tuple]:
    """A form or unit table of the summary sheet: name -> its numbers, the total included."""
    start = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=2).value == title)
    width = len(columns)
    assert [sheet.cell(row=start, column=c).value for c in range(2, 3 + width)] == [title, *columns]
    assert sheet.cell(row=start, column=3 + width).value is None
    rows = {}
    for r in range(start + 1, sheet.max_row + 1):
        name = sheet.cell(row=r, column=2).value
        if not name:
            break
        rows[name] = tuple(sheet.cell(row=r, column=c).value for c in range(3, 3 + width))
        if name == "Cộng":
            assert sheet.cell(row=r, column=2).font.bold
    return rows


def test_xlsx_summary_counts_activities_per_item_form_and_unit(made):
    check_json(made["all", "data"])
    book = load_workbook(made["all", "xlsx"])
    assert book.sheetnames == ["Tổng hợp", "Danh sách tin bài", "Hoạt động", "Văn bản"]
    for sheet in book:  # every sheet printable on A4 landscape, one page wide
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    summary = book["Tổng hợp"]
    assert summary.page_setup.fitToHeight == 1
    assert [summary.cell(row=4, column=c).value for c in range(1, 5)] == [
        "Mục",
        "Nội dung",
        "Số tin bài",
        "Số hoạt động",
    ]
    assert {summary.cell(row=r, column=1).value: (summary.cell(row=r, column=3).value,
            summary.cell(row=r, column=4).value) for r in range(5, 12)} == ITEMS  # fmt: skip
    closing = [[summary.cell(row=r, column=c).value for c in range(2, 5)] for r in range(12, 16)]
    assert closing == [
        ["Tin bài khác (không thuộc nội dung nào của kế hoạch)", UNTAGGED, None],
        ["Hoạt động khác (không thuộc nội dung nào của kế hoạch)", None, UNTAGGED_ACTIVITIES],
        ["Tổng số tin bài trong kỳ", POSTS, None],
        ["Tổng số hoạt động trong kỳ", None, ACTIVITIES],
    ]
    assert summary.cell(row=15, column=2).font.bold
    assert table_below(summary, "Hình thức tuyên truyền") == {**FORMS, "Cộng": (*TOTAL, None)}
    # A unit's quantities are of different forms: the unit table has none.
    assert table_below(summary, "Đơn vị thực hiện", CHOICE[:3]) == {
        **{name: numbers[:3] for name, numbers in UNITS.items()},
        "Cộng": TOTAL,
    }
    # Copies printed show as such, still numbers; people with a thousands separator.
    printed = next(r for r in range(1, summary.max_row + 1) if summary.cell(row=r, column=2).value == PRINTED)
    assert summary.cell(row=printed, column=6).value == 1200
    assert summary.cell(row=printed, column=6).number_format == '#,##0" bản"'
    assert summary.cell(row=printed, column=5).number_format == "#,##0"
    notes = [c.value for row in summary.iter_rows(min_row=16) for c in row if isinstance(c.value, str)]
    assert any("là một việc" in note for note in notes)

    centre = load_workbook(made["centre", "xlsx"])["Tổng hợp"]
    assert table_below(centre, "Đơn vị thực hiện", CHOICE[:3]) == {
        CENTRE_NAME: CENTRE_TOTAL,
        "Cộng": CENTRE_TOTAL,
    }


def test_xlsx_lists_every_activity_with_its_evidence(made):
    check_json(made["all", "data"])
    sheet = load_workbook(made["all", "xlsx"])["Hoạt động"]
    assert sheet.freeze_panes == "A2" and sheet.print_title_rows == "$1:$1"
    assert [c.value for c in sheet[1]] == [
        "Mục",
        "Tên hoạt động",
        "Ngày",
        "Đơn vị",
        "Hình thức",
        "Số người tham dự",
        "Số lượng",
        "Tệp kiểm chứng",
        "Tin bài đưa tin",
    ]
    evidence = "files/2020/bien-ban-giao-ban.pdf\nfiles/2020/anh-giao-ban.jpg"
    # One row per activity, the items it serves listed in it: nothing to count twice.
    expected = [
        ["1, 4", "Hội nghị giao ban quý I", "15/02/2020", "Văn phòng Sở", "Hội nghị giao ban", 45, None,
         evidence, "Hội nghị giao ban quý I năm 2020"],
        ["2", "Sinh hoạt chi bộ tháng 3", "10/03/2020", "Thanh tra Sở", "Sinh hoạt chi bộ", 12,
         None, None, None],
        ["3", "Ấn phẩm KH&CN số 1/2020", "09/04/2020", "Trung tâm Thông tin và Ứng dụng KH&CN",
         PRINTED, None, 1200, None, "Phát hành ấn phẩm KH&CN số 1/2020"],
        ["6", "Xử lý phản ánh về thủ tục hành chính", "01/05/2020", "Văn phòng Sở",
         "Đăng tải trên Trang thông tin điện tử của Sở", None, 7, None, None],
        [None, "Giao ban chung tháng 5", "20/05/2020", "Văn phòng Sở", "Hội nghị giao ban", 20,
         None, None, None],
    ]  # fmt: skip
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    *listed, total = rows
    for row in listed:
        row[2] = row[2].strftime("%d/%m/%Y")
    assert listed == expected
    # The total counts activities and people, and adds no copies to cases.
    assert total == [None, f"Cộng: {ACTIVITIES} hoạt động", None, None, None, 77, None, None, None]
    assert sheet.cell(row=4, column=7).number_format == '#,##0" bản"'  # 1.200 bản, still a number
    assert all(sheet.cell(row=r, column=3).number_format == "dd/mm/yyyy" for r in range(2, 7))
    # Text is text (never a formula); two evidence files, two lines: the row is as tall.
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if isinstance(c.value, str))
    assert sheet.row_dimensions[2].height >= 2 * 15


# --- DOCX --------------------------------------------------------------------


def paragraphs(path) -> list[str]:
    return [p.text for p in Document(path).paragraphs if p.text.strip()]


def docx_table(document, title: str) -> list[list[str]]:
    table = next(t for t in document.tables if t.rows[0].cells[0].text == title)
    return [[c.text for c in row.cells] for row in table.rows]


def test_docx_results_per_item_list_posts_and_activities(made):
    data = made["all", "data"]
    check_json(data)
    text = paragraphs(made["all", "docx"])
    assert (
        "Các đơn vị tổ chức, thực hiện 5 hoạt động tuyên truyền (hội nghị, sinh hoạt chi bộ, sinh hoạt "
        "chuyên đề, ấn phẩm, xử lý phản ánh, kiến nghị, khen thưởng…) với 77 lượt người tham dự."
    ) in text
    title = {i["number"]: i["title"] for i in data["items"]}

    def heading(n: int) -> str:
        return f"{n}. {title[n]}: {ITEMS[n][0]} tin, bài; {ITEMS[n][1]} hoạt động."

    start = text.index(heading(1))
    results = text[start : text.index("II. NỘI DUNG CHƯA CÓ TIN BÀI, HOẠT ĐỘNG")]
    assert results == [
        *(heading(1), GIAO_BAN, "Hoạt động:", A1),
        *(heading(2), AN_PHAM, "Hoạt động:", A2),
        *(heading(3), CHINH_SACH, AN_PHAM, "Hoạt động:", A3),
        *(heading(4), "Hoạt động:", A1),
        heading(5),
        *(heading(6), "Hoạt động:", A4),
        heading(7),
    ]
    gaps = text[text.index("II. NỘI DUNG CHƯA CÓ TIN BÀI, HOẠT ĐỘNG") + 1 :][:2]
    assert gaps == [f"- Mục {n}: {title[n]}." for n in GAPS]
    # The reporting post's title in an activity's line is a link to the post.
    document = Document(made["all", "docx"])
    links = [
        (document.part.rels[link.get(qn("r:id"))].target_ref, "".join(t.text for t in link.iter(qn("w:t"))))
        for link in document.element.body.iter(qn("w:hyperlink"))
    ]
    # giao-ban: under item 1, in a1's line under items 1 and 4, in a1's line in the appendix.
    assert links.count((f"{SITE}/giao-ban/", "Hội nghị giao ban quý I năm 2020")) == 4

    summary = document.tables[1]
    assert [c.text for c in summary.rows[0].cells] == [
        "Mục",
        "Nội dung tuyên truyền",
        "Số tin bài",
        "Số hoạt động",
    ]
    assert {
        int(r.cells[0].text): (int(r.cells[2].text), int(r.cells[3].text)) for r in summary.rows[1:8]
    } == ITEMS
    assert [[c.text for c in r.cells][1:] for r in summary.rows[8:]] == [
        ["Tin bài khác (không thuộc nội dung nào của kế hoạch)", str(UNTAGGED), ""],
        ["Hoạt động khác (không thuộc nội dung nào của kế hoạch)", "", str(UNTAGGED_ACTIVITIES)],
        ["Tổng số tin bài trong kỳ", str(POSTS), ""],
        ["Tổng số hoạt động trong kỳ", "", str(ACTIVITIES)],
    ]  # fmt: skip


def test_docx_form_and_unit_tables_and_the_evidence_appendix(made):
    data = made["all", "data"]
    check_json(data)
    document = Document(made["all", "docx"])
    forms = docx_table(document, "Hình thức tuyên truyền")
    assert forms[0] == ["Hình thức tuyên truyền", *CHOICE]
    # Each form's quantity in its own measure ("1.200 bản"); the total adds none of them.
    shown = {name: [str(n) for n in numbers] for name, numbers in FORMS.items()}
    shown[PRINTED][3] = "1.200 bản"
    assert {r[0]: r[1:] for r in forms[1:]} == {**shown, "Cộng": [*map(str, TOTAL), ""]}
    units = docx_table(document, "Đơn vị thực hiện")
    assert units[0] == ["Đơn vị thực hiện", *CHOICE[:3]]  # a unit's quantities mix forms: none here
    assert {r[0]: tuple(int(n) for n in r[1:]) for r in units[1:]} == {
        **{name: numbers[:3] for name, numbers in UNITS.items()},
        "Cộng": TOTAL,
    }
    assert units[-1][0] == "Cộng"
    text = paragraphs(made["all", "docx"])
    assert any(
        "Hai bảng dưới đây tính 3 tin, bài thuộc các nội dung của Kế hoạch và 5 hoạt động" in p
        and "2 tin, bài như vậy không tính thêm ở cột “Số tin bài”" in p
        and "1 tin, bài khác đăng trong kỳ" in p
        for p in text
    )
    appendix = text[text.index("DANH SÁCH TIN, BÀI VÀ HOẠT ĐỘNG THEO ĐƠN VỊ THỰC HIỆN") + 3 :]

    def unit(index: int, name: str) -> str:
        return f"{index}. {name}: {UNITS[name][0]} tin, bài; {UNITS[name][1]} hoạt động."

    idle = [name for name, numbers in UNITS.items() if numbers == ZERO]
    # Units with work, then one line naming those without; then the posts of no item, which
    # are counted in the totals.
    assert appendix == [
        *(unit(1, "Văn phòng Sở"), "Hoạt động:", A1, A4, A5),
        *(unit(2, "Thanh tra Sở"), "Hoạt động:", A2),
        *(unit(3, "Trung tâm Thông tin và Ứng dụng KH&CN"), CHINH_SACH, "Hoạt động:", A3),
        f"Không có tin, bài, hoạt động trong kỳ: {', '.join(idle)}.",
        "Tin, bài không thuộc nội dung nào của Kế hoạch (1, tính trong tổng số tin, bài ở phần I):",
        "- 05/03/2020: Tin chung của Sở",
    ]


def test_a_units_docx_reports_its_activities(made):
    check_json(made["centre", "data"], CENTRE_ITEMS, {CENTRE_NAME: CENTRE})
    document = Document(made["centre", "docx"])
    assert docx_table(document, "Đơn vị thực hiện")[1:] == [
        [CENTRE_NAME, *map(str, CENTRE_TOTAL)],
        ["Cộng", *map(str, CENTRE_TOTAL)],
    ]
    text = paragraphs(made["centre", "docx"])
    assert "Kính gửi: Văn phòng Sở" in text and "Số: ……/BC-TTTT" in document.tables[0].rows[0].cells[0].text
    assert f"{CENTRE_NAME} tổ chức, thực hiện 1 hoạt động tuyên truyền" in " ".join(text)
    appendix = text[text.index("DANH SÁCH TIN, BÀI VÀ HOẠT ĐỘNG THEO ĐƠN VỊ THỰC HIỆN") + 3 :]
    # Its post about its own publication is listed with the publication, not again on its own.
    # Its post of no item (the plan's default unit) is listed too: it counts in its total.
    assert appendix == [
        *(f"1. {CENTRE_NAME}: 1 tin, bài; 1 hoạt động.", CHINH_SACH, "Hoạt động:", A3),
        "Tin, bài không thuộc nội dung nào của Kế hoạch (1, tính trong tổng số tin, bài ở phần I):",
        "- 05/03/2020: Tin chung của Sở",
    ]


@pytest.mark.slow
def test_docx_printed_by_libreoffice_shows_the_same_numbers(made):
    """What the clerk files: the printed report's tables and lists say the hand-counted numbers."""
    check_json(made["all", "data"])
    printed = " ".join(" ".join(pdf_pages(to_pdf(made["all", "docx"]))).split())
    for expected in (
        "Các đơn vị tổ chức, thực hiện 5 hoạt động tuyên truyền",
        "với 77 lượt người tham dự",
        "1. Ý nghĩa của cải cách hành chính và chỉ số PAPI: 1 tin, bài; 1 hoạt động.",
        "Tổng số tin bài trong kỳ 4",
        "Tổng số hoạt động trong kỳ 5",
        "Hội nghị giao ban 0 2 65 0",
        "Sinh hoạt chi bộ 0 1 12 0",
        "Văn phòng Sở 0 3 65",
        "Thanh tra Sở 0 1 12",
        "1. Văn phòng Sở: 0 tin, bài; 3 hoạt động.",
        "3. Trung tâm Thông tin và Ứng dụng KH&CN: 1 tin, bài; 1 hoạt động.",
        A1.removeprefix("- "),
        A3.removeprefix("- "),
    ):
        assert expected in printed, expected
    assert printed.count("Cộng 1 5 77") == 2  # the form table and the unit table
    assert "1207" not in printed and "1.207" not in printed  # copies and cases never added


# --- A template made before activities --------------------------------------


def test_a_template_made_before_activities_still_renders_its_posts(made, tmp_path):
    """An Office's own template drawn with the fields it had (no activity field): it renders,
    and its form and unit tables still count every tagged post once, adding up to its total."""
    sys.path.insert(0, str(ROOT / "tools"))
    import make_report_template as draw

    document = Document()
    draw.para(document, "Tổng {{ post_count }}; thuộc các mục {{ tagged_count }}; khác {{ untagged_count }}.")
    cells = ["{{ row.number }}", "{{ row.title }}", "{{ row.count }}"]
    draw.loop_table(
        document, ["Mục", "Nội dung tuyên truyền", "Số tin bài"], "summary", cells, [], [15, 120, 25]
    )
    draw.tag(document, "{%p for item in items %}")
    draw.para(document, "{{ item.number }}. {{ item.title }}: {{ item.count }} tin, bài.")
    draw.tag(document, "{%p for post in item.posts %}")
    draw.para(document, "- {{r post.line }}")
    draw.tag(document, "{%p endfor %}")
    draw.tag(document, "{%p endfor %}")
    for title, rows in (("Hình thức tuyên truyền", "by_form"), ("Đơn vị thực hiện", "by_unit")):
        draw.loop_table(document, [title, "Số tin bài"], rows, ["{{ row.name }}", "{{ row.count }}"],
                        ["Cộng", "{{ tagged_count }}"], [135, 25])  # fmt: skip
    draw.tag(document, "{%p for unit in units %}")
    draw.para(document, "{{ loop.index }}. {{ unit.name }}: {{ unit.count }} tin, bài.")
    draw.tag(document, "{%p for post in unit.posts %}")
    draw.para(document, "- {{r post.line }}")
    draw.tag(document, "{%p endfor %}")
    draw.tag(document, "{%p endfor %}")
    template = tmp_path / "mau-cu.docx"
    document.save(template)

    output = tmp_path / "bc.docx"
    invoke_report(made["content"], "--format", "docx", "--output", str(output), "--template", str(template))
    text = paragraphs(output)
    assert "Tổng 4; thuộc các mục 3; khác 1." in text
    item_3 = text.index("3. Cơ chế, chính sách khoa học và công nghệ; công khai quy hoạch: 2 tin, bài.")
    assert text[item_3 + 1 : item_3 + 3] == [CHINH_SACH, AN_PHAM]
    report = Document(output)
    forms, units = docx_table(report, "Hình thức tuyên truyền"), docx_table(report, "Đơn vị thực hiện")
    # Every tagged post once, under its own form and unit, as before activities were counted.
    assert {r[0]: r[1] for r in forms[1:] if r[1] != "0"} == {
        "Hội nghị giao ban": "1",
        "Đăng tải trên Trang thông tin điện tử của Sở": "1",
        "Ấn phẩm khoa học và công nghệ của ngành": "1",
        "Cộng": "3",
    }
    assert {r[0]: r[1] for r in units[1:] if r[1] != "0"} == {
        "Văn phòng Sở": "1",
        "Trung tâm Thông tin và Ứng dụng KH&CN": "2",
        "Cộng": "3",
    }
    assert text[text.index("1. Văn phòng Sở: 1 tin, bài.") + 1] == GIAO_BAN
    tail = text[text.index("8. Trung tâm Thông tin và Ứng dụng KH&CN: 2 tin, bài.") + 1 :]
    assert tail == [CHINH_SACH, AN_PHAM]
    summary = docx_table(report, "Mục")
    assert summary[-1] == ["", "Tổng số tin bài trong kỳ", str(POSTS)]

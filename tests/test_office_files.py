"""The Office's files re-opened with the libraries Excel and Word users' tools agree with."""

import csv
import io
import json

import pytest
from conftest import ROOT, run_invoke
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from builder.settings import load_settings
from portal.report import ReportQuery, make_report


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    directory = tmp_path_factory.mktemp("report")
    made = {}
    settings = load_settings(ROOT / "content", settings_file="publishconf.py")
    for fmt in ("csv", "xlsx", "docx", "json"):
        # In-process, as `invoke report --period '6 tháng' --format FMT --output PATH` runs it.
        path = make_report(
            ROOT / "content",
            settings,
            ReportQuery(plan="118/KH-KHCN", period="6 tháng"),
            fmt,
            directory / f"bao-cao.{fmt}",
        )
        made[fmt] = path
    made["data"] = json.loads(made["json"].read_text(encoding="utf-8"))
    return made


def test_csv_has_a_bom_and_one_row_per_item_plus_untagged_and_total(files):
    raw = files["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Kế hoạch", "Kỳ báo cáo", "Mục", "Nội dung", "Số tin bài", "Số hoạt động"]
    data = files["data"]
    assert {tuple(row[:2]) for row in rows[1:]} == {
        ("118/KH-KHCN", "Báo cáo 6 tháng đầu năm 2020 (01/01/2020 – 04/06/2020)")
    }
    rows = [row[2:] for row in rows]
    assert rows[1:8] == [
        [str(i["number"]), i["title"], str(i["count"]), str(i["activity_count"])] for i in data["items"]
    ]
    # Each closing row fills only the column it counts.
    assert rows[8] == [
        "",
        "Tin bài khác (không thuộc nội dung nào của kế hoạch)",
        str(data["untagged_count"]),
        "",
    ]
    assert rows[9][:3] == ["", "Hoạt động khác (không thuộc nội dung nào của kế hoạch)", ""]
    assert rows[10] == ["", "Tổng số tin bài trong kỳ", str(data["post_count"]), ""]
    assert rows[11] == ["", "Tổng số hoạt động trong kỳ", "", str(data["activity_count"])]
    assert len(rows) == 12


def test_xlsx_prints_one_page_wide_in_landscape_with_repeated_headers(files):
    book = load_workbook(files["xlsx"])
    # The summary on one page; the evidence list one page wide, its column titles on every page.
    for sheet, tall, titles in zip(book, (1, 0, 0, 0), (None, "$1:$1", "$1:$1", "$1:$1"), strict=True):
        assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == tall and sheet.print_title_rows == titles


def test_xlsx_summary_and_evidence_sheets(files):
    book = load_workbook(files["xlsx"])
    assert book.sheetnames == ["Tổng hợp", "Danh sách tin bài", "Hoạt động", "Văn bản"]
    summary = book["Tổng hợp"]
    assert summary.freeze_panes == "A5"
    assert [c.value for c in summary[4]][:4] == ["Mục", "Nội dung", "Số tin bài", "Số hoạt động"]
    assert summary["A4"].font.bold
    data = files["data"]
    assert [
        (summary.cell(row=5 + i, column=3).value, summary.cell(row=5 + i, column=4).value) for i in range(7)
    ] == [(i["count"], i["activity_count"]) for i in data["items"]]
    values = [c.value for row in summary.iter_rows() for c in row]
    assert "Hình thức tuyên truyền" in values and "Đơn vị thực hiện" in values
    assert "Sinh hoạt chi bộ" in values and "Văn phòng Sở" in values
    assert summary.column_dimensions["B"].width >= 60

    evidence = book["Danh sách tin bài"]
    assert evidence.freeze_panes == "A2"
    assert [c.value for c in evidence[1]] == [
        "Mục",
        "Tiêu đề",
        "Ngày đăng",
        "Đơn vị",
        "Hình thức",
        "Liên kết",
    ]
    rows = list(evidence.iter_rows(min_row=2))
    # Every post under each of its items, then the posts of no item (counted in the total).
    assert len(rows) == sum(i["count"] for i in data["items"]) + data["untagged_count"]
    assert [r[0].value for r in rows[-data["untagged_count"] :]] == [None] * data["untagged_count"]
    first = data["items"][0]["posts"][0]
    assert rows[0][1].value == first["title"]
    assert rows[0][2].number_format == "dd/mm/yyyy"
    assert rows[0][2].value.strftime("%Y-%m-%d") == first["date"][:10]
    assert rows[0][5].hyperlink.target == first["url"]


def test_docx_follows_decree_30_layout(files):
    document = Document(files["docx"])
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.font.size}
    assert sizes and all(11 <= s <= 14 for s in sizes)
    assert {run.font.name for p in document.paragraphs for run in p.runs if run.text} == {"Times New Roman"}
    # No template field is left unfilled.
    everything = document.element.xml
    assert "{{" not in everything and "{%" not in everything

    heading = document.tables[0]
    # Fixed grid widths filling the 165 mm line, so neither header line wraps in Word or LibreOffice.
    assert [round(c.width.mm) for c in heading.columns] == [72, 93]
    assert heading._tbl.tblPr.find(qn("w:tblCellMar")) is not None
    assert [round(c.width.mm) for c in document.tables[1].columns] == [15, 100, 25, 25]
    left, right = heading.rows[0].cells
    assert left.paragraphs[0].text == "UBND TỈNH SƠN LA"
    agency = left.paragraphs[1]
    assert agency.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ" and agency.runs[0].bold
    # The plan's own symbol (KH-KHCN) gives the report's: BC-KHCN.
    assert "Số: ……/BC-KHCN" in left.text
    assert (
        right.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and right.paragraphs[0].runs[0].bold
    )
    assert right.paragraphs[1].text == "Độc lập - Tự do - Hạnh phúc"
    place = next(p for p in right.paragraphs if p.text.startswith("Sơn La, ngày"))
    assert all(run.italic for run in place.runs)
    assert "\u2500" in left.text and "\u2500" in right.text


def test_docx_report_text_tables_and_evidence(files):
    document = Document(files["docx"])
    text = "\n".join(p.text for p in document.paragraphs).replace("\u00a0", " ")
    assert "BÁO CÁO" in text
    assert "Kết quả tuyên truyền về cải cách hành chính để nâng cao chỉ số PAPI 6 tháng đầu năm 2020" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Sơn La" in text
    assert "Thời gian số liệu: từ ngày 01/01/2020 đến ngày 04/06/2020" in text
    data = files["data"]
    for item in data["items"]:
        heading = f"{item['number']}. {item['title']}: {item['count']} tin, bài; "
        assert f"{heading}{item['activity_count']} hoạt động." in text
    assert "II. NỘI DUNG CHƯA CÓ TIN BÀI, HOẠT ĐỘNG" in text
    for item in data["items"]:  # a gap: neither a post nor an activity
        assert (f"- Mục {item['number']}:" in text) == (item["count"] + item["activity_count"] == 0)
    first = data["items"][0]["posts"][0]
    # Evidence: date and title, the title linked to the post; no raw address on paper.
    assert f"- 15/01/2020: {first['title']}" in text and "https://" not in text
    links = {
        document.part.rels[link.get(qn("r:id"))].target_ref: "".join(t.text for t in link.iter(qn("w:t")))
        for link in document.element.body.iter(qn("w:hyperlink"))
    }
    assert links[first["url"]] == first["title"]
    summary = document.tables[1]
    assert [c.text for c in summary.rows[0].cells] == [
        "Mục",
        "Nội dung tuyên truyền",
        "Số tin bài",
        "Số hoạt động",
    ]
    assert [(r.cells[2].text, r.cells[3].text) for r in summary.rows[1:8]] == [
        (str(i["count"]), str(i["activity_count"])) for i in data["items"]
    ]
    assert [c.text for c in summary.rows[-2].cells] == [
        "",
        "Tổng số tin bài trong kỳ",
        str(data["post_count"]),
        "",
    ]
    assert [c.text for c in summary.rows[-1].cells] == [
        "",
        "Tổng số hoạt động trong kỳ",
        "",
        str(data["activity_count"]),
    ]

    # The form and unit tables count tagged posts and activities, and say so; as the JSON counts them.
    tagged = data["post_count"] - data["untagged_count"]
    assert (
        f"Hai bảng dưới đây tính {tagged} tin, bài thuộc các nội dung của Kế hoạch và "
        f"{data['activity_count']} hoạt động"
        in text
        and f"{data['untagged_count']} tin, bài khác đăng trong kỳ không thuộc nội dung nào" in text
    )
    forms, units = (
        next(t for t in document.tables if t.rows[0].cells[0].text == h)
        for h in ("Hình thức tuyên truyền", "Đơn vị thực hiện")
    )
    counts = ["Số tin bài", "Số hoạt động", "Số người tham dự"]
    assert [c.text for c in forms.rows[0].cells][1:] == [*counts, "Số lượng"]
    assert [c.text for c in units.rows[0].cells][1:] == counts  # a unit's quantities mix forms
    measure = {"Ấn phẩm khoa học và công nghệ của ngành": " bản"}
    keys = ("post_count", "activity_count", "participants")
    assert [[c.text for c in r.cells] for r in forms.rows[1:-1]] == [
        [row["name"], *(str(row[k]) for k in keys), f"{row['quantity']}{measure.get(row['name'], '')}"]
        if row["quantity"]
        else [row["name"], *(str(row[k]) for k in keys), "0"]
        for row in data["forms"]
    ]
    assert [[c.text for c in r.cells] for r in units.rows[1:-1]] == [
        [row["name"], *(str(row[k]) for k in keys)] for row in data["units"]
    ]
    # The totals add posts, activities and people; never quantities of different forms.
    totals = [str(sum(row[k] for row in data["forms"])) for k in keys]
    assert [c.text for c in forms.rows[-1].cells] == ["Cộng", *totals, ""]
    assert [c.text for c in units.rows[-1].cells] == ["Cộng", *totals]
    # Appendix II: each unit with work, its counts and its evidence, as the unit table counts.
    appendix = text[text.index("DANH SÁCH TIN, BÀI VÀ HOẠT ĐỘNG THEO ĐƠN VỊ THỰC HIỆN") :]
    rows = [[c.text for c in r.cells[:3]] for r in units.rows[1:-1]]
    busy = [row for row in rows if row[1:] != ["0", "0"]]
    for index, (name, posts, activities) in enumerate(busy, start=1):
        assert f"{index}. {name}: {posts} tin, bài; {activities} hoạt động." in appendix
    idle = [row[0] for row in rows if row not in busy]
    assert f"Không có tin, bài, hoạt động trong kỳ: {', '.join(idle)}." in appendix

    recipients, signer = document.tables[-1].rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:"
    assert [p.text for p in recipients.paragraphs[1:]] == [
        "- Như trên;",
        "- Sở Thông tin và Truyền thông (tổng hợp);",
        "- Sở Nội vụ (theo dõi);",
        "- Ban Giám đốc Sở;",
        "- Lưu: VT, VP.",
    ]
    assert signer.paragraphs[0].text == "GIÁM ĐỐC"
    assert "[Họ và tên người ký]" in signer.text
    properties = document.core_properties
    assert properties.author == "Sở Khoa học và Công nghệ tỉnh Sơn La"
    assert properties.last_modified_by == properties.author
    assert properties.title.startswith("Báo cáo kết quả tuyên truyền về cải cách hành chính")


def test_binary_formats_need_an_output_file():
    result = run_invoke("report", "--period", "6 tháng", "--format", "xlsx")
    assert result.returncode == 2 and "cần --output" in result.stderr


def test_the_output_name_chooses_the_format_and_a_contradiction_is_refused(tmp_path):
    made = tmp_path / "bao-cao.docx"
    result = run_invoke("report", "--period", "6 tháng", "--output", str(made))
    assert result.returncode == 0 and made.read_bytes().startswith(b"PK")  # a Word file, not text
    Document(made)
    wrong = tmp_path / "bao-cao.pdf"
    result = run_invoke("report", "--period", "6 tháng", "--format", "docx", "--output", str(wrong))
    assert result.returncode == 2 and "đặt tên tệp có đuôi .docx" in result.stderr and not wrong.exists()


def test_wrapped_evidence_rows_are_as_tall_as_their_text(files):
    sheet = load_workbook(files["xlsx"])["Danh sách tin bài"]
    for row in range(2, sheet.max_row + 1):
        title = sheet.cell(row=row, column=2).value
        lines = max(1, -(-len(title) // 54))  # at least as many lines as 54 characters go into it
        assert sheet.row_dimensions[row].height >= 15 * lines


def test_formula_like_text_is_never_a_formula(tmp_path):
    """OWASP CSV injection: titles and plan names starting with = + - @ stay text in XLSX and CSV."""
    from conftest import PLAN_118, ContentDir, build

    content = ContentDir(tmp_path / "content")
    plan = content.path / "plans" / PLAN_118.name
    text = plan.read_text(encoding="utf-8")
    for old, new in (
        ("title: Ý nghĩa của cải cách hành chính và chỉ số PAPI", 'title: \'=HYPERLINK("http://x","Mục")\''),
        ("name: Hội nghị giao ban", "name: '+cmd|calc!A1'"),
        ("name: Văn phòng Sở", "name: '@SUM(1+1)'"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    content.post(
        "a",
        Title="=1+1 tin thử",
        Date="2020-03-01",
        Items="1",
        Form="+cmd|calc!A1",
        Unit="@SUM(1+1)",
        Slug="tin-a",
    )
    content.write("files/2020/-2+3.pdf", "%PDF-1.4\n")
    content.write(
        "hoat-dong/a.md",
        "Title: =1+1 hội nghị\nDate: 2020-02-28\nUnit: @SUM(1+1)\nForm: +cmd|calc!A1\nItems: 1\n"
        "Participants: 9\nFiles: 2020/-2+3.pdf\nPosts: tin-a\n\nGhi chép.\n",
    )
    content.post("b", Title="-2+3 tin khác", Date="2020-03-02", Items="1")
    content.post("c", Title="Tin có dấu chấm phẩy;=1+1; -2+3+cmd|' /C calc'!A0", Date="2020-03-03", Items="1")
    content.post("d", Title='Tin có tab\t=HYPERLINK("http://x")', Date="2020-03-04", Items="1")
    xlsx, report_csv = tmp_path / "r.xlsx", tmp_path / "r.csv"
    for fmt, path in (("xlsx", xlsx), ("csv", report_csv)):
        result = run_invoke(
            "report",
            "--content",
            str(content.path),
            "--period",
            "6 tháng",
            "--format",
            fmt,
            "--output",
            str(path),
        )
        assert result.returncode == 0, result.stderr
    book = load_workbook(xlsx)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert len(risky) >= 4
    # The activity's title, unit, form and reporting post, as text in the activities sheet.
    listed = [c.value for c in book["Hoạt động"][2]]
    assert listed[1:5] == ["=1+1 hội nghị", listed[2], "@SUM(1+1)", "+cmd|calc!A1"]
    assert listed[7:] == ["files/2020/-2+3.pdf", "=1+1 tin thử"]
    assert all(c.data_type == "s" for c in risky), [(c.coordinate, c.value, c.data_type) for c in risky]
    site = build(content.path, tmp_path / "out")
    published_csv = next(site.rglob("coverage.csv"))
    for path in (report_csv, published_csv):
        cells = [v for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))) for v in row]
        assert '\'=HYPERLINK("http://x","Mục")' in cells
        assert not any(v and v[0] in "=+-@\t\r" for v in cells), path
        # Excel with a ';' list separator splits cells there too: no piece may start a formula.
        pieces = [p.strip() for v in cells for p in v.replace(";", ",").replace("\t", ",").split(",")]
        assert not any(p and p[0] in "=+-@" for p in pieces), path
        assert all(line.startswith('"') for line in path.read_text(encoding="utf-8-sig").splitlines())

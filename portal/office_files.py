"""The Office's files: CSV for Excel, an XLSX workbook, and a DOCX draft report (Decree 30/2020/NĐ-CP).

Imports openpyxl and python-docx: load it only when a report asks for these formats."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_PARAGRAPH_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .coverage import Coverage
from .dates import LOCAL_TZ, vn_date
from .tables import csv_text, summary_rows
from .urls import post_url


def as_csv(coverage: Coverage, settings: dict[str, Any]) -> str:
    """UTF-8 text; written with a BOM (utf-8-sig) so Excel reads Vietnamese correctly. Every row
    names its plan and period, so a 6-month file and an annual one can never be mistaken."""
    window = coverage.window
    period = f"{window.label} ({vn_date(window.start)} – {vn_date(window.end)})"
    unit = [coverage.unit.name] if coverage.unit else []
    header = ["Kế hoạch", "Kỳ báo cáo", *(["Đơn vị"] if unit else []), "Mục", "Nội dung", "Số tin bài"]
    return csv_text(header, [[coverage.plan.id, period, *unit, *row] for row in summary_rows(coverage)])


# --- XLSX ------------------------------------------------------------------

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")


def put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write a cell; text is stored as text (type "s"), so '=…' is never a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _header(sheet: Any, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = put(sheet, row, column, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def _print_setup(sheet: Any, title_rows: str) -> None:
    """A4 landscape, one page wide, the column titles repeated on every printed page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.5


def _widths(sheet: Any, widths: list[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def as_xlsx(coverage: Coverage, settings: dict[str, Any]) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "Tổng hợp"
    plan, window = coverage.plan, coverage.window
    put(summary, 1, 1, f"Kết quả tuyên truyền theo Kế hoạch số {plan.id}").font = Font(bold=True, size=13)
    put(summary, 2, 1, f"{window.label} ({vn_date(window.start)} – {vn_date(window.end)})")
    _header(summary, 4, ["Mục", "Nội dung", "Số tin bài"])
    summary.freeze_panes = "A5"
    row = 5
    for values in summary_rows(coverage):
        for column, value in enumerate(values, start=1):
            put(summary, row, column, value)
        row += 1
    for cell in summary[row - 1]:
        cell.font = Font(bold=True)
    for title, pairs in (
        ("Hình thức tuyên truyền", coverage.by_form),
        ("Đơn vị thực hiện", coverage.by_unit),
    ):
        row += 1
        _header(summary, row, ["", title, "Số tin bài"])
        row += 1
        for choice, count in pairs:
            put(summary, row, 2, choice.name)
            put(summary, row, 3, count)
            row += 1
    _widths(summary, [8, 70, 12])
    _print_setup(summary, "4:4")

    evidence = book.create_sheet("Danh sách tin bài")
    _header(evidence, 1, ["Mục", "Tiêu đề", "Ngày đăng", "Đơn vị", "Hình thức", "Liên kết"])
    evidence.freeze_panes = "A2"
    row = 2
    for item_coverage in coverage.items:
        for post in item_coverage.posts:
            url = post_url(post, settings)
            values = [
                item_coverage.item.number,
                post.title,
                post.date.astimezone(LOCAL_TZ).date(),
                post.unit.name if post.unit else "",
                post.form.name if post.form else "",
                url,
            ]
            for column, value in enumerate(values, start=1):
                put(evidence, row, column, value)
            evidence.cell(row=row, column=3).number_format = "dd/mm/yyyy"
            link = evidence.cell(row=row, column=6)
            link.hyperlink, link.style = url, "Hyperlink"
            evidence.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
    _widths(evidence, [8, 60, 12, 30, 30, 50])
    _print_setup(evidence, "1:1")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- DOCX ------------------------------------------------------------------

FONT = "Times New Roman"
BLANK = "……"


def _font(run: Any, size: int = 14, bold: bool = False, italic: bool = False) -> Any:
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def _paragraph(
    container: Any,
    text: str = "",
    size: int = 14,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_PARAGRAPH_ALIGNMENT | None = None,
    space_after: int = 6,
    indent_first: bool = False,
) -> Any:
    paragraph = container.add_paragraph()
    if text:
        _font(paragraph.add_run(text), size, bold, italic)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent_first:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph


def _blank(paragraph: Any, text: str, size: int = 14, bold: bool = False, italic: bool = False) -> Any:
    """A part a person must fill in: highlighted so it cannot be missed."""
    run = _font(paragraph.add_run(text), size, bold, italic)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def _rule(cell: Any, width_mm: float) -> None:
    """The short line under the agency name and the national motto."""
    paragraph = cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _font(paragraph.add_run("\u2500" * int(width_mm / 2.2)), 8)
    run.font.color.rgb = RGBColor(0, 0, 0)
    paragraph.paragraph_format.space_after = Pt(4)


def _hyperlink(paragraph: Any, url: str, text: str, size: int = 13) -> None:
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, attr, value in (
        ("w:rFonts", "w:ascii", FONT),
        ("w:color", "w:val", "0B4F8A"),
        ("w:u", "w:val", "single"),
        ("w:sz", "w:val", str(size * 2)),
    ):
        element = OxmlElement(tag)
        element.set(qn(attr), value)
        props.append(element)
    run.append(props)
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _fix_widths(table: Any, widths_mm: list[int]) -> None:
    """Column widths Word and LibreOffice both honour: the grid and every cell."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _no_side_margins(table: Any) -> None:
    """The header block uses the whole line: no padding inside its two cells."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _table(document: Any, header: list[str], rows: list[list[Any]], widths_mm: list[int]) -> Any:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _font(cell.paragraphs[0].add_run(str(text)), 13, bold=True)
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(str(value)), 13)
    _fix_widths(table, widths_mm)
    return table


def as_docx(coverage: Coverage, settings: dict[str, Any]) -> bytes:
    """A draft report in the layout of Decree 30/2020/NĐ-CP, blanks highlighted for the clerk."""
    document: Any = Document()
    _page_setup(document)
    _letterhead(document)
    _subject(document, coverage)
    _results(document, coverage, settings)
    _gaps(document, coverage)
    _by_form_and_unit(document, coverage)
    _closing(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: Any) -> None:
    """A4, margins of Decree 30 (top/bottom 20 mm, left 30, right 15), Times New Roman 14."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _letterhead(document: Any) -> None:
    """Issuing body and national motto side by side, number and place-date under them."""
    heading = document.add_table(rows=1, cols=2)
    _fix_widths(heading, [68, 97])
    _no_side_margins(heading)
    left, right = heading.rows[0].cells
    for cell, lines in (
        (left, [("UBND TỈNH SƠN LA", 12, False), ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", 12, True)]),
        (
            right,
            [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True), ("Độc lập - Tự do - Hạnh phúc", 13, True)],
        ),
    ):
        for index, (text, size, bold) in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            _font(paragraph.add_run(text), size, bold)
        _rule(cell, 30 if cell is left else 45)
    number = left.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(number.add_run("Số: "), 13)
    _blank(number, BLANK, 13)
    _font(number.add_run("/BC-SKHCN"), 13)
    place = right.add_paragraph()
    place.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(place.add_run("Sơn La, ngày "), 14, italic=True)
    for between in (" tháng ", " năm ", None):
        _blank(place, BLANK, 14, italic=True)
        if between:
            _font(place.add_run(between), 14, italic=True)


def _subject(document: Any, coverage: Coverage) -> None:
    plan, window = coverage.plan, coverage.window
    _paragraph(document, "")
    _paragraph(document, "BÁO CÁO", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    period = window.label.removeprefix("Báo cáo ")
    _paragraph(
        document,
        "Kết quả tuyên truyền về cải cách hành chính để nâng cao chỉ số PAPI "
        f"{period[0].lower() + period[1:]}",
        14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _paragraph(
        document,
        f"Thực hiện Kế hoạch số {plan.id} ngày {vn_date(plan.date)} của "
        f"{plan.issuer} về {plan.title[0].lower() + plan.title[1:]}, Sở Khoa học và Công "
        "nghệ báo cáo kết quả thực hiện như sau:",
        indent_first=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )


def _results(document: Any, coverage: Coverage, settings: dict[str, Any]) -> None:
    """Section I: the summary table, then each item's evidence, post by post."""
    window = coverage.window
    _paragraph(document, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _paragraph(
        document,
        f"Thời gian số liệu: từ ngày {vn_date(window.start)} đến ngày "
        f"{vn_date(window.end)}. Trong kỳ, Trang thông tin điện tử của Sở đăng "
        f"{coverage.post_count} tin, bài; trong đó {coverage.post_count - coverage.untagged_count} "
        f"tin, bài thuộc các nội dung tuyên truyền của Kế hoạch.",
        indent_first=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _table(document, ["Mục", "Nội dung tuyên truyền", "Số tin bài"], summary_rows(coverage), [15, 120, 25])
    _paragraph(document, "")
    for item_coverage in coverage.items:
        item = item_coverage.item
        _paragraph(
            document,
            f"{item.number}. {item.title}: {item_coverage.count} tin, bài.",
            bold=True,
            space_after=2,
        )
        for post in item_coverage.posts:
            paragraph = _paragraph(document, f"- {vn_date(post.date)}: {post.title} (", 13, space_after=2)
            url = post_url(post, settings)
            _hyperlink(paragraph, url, url)
            _font(paragraph.add_run(")"), 13)


def _gaps(document: Any, coverage: Coverage) -> None:
    _paragraph(document, "II. NỘI DUNG CHƯA CÓ TIN BÀI", bold=True)
    if coverage.gaps:
        for item in coverage.gaps:
            _paragraph(document, f"- Mục {item.number}: {item.title}.", space_after=2)
        _paragraph(document, "Nguyên nhân và giải pháp: ", space_after=2)
        _blank(document.paragraphs[-1], "[cần bổ sung]")
    else:
        _paragraph(document, "Tất cả các nội dung của Kế hoạch đều có tin, bài trong kỳ.", indent_first=True)


def _by_form_and_unit(document: Any, coverage: Coverage) -> None:
    _paragraph(document, "III. THEO HÌNH THỨC VÀ ĐƠN VỊ THỰC HIỆN", bold=True)
    _table(
        document,
        ["Hình thức tuyên truyền", "Số tin bài"],
        [[c.name, n] for c, n in coverage.by_form],
        [135, 25],
    )
    _paragraph(document, "")
    _table(
        document, ["Đơn vị thực hiện", "Số tin bài"], [[c.name, n] for c, n in coverage.by_unit], [135, 25]
    )
    _paragraph(document, "")
    _paragraph(document, "IV. ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
    _blank(_paragraph(document, "", indent_first=True), "[cần bổ sung]")


def _closing(document: Any) -> None:
    """Recipients on the left, the signer's title and a blank for the name on the right."""
    closing = document.add_table(rows=1, cols=2)
    _fix_widths(closing, [80, 85])
    recipients, signer = closing.rows[0].cells
    _font(recipients.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for line in ("- Sở Nội vụ;", "- Sở Thông tin và Truyền thông;", "- Lưu: VT, VP."):
        paragraph = recipients.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(line), 11)
    signer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(signer.paragraphs[0].add_run("GIÁM ĐỐC"), 14, bold=True)
    for _ in range(3):
        signer.add_paragraph()
    name = signer.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _blank(name, "[Họ và tên người ký]", 14, bold=True)


RENDERERS: dict[str, Callable[[Coverage, dict[str, Any]], str | bytes]] = {
    "csv": as_csv,
    "xlsx": as_xlsx,
    "docx": as_docx,
}

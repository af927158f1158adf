"""The Office's files: CSV for Excel, an XLSX workbook, and (portal.office_report) the DOCX report.

Imports openpyxl and docxtpl: load it only when a report asks for these formats."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .activities import Activity
from .coverage import Coverage, choice_of
from .dates import LOCAL_TZ, vn_date
from .office_report import as_docx
from .tables import (
    ACTIVITY_TOTAL_LABEL,
    CHOICE_COLUMNS,
    ONE_PIECE_OF_WORK,
    QUANTITY_MEANING,
    TOTAL_LABEL,
    choice_rows,
    csv_text,
    summary_rows,
    unit_choices,
)
from .urls import post_url


def as_csv(coverage: Coverage, settings: dict[str, Any]) -> str:
    """UTF-8 text; written with a BOM (utf-8-sig) so Excel reads Vietnamese correctly. Every row
    names its plan and period, so a 6-month file and an annual one can never be mistaken. Per
    item its posts and its activities; each closing row fills only the column it counts."""
    window = coverage.window
    period = f"{window.label} ({vn_date(window.start)} – {vn_date(window.end)})"
    unit = [coverage.unit.name] if coverage.unit else []
    header = [
        *("Kế hoạch", "Kỳ báo cáo"),
        *(["Đơn vị"] if unit else []),
        *("Mục", "Nội dung", "Số tin bài", "Số hoạt động"),
    ]
    rows = summary_rows(coverage, activities=True)
    return csv_text(header, [[coverage.plan.id, period, *unit, *row] for row in rows])


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


def _print_setup(sheet: Any, title_rows: str | None, one_page: bool = False) -> None:
    """A4 landscape, one page wide; a list's column titles repeated on every printed page, a
    summary on a single page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 1 if one_page else 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.5


def _widths(sheet: Any, widths: list[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


EVIDENCE_WIDTHS = [8, 60, 12, 30, 30, 50]  # characters
LINE_HEIGHT = 15  # points, one line of 11 pt text


def _wrapped_lines(text: str, width: int) -> int:
    """Lines a wrapped cell takes, word by word, at `width` characters (a little narrower, as
    proportional type runs wider than the nominal width)."""
    usable, lines, used = max(int(width * 0.9), 1), 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > usable:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
        while used > usable:  # a word longer than the column (an address) breaks anywhere
            lines, used = lines + 1, used - usable
    return lines


DOCUMENT_WIDTHS = [16, 12, 50, 24, 12, 10, 50, 12, 9]


def _documents_sheet(book: Any, coverage: Coverage, settings: dict[str, Any]) -> None:
    """Documents issued or publicised in the period, and how soon (item 5 of plan 118)."""
    sheet = book.create_sheet("Văn bản")
    titles = ["Số, ký hiệu", "Loại", "Trích yếu", "Cơ quan ban hành", "Ngày ban hành", "Ban hành trong kỳ"]
    _header(sheet, 1, [*titles, "Tin bài đầu tiên", "Ngày đăng", "Số ngày"])
    sheet.freeze_panes = "A2"
    for row, evidence in enumerate(coverage.documents, start=2):
        document, first = evidence.document, evidence.first_post
        values = [
            document.number,
            document.type,
            document.title,
            document.issuer,
            document.signed,
            "Có" if evidence.issued_in_window else "Không",
            first.title if first else "Chưa có tin bài",
            first.date.astimezone(LOCAL_TZ).date() if first else None,
            evidence.days_to_first_post,
        ]
        for column, value in enumerate(values, start=1):
            cell = put(sheet, row, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column in (5, 8):
            sheet.cell(row=row, column=column).number_format = "dd/mm/yyyy"
        if first:
            link = sheet.cell(row=row, column=7)
            link.hyperlink, link.style = post_url(first, settings), "Hyperlink"
            link.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = LINE_HEIGHT * max(
            _wrapped_lines(str(v or ""), DOCUMENT_WIDTHS[i]) for i, v in enumerate(values)
        )
    _widths(sheet, DOCUMENT_WIDTHS)
    _print_setup(sheet, "1:1")


SUMMARY_WIDTHS = [8, 70, 12, 13, 17, 11]


def _summary_sheet(summary: Any, coverage: Coverage) -> None:
    """Posts and activities per item with their totals, then the form and unit tables (posts,
    activities held, participants, quantity): the numbers of the JSON, on one printed page."""
    summary.title = "Tổng hợp"
    plan, window = coverage.plan, coverage.window
    put(summary, 1, 1, f"Kết quả tuyên truyền theo Kế hoạch số {plan.id}").font = Font(bold=True, size=13)
    unit = f"; đơn vị: {coverage.unit.name}" if coverage.unit else ""
    put(summary, 2, 1, f"{window.label} ({vn_date(window.start)} – {vn_date(window.end)}){unit}")
    _header(summary, 4, ["Mục", "Nội dung", "Số tin bài", "Số hoạt động"])
    summary.freeze_panes = "A5"
    row = 5
    for values in summary_rows(coverage, activities=True):
        for column, value in enumerate(values, start=1):
            cell = put(summary, row, column, value)
            if values[1] in (TOTAL_LABEL, ACTIVITY_TOTAL_LABEL):
                cell.font = Font(bold=True)
        summary.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    for title, choices in (
        ("Hình thức tuyên truyền", coverage.by_form),
        ("Đơn vị thực hiện", unit_choices(coverage)),
    ):
        row += 1
        _header(summary, row, ["", title, *CHOICE_COLUMNS])
        row += 1
        table = choice_rows(choices)
        for index, values in enumerate(table):
            for column, value in enumerate(values, start=2):
                cell = put(summary, row, column, value)
                if index == len(table) - 1:
                    cell.font = Font(bold=True)
            row += 1
    row += 1
    for note in (ONE_PIECE_OF_WORK, QUANTITY_MEANING):  # across the tables' width, wrapped
        cell = put(summary, row, 2, note)
        cell.font, cell.alignment = Font(italic=True), Alignment(wrap_text=True, vertical="top")
        summary.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(SUMMARY_WIDTHS))
        summary.row_dimensions[row].height = LINE_HEIGHT * _wrapped_lines(note, sum(SUMMARY_WIDTHS[1:]))
        row += 1
    _widths(summary, SUMMARY_WIDTHS)
    _print_setup(summary, None, one_page=True)


def _posts_sheet(book: Any, coverage: Coverage, settings: dict[str, Any]) -> None:
    """Every tagged post under each of its items: the evidence behind the post counts."""
    evidence = book.create_sheet("Danh sách tin bài")
    _header(evidence, 1, ["Mục", "Tiêu đề", "Ngày đăng", "Đơn vị", "Hình thức", "Liên kết"])
    evidence.freeze_panes = "A2"
    row = 2
    for item_coverage in coverage.items:
        for post in item_coverage.posts:
            url = post_url(post, settings)
            unit, form = (choice_of(post, coverage.plan, kind) for kind in ("unit", "form"))
            values = [
                item_coverage.item.number,
                post.title,
                post.date.astimezone(LOCAL_TZ).date(),
                unit.name if unit else "",
                form.name if form else "",
                url,
            ]
            for column, value in enumerate(values, start=1):
                put(evidence, row, column, value)
            evidence.cell(row=row, column=3).number_format = "dd/mm/yyyy"
            link = evidence.cell(row=row, column=6)
            link.hyperlink, link.style = url, "Hyperlink"
            # Whole words on paper: long titles, unit and form names wrap within their column, and
            # the row is as tall as its longest cell (Excel and LibreOffice keep a set height).
            _wrap_row(evidence, row, values, EVIDENCE_WIDTHS)
            row += 1
    _widths(evidence, EVIDENCE_WIDTHS)
    _print_setup(evidence, "1:1")


ACTIVITY_COLUMNS = [
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
ACTIVITY_WIDTHS = [7, 40, 11, 22, 22, 10, 9, 30, 38]


def _activities_sheet(book: Any, coverage: Coverage) -> None:
    """Every activity of the window under each of its items (an activity serving none last,
    with no item): the evidence behind the activity counts, participants and quantities."""
    sheet = book.create_sheet("Hoạt động")
    _header(sheet, 1, ACTIVITY_COLUMNS)
    sheet.freeze_panes = "A2"
    listed: list[tuple[int | str, Activity]] = [
        (c.item.number, a) for c in coverage.items for a in c.activities
    ]
    listed += [("", a) for a in coverage.activities if not a.tag_for(coverage.plan)]
    for row, (number, activity) in enumerate(listed, start=2):
        unit, form = (choice_of(activity, coverage.plan, kind) for kind in ("unit", "form"))
        values = [
            number,
            activity.title,
            activity.date.astimezone(LOCAL_TZ).date(),
            unit.name if unit else "",
            form.name if form else "",
            activity.participants,
            activity.quantity,
            "\n".join(activity.files),
            "\n".join(post.title for post in activity.posts),
        ]
        for column, value in enumerate(values, start=1):
            put(sheet, row, column, value)
        sheet.cell(row=row, column=3).number_format = "dd/mm/yyyy"
        _wrap_row(sheet, row, values, ACTIVITY_WIDTHS)
    _widths(sheet, ACTIVITY_WIDTHS)
    _print_setup(sheet, "1:1")


def _wrap_row(sheet: Any, row: int, values: list[Any], widths: list[int]) -> None:
    """Every cell of a row wrapped at the top of its column, the row as tall as its tallest cell."""
    for column in range(1, len(values) + 1):
        sheet.cell(row=row, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[row].height = LINE_HEIGHT * max(
        sum(_wrapped_lines(line, widths[column]) for line in str("" if value is None else value).split("\n"))
        for column, value in enumerate(values)
    )


def as_xlsx(coverage: Coverage, settings: dict[str, Any]) -> bytes:
    book = Workbook()
    _summary_sheet(book.active, coverage)
    _posts_sheet(book, coverage, settings)
    _activities_sheet(book, coverage)
    _documents_sheet(book, coverage, settings)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


RENDERERS: dict[str, Callable[[Coverage, dict[str, Any]], str | bytes]] = {
    "csv": as_csv,
    "xlsx": as_xlsx,
    "docx": as_docx,
}

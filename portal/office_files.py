"""The Office's files: CSV for Excel, an XLSX workbook, and (portal.office_report) the DOCX report.

Imports openpyxl and docxtpl: load it only when a report asks for these formats."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .coverage import Coverage, choice_of
from .dates import LOCAL_TZ, vn_date
from .office_report import MAX_PROPERTY, as_docx, report_fields, report_moment
from .posts import Post
from .tables import (
    ACTIVITY_TOTAL_LABEL,
    CHOICE_COLUMNS,
    CHOICE_TOTAL_LABEL,
    ONE_PIECE_OF_WORK,
    QUANTITY_MEANING,
    TOTAL_LABEL,
    choice_rows,
    csv_text,
    deadline_lines,
    summary_rows,
    unit_choices,
)
from .urls import post_url


def as_csv(coverage: Coverage, settings: dict[str, Any]) -> str:
    """UTF-8 text; written with a BOM (utf-8-sig) so Excel reads Vietnamese correctly. Every row
    names its plan and period, so a 6-month file and an annual one can never be mistaken. Per
    item its posts and its activities; each closing row fills only the column it counts. Cells
    are parted by REPORT_CSV_SEPARATOR: ',' (the default) or ';' (what Excel set to Vietnamese
    expects)."""
    window = coverage.window
    period = f"{window.label} ({vn_date(window.start)} – {vn_date(window.end)})"
    chosen = coverage.unit
    unit = [chosen.name] if chosen else []
    header = [
        *("Kế hoạch", "Kỳ báo cáo"),
        *(["Đơn vị"] if unit else []),
        *("Mục", "Nội dung", "Số tin bài", "Số hoạt động"),
    ]
    rows = summary_rows(coverage, activities=True)
    separator = settings.get("REPORT_CSV_SEPARATOR") or ","
    return csv_text(header, [[coverage.plan.id, period, *unit, *row] for row in rows], separator)


# --- XLSX ------------------------------------------------------------------

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")


def put(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write a cell; text is stored as text (type "s"), so '=…' is never a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _header(sheet: Any, row: int, titles: list[str], widths: list[int], first: int = 1) -> None:
    """Column titles, wrapped in their columns (from column `first`), the row as tall as the
    tallest title: no title cut off on screen or paper."""
    for column, title in enumerate(titles, start=first):
        cell = put(sheet, row, column, title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.row_dimensions[row].height = LINE_HEIGHT * max(
        _wrapped_lines(title, widths[column - 1]) for column, title in enumerate(titles, start=first)
    )


def caption(coverage: Coverage) -> str:
    """What every printed page says it is: the plan, the period (and the unit)."""
    window, unit = coverage.window, coverage.unit
    return (
        f"Kế hoạch số {coverage.plan.id} · {window.label} ({vn_date(window.start)} – {vn_date(window.end)})"
        + (f" · {unit.name}" if unit else "")
    )


def _print_setup(sheet: Any, title_rows: str | None, coverage: Coverage, one_page: bool = False) -> None:
    """A4 landscape, one page wide; a list's column titles repeated on every printed page, a
    summary on a single page; each page headed by the plan and period, its number at the foot."""
    sheet.oddHeader.center.text = caption(coverage).replace("&", "&&")[:MAX_HEADER]
    sheet.oddHeader.center.size = 9
    sheet.oddFooter.center.text = f"{sheet.title.replace('&', '&&')} · Trang &P/&N"
    sheet.oddFooter.center.size = 9
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
MAX_HEADER = 200  # Excel holds 255 characters in a page header, codes included


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


DOCUMENT_WIDTHS = [20, 12, 50, 24, 12, 10, 50, 12, 9]
NO_DOCUMENTS = (
    "Không có văn bản nào ban hành hoặc được nêu trong tin, bài trong kỳ (thư viện văn bản của Sở)."
)
NO_ACTIVITIES = "Không có hoạt động nào trong kỳ."


def _none(sheet: Any, row: int, text: str, columns: int) -> None:
    """A list with nothing in it says so, across its width: never a page of titles alone."""
    cell = put(sheet, row, 1, text)
    cell.font = Font(italic=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)


def _documents_sheet(book: Any, coverage: Coverage, settings: dict[str, Any]) -> None:
    """Documents issued or publicised in the period, and how soon (item 5 of plan 118)."""
    sheet = book.create_sheet("Văn bản")
    titles = ["Số, ký hiệu", "Loại", "Trích yếu", "Cơ quan ban hành", "Ngày ban hành", "Ban hành trong kỳ"]
    _header(sheet, 1, [*titles, "Tin bài đầu tiên", "Ngày đăng", "Số ngày"], DOCUMENT_WIDTHS)
    sheet.freeze_panes = "A2"
    if not coverage.documents:
        _none(sheet, 2, NO_DOCUMENTS, len(DOCUMENT_WIDTHS))
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
    _print_setup(sheet, "1:1", coverage)


SUMMARY_WIDTHS = [8, 70, 12, 13, 17, 14]
NUMBER_FORMAT = "#,##0"  # a thousands separator as the reader's Excel writes it (1.000 in Vietnam)


def quantity_format(measure: str) -> str:
    """A quantity's cell format: the number with what it counts ('1.200 bản'), still a number."""
    if not measure:
        return NUMBER_FORMAT
    return NUMBER_FORMAT + '" ' + measure.replace('"', "") + '"'


def _summary_sheet(summary: Any, coverage: Coverage, settings: dict[str, Any]) -> None:
    """Posts and activities per item with their totals, then the form and unit tables (posts,
    activities held, participants; quantity per form only, never added across forms): the
    numbers of the JSON, on one printed page, with the period's deadlines."""
    summary.title = "Tổng hợp"
    plan, window = coverage.plan, coverage.window
    put(summary, 1, 1, f"Kết quả tuyên truyền theo Kế hoạch số {plan.id}").font = Font(bold=True, size=13)
    unit = coverage.unit
    suffix = f"; đơn vị: {unit.name}" if unit else ""
    put(summary, 2, 1, f"{window.label} ({vn_date(window.start)} – {vn_date(window.end)}){suffix}")
    _header(summary, 4, ["Mục", "Nội dung", "Số tin bài", "Số hoạt động"], SUMMARY_WIDTHS)
    summary.freeze_panes = "A5"
    row = 5
    for values in summary_rows(coverage, activities=True):
        for column, value in enumerate(values, start=1):
            cell = put(summary, row, column, value)
            if values[1] in (TOTAL_LABEL, ACTIVITY_TOTAL_LABEL):
                cell.font = Font(bold=True)
        summary.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    measures = {form.id: form.measure for form in plan.forms}
    for title, choices, quantity in (
        ("Hình thức tuyên truyền", coverage.by_form, True),
        ("Đơn vị thực hiện", unit_choices(coverage), False),
    ):
        row += 1
        columns = list(CHOICE_COLUMNS if quantity else CHOICE_COLUMNS[:3])
        _header(summary, row, ["", title, *columns], SUMMARY_WIDTHS)
        row += 1
        table = choice_rows(choices, quantity=quantity)
        for index, values in enumerate(table):
            for column, value in enumerate(values, start=2):
                cell = put(summary, row, column, value)
                if column >= 5 and isinstance(value, int):  # noqa: PLR2004 (participants, quantity)
                    cell.number_format = NUMBER_FORMAT
                if index == len(table) - 1:
                    cell.font = Font(bold=True)
            if quantity and index < len(choices):
                summary.cell(row=row, column=6).number_format = quantity_format(
                    measures.get(choices[index].choice.id, "")
                )
            summary.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
    row += 1
    notes = [ONE_PIECE_OF_WORK, QUANTITY_MEANING + " Số lượng của các hình thức khác nhau không cộng chung."]
    for note in [*notes, *deadline_lines(coverage, settings)]:  # across the tables' width, wrapped
        cell = put(summary, row, 2, note)
        cell.font, cell.alignment = Font(italic=True), Alignment(wrap_text=True, vertical="top")
        summary.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(SUMMARY_WIDTHS))
        summary.row_dimensions[row].height = LINE_HEIGHT * _wrapped_lines(note, sum(SUMMARY_WIDTHS[1:]))
        row += 1
    _widths(summary, SUMMARY_WIDTHS)
    _print_setup(summary, None, coverage, one_page=True)


def _posts_sheet(book: Any, coverage: Coverage, settings: dict[str, Any]) -> None:
    """Every tagged post under each of its items, then the posts of no item (counted in the
    total): the evidence behind the post counts."""
    evidence = book.create_sheet("Danh sách tin bài")
    _header(evidence, 1, ["Mục", "Tiêu đề", "Ngày đăng", "Đơn vị", "Hình thức", "Liên kết"], EVIDENCE_WIDTHS)
    evidence.freeze_panes = "A2"
    listed: list[tuple[int | str, Post]] = [(c.item.number, p) for c in coverage.items for p in c.posts]
    listed += [("", post) for post in coverage.untagged]
    for row, (number, post) in enumerate(listed, start=2):
        url = post_url(post, settings)
        unit, form = (choice_of(post, coverage.plan, kind) for kind in ("unit", "form"))
        values = [
            number,
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
    _widths(evidence, EVIDENCE_WIDTHS)
    _print_setup(evidence, "1:1", coverage)


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
ACTIVITY_WIDTHS = [9, 40, 11, 22, 22, 10, 11, 30, 38]


def _activities_sheet(book: Any, coverage: Coverage) -> None:
    """Every activity of the window, once, with the items it serves ('1, 4'; none: blank): the
    evidence behind the activity counts, participants and quantities (each in its form's measure),
    and a total row that counts activities and people but adds no quantities of different forms."""
    sheet = book.create_sheet("Hoạt động")
    _header(sheet, 1, ACTIVITY_COLUMNS, ACTIVITY_WIDTHS)
    sheet.freeze_panes = "A2"
    if not coverage.activities:
        _none(sheet, 2, NO_ACTIVITIES, len(ACTIVITY_COLUMNS))
    row = 1
    for row, activity in enumerate(coverage.activities, start=2):
        unit, form = (choice_of(activity, coverage.plan, kind) for kind in ("unit", "form"))
        tag = activity.tag_for(coverage.plan)
        values = [
            ", ".join(str(item.number) for item in tag.items) if tag else "",
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
        sheet.cell(row=row, column=6).number_format = NUMBER_FORMAT
        sheet.cell(row=row, column=7).number_format = quantity_format(form.measure if form else "")
        _wrap_row(sheet, row, values, ACTIVITY_WIDTHS)
    if coverage.activities:
        row += 1
        total = [
            "",
            f"{CHOICE_TOTAL_LABEL}: {len(coverage.activities)} hoạt động",
            None,
            None,
            None,
            sum(a.participants or 0 for a in coverage.activities),
        ]
        for column, value in enumerate(total, start=1):
            put(sheet, row, column, value).font = Font(bold=True)
        sheet.cell(row=row, column=6).number_format = NUMBER_FORMAT
    _widths(sheet, ACTIVITY_WIDTHS)
    _print_setup(sheet, "1:1", coverage)


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
    _summary_sheet(book.active, coverage, settings)
    _posts_sheet(book, coverage, settings)
    _activities_sheet(book, coverage)
    _documents_sheet(book, coverage, settings)
    fields = report_fields(coverage, settings)  # the workbook says whose and what it is, as the DOCX
    properties = book.properties
    properties.creator = properties.lastModifiedBy = fields["department_full"][:MAX_PROPERTY]
    properties.title = fields["title"][:MAX_PROPERTY]
    properties.subject = caption(coverage)[:MAX_PROPERTY]
    properties.created = properties.modified = report_moment()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


RENDERERS: dict[str, Callable[[Coverage, dict[str, Any]], str | bytes]] = {
    "csv": as_csv,
    "xlsx": as_xlsx,
    "docx": as_docx,
}

"""The coverage summary as rows, and CSV text a spreadsheet never runs: light, for every build.

Every format of `invoke report` draws its tables from these rows (the terminal table, CSV, XLSX
and DOCX), so they show the same numbers as the JSON (DESIGN.md contracts 5 and 12)."""

from __future__ import annotations

import csv
import io
import re
import textwrap
from typing import Any

from .coverage import ChoiceCoverage, Coverage
from .dates import vn_date

UNTAGGED_LABEL = "Tin bài khác (không thuộc nội dung nào của kế hoạch)"
TOTAL_LABEL = "Tổng số tin bài trong kỳ"
UNTAGGED_ACTIVITIES_LABEL = "Hoạt động khác (không thuộc nội dung nào của kế hoạch)"
ACTIVITY_TOTAL_LABEL = "Tổng số hoạt động trong kỳ"
CHOICE_TOTAL_LABEL = "Cộng"
# The column titles of the form and unit tables, after the form's or unit's name.
CHOICE_COLUMNS = ("Số tin bài", "Số hoạt động", "Số người tham dự", "Số lượng")
ONE_PIECE_OF_WORK = (
    "Một hoạt động và các tin, bài đưa tin về hoạt động đó là một việc: tính một lần trong số "
    "hoạt động, không tính thêm trong số tin bài."
)
QUANTITY_MEANING = (
    "“Số lượng”: số bản ấn phẩm, số phản ánh, kiến nghị đã xử lý hoặc số tập thể, cá nhân được "
    "khen thưởng, tùy hình thức."
)


def summary_rows(coverage: Coverage, activities: bool = False) -> list[list[Any]]:
    """Number, title, count per item, then the untagged and total rows.

    With `activities`, a fourth column counts each item's activities, and two more rows count
    the activities serving no item and all the window's activities; each of the four closing
    rows fills only the column it names (None in the other)."""
    if not activities:
        rows: list[list[Any]] = [[c.item.number, c.item.title, c.count] for c in coverage.items]
        rows.append(["", UNTAGGED_LABEL, coverage.untagged_count])
        rows.append(["", TOTAL_LABEL, coverage.post_count])
        return rows
    rows = [[c.item.number, c.item.title, c.count, c.activity_count] for c in coverage.items]
    untagged = sum(1 for a in coverage.activities if not a.tag_for(coverage.plan))
    rows.append(["", UNTAGGED_LABEL, coverage.untagged_count, None])
    rows.append(["", UNTAGGED_ACTIVITIES_LABEL, None, untagged])
    rows.append(["", TOTAL_LABEL, coverage.post_count, None])
    rows.append(["", ACTIVITY_TOTAL_LABEL, None, coverage.activity_count])
    return rows


def unit_choices(coverage: Coverage) -> list[ChoiceCoverage]:
    """The unit table's rows: every unit's, or only the unit's own in a unit's report."""
    unit = coverage.unit
    return [row for row in coverage.by_unit if unit is None or row.choice.id == unit.id]


def choice_rows(rows: list[ChoiceCoverage], quantity: bool = True) -> list[list[Any]]:
    """A form (or unit) table: name, posts, activities held, participants and (with `quantity`)
    quantity; then the total. Posts reporting on an activity counted here are the activity's
    (ChoiceCoverage). Quantities of different forms are different things (copies printed, cases
    handled, people commended): the total row leaves the quantity blank (None), and a unit's
    table, whose rows mix forms, is drawn without it (quantity=False)."""
    table: list[list[Any]] = [
        [r.choice.name, r.post_count, r.activity_count, r.participants, *([r.quantity] if quantity else [])]
        for r in rows
    ]
    total: list[Any] = [CHOICE_TOTAL_LABEL, *(sum(row[i] for row in table) for i in range(1, 4))]
    table.append(total + ([None] if quantity else []))
    return table


def vn_number(value: int) -> str:
    """A whole number as Vietnamese writes it: a dot between thousands (1.200; 12.500.000)."""
    return f"{value:,}".replace(",", ".")


def quantity_text(value: int, measure: str = "") -> str:
    """A quantity with what it counts, when its form says ('1.200 bản'), else the number."""
    return f"{vn_number(value)} {measure}" if measure else vn_number(value)


def addressee(coverage: Coverage, settings: dict[str, Any] | None = None) -> str:
    """Whom the plan's report goes to: its report block's addressee, else the department's
    governing body (DEPARTMENT["province"]), as the DOCX's "Kính gửi" says."""
    department = (settings or {}).get("DEPARTMENT") or {}
    return coverage.plan.report.addressee or department.get("province") or "cấp trên"


def deadline_lines(coverage: Coverage, settings: dict[str, Any] | None = None) -> list[str]:
    """The period's two deadlines: the units' to the Office, the Office's to the plan's own
    addressee (plan 40 reports to Sở Tư pháp, not to the province's UBND)."""
    period = coverage.window.period
    if period is None:
        return []
    office = coverage.plan.office.name
    return [
        f"Hạn các đơn vị gửi {office}: trước ngày {vn_date(period.unit_deadline)}",
        f"Hạn {office} báo cáo {addressee(coverage, settings)}: trước ngày {vn_date(period.office_deadline)}",
    ]


def text_table(
    columns: list[tuple[str, int]],
    rows: list[list[Any]],
    wrap: int,
    marks: list[str] | None = None,
    rule_before: int | None = None,
) -> list[str]:
    """A plain-text table for the terminal: `columns` as (title, width); column `wrap` is text,
    left-aligned and wrapped to its width (the other cells on its first line), the others
    right-aligned (None blank); `marks[i]`, if any, follows row i; a rule under the titles and before
    row `rule_before`."""

    def line(cells: list[str]) -> str:
        return "  ".join(
            f"{cell:<{width}}" if i == wrap else f"{cell:>{width}}"
            for i, (cell, (_, width)) in enumerate(zip(cells, columns, strict=True))
        )

    rule = "-" * (sum(width for _, width in columns) + 2 * (len(columns) - 1))
    lines = [line([title for title, _ in columns]).rstrip(), rule]
    for index, row in enumerate(rows):
        if index == rule_before:
            lines.append(rule)
        width = columns[wrap][1]
        text = textwrap.wrap(str(row[wrap]), width, break_on_hyphens=False) or [""]
        cells = ["" if value is None else str(value) for value in row]
        mark = marks[index] if marks and index < len(marks) else ""
        lines.append((line([*cells[:wrap], text[0], *cells[wrap + 1 :]]) + mark).rstrip())
        blank = [""] * len(columns)
        lines += [line([*blank[:wrap], more, *blank[wrap + 1 :]]).rstrip() for more in text[1:]]
    return lines


def paragraph(text: str, width: int) -> list[str]:
    """Text wrapped at whole words into lines of at most `width` characters."""
    return textwrap.wrap(text, width, break_on_hyphens=False)


# A cell starting with one of these is a formula to Excel and LibreOffice (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# Excel with a ';' list separator (Vietnamese Windows) splits a cell at ';' as well as ','.
_SPLIT_FORMULA = re.compile(r"([;,\t][ \t]*)(?=[=+\-@])")


def inert(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text and never runs (OWASP): a leading `'`, also after
    any separator where Excel could start a new cell, and every cell quoted."""
    if not isinstance(value, str):
        return value
    value = _SPLIT_FORMULA.sub(r"\1'", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_text(header: list[str], rows: list[list[Any]], separator: str = ",") -> str:
    """Every cell quoted and inert; `separator` ',' or ';' (Excel with Vietnamese regional
    settings splits at ';')."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([inert(v) for v in header])
    writer.writerows([inert(v) for v in row] for row in rows)
    return buffer.getvalue()

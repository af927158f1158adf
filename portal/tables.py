"""The coverage summary as rows, and CSV text a spreadsheet never runs: light, for every build."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from .coverage import Coverage

UNTAGGED_LABEL = "Tin bài khác (không thuộc nội dung nào của kế hoạch)"
TOTAL_LABEL = "Tổng số tin bài trong kỳ"


def summary_rows(coverage: Coverage) -> list[list[Any]]:
    """Number, title, count per item, then the untagged and total rows."""
    rows: list[list[Any]] = [[c.item.number, c.item.title, c.count] for c in coverage.items]
    rows.append(["", UNTAGGED_LABEL, coverage.untagged_count])
    rows.append(["", TOTAL_LABEL, coverage.post_count])
    return rows


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


def csv_text(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([inert(v) for v in header])
    writer.writerows([inert(v) for v in row] for row in rows)
    return buffer.getvalue()

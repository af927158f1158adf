"""Local time (Asia/Ho_Chi_Minh) and Vietnamese date formatting, with no system locale."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Protocol
from zoneinfo import ZoneInfo

TIMEZONE_NAME = "Asia/Ho_Chi_Minh"
LOCAL_TZ = ZoneInfo(TIMEZONE_NAME)

# The only date forms an editor may write: ISO order, so 03/02/2020 can never
# be read as 2 March or 3 February by accident.
ACCEPTED_DATE_FORMATS = ("YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS")
# The hour may have one digit (8:00 is 08:00: nothing else it could mean).
_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?$")
_SLASHED_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


class DateFormatError(ValueError):
    pass


def parse_local_datetime(text: str) -> dt.datetime:
    """Parse an editor's date as local time; raise DateFormatError with a Vietnamese reason."""
    text = text.strip()
    match = _DATE_RE.match(text)
    if not match:
        slashed = _SLASHED_RE.match(text)
        if slashed:
            day, month, year = slashed.groups()
            raise DateFormatError(
                f"ngày '{text}' viết theo kiểu ngày/tháng/năm nên có thể bị hiểu nhầm; "
                f"nếu là ngày {int(day)} tháng {int(month)} năm {year} hãy viết "
                f"{year}-{int(month):02d}-{int(day):02d}"
            )
        raise DateFormatError(
            f"ngày '{text}' không đúng định dạng; dùng một trong các dạng "
            + ", ".join(ACCEPTED_DATE_FORMATS)
            + " (ví dụ 2020-02-10 08:30)"
        )
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=LOCAL_TZ)
    except ValueError:
        raise DateFormatError(f"ngày '{text}' không tồn tại trong lịch") from None


def parse_day_option(value: str, flag: str) -> dt.date:
    """A command-line day (--today, --from, --to): YYYY-MM-DD, or DateFormatError naming the flag."""
    text = str(value).strip()
    try:
        if _DATE_RE.match(text) and " " not in text and "T" not in text:
            return parse_local_datetime(text).date()  # the editors' own grammar, date only
    except DateFormatError:
        pass
    raise DateFormatError(
        f"--{flag} '{value}' không phải ngày hợp lệ; viết theo dạng YYYY-MM-DD, ví dụ 2020-06-04"
    )


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=LOCAL_TZ)


def day_end(day: dt.date) -> dt.datetime:
    """The last instant of a local day, so a period includes its whole last day."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=LOCAL_TZ)


def now_local() -> dt.datetime:
    return dt.datetime.now(LOCAL_TZ)


def vn_date(value: dt.date | dt.datetime) -> str:
    """dd/mm/yyyy, in local time for datetimes."""
    if isinstance(value, dt.datetime):
        value = value.astimezone(LOCAL_TZ)
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def vn_datetime(value: dt.datetime) -> str:
    value = value.astimezone(LOCAL_TZ)
    return f"{value.hour:02d}:{value.minute:02d} {vn_date(value)}"


def vn_month(value: dt.date | dt.datetime) -> str:
    return f"Tháng {value.month} năm {value.year}"


def vn_long_date(value: dt.date | dt.datetime) -> str:
    """The form used in official documents: 'ngày 07 tháng 02 năm 2020'."""
    if isinstance(value, dt.datetime):
        value = value.astimezone(LOCAL_TZ)
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


class Dated(Protocol):
    """A Post or a Pelican article: anything with a date (and maybe a `modified` date)."""

    @property
    def date(self) -> dt.datetime: ...


def last_change(entry: Dated) -> dt.datetime:
    """When a post last changed: its modification date if it has one, else its date."""
    modified: dt.datetime | None = getattr(entry, "modified", None)
    return modified or entry.date


def newest_change(entries: Iterable[Dated]) -> dt.datetime | None:
    """The latest last_change of some posts, or None for none: the stamp of feeds and
    sitemaps, so that unchanged content gives identical bytes."""
    return max((last_change(e) for e in entries), default=None)


def iso_local(value: dt.datetime) -> str:
    return value.astimezone(LOCAL_TZ).isoformat()

"""Scheduled publishing (issue 26): a post approved with a future Date goes live at its time.

The site holds a post dated after the build's clock back (WITH_FUTURE_DATES = False; the
checker calls it 'scheduled'), so it appears only when a later publish builds it. `invoke publish
--scheduled`, run every few minutes by deploy/portal-publish.timer, publishes when something
became due since the last release and does nothing otherwise.

The last release's build time is its name (publishing.deploy.release_name: the publish's clock,
local time, to the second); a publish builds with that same clock (PORTAL_NOW), so what it
showed is exactly what was dated at or before its name, and its RELEASE record lists those posts
and activities (`shown`). Due, at `now`: a post that is published or hidden by its header, or an
activity, dated at or before `now` and not shown by the newest release: one whose time came, or
one approved after that release with a date already past. (A release recorded before `shown`
existed: dated after its build time.)
A clock at or before the newest release (a `--now` in the past, a clock set back) publishes
nothing: never backwards, never a site with fewer posts than the one before it. The first
release is a person's `invoke publish`, never the timer's.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from portal.activities import Activity
from portal.checker import ContentCheck
from portal.dates import LOCAL_TZ, DateFormatError, parse_local_datetime
from portal.posts import Post

RELEASE_NAME = "%Y%m%d-%H%M%S"


class NothingDue(Exception):
    """A scheduled run with nothing to publish: why, in Vietnamese."""


@dataclass(frozen=True)
class Due:
    date: dt.datetime
    what: str  # "bài" or "hoạt động"
    title: str
    source: str


def release_time(name: str) -> dt.datetime | None:
    """The local time a release's name carries, None for a name not made by release_name."""
    try:
        return dt.datetime.strptime(name, RELEASE_NAME).replace(tzinfo=LOCAL_TZ)
    except ValueError:
        return None


def newest_release(names: list[str]) -> tuple[str, dt.datetime] | None:
    timed = [(time, name) for name in names if (time := release_time(name)) is not None]
    if not timed:
        return None
    time, name = max(timed)
    return name, time


def parse_now(value: str) -> dt.datetime:
    """`--now "YYYY-MM-DD HH:MM"` as local time; DateFormatError in Vietnamese."""
    try:
        return parse_local_datetime(value)
    except DateFormatError as error:
        raise DateFormatError(f"--now: {error}") from None


def _shown(check: ContentCheck, root: str | Path) -> list[tuple[str, Post | Activity]]:
    """The posts (published or hidden) and activities a build with this check shows, by path."""
    every: list[Post | Activity] = [p for p in check.posts if p.status in ("published", "hidden")]
    every += check.activities
    return [(Path(os.path.relpath(entry.path, root)).as_posix(), entry) for entry in every]


def shown_now(check: ContentCheck, root: str | Path) -> list[str]:
    """What a release shows, recorded with it: the paths, in the content folder, of its posts and
    activities."""
    return sorted(path for path, _ in _shown(check, root))


def became_due(
    check: ContentCheck, root: str | Path, since: dt.datetime, now: dt.datetime, shown: list[str] | None
) -> list[Due]:
    """What the check of the site at `now` shows that the newest release, built at `since`,
    held back: not among what it recorded it shows (`shown`), so a post approved after that
    release with a date already past goes live too; for a release without that record, dated
    after `since`. Either way dated at or before `now`, by date."""
    found = []
    for path, entry in _shown(check, root):
        new = path not in shown if shown is not None else since < entry.date
        if new and entry.date <= now:
            what = "hoạt động" if isinstance(entry, Activity) else "bài"
            found.append(Due(entry.date, what, entry.title, entry.source))
    return sorted(found, key=lambda due: (due.date, due.source))


def nothing_due_since(name: str, since: dt.datetime, now: dt.datetime) -> str:
    return (
        f"Chưa có bài nào đến giờ đăng kể từ bản phát hành {name} ({_when(since)}) đến {_when(now)}; "
        "không phát hành."
    )


def not_backwards(name: str, since: dt.datetime, now: dt.datetime) -> str:
    return (
        f"Bản phát hành mới nhất {name} dựng lúc {_when(since)}, không sớm hơn giờ chạy {_when(now)}: "
        "không phát hành lùi."
    )


NO_RELEASE = (
    "Chưa có bản phát hành nào: lần phát hành đầu tiên do người quản trị chạy 'invoke publish'; "
    "không phát hành."
)


def due_lines(due: list[Due]) -> list[str]:
    return [f"Đến giờ đăng: {d.what} «{d.title}» ({_when(d.date)}, {d.source})" for d in due]


def _when(value: dt.datetime) -> str:
    local = value.astimezone(LOCAL_TZ)
    return f"{local:%d/%m/%Y %H:%M}" + (f":{local:%S}" if local.second else "")

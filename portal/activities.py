"""Activities: what a unit did for a plan off the portal, or beside it (DESIGN.md contract 10).

Plan 118 names conferences, party-cell sessions and publications as forms of publicity, and
items 6 and 7 ask for citizens' feedback handled and staff commended: work a unit reports to
the Office whether or not a post was written about it. Each activity is one Markdown file under
`hoat-dong/` with a header read by the same parser as posts (`portal.posts`), its plans and
items resolved as a post's are, its participants or quantity counted in the reports, its
evidence (minutes, photos, scans) under `files/`, and the public posts that report on it. It is
a page of the public site only when `Public: yes`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content_files import ContentTree
from .documents import listed_files
from .folders import FOLDER_DEFAULTS
from .plans import Choice, Plan, PlanSet
from .posts import Header, Post, Tag, Tagged, read_date, resolve_plan
from .problems import Problem

ACTIVITY_KEY_ORDER = (
    "title",
    "date",
    "unit",
    "form",
    "plan",
    "items",
    "participants",
    "quantity",
    "files",
    "posts",
    "public",
    "slug",
)
ACTIVITY_KEYS = set(ACTIVITY_KEY_ORDER)
DEFAULT_ACTIVITY_PATHS = FOLDER_DEFAULTS["ACTIVITY_PATHS"]
YES = {"yes", "có", "co", "true", "1"}
NO = {"no", "không", "khong", "false", "0"}
# A whole number as people write it: 1200, 1.200, 1 200 (a decimal part is refused), at most
# MAX_COUNT: more people or copies than that in one activity is a slip of the keyboard.
_WHOLE = re.compile(r"^\d{1,3}(?:[. ]\d{3})+$|^\d+$")
MAX_COUNT = 10_000_000
MAX_POSTS = 50  # posts named on one Posts: line
MAX_SHOWN = 40  # characters of a wrong value quoted back
# `Posts:` names a post by its slug, its year and slug (2020/slug) or its address.
_POST_REFERENCE = re.compile(r"(?:^|/)(?:(?P<year>\d{4})/)?(?P<slug>[^/]+)$")


@dataclass(frozen=True)
class Activity(Tagged):
    source: str  # as shown in problems
    path: str
    title: str
    date: dt.datetime
    slug: str
    plan: Plan | None
    tags: tuple[Tag, ...]
    form: Choice | None
    unit: Choice | None
    participants: int | None
    quantity: int | None
    files: tuple[str, ...]  # evidence, relative to the content folder (files/…)
    posts: tuple[Post, ...]  # the public posts that report on it
    public: bool
    lines: dict[str, int]
    body: str = ""


def whole_number(value: str, limit: int = MAX_COUNT) -> int | None:
    """`1200`, `1.200` or `1 200` as 1200; None for anything else, or more than limit."""
    text = value.strip().replace("\u00a0", " ")
    digits = re.sub(r"[. ]", "", text)
    if not _WHOLE.match(text) or len(digits.lstrip("0")) > len(str(limit)):
        return None
    number = int(digits)
    return number if number <= limit else None


def posts_named(
    value: str, posts_by_slug: dict[str, list[Post]]
) -> tuple[tuple[Post, ...], list[tuple[str, str]]]:
    """The posts a `Posts:` line names (an activity's, a task's), and (message, fix) for each entry
    that names no post, several, or a draft."""
    found: list[Post] = []
    problems: list[tuple[str, str]] = []
    for written in value.split(",")[:MAX_POSTS]:
        reference = _POST_REFERENCE.search(written.strip().strip("/"))
        if reference is None:
            continue
        slug, year = reference.group("slug"), reference.group("year")
        candidates = [p for p in posts_by_slug.get(slug, []) if year is None or f"{p.date:%Y}" == year]
        if len(candidates) > 1:
            years = ", ".join(sorted(f"{p.date:%Y}" for p in candidates))
            problems.append(
                (
                    f"có {len(candidates)} tin bài cùng đường dẫn (slug) '{slug}' (năm {years})",
                    f"ghi kèm năm của tin bài, ví dụ '{candidates[0].date:%Y}/{slug}'",
                )
            )
            continue
        post = candidates[0] if candidates else None
        if post is None:
            problems.append(
                (
                    f"không có tin bài nào có đường dẫn (slug) '{slug}'"
                    + (f" trong năm {year}" if year else ""),
                    "ghi slug của tin bài đã đăng, ví dụ phần cuối địa chỉ /tin-tuc/2020/<slug>/",
                )
            )
        elif post.status not in ("published", "hidden", "scheduled"):
            problems.append(
                (
                    f"tin bài '{slug}' là bản nháp, chưa đăng",
                    "đăng tin bài đó trước, hoặc bỏ nó khỏi dòng Posts",
                )
            )
        elif post not in found:
            found.append(post)
    return tuple(found), problems


class ActivityReader:
    """One activity file's header, checked: every problem at once, with its line and fix."""

    def __init__(
        self,
        header: Header,
        shown: str,
        path: str | Path,
        settings: dict[str, Any],
        tree: ContentTree,
        plans: PlanSet,
        posts: list[Post],
    ) -> None:
        self.header, self.values, self.shown, self.path = header, header.values, shown, str(path)
        self.settings, self.tree, self.plans = settings, tree, plans
        self.posts_by_slug: dict[str, list[Post]] = {}
        for post in posts:
            self.posts_by_slug.setdefault(post.slug, []).append(post)
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, fix: str) -> None:
        self.problems.append(Problem(self.shown, self.header.line(key), message, fix))

    def read(self, slug: str) -> Activity | None:
        for key, what, example in (
            ("date", "ngày diễn ra", "Date: 2020-05-06 08:00"),
            ("unit", "đơn vị thực hiện", "Unit: van-phong"),
            ("form", "hình thức", "Form: hoi-nghi-giao-ban"),
        ):
            if key not in self.values:
                self.problems.append(Problem(self.shown, 1, f"thiếu {what}", f"thêm dòng '{example}'"))
        date = None
        if "date" in self.values:
            date, found = read_date(self.header, "date", self.shown)
            self.problems += found
        resolved = resolve_plan(self.header, date, self.plans, self.shown, noun="hoạt động")
        self.problems += resolved.problems
        participants = self.count("participants", "số người tham dự")
        quantity = self.count("quantity", "số lượng")
        files, file_problems = listed_files(self.values.get("files", ""), self.tree, self.settings)
        for message, fix in file_problems:
            self.problem("files", message, fix)
        posts = self.reporting_posts()
        public = self.public()
        if date is None or not self.values.get("title"):
            return None
        return Activity(
            source=self.shown,
            path=self.path,
            title=self.values["title"],
            date=date,
            slug=slug,
            plan=resolved.plan,
            tags=resolved.tags,
            form=resolved.form if "form" in self.values else None,
            unit=resolved.unit if "unit" in self.values else None,
            participants=participants,
            quantity=quantity,
            files=files,
            posts=posts,
            public=public,
            lines=dict(self.header.lines),
            body=self.header.body,
        )

    def count(self, key: str, label: str) -> int | None:
        if key not in self.values:
            return None
        number = whole_number(self.values[key])
        if number is None:
            written = self.values[key]
            shown = written if len(written) <= MAX_SHOWN else written[:MAX_SHOWN] + "…"
            large = _WHOLE.match(written.strip().replace("\u00a0", " "))
            self.problem(
                key,
                f"{label} '{shown}' "
                + (f"quá lớn (tối đa {MAX_COUNT:,})".replace(",", ".") if large else "không phải số nguyên"),
                f"ghi một số, ví dụ '{key.capitalize()}: 45'",
            )
        return number

    def reporting_posts(self) -> tuple[Post, ...]:
        found, problems = posts_named(self.values.get("posts", ""), self.posts_by_slug)
        for message, fix in problems:
            self.problem("posts", message, fix)
        return found

    def public(self) -> bool:
        value = self.values.get("public", "no").strip().lower()
        if value in YES | NO:
            return value in YES
        self.problem(
            "public", f"Public '{self.values['public']}' không hợp lệ", "ghi 'Public: yes' hoặc 'Public: no'"
        )
        return False

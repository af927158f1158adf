"""Coverage of a plan: published posts per item, form and unit, within a report window.

Contract 4 of DESIGN.md: a post tagged to several items counts once for each
and once in the total; drafts and scheduled posts never count; a window
from A to B holds the whole local days A and B.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .activities import Activity
from .dates import LOCAL_TZ, day_end, day_start, vn_date
from .documents import Document, DocumentIndex
from .plans import Choice, Item, Plan, ReportPeriod
from .posts import Post, Tag
from .problems import WARNING, Problem
from .unit_reports import UnitReport


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date
    label: str
    period: ReportPeriod | None = None

    @classmethod
    def for_period(cls, period: ReportPeriod) -> Window:
        return cls(period.start, period.end, period.title, period)

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> Window:
        return cls(start, end, f"Từ ngày {vn_date(start)} đến ngày {vn_date(end)}")

    def contains(self, moment: dt.datetime) -> bool:
        return day_start(self.start) <= moment <= day_end(self.end)


@dataclass
class ItemCoverage:
    item: Item
    posts: list[Post] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Posts: what contract 5's `count` says."""
        return len(self.posts)

    @property
    def activity_count(self) -> int:
        return len(self.activities)

    @property
    def covered(self) -> bool:
        return bool(self.posts or self.activities)


@dataclass(frozen=True)
class ChoiceCoverage:
    """A form's or a unit's work in the window: posts, activities held, people, quantity.

    An activity and a post of the same form (or unit) that reports on it are one piece of work:
    that post is not counted again in the activity's row (it still counts under its items). A
    post another unit wrote about it is that unit's own work, as that unit's report counts it."""

    choice: Choice
    post_count: int = 0
    activity_count: int = 0
    participants: int = 0
    quantity: int = 0

    @property
    def work(self) -> int:
        return self.post_count + self.activity_count


@dataclass(frozen=True)
class DocumentEvidence:
    """A document of the window (issued in it, or publicised in it) and how it was publicised."""

    document: Document
    issued_in_window: bool
    posts: tuple[Post, ...]  # published posts naming it, oldest first (any date: the first may follow)

    @property
    def first_post(self) -> Post | None:
        return self.posts[0] if self.posts else None

    @property
    def days_to_first_post(self) -> int | None:
        """Days from signing to the first post, in local dates (0: the same day)."""
        first = self.first_post
        return (first.date.astimezone(LOCAL_TZ).date() - self.document.signed).days if first else None


def document_evidence(index: DocumentIndex, posts: Iterable[Post], window: Window) -> list[DocumentEvidence]:
    """Documents signed in the window or named by a post published in it, oldest signing first:
    item 5 of plan 118 asks that documents be publicised fully and promptly."""
    naming: dict[str, list[Post]] = {}
    for post in sorted((p for p in posts if p.is_published), key=lambda p: (p.date, p.source)):
        for number in post.documents:
            document = index.find(number)
            if document:
                naming.setdefault(document.key, []).append(post)
    chosen = [
        d
        for d in index.documents
        if window.start <= d.signed <= window.end
        or any(window.contains(p.date) for p in naming.get(d.key, []))
    ]
    return [
        DocumentEvidence(d, window.start <= d.signed <= window.end, tuple(naming.get(d.key, [])))
        for d in sorted(chosen, key=lambda d: (d.signed, d.number))
    ]


@dataclass
class Coverage:
    plan: Plan
    window: Window
    items: list[ItemCoverage]
    posts: list[Post]
    untagged: list[Post]
    by_form: list[ChoiceCoverage]
    by_unit: list[ChoiceCoverage]
    unit: Choice | None = None  # set when the report covers one unit's posts only
    documents: list[DocumentEvidence] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    # The units' own reports for this period (a report of a period, not of any window).
    unit_reports: list[UnitReport] = field(default_factory=list)

    @property
    def post_count(self) -> int:
        return len(self.posts)

    @property
    def untagged_count(self) -> int:
        return len(self.untagged)

    @property
    def activity_count(self) -> int:
        return len(self.activities)

    @property
    def tagged(self) -> list[Post]:
        """Posts of the window tagged to at least one of this plan's items."""
        return [p for p in self.posts if p.tag_for(self.plan)]

    @property
    def covered_item_count(self) -> int:
        """Items with at least one post or activity in the window."""
        return sum(1 for c in self.items if c.covered)

    @property
    def gaps(self) -> list[Item]:
        return [c.item for c in self.items if not c.covered]

    @property
    def max_count(self) -> int:
        return max((c.count for c in self.items), default=0)

    @property
    def public_activities(self) -> list[Activity]:
        return [a for a in self.activities if a.public]


def items_of(work: Post | Activity, plan: Plan) -> tuple[Item, ...]:
    tag = work.tag_for(plan)
    return tag.items if tag else ()


def compute_coverage(
    plan: Plan,
    posts: list[Post],
    window: Window,
    documents: DocumentIndex | None = None,
    activities: Iterable[Activity] = (),
) -> Coverage:
    """What a plan's report counts in a window (DESIGN.md contracts 4, 11 and 12): published posts
    and activities of its own (tagged to its items, or untagged and its own), each post once per
    item and once in the total."""
    counted = sorted(
        (p for p in posts if p.is_published and window.contains(p.date) and p.belongs_to(plan)),
        key=lambda p: (p.date, p.source),
    )
    held = sorted(
        (a for a in activities if window.contains(a.date) and a.belongs_to(plan)),
        key=lambda a: (a.date, a.source),
    )
    per_item = {item.number: ItemCoverage(item) for item in plan.items}
    for post in counted:
        for item in items_of(post, plan):
            per_item[item.number].posts.append(post)
    for activity in held:
        for item in items_of(activity, plan):
            per_item[item.number].activities.append(activity)
    return Coverage(
        plan=plan,
        window=window,
        items=list(per_item.values()),
        posts=counted,
        untagged=[p for p in counted if not p.tag_for(plan)],
        by_form=_by_choice(plan, plan.forms, counted, held, "form"),
        by_unit=_by_choice(plan, plan.units, counted, held, "unit"),
        documents=document_evidence(documents, posts, window) if documents else [],
        activities=held,
    )


def unit_of(work: Post | Activity, plan: Plan) -> Choice | None:
    return choice_of(work, plan, "unit")


def choice_of(work: Post | Activity, plan: Plan, kind: str) -> Choice | None:
    """A post's or activity's form (or unit) as this plan names it."""
    tag = work.tag_for(plan)
    choice: Choice | None = getattr(tag if tag else work, kind)
    return choice


def _by_choice(
    plan: Plan, choices: Iterable[Choice], posts: list[Post], activities: list[Activity], kind: str
) -> list[ChoiceCoverage]:
    """Each form's (or unit's) posts tagged to the plan, less those reporting on an activity
    counted in the same row, and its activities with their participants and quantity."""
    reported = {
        (post.path, choice.id)
        for activity in activities
        if (choice := choice_of(activity, plan, kind)) is not None
        for post in activity.posts
    }
    post_counts: Counter[str] = Counter()
    for post in posts:
        choice = choice_of(post, plan, kind) if post.tag_for(plan) else None
        if choice is not None and (post.path, choice.id) not in reported:
            post_counts[choice.id] += 1
    rows = []
    for choice in choices:
        mine = [a for a in activities if (c := choice_of(a, plan, kind)) is not None and c.id == choice.id]
        rows.append(
            ChoiceCoverage(
                choice,
                post_counts[choice.id],
                len(mine),
                sum(a.participants or 0 for a in mine),
                sum(a.quantity or 0 for a in mine),
            )
        )
    return rows


def period_coverages(
    plan: Plan, posts: list[Post], documents: DocumentIndex | None = None, activities: Iterable[Activity] = ()
) -> list[Coverage]:
    held = list(activities)
    return [compute_coverage(plan, posts, Window.for_period(p), documents, held) for p in plan.periods]


def uncounted_problems(tags: Iterable[Tag], date: dt.datetime, shown: str, line: int) -> list[Problem]:
    """A warning for each plan a post or activity serves whose report periods leave its day out:
    it would be counted in no report; says the gap and who closes it."""
    day = date.astimezone(LOCAL_TZ).date()
    problems = []
    for tag in tags:
        plan = tag.plan
        if plan.counts(day):
            continue
        before = max((end for _, end in plan.spans if end < day), default=None)
        after = min((start for start, _ in plan.spans if start > day), default=None)
        first = before + dt.timedelta(days=1) if before else plan.start
        last = after - dt.timedelta(days=1) if after else plan.end
        problems.append(
            Problem(
                shown,
                line,
                f"ngày {vn_date(day)} không thuộc kỳ báo cáo nào của kế hoạch {plan.id}: từ {vn_date(first)} "
                f"đến {vn_date(last)} chưa được tính vào báo cáo nào",
                f"Văn phòng tạo kế hoạch tiếp theo bằng 'invoke plan-new' (kỳ đầu bắt đầu {vn_date(first)}), "
                "rồi bỏ dòng Plan hoặc ghi kế hoạch mới trước số mục",
                WARNING,
            )
        )
    return problems


def current_period(plan: Plan, today: dt.date) -> ReportPeriod | None:
    """The report period being filled now: the one with the nearest end that holds today."""
    open_periods = [p for p in plan.periods if p.start <= today <= p.end]
    return min(open_periods, key=lambda p: p.end, default=None)


def gap_warnings(
    plans: Iterable[Plan], posts: list[Post], now: dt.datetime, activities: Iterable[Activity] = ()
) -> list[Problem]:
    """A warning per item with no post nor activity yet in its plan's current report period."""
    held = list(activities)
    today = now.astimezone(LOCAL_TZ).date()
    warnings = []
    for plan in plans:
        period = current_period(plan, today)
        if period is None:
            continue
        window = Window(period.start, today, period.title, period)
        for item in compute_coverage(plan, posts, window, activities=held).gaps:
            days = (period.unit_deadline - today).days
            warnings.append(
                Problem(
                    plan.source,
                    None,
                    f"Mục {item.number} chưa có tin bài nào trong kỳ báo cáo {period.id}; "
                    f"còn {days} ngày đến hạn {vn_date(period.unit_deadline)}",
                    f"viết tin bài với 'Items: {item.number}' ({item.title})",
                    WARNING,
                )
            )
    return warnings


def unrecorded_warnings(
    plans: Iterable[Plan], posts: list[Post], now: dt.datetime, activities: Iterable[Activity] = ()
) -> list[Problem]:
    """A warning per post of a plan's current report period whose form is a meeting, a session or a
    publication (not the plan's default, the website) while no activity records it: the report
    would count the post but not the people who came or the copies printed. Only the period being
    filled: last year's posts stay quiet."""
    reported = {post.path for activity in activities for post in activity.posts}
    today = now.astimezone(LOCAL_TZ).date()
    warnings = []
    said: set[str] = set()  # a post two plans count is said once
    for plan in plans:
        period = current_period(plan, today)
        if period is None:
            continue
        for post in posts:
            form = choice_of(post, plan, "form") if post.tag_for(plan) else None
            if (
                form is None
                or form == plan.default_form
                or post.path in reported
                or not post.is_published
                or not period.start <= post.date.astimezone(LOCAL_TZ).date() <= today
                or post.path in said
            ):
                continue
            said.add(post.path)
            warnings.append(
                Problem(
                    post.source,
                    post.lines.get("form"),
                    f"tin bài về '{form.name}' chưa có hoạt động nào ghi lại (ngày, đơn vị, số người "
                    f"dự hoặc số lượng), nên báo cáo kỳ {period.id} chỉ đếm tin bài",
                    "đơn vị tổ chức ghi hoạt động (trình soạn thảo, mục Hoạt động, hoặc 'invoke "
                    f"new-activity') với 'Posts: {post.slug}'",
                    WARNING,
                )
            )
    return warnings

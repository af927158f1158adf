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

from .dates import LOCAL_TZ, day_end, day_start, vn_date
from .documents import Document, DocumentIndex
from .plans import Choice, Item, Plan, ReportPeriod
from .posts import Post
from .problems import WARNING, Problem


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

    @property
    def count(self) -> int:
        return len(self.posts)


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
    by_form: list[tuple[Choice, int]]
    by_unit: list[tuple[Choice, int]]
    unit: Choice | None = None  # set when the report covers one unit's posts only
    documents: list[DocumentEvidence] = field(default_factory=list)

    @property
    def post_count(self) -> int:
        return len(self.posts)

    @property
    def untagged_count(self) -> int:
        return len(self.untagged)

    @property
    def tagged(self) -> list[Post]:
        """Posts of the window tagged to at least one item: what the form and unit tables count."""
        return [p for p in self.posts if p.items]

    @property
    def covered_item_count(self) -> int:
        """Items with at least one post in the window."""
        return sum(1 for c in self.items if c.count)

    @property
    def gaps(self) -> list[Item]:
        return [c.item for c in self.items if not c.count]

    @property
    def max_count(self) -> int:
        return max((c.count for c in self.items), default=0)


def belongs_to(post: Post, plan: Plan) -> bool:
    """Tagged to this plan, or to no plan at all (untagged news still counts in the total)."""
    return post.plan is None or post.plan.id == plan.id


def compute_coverage(
    plan: Plan, posts: list[Post], window: Window, documents: DocumentIndex | None = None
) -> Coverage:
    counted = sorted(
        (p for p in posts if p.is_published and window.contains(p.date) and belongs_to(p, plan)),
        key=lambda p: (p.date, p.source),
    )
    per_item = {item.number: ItemCoverage(item) for item in plan.items}
    for post in counted:
        for item in post.items:
            per_item[item.number].posts.append(post)
    forms = Counter(p.form.id for p in counted if p.items and p.form)
    units = Counter(p.unit.id for p in counted if p.items and p.unit)
    return Coverage(
        plan=plan,
        window=window,
        items=list(per_item.values()),
        posts=counted,
        untagged=[p for p in counted if not p.items],
        by_form=[(f, forms[f.id]) for f in plan.forms],
        by_unit=[(u, units[u.id]) for u in plan.units],
        documents=document_evidence(documents, posts, window) if documents else [],
    )


def period_coverages(plan: Plan, posts: list[Post], documents: DocumentIndex | None = None) -> list[Coverage]:
    return [compute_coverage(plan, posts, Window.for_period(p), documents) for p in plan.periods]


def current_period(plan: Plan, today: dt.date) -> ReportPeriod | None:
    """The report period being filled now: the one with the nearest end that holds today."""
    open_periods = [p for p in plan.periods if p.start <= today <= p.end]
    return min(open_periods, key=lambda p: p.end, default=None)


def gap_warnings(plans: Iterable[Plan], posts: list[Post], now: dt.datetime) -> list[Problem]:
    """A warning per item with no post yet in its plan's current report period."""
    today = now.astimezone(LOCAL_TZ).date()
    warnings = []
    for plan in plans:
        period = current_period(plan, today)
        if period is None:
            continue
        window = Window(period.start, today, period.title, period)
        for item in compute_coverage(plan, posts, window).gaps:
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

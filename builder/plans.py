"""The plans of the site model: every plan with its items and their addresses (Pelican URL
wrappers, from the PLAN_*, PLANTEXT_* and PLANITEM_* settings), attached to the posts once
Pelican has read them (builder.site_model).

On every post: `article.plan` (a `Plan`), `article.plan_tags` (a `PlanTag` per plan the post
serves: the plan, its items, the form), `article.plan_items` (every `PlanItem` of them all),
`article.form` and `article.unit` (`portal.plans.Choice`). In the context: `plans`, each
`Plan` with its `items`, each item with its published `articles`, newest first; and
`current_plan`, the plan covering today (else the latest). Plugins read them with
`plans(context)` and `current_plan(context)`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from pelican.urlwrappers import URLWrapper

from portal import plans as plan_data
from portal.checker import ContentCheck
from portal.dates import now_local


class Plan(URLWrapper):
    def __init__(self, data: plan_data.Plan, settings: Any) -> None:
        super().__init__(data.title, settings)
        self.data = data
        self.slug = data.slug
        self.items = [PlanItem(item, self, settings) for item in data.items]
        self.text_page = PlanText(self, settings)

    @property
    def articles(self) -> list[Any]:
        """Published posts tagged to any item of the plan, newest first."""
        seen = {id(a): a for item in self.items for a in item.articles}
        return sorted(seen.values(), key=lambda a: a.date, reverse=True)

    @property
    def post_count(self) -> int:
        return len(self.articles)

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def covered_item_count(self) -> int:
        """Items with at least one published post."""
        return sum(1 for item in self.items if item.articles)

    def item(self, number: int) -> PlanItem:
        return next(i for i in self.items if i.number == number)


class PlanTag(NamedTuple):
    """One plan a post serves: the plan, the items of it the post names, its form there."""

    plan: Plan
    items: list[PlanItem]
    form: plan_data.Choice | None


class PlanText(URLWrapper):
    def __init__(self, plan: Plan, settings: Any) -> None:
        super().__init__(plan.data.id, settings)
        self.slug = plan.slug


class PlanItem(URLWrapper):
    def __init__(self, data: plan_data.Item, plan: Plan, settings: Any) -> None:
        super().__init__(data.title, settings)
        self.data = data
        self.number = data.number
        self.plan = plan
        self.plan_slug = plan.slug
        self.slug = data.slug
        self.articles: list[Any] = []

    @property
    def count(self) -> int:
        return len(self.articles)

    def as_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "plan_slug": self.plan_slug, "number": self.number}

    # Item slugs are unique within a plan only.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlanItem) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash((self.plan_slug, self.slug))


def plans(context: Mapping[str, Any]) -> list[Plan]:
    """The run's plans, oldest first (the site model's)."""
    found: list[Plan] = context["plans"]
    return found


def current_plan(context: Mapping[str, Any]) -> Plan | None:
    """The plan covering the run's today, else the latest (the site model's)."""
    found: Plan | None = context["current_plan"]
    return found


def attach_plans(check: ContentCheck, context: dict[str, Any], settings: Mapping[str, Any]) -> None:
    """Every plan into the context, and onto every post the plans and items it serves."""
    made = [Plan(data, settings) for data in check.plans]
    by_id = {plan.data.id: plan for plan in made}
    for article in _all_articles(context):
        post = check.post_at(article.source_path)
        plan = by_id.get(post.plan.id) if post and post.plan else None
        article.plan = plan
        # Every plan the post serves, its items in each (a post may serve two plans).
        article.plan_tags = [
            PlanTag(by_id[tag.plan.id], [by_id[tag.plan.id].item(i.number) for i in tag.items], tag.form)
            for tag in (post.tags if post else ())
        ]
        article.plan_items = [item for tag in article.plan_tags for item in tag.items]
        article.form = post.form if post else None
        article.unit = post.unit if post else None
    for article in context["articles"]:  # published, newest first
        for item in article.plan_items:
            item.articles.append(article)
    context["plans"] = made
    today = (settings.get("PORTAL_NOW") or now_local()).date()
    for plan in made:
        plan.in_force = plan.data.covers(today)
    current = check.plans.default(today, settings.get("MAIN_PLAN_KIND"))
    context["current_plan"] = by_id[current.id] if current else None


def _all_articles(context: Mapping[str, Any]) -> Iterator[Any]:
    for key in ("articles", "hidden_articles"):
        yield from context.get(key, [])

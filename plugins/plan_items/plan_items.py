"""Plan items as a taxonomy: every post knows which items of which plan it publicises.

Adds, from the posts' `Plan`, `Items`, `Form` and `Unit` metadata (already
validated by the checker, builder.site_model):
- `article.plan` (a `Plan`), `article.plan_tags` (a `PlanTag` per plan the
  post serves: the plan, its items, the form), `article.plan_items` (every
  `PlanItem` of them all), `article.form` and `article.unit`
  (`portal.plans.Choice`) on every post;
- `plans` in the template context: each `Plan` with its `items`, each item
  with its published `articles`, newest first, computed once here; and
  `current_plan`, the plan covering today (else the latest);
- pages: every plan, newest first (`plans.html`, at PLANS_URL: "Cải cách hành
  chính" in the menu); per plan an overview (`plan.html`), its full text
  (`plan_text.html`) and per item a paginated listing (`plan_item.html`).
URLs come from the PLANS_*, PLAN_*, PLANTEXT_* and PLANITEM_* settings
(PLANS_* default to `ke-hoach/`, set in `initialized`). After writing, a post
missing from one of its items' pages fails the build.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, NamedTuple

from pelican import signals
from pelican.generators import Generator
from pelican.urlwrappers import URLWrapper

from builder.logs import shown_path
from builder.output import linked_addresses, previewing
from builder.site_model import site_model
from portal import plans as plan_data
from portal.dates import now_local
from portal.problems import ContentError, Problem

# What this plugin hands on (context keys; attributes, with a dot, it sets on content and
# pages) and what of other plugins' it reads: tests/test_plugin_data.py holds both to the code.
PROVIDES = frozenset(
    {
        ".form",
        ".in_force",
        ".plan",
        ".plan_items",
        ".plan_tags",
        ".unit",
        "current_plan",
        "plans",
    }
)
USES: frozenset[str] = frozenset()

DEFAULTS = {"PLANS_URL": "ke-hoach/", "PLANS_SAVE_AS": "ke-hoach/index.html"}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


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


class PlanPagesGenerator(Generator):
    """Attaches plans to posts, then writes the plan and item pages."""

    def generate_context(self) -> None:
        check = site_model(self.context)
        self.plans = [Plan(data, self.settings) for data in check.plans]
        by_id = {plan.data.id: plan for plan in self.plans}
        for article in self._all_articles():
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
        for article in self.context["articles"]:  # published, newest first
            for item in article.plan_items:
                item.articles.append(article)
        self.context["plans"] = self.plans
        _run.plans = self.plans
        today = (self.settings.get("PORTAL_NOW") or now_local()).date()
        for plan in self.plans:
            plan.in_force = plan.data.covers(today)
        current = check.plans.default(today, self.settings.get("MAIN_PLAN_KIND"))
        self.context["current_plan"] = by_id[current.id] if current else None

    def _all_articles(self) -> Iterator[Any]:
        for key in ("articles", "hidden_articles"):
            yield from self.context.get(key, [])

    def generate_output(self, writer: Any) -> None:
        writer.write_file(
            self.settings["PLANS_SAVE_AS"],
            self.get_template("plans"),
            self.context,
            plans_newest_first=sorted(self.plans, key=lambda p: (p.data.start, p.data.id), reverse=True),
            url=self.settings["PLANS_URL"],
            relative_urls=self.settings["RELATIVE_URLS"],
        )
        plan_template = self.get_template("plan")
        text_template = self.get_template("plan_text")
        item_template = self.get_template("plan_item")
        for plan in self.plans:
            writer.write_file(
                plan.save_as,
                plan_template,
                self.context,
                plan=plan,
                url=plan.url,
                relative_urls=self.settings["RELATIVE_URLS"],
            )
            writer.write_file(
                plan.text_page.save_as,
                text_template,
                self.context,
                plan=plan,
                url=plan.text_page.url,
                relative_urls=self.settings["RELATIVE_URLS"],
            )
            for item in plan.items:
                writer.write_file(
                    item.save_as,
                    item_template,
                    self.context,
                    plan=plan,
                    item=item,
                    articles=item.articles,
                    paginated={"articles": item.articles},
                    template_name="plan_item",
                    url=item.url,
                    relative_urls=self.settings["RELATIVE_URLS"],
                )


class _Run:
    """This run's plans (the generator's), for the check after writing; reset every run."""

    def __init__(self) -> None:
        self.plans: list[Plan] = []


_run = _Run()


def get_generators(pelican: Any) -> type[Any]:
    _run.plans = []
    return PlanPagesGenerator


def verify_item_pages(pelican: Any) -> None:
    """After writing: every published post is listed on each of its items' pages. A preview
    writes a few pages only; its full build is verified."""
    if previewing(pelican.settings):
        return
    site = pelican.settings["SITEURL"]
    problems = []
    for plan in _run.plans:
        for item in plan.items:
            listed = linked_addresses(os.path.join(pelican.output_path, os.path.dirname(item.save_as)))
            problems += [
                Problem(
                    shown_path(article.source_path),
                    None,
                    f"đã đăng nhưng không có trong trang mục {item.number} của Kế hoạch {plan.data.id}",
                    "báo cho nhóm kỹ thuật: giao diện hoặc plugin đã bỏ sót bài",
                )
                for article in item.articles
                if f"{site}/{article.url}" not in listed
            ]
    if problems:
        raise ContentError(problems)


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(verify_item_pages)

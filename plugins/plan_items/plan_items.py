"""The plans' pages, from the site model's plans (builder.plans, attached to every post there).

Pages: every plan, newest first (`plans.html`, at PLANS_URL: "Cải cách hành
chính" in the menu); per plan an overview (`plan.html`), its full text
(`plan_text.html`) and per item a paginated listing (`plan_item.html`).
URLs come from the PLANS_*, PLAN_*, PLANTEXT_* and PLANITEM_* settings
(PLANS_* default to `ke-hoach/`, set in `initialized`). After writing, a post
missing from one of its items' pages fails the build.
"""

from __future__ import annotations

import os
from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.logs import shown_path
from builder.output import linked_addresses, previewing
from builder.plans import Plan, plans
from portal.problems import ContentError, Problem

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()

DEFAULTS = {"PLANS_URL": "ke-hoach/", "PLANS_SAVE_AS": "ke-hoach/index.html"}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


class PlanPagesGenerator(Generator):
    """Attaches plans to posts, then writes the plan and item pages."""

    def generate_context(self) -> None:
        self.plans = plans(self.context)
        _run.plans = self.plans

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

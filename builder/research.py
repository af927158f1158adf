"""The science and technology tasks of the site model: a page per task (portal.research),
read with Pelican's readers as posts are, attached to the posts about them and to the
decisions that accepted them, once Pelican has read the posts (builder.site_model).

In the context: `research_tasks`, `ResearchTaskPage`s newest first, each with its `task`,
`files` (download lines), `documents` and `acceptance` (the library's pages), `articles` (the
published posts about it, newest first) and `filter_urls`; `research_facets`, per filter
(level, field, status, year) its values, each with exactly its tasks; `research_facet_labels`.
On every post, `article.research_tasks`; on a decision's page, the tasks it accepted. Plugins
read them with `research_tasks(context)` and `research_facets(context)`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from builder.documents import FilterPage, documents
from builder.links import SafeLinks, link_posts, read_page
from builder.output import download
from portal.checker import ContentCheck
from portal.documents import facet_slug
from portal.research import FACETS, newest_first, task_facets
from portal.urls import research_filter_url, research_task_url, url_setting


class ResearchTaskPage(SafeLinks):
    """A task's own page; its address comes from RESEARCH_TASK_URL."""

    mandatory_properties = ("title",)
    default_template = "research_task"


def research_tasks(context: Mapping[str, Any]) -> list[ResearchTaskPage]:
    """The run's task pages, newest first (the site model's)."""
    found: list[ResearchTaskPage] = context.get("research_tasks", [])
    return found


def research_facets(context: Mapping[str, Any]) -> dict[str, list[FilterPage]]:
    found: dict[str, list[FilterPage]] = context.get("research_facets", {})
    return found


def attach_research_tasks(check: ContentCheck, generator: Any) -> None:
    """Every task's page into the context, and onto the posts about it and the decision that
    accepted it. `generator` is Pelican's articles generator, whose readers read the tasks."""
    context, settings = generator.context, generator.settings
    by_key = {p.document.key: p for p in documents(context)}
    pages: list[ResearchTaskPage] = []
    by_post: dict[str, list[ResearchTaskPage]] = {}
    for task in newest_first(check.research_tasks):
        page = read_page(generator, task.path, ResearchTaskPage)
        page.task = task
        page.override_url = research_task_url(task, settings)
        page.override_save_as = url_setting(settings, "RESEARCH_TASK_SAVE_AS").format(slug=task.slug)
        page.files = [download(generator.path, relative, settings["SITEURL"]) for relative in task.files]
        page.acceptance = by_key.get(task.acceptance.key) if task.acceptance else None
        page.documents = [by_key[d.key] for d in task.documents if d.key in by_key]
        page.articles = []
        page.filter_urls = {
            kind: research_filter_url(kind, facet_slug(value), settings)
            for kind, value in (
                ("cap", task.level),
                ("linh-vuc", task.field),
                ("trang-thai", task.status),
            )
        }
        pages.append(page)
        for post in task.posts:
            by_post.setdefault(os.path.abspath(post.path), []).append(page)
    link_posts(
        context, "research_tasks", lambda article: by_post.get(os.path.abspath(article.source_path), [])
    )
    pages_of = {p.task.key: p for p in pages}
    labels = dict(FACETS)
    context["research_facets"] = {
        kind: [
            FilterPage(
                facet,
                labels[kind],
                [pages_of[t.key] for t in facet.tasks],
                research_filter_url(facet.kind, facet.slug, settings),
                url_setting(settings, "RESEARCHFILTER_SAVE_AS").format(kind=facet.kind, slug=facet.slug),
            )
            for facet in values
        ]
        for kind, values in task_facets(check.research_tasks).items()
    }
    context["research_tasks"] = pages
    context["research_facet_labels"] = labels
    for page in by_key.values():  # the tasks a decision accepted, on its page
        page.research_tasks = [p for p in pages if p.acceptance is page]

"""Science and technology tasks (nhiệm vụ KH&CN): their list with filters, a page each, posts ↔ tasks.

The Law on Access to Information 2016, Art. 19(e), asks for the list and results of the
department's science and technology tasks. Reads `content/nhiem-vu/*.md` (RESEARCH_PATHS) with
Pelican's readers, so a task's summary and results go through the same safe Markdown reader and
`{static}` links as posts; every field comes from the checker's `portal.research.ResearchTask`.
Adds:
- `research_tasks` in the template context: `ResearchTaskPage`s, newest first, each with its
  `task`, `files` (download lines), `documents` and `acceptance` (the library's pages) and
  `articles` (the published posts about it, newest first);
- `research_facets` and `research_facet_labels`: per filter (level, field, status, year) its
  values, each a page listing exactly its tasks, so filters work without JavaScript;
- `article.research_tasks` on every post: the tasks that name it;
- pages: the list (RESEARCH_TASKS_URL), one per filter value (RESEARCHFILTER_URL), one per task
  (RESEARCH_TASK_URL). None while there is no task.
Settings (defaults set in `initialized`): RESEARCH_PATHS and the *_URL/*_SAVE_AS above.
"""

from __future__ import annotations

import os
from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.documents import documents
from builder.links import SafeLinks
from builder.output import download, previewed, previewing
from builder.site_model import site_model
from portal.documents import facet_slug
from portal.research import DEFAULT_RESEARCH_PATHS, FACETS, newest_first, task_facets
from portal.urls import URL_DEFAULTS, research_filter_url, research_task_url

# What this plugin hands on (context keys; attributes, with a dot, it sets on content and
# pages) and what of other plugins' it reads: tests/test_plugin_data.py holds both to the code.
PROVIDES = frozenset(
    {
        ".acceptance",
        ".documents",
        ".files",
        ".filter_urls",
        ".research_tasks",
        ".task",
        "research_facet_labels",
        "research_facets",
        "research_tasks",
    }
)
USES: frozenset[str] = frozenset()

DEFAULTS = {
    "RESEARCH_PATHS": list(DEFAULT_RESEARCH_PATHS),
    **{key: value for key, value in URL_DEFAULTS.items() if key.startswith("RESEARCH")},
}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    pelican.settings.setdefault("PAGINATED_TEMPLATES", {}).setdefault("research_tasks", None)


class ResearchTaskPage(SafeLinks):
    """A task's own page; its address comes from RESEARCH_TASK_URL, set by the generator."""

    mandatory_properties = ("title",)
    default_template = "research_task"


class TaskFacetPage:
    """One filter value (a level, a field, a status, a year) and the page listing its tasks."""

    def __init__(self, facet: Any, label: str, pages: list[ResearchTaskPage], settings: Any) -> None:
        self.kind, self.value, self.slug, self.label = facet.kind, facet.value, facet.slug, label
        self.tasks = pages
        self.count = len(pages)
        self.url = research_filter_url(facet.kind, facet.slug, settings)
        self.save_as = settings["RESEARCHFILTER_SAVE_AS"].format(kind=facet.kind, slug=facet.slug)


class ResearchTasksGenerator(Generator):
    def generate_context(self) -> None:
        check = site_model(self.context)
        settings = self.settings
        by_key = {p.document.key: p for p in documents(self.context)}
        self.pages: list[ResearchTaskPage] = []
        by_post: dict[str, list[ResearchTaskPage]] = {}
        for task in newest_first(check.research_tasks):
            page = self.readers.read_file(
                base_path=self.path,
                path=os.path.relpath(task.path, self.path),
                content_class=ResearchTaskPage,
                context=self.context,
            )
            self.add_source_path(page)  # {filename} links to a task lead to its page
            page.task = task
            page.override_url = research_task_url(task, settings)
            page.override_save_as = settings["RESEARCH_TASK_SAVE_AS"].format(slug=task.slug)
            page.files = [download(self.path, relative, settings["SITEURL"]) for relative in task.files]
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
            self.pages.append(page)
            for post in task.posts:
                by_post.setdefault(os.path.abspath(post.path), []).append(page)
        for key in ("articles", "hidden_articles"):
            for article in self.context.get(key, []):  # published ones newest first
                article.research_tasks = by_post.get(os.path.abspath(article.source_path), [])
                if key == "articles":
                    for page in article.research_tasks:
                        page.articles.append(article)
        pages_of = {p.task.key: p for p in self.pages}
        labels = dict(FACETS)
        self.facets = {
            kind: [
                TaskFacetPage(facet, labels[kind], [pages_of[t.key] for t in facet.tasks], settings)
                for facet in values
            ]
            for kind, values in task_facets(check.research_tasks).items()
        }
        self.context["research_tasks"] = self.pages
        self.context["research_facets"] = self.facets
        self.context["research_facet_labels"] = labels
        for page in by_key.values():  # the tasks a decision accepted, on its page
            page.research_tasks = [p for p in self.pages if p.acceptance is page]

    def generate_output(self, writer: Any) -> None:
        settings = self.settings
        common = {"relative_urls": settings["RELATIVE_URLS"], "template_name": "research_tasks"}
        template = self.get_template("research_task")
        for page in self.pages:
            if previewing(settings) and not previewed(settings, page):
                continue
            writer.write_file(
                page.save_as,
                template,
                self.context,
                task_page=page,
                url=page.url,
                relative_urls=settings["RELATIVE_URLS"],
            )
        if previewing(settings) or not self.pages:
            return
        listing = self.get_template("research_tasks")
        writer.write_file(
            settings["RESEARCH_TASKS_SAVE_AS"],
            listing,
            self.context,
            url=settings["RESEARCH_TASKS_URL"],
            paginated={"tasks": self.pages},
            facet=None,
            **common,
        )
        for values in self.facets.values():
            for facet in values:
                writer.write_file(
                    facet.save_as,
                    listing,
                    self.context,
                    url=facet.url,
                    paginated={"tasks": facet.tasks},
                    facet=facet,
                    **common,
                )


def get_generators(pelican: Any) -> type[Any]:
    return ResearchTasksGenerator


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)

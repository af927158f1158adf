"""Science and technology tasks' pages (nhiệm vụ KH&CN), from the site model's tasks
(builder.research).

The Law on Access to Information 2016, Art. 19(e), asks for the list and results of the
department's science and technology tasks. Pages: the list (RESEARCH_TASKS_URL), one per filter
value (RESEARCHFILTER_URL), one per task (RESEARCH_TASK_URL); none while there is no task.
Settings (defaults set in `initialized`): RESEARCH_PATHS and the *_URL/*_SAVE_AS above.
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.output import previewed, previewing
from builder.research import research_facets, research_tasks
from portal.research import DEFAULT_RESEARCH_PATHS
from portal.urls import URL_DEFAULTS

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()

DEFAULTS = {
    "RESEARCH_PATHS": list(DEFAULT_RESEARCH_PATHS),
    **{key: value for key, value in URL_DEFAULTS.items() if key.startswith("RESEARCH")},
}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    pelican.settings.setdefault("PAGINATED_TEMPLATES", {}).setdefault("research_tasks", None)


class ResearchTasksGenerator(Generator):
    def generate_context(self) -> None:
        self.pages = research_tasks(self.context)
        self.facets = research_facets(self.context)

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
                    paginated={"tasks": facet.entries},
                    facet=facet,
                    **common,
                )


def get_generators(pelican: Any) -> type[Any]:
    return ResearchTasksGenerator


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)

"""Activities on the public site: a page for each activity marked `Public: yes`, and their
list, from the site model's activities (builder.activities).

Activities (`content/hoat-dong/`, DESIGN.md contract 10) are counted in every report; only those
a unit marked `Public: yes` are shown. Pages: the list (ACTIVITIES_URL) and one per activity
(ACTIVITY_URL), both set in `initialized`. An activity not public has no page and its evidence
is not published (plugins/draft_files).
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.activities import public_activities
from builder.output import previewed, previewing
from portal.activities import DEFAULT_ACTIVITY_PATHS

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()

DEFAULTS = {
    "ACTIVITY_PATHS": list(DEFAULT_ACTIVITY_PATHS),
    "ACTIVITIES_URL": "hoat-dong/",
    "ACTIVITIES_SAVE_AS": "hoat-dong/index.html",
    "ACTIVITY_URL": "hoat-dong/{date:%Y}/{slug}/",
    "ACTIVITY_SAVE_AS": "hoat-dong/{date:%Y}/{slug}/index.html",
}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


class ActivitiesGenerator(Generator):
    def generate_context(self) -> None:
        self.pages = public_activities(self.context)

    def generate_output(self, writer: Any) -> None:
        template = self.get_template("activity")
        for page in self.pages:
            if previewing(self.settings) and not previewed(self.settings, page):
                continue
            writer.write_file(
                page.save_as,
                template,
                self.context,
                activity_page=page,
                url=page.url,
                relative_urls=self.settings["RELATIVE_URLS"],
            )
        if previewing(self.settings) or not self.pages:
            return
        writer.write_file(
            self.settings["ACTIVITIES_SAVE_AS"],
            self.get_template("activities"),
            self.context,
            url=self.settings["ACTIVITIES_URL"],
            relative_urls=self.settings["RELATIVE_URLS"],
        )


def get_generators(pelican: Any) -> type[Any]:
    return ActivitiesGenerator


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)

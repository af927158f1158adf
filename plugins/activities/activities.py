"""Activities on the public site: a page for each activity marked `Public: yes`, and their list.

Activities (`content/hoat-dong/`, DESIGN.md contract 10) are counted in every report; only those
a unit marked `Public: yes` are shown. Each is read with Pelican's readers (as documents are), so
the unit's notes go through the same safe Markdown reader and `{static}` links as posts; its
fields come from the checker's `portal.activities.Activity`. Adds:
- `public_activities` in the template context: `ActivityPage`s, newest first, each with its
  `activity`, `files` (the evidence as download lines) and `articles` (the published posts
  that report on it);
- `article.activities` on every post: the public activities it reports on;
- pages: the list (ACTIVITIES_URL) and one per activity (ACTIVITY_URL), both set in
  `initialized`. An activity not public has no page and its evidence is not published
  (plugins/draft_files).
"""

from __future__ import annotations

import os
from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.links import SafeLinks
from builder.output import download, previewed, previewing
from builder.site_model import site_model
from portal.activities import DEFAULT_ACTIVITY_PATHS
from portal.urls import activity_save_as, activity_url

# What this plugin hands on (context keys; attributes, with a dot, it sets on content and
# pages) and what of other plugins' it reads: tests/test_plugin_data.py holds both to the code.
PROVIDES = frozenset({".activities", ".activity", ".files", "public_activities"})
USES: frozenset[str] = frozenset()

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


class ActivityPage(SafeLinks):
    """A public activity's own page; its address comes from ACTIVITY_URL, set by the generator."""

    mandatory_properties = ("title",)
    default_template = "activity"


class ActivitiesGenerator(Generator):
    def generate_context(self) -> None:
        check = site_model(self.context)
        self.pages: list[ActivityPage] = []
        by_post: dict[str, list[ActivityPage]] = {}
        for activity in sorted(check.activities, key=lambda a: (a.date, a.source), reverse=True):
            if not activity.public:
                continue
            page = self.readers.read_file(
                base_path=self.path,
                path=os.path.relpath(activity.path, self.path),
                content_class=ActivityPage,
                context=self.context,
            )
            self.add_source_path(page)
            page.activity = activity
            page.override_url = activity_url(activity, self.settings)
            page.override_save_as = activity_save_as(activity, self.settings)
            page.files = [
                download(self.path, relative, self.settings["SITEURL"]) for relative in activity.files
            ]
            page.articles = []
            self.pages.append(page)
            for post in activity.posts:
                by_post.setdefault(os.path.abspath(post.path), []).append(page)
        for key in ("articles", "hidden_articles"):
            for article in self.context.get(key, []):
                article.activities = by_post.get(os.path.abspath(article.source_path), [])
                if key == "articles":
                    for page in article.activities:
                        page.articles.append(article)
        self.context["public_activities"] = self.pages

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

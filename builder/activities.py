"""The public activities of the site model: a page for each activity a unit marked
`Public: yes` (DESIGN.md contract 10), read with Pelican's readers as documents are (the same
safe Markdown and `{static}` links), attached to the posts that report on it, once Pelican has
read the posts (builder.site_model).

In the context: `public_activities`, `ActivityPage`s newest first, each with its `activity`
(the checker's `portal.activities.Activity`), `files` (the evidence as download lines) and
`articles` (the published posts that report on it). On every post, `article.activities`: the
public activities it reports on. Plugins read them with `public_activities(context)`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from builder.links import SafeLinks, link_posts, read_page
from builder.output import download
from portal.checker import ContentCheck
from portal.urls import activity_save_as, activity_url


class ActivityPage(SafeLinks):
    """A public activity's own page; its address comes from ACTIVITY_URL."""

    mandatory_properties = ("title",)
    default_template = "activity"


def public_activities(context: Mapping[str, Any]) -> list[ActivityPage]:
    """The run's public activities' pages, newest first (the site model's)."""
    found: list[ActivityPage] = context.get("public_activities", [])
    return found


def attach_activities(check: ContentCheck, generator: Any) -> None:
    """Every public activity's page into the context, and onto the posts that report on it.
    `generator` is Pelican's articles generator, whose readers read the activities."""
    context, settings = generator.context, generator.settings
    pages: list[ActivityPage] = []
    by_post: dict[str, list[ActivityPage]] = {}
    for activity in sorted(check.activities, key=lambda a: (a.date, a.source), reverse=True):
        if not activity.public:
            continue
        page = read_page(generator, activity.path, ActivityPage)
        page.activity = activity
        page.override_url = activity_url(activity, settings)
        page.override_save_as = activity_save_as(activity, settings)
        page.files = [download(generator.path, relative, settings["SITEURL"]) for relative in activity.files]
        page.articles = []
        pages.append(page)
        for post in activity.posts:
            by_post.setdefault(os.path.abspath(post.path), []).append(page)
    link_posts(context, "activities", lambda post: by_post.get(os.path.abspath(post.source_path), []))
    context["public_activities"] = pages

"""Runs the content checker before Pelican reads anything, and reconciles after.

Pelican logs a broken post and drops it; this plugin runs
`portal.checker.check_content` at the start of every run (autoreload
included) and stops the build with every problem listed, before a single file
is written. After reading, it checks that every post the checker saw came
out of Pelican with the same status, so none is lost on the way.

Settings: PORTAL_NOW (a datetime; defaults to the current local time) makes
"today" injectable for tests.
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from portal.checker import check_content
from portal.problems import ContentError, Problem

logger = logging.getLogger(__name__)


def run_checker(article_generator):
    settings = article_generator.settings
    result = check_content(article_generator.path, settings, now=settings.get("PORTAL_NOW"),
                           shown_dir=os.path.relpath(article_generator.path))
    for warning in result.warnings:
        logger.warning("%s", warning)
    if result.errors:
        raise ContentError(result.problems)
    article_generator.context["content_check"] = result


def reconcile(article_generator):
    """Every post the checker accepted must have come out of Pelican, with its status."""
    check = article_generator.context["content_check"]
    read = {}
    for kind in ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations"):
        for article in getattr(article_generator, kind, []):
            read[os.path.realpath(article.source_path)] = article.status
    expected = {"published": "published", "hidden": "hidden", "draft": "draft",
                "scheduled": "draft"}
    problems = []
    for post in check.posts:
        status = read.get(os.path.realpath(post.path))
        if status != expected[post.status]:
            problems.append(Problem(
                post.source, None,
                "Pelican không đọc được bài này" if status is None else
                f"Pelican đọc bài với trạng thái '{status}' thay vì '{post.status}'",
                "chạy 'invoke check' và báo cho nhóm kỹ thuật"))
    if problems:
        raise ContentError(problems)


def register():
    signals.article_generator_init.connect(run_checker)
    signals.article_generator_finalized.connect(reconcile)

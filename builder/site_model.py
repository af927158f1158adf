"""The site model, made once at the start of every Pelican run: the content as the domain
checker read and checked it (`portal.checker.ContentCheck`: posts, pages, plans, documents,
activities, tasks, the department, every file), handed to every plugin as
`site_model(context)`. Once Pelican has read the posts: the plans with their addresses
(builder.plans) and their coverage (builder.coverage), each post's neighbours
(builder.neighbours), the documents', the tasks' and the public activities' pages
(builder.documents, builder.research, builder.activities), all attached to the posts; once
every generator has its files, the pictures and each post's attachments (builder.pictures,
builder.attachments).

Pelican logs a broken post and drops it; here `portal.checker.check_content` runs before
Pelican reads anything (autoreload included) and stops the build with every problem listed,
before a single file is written. After reading, every post the checker saw must have come out
of Pelican with the same status (and nothing else); before writing, every file Pelican would
copy must be one the checker listed; after writing, every published post must have its page
and be listed in its month's archive (its item pages are plugins/plan_items' to verify). A
mismatch fails the build. The run's summary, in Vietnamese, is sent on
`builder.signals.build_summary`.

Builds load this module first, before the plugins (builder.settings.ordered_plugins).
Settings: PORTAL_NOW (a datetime; defaults to the current local time) makes "today"
injectable for tests.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican import signals

from builder.activities import attach_activities
from builder.attachments import list_attachments
from builder.coverage import attach_coverage
from builder.documents import attach_documents
from builder.feeds import name_feeds
from builder.logs import shown_path
from builder.neighbours import attach_neighbours
from builder.output import articles_read, linked_addresses, previewing
from builder.pictures import describe_pictures
from builder.plans import attach_plans
from builder.research import attach_research_tasks
from builder.signals import build_summary, content_problem
from portal.checker import ContentCheck, check_content
from portal.content_files import publishable
from portal.problems import ContentError, Problem

logger = logging.getLogger(__name__)
MODULE = __name__  # as PLUGINS names it
_CONTEXT_KEY = "site"


# The plugins that write pages the site model links from other pages (menus, footers, posts):
# a build without one would publish links to nothing, so it stops before reading anything.
PAGE_WRITERS = {
    "plan_items": "các trang kế hoạch và mục kế hoạch",
    "coverage": "trang kết quả thực hiện kế hoạch",
    "documents": "các trang văn bản",
    "research_tasks": "các trang nhiệm vụ KH&CN",
    "activities": "các trang hoạt động",
    "feeds": "các nguồn tin RSS/Atom",
    "department": "trang cơ cấu tổ chức",
}


def page_writer_problems(plugins: Any) -> list[Problem]:
    """A problem for each plugin of PAGE_WRITERS missing from PLUGINS (build and check both say it)."""
    loaded = set(plugins or ())
    return [
        Problem(
            "pelicanconf.py",
            None,
            f"thiếu plugin '{name}' trong PLUGINS: trang web liên kết tới {PAGE_WRITERS[name]} "
            "mà không có gì viết ra",
            f"thêm lại '{name}' vào PLUGINS; báo nhóm kỹ thuật",
        )
        for name in PAGE_WRITERS
        if name not in loaded
    ]


def require_page_writers(pelican: Any) -> None:
    problems = page_writer_problems(pelican.settings.get("PLUGINS"))
    if problems:
        raise ContentError(problems)


def site_model(context: Mapping[str, Any]) -> ContentCheck:
    """The run's site model, for a plugin: the checked content."""
    model: ContentCheck = context[_CONTEXT_KEY]
    return model


def site_model_if_made(context: Mapping[str, Any]) -> ContentCheck | None:
    """The same, or None in a run that reads no posts (Pelican's static files alone)."""
    return context.get(_CONTEXT_KEY)


class _RunState:
    """What one run learned; reset when the next run starts."""

    def __init__(self) -> None:
        self.reset()

    def reset(self, check: Any = None, articles_generator: Any = None) -> None:
        self.check = check
        self.articles_generator = articles_generator
        self.reader_problems: dict[str, Problem] = {}  # by source path, from plugins/markdown_reader


state = _RunState()


def run_checker(article_generator: Any) -> None:
    settings = article_generator.settings
    result = check_content(
        article_generator.path,
        settings,
        now=settings.get("PORTAL_NOW"),
        shown_dir=shown_path(article_generator.path),
        memo=getattr(settings.get("PORTAL_PREVIEW_MEMO"), "check", None),  # builder.preview
    )
    for warning in result.warnings:
        logger.warning("%s", warning)
    if result.errors:
        raise ContentError(result.problems)
    article_generator.context[_CONTEXT_KEY] = result
    # The department's data, for every template that shows it (footer, contacts, its own page).
    article_generator.context["department"] = result.department
    state.reset(result, article_generator)


def attach_plans_to_posts(article_generator: Any) -> None:
    """The model's plans and documents, once Pelican has read the posts (builder.plans,
    builder.documents)."""
    attach_plans(state.check, article_generator.context, article_generator.settings)
    attach_neighbours(article_generator.context, article_generator.settings)
    attach_coverage(state.check, article_generator.context, article_generator.settings)
    attach_documents(state.check, article_generator)
    attach_research_tasks(state.check, article_generator)
    attach_activities(state.check, article_generator)
    name_feeds(article_generator.context, article_generator.settings)


def remember_reader_problem(problem: Any) -> None:
    state.reader_problems[os.path.abspath(problem.path)] = problem


def reconcile(article_generator: Any) -> None:
    """Every post the checker accepted must have come out of Pelican, with its status.

    Both name files from the same content folder (Pelican's PATH), so absolute paths compare;
    resolving links would cost a second per 5,000 posts and the checker refuses links."""
    read = {os.path.abspath(a.source_path): a.status for a in articles_read(article_generator)}
    expected = {"published": "published", "hidden": "hidden", "draft": "draft", "scheduled": "draft"}
    problems = []
    for post in state.check.posts:
        status = read.pop(os.path.abspath(post.path), None)
        if status is None and os.path.abspath(post.path) in state.reader_problems:
            problems.append(state.reader_problems[os.path.abspath(post.path)])
        elif status != expected[post.status]:
            problems.append(
                Problem(
                    post.source,
                    None,
                    "Pelican không đọc được bài này"
                    if status is None
                    else f"Pelican đọc bài với trạng thái '{status}' thay vì '{post.status}'",
                    "chạy 'invoke check' và báo cho nhóm kỹ thuật",
                )
            )
    for path in sorted(read):  # read by Pelican, never seen by the checker
        problems.append(
            Problem(
                shown_path(path),
                None,
                "Pelican đọc tệp này nhưng bộ kiểm tra không thấy nên không kiểm tra",
                "báo cho nhóm kỹ thuật; tệp phải nằm thẳng trong thư mục bài viết",
            )
        )
    if problems:
        raise ContentError(problems)


def verify_static(generators: Any) -> None:
    """The last gate before writing: every file Pelican will copy is one the checker listed,
    under STATIC_PATHS and of a STATIC_FILE_TYPES kind, whatever spelling of a `{static}` link
    asked for it."""
    if state.check is None:
        return
    settings = state.articles_generator.settings
    root = os.path.realpath(state.articles_generator.path)
    problems = []
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            source = os.path.realpath(static.source_path)
            relative = os.path.relpath(source, root).replace(os.sep, "/")
            if relative not in state.check.files or not publishable(relative, settings):
                problems.append(
                    Problem(
                        shown_path(static.source_path),
                        None,
                        "một liên kết {static}/{attach} trong bài dẫn tới tệp không được đăng (ngoài "
                        "thư mục nội dung, ngoài thư mục ảnh và tài liệu, hoặc loại tệp không cho phép)",
                        "tìm liên kết tới tệp này trong các bài và sửa thành ảnh hoặc tài liệu trong "
                        + " hoặc ".join(f"content/{p}/" for p in settings.get("STATIC_PATHS", [])),
                    )
                )
    if problems:
        raise ContentError(problems)


def verify_output(pelican: Any) -> None:
    if not previewing(pelican.settings):  # a preview writes a few pages; its full build is verified
        _verify_output(pelican)


def _verify_output(pelican: Any) -> None:
    """Every published post has its page and is listed where readers look for it."""
    generator = state.articles_generator
    output, settings = Path(pelican.output_path), pelican.settings
    site = settings["SITEURL"]
    problems = []

    def missing(article: Any, where: Any) -> None:
        problems.append(
            Problem(
                shown_path(article.source_path),
                None,
                f"đã đăng nhưng {where}",
                "báo cho nhóm kỹ thuật: giao diện hoặc plugin đã bỏ sót bài",
            )
        )

    pages = generator.context.get("pages", [])
    for content in [
        *generator.articles,
        *generator.hidden_articles,
        *pages,
        *generator.context.get("hidden_pages", []),
    ]:
        if not (output / content.save_as).is_file():
            missing(content, f"không có trang {content.save_as}")
    read_pages = {
        os.path.realpath(p.source_path)
        for p in [
            *pages,
            *generator.context.get("hidden_pages", []),
            *generator.context.get("draft_pages", []),
        ]
    }
    for page in state.check.pages:
        if os.path.realpath(page.path) not in read_pages:
            problems.append(
                Problem(
                    page.source,
                    None,
                    "Pelican không đọc được trang này",
                    "chạy 'invoke check' và báo cho nhóm kỹ thuật",
                )
            )
    months = {}
    for article in generator.articles:
        month = os.path.dirname(settings["MONTH_ARCHIVE_SAVE_AS"].format(date=article.date))
        if month not in months:
            months[month] = linked_addresses(output / month)
        if f"{site}/{article.url}" not in months[month]:
            missing(article, "không có trong trang lưu trữ của tháng")
    if problems:
        raise ContentError(problems)
    posts = state.check.posts
    build_summary.send(
        f"Đã dựng trang: {sum(p.status == 'published' for p in posts)} bài đăng, "
        f"{sum(p.status == 'hidden' for p in posts)} bài ẩn, "
        f"{sum(p.status == 'draft' for p in posts)} bản nháp (không đăng), "
        f"{sum(p.status == 'scheduled' for p in posts)} bài hẹn giờ, {len(pages)} trang."
    )


def register() -> None:
    signals.initialized.connect(require_page_writers)
    content_problem.connect(remember_reader_problem)
    signals.article_generator_init.connect(run_checker)
    signals.article_generator_finalized.connect(reconcile)
    signals.article_generator_finalized.connect(attach_plans_to_posts)
    signals.all_generators_finalized.connect(verify_static)
    signals.all_generators_finalized.connect(describe_pictures)
    signals.all_generators_finalized.connect(list_attachments)
    signals.finalized.connect(verify_output)

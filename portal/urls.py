"""Where a post is written and linked, from the ARTICLE_SAVE_AS / ARTICLE_URL settings (as Pelican does)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

from .activities import Activity
from .documents import FACETS, Document, facets
from .plans import Plan
from .posts import Post
from .research import ResearchTask, task_facets

# Where the pages of the tasks and of the department's data go unless the settings say otherwise:
# one place for the plugins' defaults (set in `initialized`) and every reader of the settings.
URL_DEFAULTS = {
    "DOCUMENTS_URL": "van-ban/",
    "DOCUMENTS_SAVE_AS": "van-ban/index.html",
    "DOCUMENT_URL": "van-ban/{year}/{slug}/",
    "DOCUMENT_SAVE_AS": "van-ban/{year}/{slug}/index.html",
    "DOCUMENTFILTER_URL": "van-ban/{kind}/{slug}/",
    "DOCUMENTFILTER_SAVE_AS": "van-ban/{kind}/{slug}/index.html",
    "RESEARCH_TASKS_URL": "nhiem-vu/",
    "RESEARCH_TASKS_SAVE_AS": "nhiem-vu/index.html",
    "RESEARCH_TASK_URL": "nhiem-vu/{slug}/",
    "RESEARCH_TASK_SAVE_AS": "nhiem-vu/{slug}/index.html",
    "RESEARCHFILTER_URL": "nhiem-vu/{kind}/{slug}/",
    "RESEARCHFILTER_SAVE_AS": "nhiem-vu/{kind}/{slug}/index.html",
    "DEPARTMENT_URL": "to-chuc/",
    "DEPARTMENT_SAVE_AS": "to-chuc/index.html",
    "INFORMATION_ACCESS_URL": "tiep-can-thong-tin/",
    "INFORMATION_ACCESS_SAVE_AS": "tiep-can-thong-tin/index.html",
}


def url_setting(settings: Mapping[str, Any], key: str) -> str:
    """An address setting of URL_DEFAULTS, as the settings give it or by default."""
    value: str = settings.get(key, URL_DEFAULTS[key])
    return value


@functools.lru_cache(maxsize=1 << 17)
def _dated(template: str, date: dt.datetime, zone: dt.tzinfo | None, slug: str | None) -> str:
    """template.format(…) of a dated address, kept: formatting dates was a third of a check at
    5,000 posts, each post's addresses made again on every check. The zone is part of the key
    because equal datetimes in different zones are written differently."""
    return template.format(date=date) if slug is None else template.format(slug=slug, date=date)


def dated(template: str, date: dt.datetime, slug: str | None = None) -> str:
    """template (an *_URL or *_SAVE_AS setting) filled with date and, when given, slug."""
    return _dated(template, date, date.tzinfo, slug)


def post_save_as(post: Post, settings: dict[str, Any]) -> str:
    return dated(settings["ARTICLE_SAVE_AS"], post.date, post.slug)


def post_url(post: Post, settings: dict[str, Any]) -> str:
    """The post's address as Pelican writes it; absolute when SITEURL is set."""
    return f"{settings.get('SITEURL', '')}/{dated(settings['ARTICLE_URL'], post.date, post.slug)}"


def activity_save_as(activity: Activity, settings: dict[str, Any]) -> str:
    """Where a public activity's page is written (ACTIVITY_SAVE_AS)."""
    save_as: str = settings.get("ACTIVITY_SAVE_AS", "hoat-dong/{date:%Y}/{slug}/index.html")
    return dated(save_as, activity.date, activity.slug)


def activity_url(activity: Activity, settings: dict[str, Any]) -> str:
    """Site-relative, like the other *_URL settings: hoat-dong/2020/hoi-nghi-giao-ban/."""
    url: str = settings.get("ACTIVITY_URL", "hoat-dong/{date:%Y}/{slug}/")
    return dated(url, activity.date, activity.slug)


def document_url(document: Document, settings: dict[str, Any]) -> str:
    """Site-relative, like the other *_URL settings: van-ban/2020/118-kh-khcn/."""
    return url_setting(settings, "DOCUMENT_URL").format(year=document.year, slug=document.slug)


def document_filter_url(kind: str, slug: str, settings: dict[str, Any]) -> str:
    return url_setting(settings, "DOCUMENTFILTER_URL").format(kind=kind, slug=slug)


def research_task_url(task: ResearchTask, settings: dict[str, Any]) -> str:
    """Site-relative, like the other *_URL settings: nhiem-vu/dt-khcn-2020-01/."""
    return url_setting(settings, "RESEARCH_TASK_URL").format(slug=task.slug)


def research_filter_url(kind: str, slug: str, settings: dict[str, Any]) -> str:
    return url_setting(settings, "RESEARCHFILTER_URL").format(kind=kind, slug=slug)


def page_url(slug: str, settings: dict[str, Any]) -> str:
    url: str = settings["PAGE_URL"]
    return url.format(slug=slug)


def site_addresses(
    settings: dict[str, Any],
    posts: list[Post],
    page_slugs: list[str],
    plans: Iterable[Plan],
    files: Iterable[str],
    documents: Iterable[Document] = (),
    activities: Iterable[Activity] = (),
    extra: Iterable[str] = (),
) -> set[str]:
    """Every address the build makes, relative to the site root ('' is the home page): what an
    internal link in a post may point at."""
    fixed = ["", "404.html", "sitemap.xml", "robots.txt", settings.get("FEEDSPAGE_URL", "theo-doi/")]
    fixed += [
        settings.get(f"{name}_URL", "") for name in ("INDEX", "ARCHIVES", "SEARCH", "PLANS", "DOCUMENTS")
    ]
    addresses = set(fixed) | set(files)
    archives = [settings[key] for key in ("YEAR_ARCHIVE_URL", "MONTH_ARCHIVE_URL") if settings.get(key)]
    for post in posts:
        if post.status in ("published", "hidden"):
            addresses.add(dated(settings["ARTICLE_URL"], post.date, post.slug))
            for archive in archives:
                addresses.add(dated(archive, post.date))
    addresses |= {page_url(slug, settings) for slug in page_slugs}
    for plan in plans:
        for key in ("PLAN_URL", "PLANTEXT_URL", "PLANRESULTS_URL"):
            if settings.get(key):
                addresses.add(settings[key].format(slug=plan.slug))
        if settings.get("PLANRESULTS_URL"):
            results = settings["PLANRESULTS_URL"].format(slug=plan.slug)
            addresses |= {results + "coverage.json", results + "coverage.csv"}
        for item in plan.items:
            if settings.get("PLANITEM_URL"):
                addresses.add(settings["PLANITEM_URL"].format(plan_slug=plan.slug, slug=item.slug))
    documents = list(documents)
    addresses |= {document_url(d, settings) for d in documents}
    for kind, _ in FACETS:
        addresses |= {document_filter_url(kind, f.slug, settings) for f in facets(documents)[kind]}
    public = [a for a in activities if a.public]
    if public:
        addresses.add(settings.get("ACTIVITIES_URL", "hoat-dong/"))
        addresses |= {activity_url(a, settings) for a in public}
    return (addresses | set(extra)) - {""}


def agency_addresses(settings: dict[str, Any], access: bool) -> set[str]:
    """The pages the department's data makes: its organisation, and the access-to-information
    section when the data says how to ask for information."""
    addresses = {url_setting(settings, "DEPARTMENT_URL")}
    if access:
        addresses.add(url_setting(settings, "INFORMATION_ACCESS_URL"))
    return addresses


def research_addresses(tasks: list[ResearchTask], settings: dict[str, Any]) -> set[str]:
    """The task list, its filters and a page per task: none while there is no task."""
    if not tasks:
        return set()
    addresses = {url_setting(settings, "RESEARCH_TASKS_URL")}
    addresses |= {research_task_url(t, settings) for t in tasks}
    for values in task_facets(tasks).values():
        addresses |= {research_filter_url(f.kind, f.slug, settings) for f in values}
    return addresses

"""The feeds of the site model: what each feed is called and where it is written, named once
the plans, documents and tasks are attached (builder.site_model), so every page can link them;
plugins/feeds writes them.

In the context: `site_feed` (every post), `documents_feed` and `research_feed` (None without
documents or tasks); on each plan and plan item, `feed`. Paths come from the *_FEED_ATOM and
*_FEED_RSS settings (FEED_DEFAULTS), titles from SITENAME.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from builder.documents import documents
from builder.plans import plans
from builder.research import research_tasks
from portal.urls import url_setting

FEED_DEFAULTS = {
    "PORTAL_FEED_ATOM": "feeds/tin-tuc.atom.xml",
    "PORTAL_FEED_RSS": "feeds/tin-tuc.rss.xml",
    "PLAN_FEED_ATOM": "feeds/{plan_slug}/tat-ca.atom.xml",
    "PLAN_FEED_RSS": "feeds/{plan_slug}/tat-ca.rss.xml",
    "DOCUMENTS_FEED_ATOM": "feeds/van-ban.atom.xml",
    "DOCUMENTS_FEED_RSS": "feeds/van-ban.rss.xml",
    "RESEARCH_FEED_ATOM": "feeds/nhiem-vu.atom.xml",
    "RESEARCH_FEED_RSS": "feeds/nhiem-vu.rss.xml",
    "PLANITEM_FEED_ATOM": "feeds/{plan_slug}/muc-{number}.atom.xml",
    "PLANITEM_FEED_RSS": "feeds/{plan_slug}/muc-{number}.rss.xml",
}


class Feed:
    """One feed's identity: where it is written and what it is called."""

    def __init__(self, title: Any, subtitle: Any, page_url: Any, atom_path: Any, rss_path: Any) -> None:
        self.title, self.subtitle, self.page_url = title, subtitle, page_url
        self.atom_path, self.rss_path = atom_path, rss_path


def site_feed(context: Mapping[str, Any]) -> Feed:
    found: Feed = context["site_feed"]
    return found


def documents_feed(context: Mapping[str, Any]) -> Feed | None:
    found: Feed | None = context["documents_feed"]
    return found


def research_feed(context: Mapping[str, Any]) -> Feed | None:
    found: Feed | None = context["research_feed"]
    return found


def name_feeds(context: dict[str, Any], settings: Mapping[str, Any]) -> None:
    """Every feed named: the site's, each plan's and item's, the documents' and the tasks'."""

    def path(key: str) -> str:
        value: str = settings.get(key, FEED_DEFAULTS[key])
        return value

    sitename = settings["SITENAME"]
    context["site_feed"] = Feed(
        f"Tin tức – {sitename}",
        settings.get("SITE_DESCRIPTION", ""),
        "",
        path("PORTAL_FEED_ATOM"),
        path("PORTAL_FEED_RSS"),
    )
    for plan in plans(context):
        plan.feed = Feed(
            f"Kế hoạch {plan.data.id} – {sitename}",
            f"Tin bài thuộc các nội dung của Kế hoạch {plan.data.id}: {plan.data.title}",
            plan.url,
            path("PLAN_FEED_ATOM").format(plan_slug=plan.slug),
            path("PLAN_FEED_RSS").format(plan_slug=plan.slug),
        )
        for item in plan.items:
            names = {"plan_slug": item.plan_slug, "slug": item.slug, "number": item.number}
            item.feed = Feed(
                f"Mục {item.number}: {item.name} – {sitename}",
                f"Tin bài thuộc mục {item.number} của Kế hoạch {plan.data.id}",
                item.url,
                path("PLANITEM_FEED_ATOM").format(**names),
                path("PLANITEM_FEED_RSS").format(**names),
            )
    context["documents_feed"] = (
        Feed(
            f"Văn bản – {sitename}",
            "Văn bản pháp luật, văn bản chỉ đạo, điều hành và kế hoạch mới đăng tải",
            url_setting(settings, "DOCUMENTS_URL"),
            path("DOCUMENTS_FEED_ATOM"),
            path("DOCUMENTS_FEED_RSS"),
        )
        if documents(context)
        else None
    )
    context["research_feed"] = (
        Feed(
            f"Nhiệm vụ KH&CN – {sitename}",
            "Các chương trình, đề tài, dự án khoa học và công nghệ và kết quả nghiệm thu",
            url_setting(settings, "RESEARCH_TASKS_URL"),
            path("RESEARCH_FEED_ATOM"),
            path("RESEARCH_FEED_RSS"),
        )
        if research_tasks(context)
        else None
    )

"""RSS 2.0 and Atom feeds with feedgen: one pair for the site, one per plan, one per plan item,
written as the site model names them (builder.feeds).

Settings (defaults set in `initialized`):
- PORTAL_FEED_MAX_ITEMS (50): entries per feed, newest first;
- PORTAL_FEED_ATOM / PORTAL_FEED_RSS: the site feeds' paths;
- PLAN_FEED_ATOM / PLAN_FEED_RSS: per-plan paths (every post tagged to the
  plan), formatted with the plan's `plan_slug`;
- PLANITEM_FEED_ATOM / PLANITEM_FEED_RSS: per-item paths, formatted with the
  item's `plan_slug` and `slug`;
- DOCUMENTS_FEED_ATOM / DOCUMENTS_FEED_RSS: new official documents
  (builder.documents), newest signing date first;
- RESEARCH_FEED_ATOM / RESEARCH_FEED_RSS: science and technology tasks
  (builder.research), the newest started or accepted first;
- FEED_DOMAIN: absolute base of every link (the preview server in
  development, SITEURL in production); TAG_DOMAIN: the authority of entry
  ids, so ids stay the same across builds and hosts;
- FEEDSPAGE_URL / FEEDSPAGE_SAVE_AS: the page "Theo dõi tin (RSS)" that
  explains feeds and lists every one (template `feeds.html`).

Feeds carry no XSLT stylesheet: browsers are removing XSLT (Chromium shows a
warning over a styled feed), and people read the feeds page instead.

Feeds carry the newest entry's date, never the build time, so unchanged
content gives byte-identical files; every string is stripped of characters
XML 1.0 forbids.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from pelican import signals
from pelican.generators import Generator

from builder.documents import documents
from builder.feeds import FEED_DEFAULTS, Feed, documents_feed, research_feed, site_feed
from builder.output import previewing, write_output_file
from builder.plans import plans
from builder.research import research_tasks
from portal.dates import LOCAL_TZ, last_change, newest_change, now_local, vn_date
from portal.sanitize import clean_html, strip_control_characters

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()

DEFAULTS = {
    "PORTAL_FEED_MAX_ITEMS": 50,
    **FEED_DEFAULTS,
    "TAG_DOMAIN": "sokhcn.sonla.gov.vn",
    "FEEDSPAGE_URL": "theo-doi/",
    "FEEDSPAGE_SAVE_AS": "theo-doi/index.html",
}
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def absolute_links(html: str, base: str) -> str:
    return _URL_ATTRIBUTE.sub(lambda m: m.group(1) + urljoin(base, m.group(2)) + m.group(3), html)


def _text(value: Any) -> str:
    return strip_control_characters(str(value or ""))


@dataclass(frozen=True)
class DocumentEntry:
    """A document as a feed entry: what feed_generator reads of a post."""

    title: str
    url: str
    date: dt.datetime
    summary: str
    content: str
    modified: dt.datetime | None = None


def document_entry(page: Any) -> DocumentEntry:
    document = page.document
    line = html.escape(
        f"{document.type} số {document.number} ngày {vn_date(document.signed)} của {document.issuer}"
    )
    return DocumentEntry(
        f"{document.type} số {document.number}: {document.title}",
        page.url,
        dt.datetime.combine(document.signed, dt.time(), tzinfo=LOCAL_TZ),
        f"<p>{line}.</p>",
        f"<p>{line}: {html.escape(document.title)}.</p>",
    )


def research_entry(page: Any) -> DocumentEntry:
    """A task as a feed entry: published when it started, updated when its results were accepted."""
    task = page.task
    started = dt.datetime.combine(task.start, dt.time(), tzinfo=LOCAL_TZ)
    accepted = task.acceptance and dt.datetime.combine(task.acceptance.signed, dt.time(), tzinfo=LOCAL_TZ)
    line = html.escape(
        f"Nhiệm vụ KH&CN cấp {task.level}, mã số {task.code}, {task.start_shown} – {task.end_shown}. "
        f"Chủ trì: {task.host}; chủ nhiệm: {task.lead}. Tình trạng: {task.status}"
        + (
            f", công nhận kết quả theo {task.acceptance.type} số {task.acceptance.number}"
            if task.acceptance
            else ""
        )
    )
    return DocumentEntry(
        task.title,
        page.url,
        started,
        f"<p>{line}.</p>",
        f"<p>{line}.</p>{page.content or ''}",
        accepted or None,
    )


def research_entries(pages: Any, now: dt.datetime) -> list[DocumentEntry]:
    """Tasks as entries, newest first; one that starts later (a proposal for next year) waits, as
    a scheduled post does, so no entry is dated in the future."""
    entries = [e for e in (research_entry(p) for p in pages) if e.date <= now]
    return sorted(entries, key=lambda e: (e.modified or e.date, e.url), reverse=True)


class FeedsGenerator(Generator):
    def generate_context(self) -> None:
        self.domain = (self.settings.get("FEED_DOMAIN") or self.settings["SITEURL"]).rstrip("/")
        self.site_feed = site_feed(self.context)
        self.plan_feeds = [(plan.feed, plan) for plan in plans(self.context)]
        self.item_feeds = [(item.feed, item) for plan in plans(self.context) for item in plan.items]
        self.documents_feed = documents_feed(self.context)
        self.research_feed = research_feed(self.context)

    def generate_output(self, writer: Any) -> None:
        if previewing(self.settings):
            return
        writer.write_file(
            self.settings["FEEDSPAGE_SAVE_AS"],
            self.get_template("feeds"),
            self.context,
            url=self.settings["FEEDSPAGE_URL"],
            item_feeds=self.item_feeds,
            relative_urls=self.settings["RELATIVE_URLS"],
        )
        limit = self.settings["PORTAL_FEED_MAX_ITEMS"]
        self.write_feed(self.site_feed, self.context["articles"][:limit])
        for plan_feed, plan in self.plan_feeds:
            self.write_feed(plan_feed, plan.articles[:limit])
        for item_feed, item in self.item_feeds:
            self.write_feed(item_feed, item.articles[:limit])
        if self.documents_feed:
            entries = [document_entry(p) for p in documents(self.context)[:limit]]
            self.write_feed(self.documents_feed, entries)
        if self.research_feed:
            now = self.settings.get("PORTAL_NOW") or now_local()  # the build's clock (builder.site_model)
            self.write_feed(self.research_feed, research_entries(research_tasks(self.context), now)[:limit])

    def absolute(self, path: str) -> str:
        return f"{self.domain}/{path.lstrip('/')}"

    def entry_id(self, article: Any) -> str:
        return f"tag:{self.settings['TAG_DOMAIN']},{article.date:%Y-%m-%d}:/{article.url}"

    def write_feed(self, feed: Feed, articles: Any) -> None:
        for path, kind in ((feed.atom_path, "atom"), (feed.rss_path, "rss")):
            generator = self.feed_generator(feed, articles, self_path=path)
            xml = generator.atom_str(pretty=True) if kind == "atom" else generator.rss_str(pretty=True)
            write_output_file(self.output_path, path, xml)

    def feed_generator(self, feed: Feed, articles: Any, self_path: str) -> FeedGenerator:
        generator = FeedGenerator()
        generator.id(f"tag:{self.settings['TAG_DOMAIN']},2020:/{feed.atom_path}")
        generator.title(_text(feed.title))
        generator.subtitle(_text(feed.subtitle) or _text(feed.title))
        # feedgen gives RSS the last link added: the page, not the feed itself.
        generator.link(href=self.absolute(self_path), rel="self")
        generator.link(href=self.absolute(feed.page_url), rel="alternate")
        generator.language("vi")
        generator.generator("Cổng thông tin Sở KH&CN Sơn La (Pelican, feedgen)")
        # The newest entry's date, not the build time: unchanged content, identical bytes.
        newest = newest_change(articles)
        generator.updated(newest or dt.datetime(2020, 1, 1, tzinfo=LOCAL_TZ))
        generator.lastBuildDate(newest or dt.datetime(2020, 1, 1, tzinfo=LOCAL_TZ))
        for article in articles:
            self.add_entry(generator, article)
        return generator

    def add_entry(self, generator: Any, article: Any) -> None:
        entry = generator.add_entry(order="append")
        url = self.absolute(article.url)
        entry.id(self.entry_id(article))
        entry.guid(self.entry_id(article), permalink=False)
        entry.title(_text(article.title))
        entry.link(href=url)
        entry.published(article.date)
        entry.updated(last_change(article))
        entry.summary(absolute_links(clean_html(_text(article.summary)), url), type="html")
        entry.content(absolute_links(clean_html(_text(article.content)), url), type="html")
        unit = getattr(article, "unit", None)
        entry.author(
            name=_text(unit.name if unit else self.settings["SITENAME"]),
            email=self.settings.get("DEPARTMENT", {}).get("email", "sokhcn@sonla.gov.vn"),
        )
        for item in getattr(article, "plan_items", []):
            entry.category(
                term=f"muc-{item.number}",
                label=_text(f"Mục {item.number}: {item.name}"),
                scheme=self.absolute(item.url),
            )


def get_generators(pelican: Any) -> type[Any]:
    return FeedsGenerator


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)

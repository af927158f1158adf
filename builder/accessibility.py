"""The site's own accessibility audit: axe-core in headless Chromium over one page of every kind.

`invoke accessibility` builds the site, serves it on loopback as `invoke serve` does, runs axe
(WCAG 2.1 A and AA, and axe's best practices) on one page of each kind the build made, at a desktop
and a phone width, and writes the results to the theme's `accessibility-audit.json`. The public
accessibility statement shows them (plugins/information_access) and the evaluator's checklist
(portal.compliance) says when they are older than the theme. The test suite runs the same audit.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from pelican.server import RootedHTTPServer
from playwright.sync_api import sync_playwright

from builder.serve import SiteRequestHandler
from portal.checker import ContentCheck
from portal.compliance import AUDIT_FILE, theme_fingerprint
from portal.dates import now_local
from portal.documents import FACETS, facet_slug, facets
from portal.urls import (
    activity_url,
    dated,
    document_filter_url,
    document_url,
    page_url,
    research_task_url,
    url_setting,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = (1280, 375)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
STANDARD = "WCAG 2.1 mức AA (kèm các khuyến nghị của axe-core)"
MISSING_PAGE = "khong-co-trang-nay/"  # any address the site does not make: its 404 page


class _QuietHandler(SiteRequestHandler):  # as `invoke serve`: a missing page is the site's 404
    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The site on http://127.0.0.1:<free port>, for the length of the block."""
    logging.getLogger("pelican.server").setLevel(logging.ERROR)  # "Unable to find": the 404 page's test
    server = RootedHTTPServer(str(site), ("127.0.0.1", 0), _QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser is downloaded)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def page_kinds(site: Path, check: ContentCheck, settings: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, address) of one page of every kind the build made, in the order a reader meets them:
    the newest of each, so the audit follows the site as it grows."""
    posts = sorted(check.published_posts(), key=lambda p: p.date, reverse=True)
    pages = sorted((p for p in check.pages if p.status != "draft"), key=lambda p: p.slug)
    plans = sorted(check.plans, key=lambda p: p.start, reverse=True)
    documents = check.documents.documents
    activities = sorted((a for a in check.activities if a.public), key=lambda a: a.date, reverse=True)
    tasks = sorted(check.research_tasks, key=lambda t: t.start, reverse=True)
    get = settings.get
    kinds: list[tuple[str, str]] = [("Trang chủ", ""), ("Tin tức", get("INDEX_URL", ""))]
    kinds.append(("Tin tức, trang 2", get("INDEX_URL", "") + "trang/2/"))
    if posts:
        newest = posts[0]
        kinds.append(("Tin bài", dated(settings["ARTICLE_URL"], newest.date, newest.slug)))
        kinds.append(("Lưu trữ", get("ARCHIVES_URL", "")))
        kinds.append(("Lưu trữ theo năm", dated(get("YEAR_ARCHIVE_URL", ""), newest.date)))
        kinds.append(("Lưu trữ theo tháng", dated(get("MONTH_ARCHIVE_URL", ""), newest.date)))
    kinds += [(p.title, page_url(p.slug, settings)) for p in pages]
    if plans:
        plan = plans[0]
        kinds.append(("Các kế hoạch", get("PLANS_URL", "")))
        for key, name in (("PLAN_URL", "Kế hoạch"), ("PLANTEXT_URL", "Văn bản kế hoạch")):
            kinds.append((name, get(key, "").format(slug=plan.slug)))
        kinds.append(("Kết quả thực hiện", get("PLANRESULTS_URL", "").format(slug=plan.slug)))
        if plan.items:
            kinds.append(
                ("Mục kế hoạch", get("PLANITEM_URL", "").format(plan_slug=plan.slug, slug=plan.items[0].slug))
            )
    if documents:
        kinds.append(("Văn bản", get("DOCUMENTS_URL", "")))
        kinds.append(
            ("Văn bản theo loại", document_filter_url(FACETS[0][0], _first_facet(documents), settings))
        )
        kinds.append(("Một văn bản", document_url(documents[0], settings)))
    if activities:
        kinds.append(("Hoạt động", get("ACTIVITIES_URL", "")))
        kinds.append(("Một hoạt động", activity_url(activities[0], settings)))
    if tasks:
        kinds.append(("Nhiệm vụ KH&CN", url_setting(settings, "RESEARCH_TASKS_URL")))
        kinds.append(
            (
                "Nhiệm vụ theo cấp",
                url_setting(settings, "RESEARCHFILTER_URL").format(
                    kind="cap", slug=facet_slug(tasks[0].level)
                ),
            )
        )
        kinds.append(("Một nhiệm vụ KH&CN", research_task_url(tasks[0], settings)))
    # Addresses plugins default in `initialized` (settings read without Pelican lack them).
    kinds += [
        ("Cơ cấu tổ chức", url_setting(settings, "DEPARTMENT_URL")),
        ("Tiếp cận thông tin", url_setting(settings, "INFORMATION_ACCESS_URL")),
        ("Tìm kiếm", get("SEARCH_URL", "tim-kiem/")),
        ("Theo dõi tin (RSS)", get("FEEDSPAGE_URL", "theo-doi/")),
        ("Tiếng Anh", get("ENGLISH_URL", "en/")),
        ("Trang không tồn tại", MISSING_PAGE),
    ]
    made: dict[str, str] = {}  # one name per address: the home page is audited once
    for name, url in kinds:
        if (url == MISSING_PAGE or _built(site, url)) and url not in made:
            made[url] = name
    return [(name, url) for url, name in made.items()]


def _first_facet(documents: list[Any]) -> str:
    return facets(documents)[FACETS[0][0]][0].slug


def _built(site: Path, url: str) -> bool:
    return (site / url / "index.html").is_file() if url.endswith("/") or not url else (site / url).is_file()


def audit(site: Path, kinds: list[tuple[str, str]], widths: tuple[int, ...] = WIDTHS) -> dict[str, Any]:
    """axe's violations on each page at each width, as the audit file keeps them."""
    axe = Axe()
    results: list[dict[str, Any]] = [
        {"name": name, "url": url, "linked": url != MISSING_PAGE, "violations": []} for name, url in kinds
    ]
    with served(site) as base, chromium() as browser:
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
            page = context.new_page()
            for entry in results:
                page.goto(f"{base}/{entry['url']}")
                found = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
                for violation in found.response["violations"]:
                    entry["violations"].append(
                        {
                            "id": violation["id"],
                            "impact": violation.get("impact"),
                            "help": violation["help"],
                            "width": width,
                            "targets": [n["target"] for n in violation["nodes"]][:3],
                        }
                    )
            context.close()
        version = found.response.get("testEngine", {}).get("version", "")
    return {"tool": f"axe-core {version}".strip(), "widths": list(widths), "pages": results}


def write_audit(theme: Path, result: dict[str, Any], today: dt.date | None = None) -> Path:
    """The audit file the statement and the checklist read, naming the theme it audited."""
    data = {
        "date": (today or now_local().date()).isoformat(),
        "tool": result["tool"],
        "standard": STANDARD,
        "theme": theme_fingerprint(theme),
        "widths": result["widths"],
        "pages": result["pages"],
    }
    path = theme / AUDIT_FILE
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path

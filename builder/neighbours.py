"""The links between posts in the site model, computed once Pelican has read the posts and the
plans are attached (builder.site_model): each post's frozen address, its neighbours, its related
posts, and the archive's years.

Freezes every post's `url`: Pelican recomputes it from the URL settings at each use (tens of
thousands of times in a large build). Adds to every published post `newer_article`,
`older_article` (or None) and `related_posts`: up to RELATED_POSTS_MAX (default 4) other
published posts sharing a plan item with it, newest first. Hands templates `archive_years`,
newest first: each an `ArchivePeriod` for a year with its `months`, counted once here rather
than on every archive page; and `archive_year_of`, the same years by number, for a year's own
page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ArchivePeriod:
    label: str
    url: str
    count: int = 0
    months: list[Any] = field(default_factory=list)


def attach_neighbours(context: dict[str, Any], settings: Mapping[str, Any]) -> None:
    for article in [*context["articles"], *context.get("hidden_articles", [])]:
        # Only the URL: an override_save_as would let Pelican overwrite output silently.
        article.override_url = article.url
    limit = settings.get("RELATED_POSTS_MAX", 4)
    articles = context["articles"]  # newest first
    for index, article in enumerate(articles):
        article.newer_article = articles[index - 1] if index > 0 else None
        article.older_article = articles[index + 1] if index + 1 < len(articles) else None
        related: list[Any] = []
        for item in article.plan_items:
            for other in item.articles:
                if len(related) == limit:
                    break
                if other is not article and other not in related:
                    related.append(other)
        article.related_posts = sorted(related, key=lambda a: a.date, reverse=True)
    years = _archive_years(articles, settings)
    context["archive_years"] = [year for _, year in years]
    context["archive_year_of"] = dict(years)


def _archive_years(articles: Any, settings: Mapping[str, Any]) -> list[tuple[int, ArchivePeriod]]:
    years: dict[int, ArchivePeriod] = {}
    months: dict[tuple[int, int], ArchivePeriod] = {}
    for article in articles:
        date = article.date
        year = years.setdefault(
            date.year,
            ArchivePeriod(f"Năm {date.year}", settings["YEAR_ARCHIVE_URL"].format(date=date)),
        )
        month = months.get((date.year, date.month))
        if month is None:
            month = months[(date.year, date.month)] = ArchivePeriod(
                f"Tháng {date.month}", settings["MONTH_ARCHIVE_URL"].format(date=date)
            )
            year.months.append(month)
        year.count += 1
        month.count += 1
    for year in years.values():
        year.months.sort(key=lambda m: m.url, reverse=True)
    return [(y, years[y]) for y in sorted(years, reverse=True)]

"""Links between posts, computed once: addresses, newer/older and related posts of a plan item.

Freezes every post's `url`: Pelican recomputes it from the URL settings at
each use (tens of thousands of times in a large build). Adds to
every published post `newer_article`, `older_article` (or None) and
`related_posts`: up to RELATED_POSTS_MAX (default 4) other published posts
sharing a plan item with it, newest first. Needs the plan_items plugin first.

Hands templates `archive_years`, newest first: each an `ArchivePeriod` for a
year with its `months`, counted once here rather than on every archive page;
and `archive_year_of`, the same years by number, for a year's own page.
"""

from dataclasses import dataclass, field
from typing import Any

from pelican import signals
from pelican.generators import Generator

# What this plugin hands on (context keys; attributes, with a dot, it sets on content and
# pages) and what of other plugins' it reads: tests/test_plugin_data.py holds both to the code.
PROVIDES = frozenset(
    {
        ".count",
        ".newer_article",
        ".older_article",
        ".related_posts",
        "archive_year_of",
        "archive_years",
    }
)
USES: frozenset[str] = frozenset()


@dataclass
class ArchivePeriod:
    label: str
    url: str
    count: int = 0
    months: list[Any] = field(default_factory=list)


class ArticleLinksGenerator(Generator):
    def generate_context(self) -> None:
        for article in [*self.context["articles"], *self.context.get("hidden_articles", [])]:
            # Only the URL: an override_save_as would let Pelican overwrite output silently.
            article.override_url = article.url
        limit = self.settings.get("RELATED_POSTS_MAX", 4)
        articles = self.context["articles"]  # newest first
        for index, article in enumerate(articles):
            article.newer_article = articles[index - 1] if index > 0 else None
            article.older_article = articles[index + 1] if index + 1 < len(articles) else None
            related: list[Any] = []
            for item in getattr(article, "plan_items", []):
                for other in item.articles:
                    if len(related) == limit:
                        break
                    if other is not article and other not in related:
                        related.append(other)
            article.related_posts = sorted(related, key=lambda a: a.date, reverse=True)
        years = self.archive_years(articles)
        self.context["archive_years"] = [year for _, year in years]
        self.context["archive_year_of"] = dict(years)

    def archive_years(self, articles: Any) -> list[tuple[int, Any]]:
        years: dict[int, Any] = {}
        months: dict[tuple[int, int], Any] = {}
        for article in articles:
            date = article.date
            year = years.setdefault(
                date.year,
                ArchivePeriod(f"Năm {date.year}", self.settings["YEAR_ARCHIVE_URL"].format(date=date)),
            )
            month = months.get((date.year, date.month))
            if month is None:
                month = months[(date.year, date.month)] = ArchivePeriod(
                    f"Tháng {date.month}", self.settings["MONTH_ARCHIVE_URL"].format(date=date)
                )
                year.months.append(month)
            year.count += 1
            month.count += 1
        for year in years.values():
            year.months.sort(key=lambda m: m.url, reverse=True)
        return [(y, years[y]) for y in sorted(years, reverse=True)]


def get_generators(pelican: Any) -> type[Any]:
    return ArticleLinksGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)

"""Links between posts, computed once: addresses, newer/older and related posts of a plan item.

Freezes every post's `url`: Pelican recomputes it from the URL settings at
each use (tens of thousands of times in a large build). Adds to
every published post `newer_article`, `older_article` (or None) and
`related_posts`: up to RELATED_POSTS_MAX (default 4) other published posts
sharing a plan item with it, newest first. Needs the plan_items plugin first.
"""

from pelican import signals
from pelican.generators import Generator


class ArticleLinksGenerator(Generator):
    def generate_context(self):
        for article in [*self.context["articles"], *self.context.get("hidden_articles", [])]:
            # Only the URL: an override_save_as would let Pelican overwrite output silently.
            article.override_url = article.url
        limit = self.settings.get("RELATED_POSTS_MAX", 4)
        articles = self.context["articles"]  # newest first
        for index, article in enumerate(articles):
            article.newer_article = articles[index - 1] if index > 0 else None
            article.older_article = articles[index + 1] if index + 1 < len(articles) else None
            related = []
            for item in getattr(article, "plan_items", []):
                for other in item.articles:
                    if len(related) == limit:
                        break
                    if other is not article and other not in related:
                        related.append(other)
            article.related_posts = sorted(related, key=lambda a: a.date, reverse=True)


def get_generators(pelican):
    return ArticleLinksGenerator


def register():
    signals.get_generators.connect(get_generators)

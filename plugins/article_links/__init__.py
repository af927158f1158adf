from .article_links import register  # noqa: F401

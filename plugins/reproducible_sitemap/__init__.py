from .reproducible_sitemap import register  # noqa: F401

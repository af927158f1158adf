from .safe_links import register  # noqa: F401

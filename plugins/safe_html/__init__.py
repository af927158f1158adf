from .safe_html import register  # noqa: F401

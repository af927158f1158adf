from .page_cache import register  # noqa: F401

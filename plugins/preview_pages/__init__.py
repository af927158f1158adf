from .preview_pages import register  # noqa: F401

from .draft_files import register  # noqa: F401

from .activities import register  # noqa: F401

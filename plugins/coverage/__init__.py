from .coverage import register  # noqa: F401

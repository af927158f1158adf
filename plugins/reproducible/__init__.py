from .reproducible import register  # noqa: F401

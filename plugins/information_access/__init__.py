from .information_access import register  # noqa: F401

from .department import register  # noqa: F401

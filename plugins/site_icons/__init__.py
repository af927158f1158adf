from .site_icons import register  # noqa: F401

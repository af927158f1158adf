from .home_page import register  # noqa: F401

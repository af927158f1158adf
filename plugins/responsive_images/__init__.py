from .responsive_images import register  # noqa: F401

from .attachments import register  # noqa: F401

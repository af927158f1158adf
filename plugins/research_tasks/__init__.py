from .research_tasks import register  # noqa: F401

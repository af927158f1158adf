from .plan_items import register  # noqa: F401

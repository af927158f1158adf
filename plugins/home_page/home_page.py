"""The home page's blocks, chosen once per build.

Hands templates:
- `home_lead`: the lead story, shown first with its picture (on a phone both
  above the fold): the newest published post with a featured picture among the
  newest HOME_LEAD_WITHIN (default 8), else the newest post;
- `home_latest`: the HOME_LATEST (default 6) newest posts after it, newest
  first, the lead story left out;
- `home_documents`: the HOME_DOCUMENTS (default 5) newest documents.
The plan's progress comes from `current_plan.current_result` (coverage plugin),
the quick links from QUICK_LINKS. Chosen in `all_generators_finalized`, once
the site model has given posts their `featured` picture (builder.pictures).
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from builder.documents import documents
from builder.pictures import featured

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES = frozenset({"home_documents", "home_latest", "home_lead"})

DEFAULTS = {"HOME_LEAD_WITHIN": 8, "HOME_LATEST": 6, "HOME_DOCUMENTS": 5, "QUICK_LINKS": []}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def choose_blocks(generators: Any) -> None:
    if not generators:
        return
    context, settings = generators[0].context, generators[0].settings
    articles = context.get("articles", [])  # published, newest first
    newest = articles[: settings["HOME_LEAD_WITHIN"]]
    lead = next((a for a in newest if featured(a)), articles[0] if articles else None)
    context["home_lead"] = lead
    context["home_latest"] = [a for a in articles if a is not lead][: settings["HOME_LATEST"]]
    context["home_documents"] = documents(context)[: settings["HOME_DOCUMENTS"]]


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.all_generators_finalized.connect(choose_blocks)

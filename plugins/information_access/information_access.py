"""The «Tiếp cận thông tin» section, and the accessibility statement's automated results.

Decree 13/2018/NĐ-CP, Art. 11: a section for access to information holding the list of
information made public (Law on Access to Information 2016, Art. 19(1)(g): each entry where, in
what form and when), how to ask for information, the request forms, and who answers. The list is
`portal.public_information`, computed from the checked site on every build, so it always equals
what the site holds; the forms, procedure and contact official come from the department's data.
Adds:
- `public_information`, `information_access` (the department's `InformationAccess`) and
  `information_access_forms` (its request forms as download lines) in the template context,
  and the page INFORMATION_ACCESS_URL (template `information_access.html`);
- `accessibility_audit`: the theme's automated accessibility results (`invoke accessibility`,
  portal.compliance.Audit), which the accessibility statement page shows, and
  `accessibility_statement_slug` (ACCESSIBILITY_STATEMENT_SLUG), the page that shows them.
Settings (defaults set in `initialized`): INFORMATION_ACCESS_URL, INFORMATION_ACCESS_SAVE_AS,
ACCESSIBILITY_STATEMENT_SLUG, FINANCE_FIELDS, STATISTICS_FIELDS.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.output import download, previewing
from builder.site_model import site_model
from portal.compliance import load_audit
from portal.dates import LOCAL_TZ, now_local
from portal.public_information import DEFAULTS as LIST_DEFAULTS, public_information
from portal.urls import URL_DEFAULTS

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES = frozenset(
    {
        "accessibility_audit",
        "accessibility_statement_slug",
        "information_access",
        "information_access_forms",
        "public_information",
    }
)

DEFAULTS = {
    **{key: value for key, value in URL_DEFAULTS.items() if key.startswith("INFORMATION_ACCESS")},
    "ACCESSIBILITY_STATEMENT_SLUG": "tuyen-bo-kha-nang-tiep-can",
    "FINANCE_FIELDS": LIST_DEFAULTS["FINANCE_FIELDS"],
    "STATISTICS_FIELDS": LIST_DEFAULTS["STATISTICS_FIELDS"],
}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


class InformationAccessGenerator(Generator):
    def generate_context(self) -> None:
        check = site_model(self.context)
        department = check.department
        self.access = department.access if department else None
        self.context["information_access"] = self.access
        self.context["information_access_forms"] = [
            dataclasses.replace(download(self.path, form.file, self.settings["SITEURL"]), title=form.title)
            for form in (self.access.forms if self.access else ())
        ]
        now = self.settings.get("PORTAL_NOW") or now_local()  # the check's "now" (builder.site_model)
        self.context["public_information"] = public_information(
            check, self.settings, now.astimezone(LOCAL_TZ).date()
        )
        self.context["accessibility_audit"] = load_audit(Path(self.settings["THEME"]))
        self.context["accessibility_statement_slug"] = self.settings["ACCESSIBILITY_STATEMENT_SLUG"]

    def generate_output(self, writer: Any) -> None:
        if self.access is None or previewing(self.settings):
            return
        writer.write_file(
            self.settings["INFORMATION_ACCESS_SAVE_AS"],
            self.get_template("information_access"),
            self.context,
            url=self.settings["INFORMATION_ACCESS_URL"],
            relative_urls=self.settings["RELATIVE_URLS"],
        )


def get_generators(pelican: Any) -> type[Any]:
    return InformationAccessGenerator


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)

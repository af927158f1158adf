"""The department as data on the site: «Chức năng, nhiệm vụ và cơ cấu tổ chức», and the English page's facts.

Decree 42/2022/NĐ-CP, Art. 4 and 7: functions and duties, the organisation chart, leaders, units
with their heads and contacts, a named contact official, and the organisation in English. All of
it comes from the checker's `portal.department.Department` (content/co-quan/to-chuc.yml), so a new
unit or leader is an edit of that file. Adds:
- `department` in the template context is the site model's (builder.site_model; None while the
  site has no such file): the English page, the footer and «Tiếp cận thông tin» read it too;
- the page DEPARTMENT_URL (template `department.html`), with the organisation chart drawn from
  the data as nested lists (read in order by a screen reader, not a picture of text).
Settings (defaults set in `initialized`): DEPARTMENT_URL, DEPARTMENT_SAVE_AS.
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.output import previewing
from builder.site_model import site_model
from portal.urls import URL_DEFAULTS

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()

DEFAULTS = {key: value for key, value in URL_DEFAULTS.items() if key.startswith("DEPARTMENT_")}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


class DepartmentGenerator(Generator):
    def generate_context(self) -> None:
        self.department = site_model(self.context).department

    def generate_output(self, writer: Any) -> None:
        if self.department is None or previewing(self.settings):
            return
        writer.write_file(
            self.settings["DEPARTMENT_SAVE_AS"],
            self.get_template("department"),
            self.context,
            url=self.settings["DEPARTMENT_URL"],
            relative_urls=self.settings["RELATIVE_URLS"],
        )


def get_generators(pelican: Any) -> type[Any]:
    return DepartmentGenerator


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)

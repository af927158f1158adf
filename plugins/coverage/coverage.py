"""Publishes plan coverage: the public "Kết quả thực hiện kế hoạch" page per plan, written
from `coverage.html` with an inline SVG chart per period, beside `coverage.json` (contract 5,
one entry per period) and `coverage.csv`, from the site model's counts (builder.coverage).
"""

from __future__ import annotations

import json
from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.output import previewing, write_output_file
from builder.plans import plans
from portal.report import as_json
from portal.tables import csv_text, summary_rows

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()


class CoveragePagesGenerator(Generator):
    def generate_context(self) -> None:
        pass  # the counts are the site model's (builder.coverage)

    def generate_output(self, writer: Any) -> None:
        if previewing(self.settings):
            return
        template = self.get_template("coverage")
        for plan in plans(self.context):
            page = plan.results_page
            writer.write_file(
                page.save_as,
                template,
                self.context,
                plan=plan,
                url=page.url,
                relative_urls=self.settings["RELATIVE_URLS"],
            )
            data = {
                "plan": {"id": plan.data.id, "title": plan.data.title},
                "periods": [as_json(c, self.settings, public=True) for c in plan.coverages],
            }
            write_output_file(
                self.output_path,
                page.file_url("coverage.json"),
                (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode(),
            )
            rows = [[c.window.label, *row] for c in plan.coverages for row in summary_rows(c)]
            header = ["Kỳ báo cáo", "Mục", "Nội dung", "Số tin bài"]
            write_output_file(
                self.output_path, page.file_url("coverage.csv"), csv_text(header, rows).encode("utf-8-sig")
            )  # BOM: Excel reads Vietnamese


def get_generators(pelican: Any) -> type[Any]:
    return CoveragePagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)

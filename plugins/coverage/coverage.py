"""Publishes plan coverage: the public "Kết quả thực hiện kế hoạch" page per plan.

Counts once per build with `portal.coverage` (the same code `invoke report`
uses) for every report period of every plan, and gives each `Plan` of the
plan_items plugin:
- `item.period_counts` on each PlanItem: (window, count) per report period, shown
  beside the item's count over the whole plan;
- `plan.coverages`: one `portal.coverage.Coverage` per report period, and
  `plan.results`: the same, each as a `PeriodResult` with its inline SVG chart;
- `plan.current_result`: the PeriodResult of the report period open today (else the last),
  the home page's "progress at a glance";
- `plan.results_page`: a URL wrapper (PLANRESULTS_URL / PLANRESULTS_SAVE_AS)
  for the page, written from `coverage.html` with an inline SVG chart per
  period, beside `coverage.json` (contract 5, one entry per period) and
  `coverage.csv`.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any, NamedTuple

from pelican import signals
from pelican.generators import Generator
from pelican.urlwrappers import URLWrapper

from builder.output import previewing, write_output_file
from builder.plans import plans
from builder.site_model import site_model
from portal.charts import coverage_chart
from portal.coverage import Coverage, current_period, period_coverages
from portal.dates import now_local
from portal.report import as_json
from portal.tables import csv_text, summary_rows

# What this plugin hands on (context keys; attributes, with a dot, it sets on content and
# pages) and what of other plugins' it reads: tests/test_plugin_data.py holds both to the code.
PROVIDES = frozenset({".coverages", ".current_result", ".period_counts", ".results", ".results_page"})
USES: frozenset[str] = frozenset()


class PeriodResult(NamedTuple):
    coverage: Coverage
    chart: str  # inline SVG


class PlanResults(URLWrapper):
    def __init__(self, plan: Any, settings: Any) -> None:
        super().__init__(f"Kết quả thực hiện Kế hoạch {plan.data.id}", settings)
        self.slug = plan.slug

    def file_url(self, name: str) -> str:
        return posixpath.join(posixpath.dirname(self.save_as), name)


class CoveragePagesGenerator(Generator):
    def generate_context(self) -> None:
        check = site_model(self.context)
        today = (self.settings.get("PORTAL_NOW") or now_local()).date()
        for plan in plans(self.context):
            plan.coverages = period_coverages(plan.data, check.posts, check.documents, check.activities)
            plan.results_page = PlanResults(plan, self.settings)
            plan.results = [
                PeriodResult(c, coverage_chart(c, f"bieu-do-{i}")) for i, c in enumerate(plan.coverages)
            ]
            # The report period being filled today, else (the plan over, or not yet begun) the last.
            period = current_period(plan.data, today)
            plan.current_result = next(
                (r for r in plan.results if period and r.coverage.window.period == period),
                plan.results[-1] if plan.results else None,
            )
            # Each item's count in each report window, beside its count over the whole plan, so a
            # page never shows a number that differs from the report without saying why.
            for item in plan.items:
                item.period_counts = [
                    (c.window, next(ic.count for ic in c.items if ic.item.number == item.number))
                    for c in plan.coverages
                ]

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

"""Plan coverage in the site model: what each plan's results page shows, counted once per build
with `portal.coverage` (the same code `invoke report` uses) for every report period of every
plan, once the plans are attached (builder.site_model).

On each `Plan` (builder.plans):
- `item.period_counts` on each PlanItem: (window, count) per report period, shown
  beside the item's count over the whole plan;
- `plan.coverages`: one `portal.coverage.Coverage` per report period, and
  `plan.results`: the same, each as a `PeriodResult` with its inline SVG chart;
- `plan.current_result`: the PeriodResult of the report period open today (else the last),
  the home page's "progress at a glance";
- `plan.results_page`: a URL wrapper (PLANRESULTS_URL / PLANRESULTS_SAVE_AS) for the page
  plugins/coverage writes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import Any, NamedTuple

from pelican.urlwrappers import URLWrapper

from builder.plans import plans
from portal.charts import coverage_chart
from portal.checker import ContentCheck
from portal.coverage import Coverage, current_period, period_coverages
from portal.dates import now_local


class PeriodResult(NamedTuple):
    coverage: Coverage
    chart: str  # inline SVG


class PlanResults(URLWrapper):
    def __init__(self, plan: Any, settings: Any) -> None:
        super().__init__(f"Kết quả thực hiện Kế hoạch {plan.data.id}", settings)
        self.slug = plan.slug

    def file_url(self, name: str) -> str:
        return posixpath.join(posixpath.dirname(self.save_as), name)


def attach_coverage(check: ContentCheck, context: Mapping[str, Any], settings: Mapping[str, Any]) -> None:
    today = (settings.get("PORTAL_NOW") or now_local()).date()
    for plan in plans(context):
        plan.coverages = period_coverages(plan.data, check.posts, check.documents, check.activities)
        plan.results_page = PlanResults(plan, settings)
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

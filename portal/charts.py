"""Inline SVG bar charts drawn at build time: no script, no request, readable by screen readers."""

from __future__ import annotations

from markupsafe import Markup, escape

from .coverage import Coverage

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH = 22, 8, 70, 400


def coverage_chart(coverage: Coverage, chart_id: str) -> Markup:
    """Horizontal bars, one per plan item; the table beside it carries the same data."""
    largest = max(coverage.max_count, 1)
    height = len(coverage.items) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 50
    description = "; ".join(f"Mục {c.item.number}: {c.count} tin bài" for c in coverage.items)
    parts = [
        (
            f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
            f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
        ),
        f'<title id="{chart_id}-title">Số tin bài theo từng mục, {escape(coverage.window.label)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for row, item_coverage in enumerate(coverage.items):
        y = GAP + row * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * item_coverage.count / largest)
        middle = y + BAR_HEIGHT / 2 + 5
        parts += [
            f'<text x="0" y="{middle}" class="chart-label">Mục {item_coverage.item.number}</text>',
            (
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 2)}" height="{BAR_HEIGHT}" '
                f'class="{"chart-bar" if item_coverage.count else "chart-bar chart-gap"}"/>'
            ),
            (
                f'<text x="{LABEL_WIDTH + max(length, 2) + 6}" y="{middle}" class="chart-value">'
                f"{item_coverage.count}</text>"
            ),
        ]
    parts.append("</svg>")
    return Markup("".join(parts))

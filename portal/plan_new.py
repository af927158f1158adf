"""`invoke plan-new`: next year's plan, started from an existing one.

The new plan copies the old one's kind, issuer, items, forms, units, defaults
and report layout for editing; its number is the one the Office gives; every
date moves by whole years, and each report window is recomputed by the old
plan's rule (it ends the same number of days before the units' deadline). The
old plan's signed text and the province's plan it was based on are not
copied: they belong to the old document. The file is validated with every
other plan before it is written, so it never breaks `check`.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .plans import Plan, PlanSet, load_plans
from .slugs import make_slug

FIRST_YEAR, LAST_YEAR = 1945, 2999


class PlanNewError(Exception):
    pass


@dataclass(frozen=True)
class NewPlan:
    path: Path
    source: Plan
    year: int


def shift_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def plan_slug(plan_id: str) -> str:
    """'118/KH-KHCN' -> '118-kh-khcn': letters without marks, digits, single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", make_slug(plan_id, {})).strip("-")


def _next_year_text(text: str, old: int, new: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def plan_data(source: Plan, plan_id: str, year: int) -> dict[str, Any]:
    """The new plan as YAML data, keys in the order a plan file lists them."""
    years = year - source.start.year
    old, new = source.start.year, year
    periods = []
    for period in source.periods:
        unit_deadline = shift_years(period.unit_deadline, years)
        periods.append(
            {
                "id": period.id,
                "slug": period.slug,
                "title": _next_year_text(period.title, old, new),
                "from": shift_years(period.start, years),
                # The old plan's rule: the data window closes this many days before the deadline.
                "to": unit_deadline - (period.unit_deadline - period.end),
                "unit_deadline": unit_deadline,
                "office_deadline": shift_years(period.office_deadline, years),
            }
        )
    data: dict[str, Any] = {
        "id": plan_id,
        "kind": source.kind,
        "slug": f"{plan_slug(plan_id)}-{year}",
        "title": _next_year_text(source.title, old, new),
        "date": shift_years(source.date, years),
        "issuer": source.issuer,
    }
    if source.signer:
        data["signer"] = source.signer
    data["covers"] = {"from": shift_years(source.start, years), "to": shift_years(source.end, years)}
    data["defaults"] = {"form": source.default_form.id, "unit": source.default_unit.id}
    data["items"] = [
        {"number": i.number, "title": i.title, "slug": i.slug, "text": i.text} for i in source.items
    ]
    data["forms"] = [{"id": f.id, "name": f.name} for f in source.forms]
    data["units"] = [{"id": u.id, "name": u.name, "group": u.group} for u in source.units]
    data["report_periods"] = periods
    layout = source.report
    report: dict[str, Any] = {
        "number_symbol": layout.number_symbol,
        "subject": layout.subject,
        "addressee": layout.addressee,
        "recipients": list(layout.recipients),
        "signer_title": layout.signer_title[0]
        if len(layout.signer_title) == 1
        else list(layout.signer_title),
        "signer_name": layout.signer_name,
    }
    report = {key: value for key, value in report.items() if value}
    if report:
        data["report"] = report
    return data


class _PlanDumper(yaml.SafeDumper):
    """Lists indented under their key and long texts folded (`>-`), as people write plan files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    folded = len(value) > LONG_TEXT and "\n" not in value
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">" if folded else None)


LONG_TEXT = 90
_PlanDumper.add_representer(str, _text)


def plan_text(source: Plan, data: dict[str, Any]) -> str:
    body = yaml.dump(
        data, Dumper=_PlanDumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    return (
        f"# Kế hoạch số {data['id']} năm {data['covers']['from'].year}: tạo bằng 'invoke plan-new' từ "
        f"kế hoạch {source.id} ({source.source}).\n"
        "# Cần sửa cho đúng văn bản đã ký: 'date' (ngày ký), 'title', 'signer', các mục 'items'\n"
        "# và hạn báo cáo trong 'report_periods'; rồi chạy 'invoke check'.\n"
        f"{body}"
        "# Căn cứ ban hành, ví dụ: based_on: Kế hoạch số …/KH-UBND ngày …/…/… của UBND tỉnh\n"
        "# Toàn văn kế hoạch đã ký (Markdown), để hiện trên trang 'Toàn văn kế hoạch':\n"
        "# text: |\n"
        "#   …\n"
    )


def start_next_plan(
    content: str | Path, plan_id: str, year: int | None = None, from_plan: str | None = None
) -> NewPlan:
    """Write `<content>/plans/<slug>.yml` for next year's plan; refuse anything `check` would refuse."""
    plans_dir = Path(content) / "plans"
    plan_id = plan_id.strip()
    if not plan_id:
        raise PlanNewError('cần --id, số hiệu của kế hoạch mới, ví dụ --id "25/KH-KHCN"')
    plans, problems = load_plans(plans_dir, f"{content}/plans")
    errors = [p for p in problems if p.is_error]
    if errors:
        raise PlanNewError(
            "\n".join(str(p) for p in errors) + "\nSửa các kế hoạch hiện có trước khi tạo kế hoạch mới."
        )
    source = _source_plan(plans, from_plan)
    year = year or source.start.year + 1
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PlanNewError(f"--year {year} không hợp lệ; viết năm có bốn chữ số, ví dụ --year 2021")
    if plans.find(plan_id):
        raise PlanNewError(f"đã có kế hoạch số {plan_id}; chọn số hiệu khác")
    data = plan_data(source, plan_id, year)
    if not plan_slug(plan_id).strip("-0123456789"):
        raise PlanNewError(
            f"số hiệu '{plan_id}' không tạo được tên tệp; viết số hiệu có chữ, ví dụ 25/KH-KHCN"
        )
    path = plans_dir / f"{data['slug']}.yml"
    if path.exists() or path.is_symlink():
        raise PlanNewError(f"{content}/plans/{path.name} đã có; không ghi đè")
    text = plan_text(source, data)
    _validate_with(plans_dir, path.name, text, str(content))
    path.write_text(text, encoding="utf-8")
    return NewPlan(path, source, year)


def _source_plan(plans: PlanSet, from_plan: str | None) -> Plan:
    if not plans:
        raise PlanNewError(
            "chưa có kế hoạch nào để sao chép; viết kế hoạch đầu tiên theo mẫu content/plans/ "
            "(xem docs/huong-dan-bao-cao.md)"
        )
    if from_plan:
        found = plans.find(from_plan)
        if not found:
            raise PlanNewError(
                f"không có kế hoạch '{from_plan}'; các kế hoạch: " + ", ".join(p.id for p in plans)
            )
        return found
    return max(plans, key=lambda p: (p.start, p.id))


def _validate_with(plans_dir: Path, name: str, text: str, content: str) -> None:
    """Load the new plan beside copies of the existing ones: the same checks `check` runs."""
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch)
        files = []
        for existing in sorted([*plans_dir.glob("*.yml"), *plans_dir.glob("*.yaml")]):
            if existing.is_file() and not existing.is_symlink():
                files.append(Path(shutil.copyfile(existing, trial / existing.name)))
        (trial / name).write_text(text, encoding="utf-8")
        files.append(trial / name)
        _, problems = load_plans(trial, f"{content}/plans", files)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise PlanNewError("kế hoạch mới không hợp lệ, chưa ghi tệp:\n" + "\n".join(str(p) for p in errors))

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .checker import check_content
from .documents import DASHES, NUMBER_PATTERN
from .plans import Plan, PlanSet
from .problems import format_problems
from .slugs import ascii_slug

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
    return ascii_slug(plan_id)


def _shift_year_text(text: str, first: int, last: int, years: int) -> str:
    """Years of the old plan's span (and the year after it, as in 'năm học 2020-2021') moved with
    it: 'năm 2020' -> 'năm 2021', '2020-2021' -> '2021-2022'; earlier and later years stay."""

    def shift(match: re.Match[str]) -> str:
        year = int(match.group(0))
        return str(year + years) if first <= year <= last + 1 else match.group(0)

    return re.sub(r"(?<!\d)\d{4}(?!\d)", shift, text)


@dataclass(frozen=True)
class NewKind:
    """A plan of another kind than its source's (`--kind`, `--title`): the source lends its
    forms, units, report layout and report windows; its items are not this plan's."""

    kind: str
    title: str


def plan_data(
    source: Plan,
    plan_id: str,
    year: int,
    *,
    new_kind: NewKind | None = None,
    counted_until: dt.date | None = None,
) -> dict[str, Any]:
    """The new plan as YAML data, keys in the order a plan file lists them. Every date moves by
    whole years (29 February to 28 February), so a window ending the day before a deadline, or
    on the last day of a month, still does. `counted_until`: the last day the previous plan of
    the same kind counted; the report windows that would start the year start the day after it,
    so no day is left out between two plans (05/12/2020 – 04/06/2021)."""
    years = year - source.year
    first, last = source.start.year, source.end.year

    def moved(text: str) -> str:
        return _shift_year_text(text, first, last, years)

    start = shift_years(_in_its_year(source.start, source), years)
    opening = counted_until + dt.timedelta(days=1) if counted_until and counted_until < start else start
    periods = [
        {
            "id": moved(period.id),
            "slug": moved(period.slug),
            "title": moved(period.title),
            "from": opening
            if shift_years(_in_its_year(period.start, source), years) == start
            else shift_years(period.start, years),
            "to": shift_years(period.end, years),
            "unit_deadline": shift_years(period.unit_deadline, years),
            "office_deadline": shift_years(period.office_deadline, years),
        }
        for period in source.periods
    ]
    data: dict[str, Any] = {
        "id": plan_id,
        "kind": new_kind.kind if new_kind else source.kind,
        "slug": f"{plan_slug(plan_id)}-{year}",
        "title": new_kind.title if new_kind and new_kind.title else moved(source.title),
        # No signing date and no signer: they are the signed document's, which the Office writes
        # in (until then the plan shows as not yet signed).
        "issuer": source.issuer,
    }
    data["covers"] = {"from": opening, "to": shift_years(source.end, years)}
    data["defaults"] = {"form": source.default_form.id, "unit": source.default_unit.id}
    if new_kind and new_kind.kind != source.kind:
        data["items"] = [
            {
                "number": 1,
                "title": "Nội dung thứ nhất (ghi theo kế hoạch đã ký)",
                "slug": "noi-dung-1",
                "text": "Ghi nội dung tuyên truyền thứ nhất của kế hoạch; thêm các mục tiếp theo.",
            }
        ]
    else:
        data["items"] = [
            {"number": i.number, "title": i.title, "slug": i.slug, "text": i.text} for i in source.items
        ]
    data["forms"] = [
        {"id": f.id, "name": f.name, **({"measure": f.measure} if f.measure else {})} for f in source.forms
    ]
    data["units"] = [
        {
            key: value
            for key, value in (
                ("id", u.id),
                ("name", u.name),
                ("group", u.group),
                ("symbol", u.symbol),
                ("head", u.head),
                ("signer", u.signer),
                ("items", list(u.items)),
            )
            if value
        }
        for u in source.units
    ]
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
        "office_unit": layout.office_unit,
    }
    report = {key: value for key, value in report.items() if value}
    if report:
        data["report"] = report
    return data


class _PlanDumper(yaml.SafeDumper):
    """Lists indented under their key and long texts folded (`>-`), as people write plan files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # plans are read without anchors and aliases (portal.plans)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    folded = len(value) > LONG_TEXT and "\n" not in value
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=">" if folded else None)


LONG_TEXT = 90
_PlanDumper.add_representer(str, _text)


def plan_text(source: Plan, data: dict[str, Any], year: int) -> str:
    body = yaml.dump(
        data, Dumper=_PlanDumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    return (
        f"# Kế hoạch số {data['id']} năm {year}: tạo bằng 'invoke plan-new' từ "
        f"kế hoạch {source.id} (plans/{Path(source.source).name}).\n"
        "# Cần sửa cho đúng văn bản đã ký: 'title', các mục 'items' và hạn báo cáo trong\n"
        "# 'report_periods'; khi kế hoạch đã ký, thêm ngày ký và người ký (đến lúc đó trang web và báo\n"
        "# cáo ghi kế hoạch 'chưa ký'), ví dụ:\n"
        "#   date: 2021-02-07\n"
        "#   signer: Họ và tên, Giám đốc\n"
        "# rồi chạy 'invoke check'.\n"
        f"{body}"
        "# Căn cứ ban hành, ví dụ: based_on: Kế hoạch số …/KH-UBND ngày …/…/… của UBND tỉnh\n"
        "# Toàn văn kế hoạch đã ký (Markdown), để hiện trên trang 'Toàn văn kế hoạch':\n"
        "# text: |\n"
        "#   …\n"
    )


MAX_ID_LENGTH = 60


def clean_plan_id(plan_id: str) -> str:
    """The number as typed, with spaces collapsed and any dash made '-'; refused if not a number."""
    cleaned = " ".join(plan_id.split()).translate(DASHES)
    if not cleaned:
        raise PlanNewError('cần --id, số hiệu của kế hoạch mới, ví dụ --id "25/KH-KHCN"')
    if (
        len(cleaned) > MAX_ID_LENGTH
        or not NUMBER_PATTERN.match(cleaned)
        or not plan_slug(cleaned).strip("-0123456789")
    ):
        raise PlanNewError(f"số hiệu '{plan_id}' không có dạng số/ký hiệu; ví dụ --id \"25/KH-KHCN\"")
    return cleaned


def start_next_plan(
    content: str | Path,
    settings: dict[str, Any],
    plan_id: str,
    year: int | None = None,
    from_plan: str | None = None,
    new_kind: NewKind | None = None,
) -> NewPlan:
    """Write `<content>/plans/<slug>.yml` for next year's plan (or, with `new_kind`, a plan of
    another kind). The content folder is checked before and after, as `invoke check` checks it;
    a new file that would add an error is removed."""
    root = Path(content)
    plan_id = clean_plan_id(plan_id)
    # The plans must be sound to copy one (and their folder a real one to write in); other errors
    # are judged with the new plan in place (below): a post the new plan makes valid (dated in
    # its year) never stops the plan that would count it.
    before = check_content(root, settings, shown_dir=str(content))
    plans_shown = f"{content}/plans"
    broken = [p for p in before.errors if p.path == plans_shown or p.path.startswith(plans_shown + "/")]
    if broken:
        raise PlanNewError(
            format_problems(broken) + "\nSửa các lỗi trên (xem 'invoke check') trước khi tạo kế hoạch mới."
        )
    if new_kind and not from_plan and any(p.kind == new_kind.kind for p in before.plans):
        from_plan = max((p for p in before.plans if p.kind == new_kind.kind), key=lambda p: p.start).id
    source = _source_plan(before.plans, from_plan)
    if new_kind and new_kind.kind in ("", source.kind):  # next year's plan of that kind, retitled
        new_kind = NewKind(source.kind, new_kind.title or "")
    kind = new_kind.kind if new_kind else source.kind
    same_kind = [p for p in before.plans if p.kind == kind]
    if new_kind is None:
        year = next_year(source) if year is None else year
    elif year is None:
        year = max((next_year(p) for p in same_kind), default=source.year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PlanNewError(f"--year {year} không hợp lệ; viết năm có bốn chữ số, ví dụ --year 2021")
    start = shift_years(_in_its_year(source.start, source), year - source.year)
    clash = next((p for p in same_kind if p.start <= start <= p.end or start < p.start), None)
    if clash:
        raise PlanNewError(
            f"kế hoạch bắt đầu năm {year} sẽ trùng thời gian với kế hoạch cùng loại {clash.id} "
            f"({clash.start:%d/%m/%Y} – {clash.end:%d/%m/%Y}); chọn --year từ {next_year(clash)}"
        )
    if before.plans.find(plan_id):
        raise PlanNewError(f"đã có kế hoạch số {plan_id}; chọn số hiệu khác")
    previous = max(same_kind, key=lambda p: max(end for _, end in p.spans), default=None)
    # The day before the new plan's first window: the previous plan's last counted day, in the
    # year before the new plan's (a plan made after years without one counts from then, not from
    # the old plan's end: 2021's plan ended 04/12/2021, 2026's starts counting 05/12/2025).
    counted_until = (
        shift_years(max(end for _, end in previous.spans), max(0, year - 1 - previous.year))
        if previous
        else None
    )
    data = plan_data(source, plan_id, year, new_kind=new_kind, counted_until=counted_until)
    plans_dir = root / "plans"
    plans_dir.mkdir(exist_ok=True)
    path = plans_dir / f"{data['slug']}.yml"
    try:
        with path.open("x", encoding="utf-8") as new_file:  # never over a file or a link
            new_file.write(plan_text(source, data, year))
    except FileExistsError:
        raise PlanNewError(f"{content}/plans/{path.name} đã có; không ghi đè") from None
    after = check_content(root, settings, shown_dir=str(content))
    if after.errors:
        path.unlink()
        known = {(p.path, p.line, p.message) for p in before.errors}
        caused = [p for p in after.errors if (p.path, p.line, p.message) not in known]
        if caused:
            raise PlanNewError("kế hoạch mới sẽ gây lỗi nên chưa ghi tệp:\n" + format_problems(caused))
        raise PlanNewError(
            format_problems(after.errors)
            + "\nSửa các lỗi trên (xem 'invoke check') trước khi tạo kế hoạch mới; kế hoạch mới không "
            "sửa được lỗi nào trong số đó nên chưa ghi tệp."
        )
    return NewPlan(path, source, year)


def _in_its_year(day: dt.date, plan: Plan) -> dt.date:
    """A day of the plan's early opening (before its year) taken as the first day of its year,
    where a plan of the next year starts before it carries the opening forward again."""
    return dt.date(plan.year, 1, 1) if day.year < plan.year else day


def next_year(source: Plan) -> int:
    """The first year the plan, moved by whole years, starts after it ends."""
    start = _in_its_year(source.start, source)
    year = source.year + 1
    while shift_years(start, year - source.year) <= source.end:
        year += 1
    return year


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
    newest = max(p.year for p in plans)  # by year: a plan opening early (05/12) is still its year's
    latest = [p for p in plans if p.year == newest]
    if len({p.kind for p in latest}) > 1:  # plans of several kinds: copying one is a choice to make
        raise PlanNewError(
            "có nhiều kế hoạch mới nhất thuộc các loại khác nhau: "
            + "; ".join(f"{p.id} ({p.title})" for p in sorted(latest, key=lambda p: p.id))
            + ". Chọn kế hoạch cần chép bằng --from-plan, ví dụ --from-plan "
            + sorted(latest, key=lambda p: p.id)[0].id
        )
    return max(latest, key=lambda p: (p.start, p.id))

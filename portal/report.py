"""`invoke report`: coverage of one plan over one window, in the Office's formats.

Reads post headers only (portal.checker), never Markdown bodies, and counts
with portal.coverage, the same code the site's coverage page uses.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from .activities import Activity
from .checker import ContentCheck, check_content
from .coverage import ChoiceCoverage, Coverage, Window, choice_of, compute_coverage, unit_of
from .dates import LOCAL_TZ, DateFormatError, iso_local, now_local, parse_day_option, vn_date
from .plans import Plan, PlanSet, ReportPeriod
from .posts import Post, did_you_mean
from .problems import format_problems
from .tables import (
    ONE_PIECE_OF_WORK,
    QUANTITY_MEANING,
    choice_rows,
    deadline_lines,
    paragraph,
    summary_rows,
    text_table,
    unit_choices,
)
from .unit_reports import UNIT_REPORTS_FOLDER, CycleStatus, current_period, cycle_status
from .urls import post_url

FORMATS = ("table", "json", "csv", "xlsx", "docx", "pdf")
BINARY_FORMATS = ("xlsx", "docx", "pdf")
PAPER_FORMATS = ("docx", "pdf")  # a paper sent to someone, not a table of numbers


class ReportError(Exception):
    pass


def _parse_day(value: str, flag: str) -> dt.date:
    try:
        return parse_day_option(value, flag)
    except DateFormatError as error:
        raise ReportError(str(error)) from None


def select_window(plan: Plan | None, period: str | None, start: str | None, end: str | None) -> Window:
    if period and (start or end):
        raise ReportError("chỉ dùng --period hoặc cặp --from/--to, không dùng cả hai")
    if period and plan:
        found = plan.period(period)
        if not found:
            raise ReportError(
                f"kế hoạch {plan.id} không có kỳ báo cáo '{period}'; các kỳ: "
                + ", ".join(p.spelled for p in plan.periods)
            )
        return Window.for_period(found)
    if not (start and end):
        raise ReportError("cần --period (ví dụ --period '6 tháng') hoặc cả --from và --to")
    first, last = _parse_day(start, "from"), _parse_day(end, "to")
    if first > last:
        raise ReportError(f"--from {start} sau --to {end}")
    return Window.between(first, last)


@dataclass(frozen=True)
class ReportQuery:
    """What the Office asked for, as typed on the command line."""

    plan: str | None = None  # plan number or slug; default: the plan covering today
    period: str | None = None  # a report period's id or slug, or
    start: str | None = None  # --from YYYY-MM-DD
    end: str | None = None  # --to YYYY-MM-DD
    today: str | None = None  # YYYY-MM-DD, to choose the default plan
    unit: str | None = None  # one unit's posts only (what that unit sends the Office)
    all_plans: bool = False  # every plan counting work in the window (contract 11)


def coverage_for(
    content: str | Path, settings: dict[str, Any], query: ReportQuery, *, paper: bool = False
) -> Coverage:
    """The coverage a report shows: the chosen plan, over the chosen window.

    paper: the coverage is printed as a paper to send. The Office sends no paper to itself: it
    gathers the units' and files the department's, so its paper is the department's, every unit's."""
    check = _checked(content, settings)
    chosen = choose_plan(check, query, settings)
    window = select_window(chosen, query.period, query.start, query.end)
    unit = query.unit
    if paper and unit and (named := chosen.unit(unit)) is not None and named.id == chosen.office.id:
        unit = None
    return plan_coverage(check, chosen, window, unit)


def choose_plan(check: ContentCheck, query: ReportQuery, settings: dict[str, Any]) -> Plan:
    """The plan --plan names; else, for --from/--to, the plan counting most of those days; else the
    one the site leads with today (MAIN_PLAN_KIND)."""
    today = _parse_day(query.today, "today") if query.today else now_local().date()
    if not query.plan and query.start and query.end and not query.period:
        first, last = _parse_day(query.start, "from"), _parse_day(query.end, "to")
        by_window = check.plans.counting_most(first, last, settings.get("MAIN_PLAN_KIND"))
        if by_window is not None:
            return by_window
    if query.plan:
        chosen = check.plans.find(query.plan)
        if not chosen:
            raise ReportError(
                f"không có kế hoạch '{query.plan}'; các kế hoạch: "
                + (", ".join(p.id for p in check.plans) or "(chưa có)")
            )
        return chosen
    default = check.plans.default(today, settings.get("MAIN_PLAN_KIND"))
    if not default:
        raise ReportError("thư mục plans/ chưa có kế hoạch nào")
    return default


def report_status(content: str | Path, settings: dict[str, Any], query: ReportQuery) -> str:
    """`invoke report-status`: every unit of the plan for a period, sent, late or not yet."""
    return status_of(_checked(content, settings), settings, query).text()


def status_of(
    check: ContentCheck, settings: dict[str, Any], query: ReportQuery, current: bool = False
) -> CycleStatus:
    """The cycle `invoke report-status` prints and the web editor shows (/api/report-status): the
    plan chosen as for a report, the period asked for, as of `query.today`. `current`: without a
    period, the one being filed (portal.unit_reports.current_period) rather than a refusal."""
    today = _parse_day(query.today, "today") if query.today else now_local().date()
    if current and not query.period:
        if query.plan:
            chosen = choose_plan(check, query, settings)
            found = current_period([chosen], today)
        else:
            found = current_period(check.plans, today, settings.get("MAIN_PLAN_KIND"))
        if found is None:
            raise ReportError("chưa có kế hoạch nào có kỳ báo cáo")
        return cycle_status(*found, check.unit_reports, today)
    plan = choose_plan(check, query, settings)
    if not query.period:
        raise ReportError(
            "cần --period, ví dụ --period '6 tháng'; các kỳ: " + ", ".join(p.spelled for p in plan.periods)
        )
    period = plan.period(query.period)
    if period is None:
        raise ReportError(
            f"kế hoạch {plan.id} không có kỳ báo cáo '{query.period}'; các kỳ: "
            + ", ".join(p.spelled for p in plan.periods)
        )
    return cycle_status(plan, period, check.unit_reports, today)


def plan_coverage(check: ContentCheck, plan: Plan, window: Window, unit_name: str | None = None) -> Coverage:
    """One plan's coverage over a window, of one unit's work when `unit_name` is given."""
    posts, activities = check.posts, check.activities
    unit = None
    if unit_name:
        unit = plan.unit(unit_name)
        if unit is None:
            raise ReportError(
                f"kế hoạch {plan.id} không có đơn vị '{unit_name}'; "
                + did_you_mean(unit_name, [n for u in plan.units for n in (u.id, u.name)])
                + "các đơn vị: "
                + "; ".join(f"{u.id} ({u.name})" for u in plan.units)
            )
        posts = [p for p in posts if (u := unit_of(p, plan)) is not None and u.id == unit.id]
        activities = [a for a in activities if (u := unit_of(a, plan)) is not None and u.id == unit.id]
    coverage = compute_coverage(plan, posts, window, check.documents, activities)
    coverage.unit = unit
    period = window.period
    if period is not None:
        coverage.unit_reports = [
            r
            for r in check.unit_reports
            if r.plan.id == plan.id
            and r.period.slug == period.slug
            and (unit is None or r.unit.id == unit.id)
        ]
    return coverage


def all_plans_report(content: str | Path, settings: dict[str, Any], query: ReportQuery) -> dict[str, Any]:
    """`invoke report --all-plans` (DESIGN.md contract 11): every plan counting work in the
    window, each as contract 5 says, and the window's posts and activities each counted once."""
    check = _checked(content, settings)
    if query.period and (query.start or query.end):
        raise ReportError("chỉ dùng --period hoặc cặp --from/--to, không dùng cả hai")
    today = _parse_day(query.today, "today") if query.today else now_local().date()
    if query.period:
        chosen = _plans_with_period(check.plans, query.period, today)
        windows = [
            (plan, Window.for_period(cast(ReportPeriod, plan.period(query.period)))) for plan in chosen
        ]
        window = Window(min(w.start for _, w in windows), max(w.end for _, w in windows), windows[0][1].label)
    else:
        window = select_window(None, None, query.start, query.end)
        windows = [
            (plan, window)
            for plan in check.plans
            if any(
                plan_start <= window.end and window.start <= plan_end for plan_start, plan_end in plan.spans
            )
        ]
    coverages = [plan_coverage(check, plan, plan_window, query.unit) for plan, plan_window in windows]
    posts = {p.path for p in check.posts if p.is_published and window.contains(p.date)}
    activities = {a.path for a in check.activities if window.contains(a.date)}
    if query.unit:
        posts = {p.path for c in coverages for p in c.posts}
        activities = {a.path for c in coverages for a in c.activities}
    counted = {p.path for c in coverages for p in c.posts}
    held = {a.path for c in coverages for a in c.activities}
    return {
        "period": _period_json(window),
        "plans": [as_json(c, settings) for c in coverages],
        "post_count": len(posts),
        "activity_count": len(activities),
        # Posts of the window no plan counts (untagged, on a day several plans count): why the
        # total may be more than the plans' posts together.
        "uncounted_post_count": len(posts - counted),
        # Activities on a day between a plan's report periods (check warns of each).
        "uncounted_activity_count": len(activities - held),
    }


def _plans_with_period(plans: PlanSet, period: str, today: dt.date) -> list[Plan]:
    """The plans having a report period `period` in the year that matters: the latest year, not
    after today's, in which one ends (`--today` moves it)."""
    having = [(p, p.period(period)) for p in plans if p.period(period)]
    if not having:
        known = sorted({q.id for p in plans for q in p.periods})
        raise ReportError(
            f"không kế hoạch nào có kỳ báo cáo '{period}'; các kỳ: " + ", ".join(f"'{k}'" for k in known)
        )
    years = sorted({cast(ReportPeriod, q).end.year for _, q in having})
    year = max((y for y in years if y <= today.year), default=years[0])
    return [p for p, q in having if cast(ReportPeriod, q).end.year == year]


def _checked(content: str | Path, settings: dict[str, Any]) -> ContentCheck:
    check = check_content(content, settings)
    if check.errors:
        raise ReportError(
            format_problems(check.errors) + "\nSửa các lỗi trên (xem 'invoke check') rồi chạy lại báo cáo."
        )
    return check


def _period_json(window: Window) -> dict[str, str]:
    return {"from": window.start.isoformat(), "to": window.end.isoformat(), "label": window.label}


def as_json(coverage: Coverage, settings: dict[str, Any], public: bool = False) -> dict[str, Any]:
    """DESIGN.md, contracts 5 and 12. `public`: for the site's results page, which lists only
    the activities marked public (every activity still counts) and says how many it leaves out."""
    data = {
        "plan": {"id": coverage.plan.id, "title": coverage.plan.title},
        "period": _period_json(coverage.window),
        "items": [
            {
                "number": c.item.number,
                "title": c.item.title,
                "count": c.count,
                "posts": [
                    {
                        "title": p.title,
                        "date": iso_local(p.date),
                        "url": post_url(p, settings),
                        "source": _source(p, settings, public),
                    }
                    for p in c.posts
                ],
                "activity_count": c.activity_count,
                "activities": [
                    _activity_json(a, coverage.plan, settings, public)
                    for a in c.activities
                    if a.public or not public
                ],
            }
            for c in coverage.items
        ],
        "untagged_count": coverage.untagged_count,
        "post_count": coverage.post_count,
        "activity_count": coverage.activity_count,  # contract 12
        "forms": [_choice_json(row) for row in coverage.by_form],
        "units": [_choice_json(row) for row in coverage.by_unit],
    }
    if not coverage.plan.counts_all(coverage.window.start, coverage.window.end):
        data["outside_plan"] = (  # an ad-hoc window: said, not refused
            f"khoảng thời gian này có ngày ngoài các kỳ báo cáo của kế hoạch {coverage.plan.id}"
        )
    if coverage.window.period and not public:  # the units' own words (contract 14): the Office's
        data["unit_reports"] = _unit_reports_json(coverage)
    if public:
        data["unlisted_activity_count"] = coverage.activity_count - len(coverage.public_activities)
    if coverage.unit:  # an extra key: one unit's report keeps the contract's shape
        data["unit"] = {"id": coverage.unit.id, "name": coverage.unit.name}
    data["documents"] = [  # an extra key: documents issued or publicised in the period
        {
            "number": e.document.number,
            "type": e.document.type,
            "title": e.document.title,
            "issuer": e.document.issuer,
            "signed": e.document.signed.isoformat(),
            "issued_in_period": e.issued_in_window,
            "publicised": bool(e.posts),
            "first_post": (
                {
                    "title": e.first_post.title,
                    "date": iso_local(e.first_post.date),
                    "url": post_url(e.first_post, settings),
                }
                if e.first_post
                else None
            ),
            "days_to_first_post": e.days_to_first_post,
        }
        for e in coverage.documents
    ]
    return data


def _activity_json(
    activity: Activity, plan: Plan, settings: dict[str, Any], public: bool = False
) -> dict[str, Any]:
    """Contract 12's fields, its evidence files and the posts reporting on it (on the public
    site: only posts listed there)."""
    form, unit = choice_of(activity, plan, "form"), choice_of(activity, plan, "unit")
    siteurl = settings.get("SITEURL", "")
    return {
        "title": activity.title,
        "date": iso_local(activity.date),
        "unit": unit.id if unit else None,
        "form": form.id if form else None,
        "participants": activity.participants,
        "quantity": activity.quantity,
        "source": _source(activity, settings, public),
        "files": [{"path": f, "url": f"{siteurl}/{quote(f)}"} for f in activity.files],
        "posts": [
            {"title": p.title, "date": iso_local(p.date), "url": post_url(p, settings)}
            | ({} if public else {"status": p.status})
            for p in activity.posts
            if p.status == "published" or not public
        ],
    }


def _source(content: Post | Activity, settings: dict[str, Any], public: bool) -> str:
    """Where a post or activity is written: as the Office's commands show it, or (on the public
    site) as content/… whatever folder the site was built from."""
    if not public or not settings.get("PATH"):
        return content.source
    relative = Path(os.path.relpath(content.path, settings["PATH"])).as_posix()
    return content.source if relative.startswith("../") else f"content/{relative}"


def _unit_reports_json(coverage: Coverage) -> list[dict[str, Any]]:
    """Every unit (one unit's report: that unit), its report's text and when it reached the Office."""
    period, plan = coverage.window.period, coverage.plan
    assert period is not None
    by_unit = {r.unit.id: r for r in coverage.unit_reports}
    units = [coverage.unit] if coverage.unit else list(plan.units)
    rows = []
    for unit in units:
        report = by_unit.get(unit.id)
        deadline = period.office_deadline if unit.id == plan.office.id else period.unit_deadline
        sent = report.sent_by(now_local().date()) if report else None  # a date ahead: not yet
        rows.append(
            {
                "unit": {"id": unit.id, "name": unit.name},
                "sent": sent.isoformat() if sent else None,
                "on_time": (sent <= deadline) if sent else None,
                "deadline": deadline.isoformat(),
                "signer": (report.signer if report else "") or unit.signer,
                "sections": dict(report.sections) if report else {},
            }
        )
    return rows


def _choice_json(row: ChoiceCoverage) -> dict[str, Any]:
    return {
        "id": row.choice.id,
        "name": row.choice.name,
        "post_count": row.post_count,
        "activity_count": row.activity_count,
        "participants": row.participants,
        "quantity": row.quantity,
    }


TABLE_WIDTH = 100  # the terminal table's widest line, gap marks included
GAP_MARK = "  ← chưa có tin bài"
CHOICE_TABLES_COUNT = "Hai bảng trên tính các tin bài thuộc nội dung của kế hoạch và mọi hoạt động trong kỳ."


def as_table(coverage: Coverage, settings: dict[str, Any] | None = None) -> str:
    """The terminal's summary: per item its posts and activities, the totals, then the form and
    unit tables (posts, activities held, participants, quantity), as the JSON counts them."""
    plan, window = coverage.plan, coverage.window
    rows = summary_rows(coverage, activities=True)
    marks = [GAP_MARK if not c.covered else "" for c in coverage.items]
    numbers = [("Mục", 4), ("Tin bài", 7), ("Hoạt động", 9)]
    room = TABLE_WIDTH - sum(w for _, w in numbers) - 2 * len(numbers) - max(map(len, marks), default=0)
    title_width = min(max(len(str(row[1])) for row in rows), room)
    lines = [
        *paragraph(f"Kế hoạch {plan.id}: {plan.title}", TABLE_WIDTH),
        f"Kỳ báo cáo: {window.label} ({vn_date(window.start)} – {vn_date(window.end)})",
        *([f"Đơn vị: {coverage.unit.name} (chỉ tin bài, hoạt động của đơn vị này)"] if coverage.unit else []),
        "",
        *text_table(
            [numbers[0], ("Nội dung", title_width), *numbers[1:]],
            rows,
            wrap=1,
            marks=marks,
            rule_before=len(coverage.items),
        ),
    ]
    for heading, title, choices, quantity in (
        ("Theo hình thức tuyên truyền:", "Hình thức", coverage.by_form, True),
        # Quantities are in each form's own measure (bản, lượt): a unit's row would add them up.
        ("Theo đơn vị thực hiện:", "Đơn vị", unit_choices(coverage), False),
    ):
        table = choice_rows(choices, quantity=quantity)
        names = ("Tin bài", "Hoạt động", "Người tham dự", *(["Số lượng"] if quantity else []))
        counts = [(name, len(name)) for name in names]
        room = TABLE_WIDTH - sum(w for _, w in counts) - 2 * len(counts)
        name_width = min(max(len(str(row[0])) for row in table), room)
        lines += [
            "",
            heading,
            *text_table([(title, name_width), *counts], table, 0, rule_before=len(table) - 1),
        ]
    lines += ["", *paragraph(f"{CHOICE_TABLES_COUNT} {ONE_PIECE_OF_WORK} {QUANTITY_MEANING}", TABLE_WIDTH)]
    if coverage.documents:
        lines += ["", "Văn bản ban hành hoặc được tuyên truyền trong kỳ:"]
        for e in coverage.documents:
            publicised = (
                f"tin đầu tiên {vn_date(e.first_post.date)}, sau {e.days_to_first_post} ngày"
                if e.first_post
                else "chưa có tin bài"
            )
            lines.append(f"  - {e.document.number} ({vn_date(e.document.signed)}): {publicised}")
    deadlines = deadline_lines(coverage, settings)
    if deadlines:
        lines += ["", *(line for deadline in deadlines for line in paragraph(deadline, TABLE_WIDTH))]
    return "\n".join(lines)


def render(coverage: Coverage, settings: dict[str, Any], fmt: str) -> str | bytes:
    """The report as text (table, json, csv) or bytes (xlsx, docx)."""
    if fmt == "table":
        return as_table(coverage, settings) + "\n"
    if fmt == "json":
        return json.dumps(as_json(coverage, settings), ensure_ascii=False, indent=2) + "\n"
    from . import office_files, office_report  # openpyxl and docxtpl load only when asked for

    try:
        return office_files.RENDERERS[fmt](coverage, settings)
    except office_report.TemplateProblem as error:
        raise ReportError(str(error)) from None


# The format a file name asks for: `--output bao-cao.docx` needs no `--format docx`.
EXTENSIONS = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".json": "json",
    ".txt": "table",
}


def choose_format(fmt: str | None, output: str | Path | None) -> str:
    """The format asked for, else the one the output's extension names, else the terminal table;
    a format that contradicts the extension (a Word file named .pdf) is an error."""
    named = EXTENSIONS.get(Path(output).suffix.lower()) if output else None
    if output and named is None:  # a Word file named .doc, a table with no extension at all
        wanted = next((ext for ext, f in EXTENSIONS.items() if f == fmt), ".docx")
        raise ReportError(
            f"--output {output}: tên tệp phải có đuôi cho biết định dạng ({', '.join(EXTENSIONS)}), "
            f"ví dụ --output {Path(output).with_suffix(wanted).name}"
        )
    if fmt is None:
        return named or "table"
    if output and named != fmt:
        wanted = next((ext for ext, f in EXTENSIONS.items() if f == fmt), ".txt")
        raise ReportError(f"--output {output} không hợp với --format {fmt}; đặt tên tệp có đuôi {wanted}")
    return fmt


def make_report(
    content: str | Path,
    settings: dict[str, Any],
    query: ReportQuery,
    fmt: str | None = "table",
    output: str | Path | None = None,
    *,
    force: bool = False,
    csv_separator: str | None = None,
    say: Callable[[str], None] = lambda message: None,
) -> Path | None:
    """The report of one plan over one window, to stdout or written to `output` (returned).

    settings: the production settings (publishconf.py), so links are the public addresses. An
    existing `output` is never overwritten: it is kept under a name with its time, unless `force`;
    `say` tells the clerk what happened to it."""
    fmt = _output_format(fmt, output)
    if csv_separator is not None:
        if csv_separator not in (",", ";"):
            raise ReportError(f"--csv-separator '{csv_separator}' không dùng được; chọn ',' hoặc ';'")
        settings = {**settings, "REPORT_CSV_SEPARATOR": csv_separator}
    result: str | bytes
    if query.all_plans:
        result = all_plans_output(content, settings, query, fmt)
    else:
        coverage = coverage_for(content, settings, query, paper=fmt in PAPER_FORMATS)
        office = coverage.plan.office
        # The Office does work of its own as well as gathering everyone's: say which this is.
        if query.unit and coverage.unit is None:
            say(
                f"{office.name} tổng hợp và gửi báo cáo chung của Sở, không gửi báo cáo cho chính mình: "
                "tệp này là báo cáo chung của Sở (mọi phòng, đơn vị), như khi chạy không có --unit"
            )
        elif coverage.unit is not None and coverage.unit.id == office.id:
            say(
                f"Đây là số liệu phần việc riêng của {office.name}. Báo cáo chung của Sở "
                f"({office.name} tổng hợp, gửi tỉnh): chạy lại không có --unit, hoặc ra tệp .docx, .pdf"
            )
        if fmt in PAPER_FORMATS:
            missing_words(coverage, say)
        result = render(coverage, settings, "docx" if fmt == "pdf" else fmt)
        if fmt == "pdf":
            result = printed(cast(bytes, result))
    if output:
        data = (
            result if isinstance(result, bytes) else result.encode("utf-8-sig" if fmt == "csv" else "utf-8")
        )
        return _write(Path(output), data, force, say)
    assert isinstance(result, str)  # bytes only for BINARY_FORMATS, which need --output
    sys.stdout.write(result)
    return None


def missing_words(coverage: Coverage, say: Callable[[str], None]) -> None:
    """A paper takes its words from its writer's period report (the Office's for the department's):
    say so when there is none, before the clerk files parts reading 'Không có nội dung.'."""
    period, writer = coverage.window.period, coverage.unit or coverage.plan.office
    if period is None or any(r.unit.id == writer.id for r in coverage.unit_reports):
        return
    say(
        f"Chưa có báo cáo kỳ này của {writer.name} ({UNIT_REPORTS_FOLDER}/{coverage.plan.slug}/"
        f"{period.slug}/{writer.id}.md): các phần kết quả nổi bật, khó khăn, đề xuất, phương hướng, "
        "kinh phí in 'Không có nội dung.' (xem docs/huong-dan-bao-cao.md)"
    )


def _output_format(fmt: str | None, output: str | Path | None) -> str:
    """The format asked for (or named by the file's extension), refused before any work."""
    if fmt is not None and fmt not in FORMATS:
        raise ReportError(f"định dạng '{fmt}' không hỗ trợ; chọn một trong: {', '.join(FORMATS)}")
    if output and Path(output).is_dir():
        raise ReportError(
            f"--output {output} là một thư mục; ghi tên tệp, ví dụ "
            f"--output {Path(output) / ('bao-cao.' + ('txt' if fmt in (None, 'table') else fmt))}"
        )
    fmt = choose_format(fmt, output)
    if fmt not in FORMATS:
        raise ReportError(f"định dạng '{fmt}' không hỗ trợ; chọn một trong: {', '.join(FORMATS)}")
    if fmt in BINARY_FORMATS and not output:
        raise ReportError(f"định dạng {fmt} cần --output, ví dụ --output bao-cao.{fmt}")
    return fmt


def _write(path: Path, data: bytes, force: bool, say: Callable[[str], None]) -> Path:
    kept = keep_existing(path, force)
    if kept:
        say(f"{path} đã có: bản cũ được giữ lại thành {kept.name} (dùng --force để ghi đè)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise ReportError(f"không ghi được {path}: {error.strerror}") from None
    return path


def keep_existing(path: Path, force: bool) -> Path | None:
    """A report written over a file the clerk may have filled in by hand: the old one moves to a
    name with its time (bao-cao.2020-06-09-1530.docx), unless `force`. The new name, or None."""
    if force or not path.exists():
        return None
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, LOCAL_TZ).strftime("%Y-%m-%d-%H%M%S")
    kept = path.with_name(f"{path.stem}.{stamp}{path.suffix}")
    counter = 1
    while kept.exists():
        counter += 1
        kept = path.with_name(f"{path.stem}.{stamp}-{counter}{path.suffix}")
    path.rename(kept)
    return kept


OFFICE_SUITE = ("soffice", "libreoffice")


def printed(docx: bytes) -> bytes:
    """The DOCX as LibreOffice prints it to PDF (the Office's own word processor)."""
    program = next((shutil.which(name) for name in OFFICE_SUITE if shutil.which(name)), None)
    if program is None:
        raise ReportError(
            "cần LibreOffice để in ra PDF: chạy 'make office' (cài LibreOffice Writer), hoặc lấy "
            "--format docx rồi in từ Word"
        )
    with tempfile.TemporaryDirectory(prefix="bao-cao-") as folder:
        source = Path(folder) / "bao-cao.docx"
        source.write_bytes(docx)
        profile = Path(folder) / "profile"  # its own profile: a running LibreOffice is left alone
        result = subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        pdf = source.with_suffix(".pdf")
        if result.returncode != 0 or not pdf.is_file():
            failure = (result.stderr or result.stdout)[-500:]
            raise ReportError(f"LibreOffice không in được báo cáo ra PDF: {failure}")
        return pdf.read_bytes()


def all_plans_output(content: str | Path, settings: dict[str, Any], query: ReportQuery, fmt: str) -> str:
    """`--all-plans` as JSON (contract 11) or as a table for the screen."""
    if query.plan:
        raise ReportError("--all-plans báo cáo mọi kế hoạch: bỏ --plan")
    if fmt not in ("json", "table"):
        raise ReportError(
            f"--all-plans có dạng json và table; lấy tệp {fmt} cho từng kế hoạch bằng --plan "
            "(mỗi kế hoạch một báo cáo)"
        )
    data = all_plans_report(content, settings, query)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    period = data["period"]
    start, end = (vn_date(dt.date.fromisoformat(period[key])) for key in ("from", "to"))
    lines = [f"Mọi kế hoạch · {period['label']} ({start} – {end})", ""]
    for plan in data["plans"]:
        counted = sum(1 for item in plan["items"] if item["count"] or item["activity_count"])
        lines.append(
            f"- Kế hoạch {plan['plan']['id']} ({plan['period']['label']}): {plan['post_count']} tin, "
            f"bài và {plan['activity_count']} hoạt động được tính; {counted}/{len(plan['items'])} nội "
            "dung đã thực hiện"
        )
    lines += [
        "",
        (
            "Tổng số trong khoảng thời gian (mỗi tin, bài và hoạt động tính một lần): "
            f"{data['post_count']} tin, bài; {data['activity_count']} hoạt động."
        ),
        (
            f"Trong đó {data['uncounted_post_count']} tin, bài không được tính cho kế hoạch nào "
            "(không gắn mục, trong ngày có nhiều kế hoạch cùng áp dụng)"
            + (
                f"; {data['uncounted_activity_count']} hoạt động ngoài các kỳ báo cáo."
                if data["uncounted_activity_count"]
                else "."
            )
        ),
        "Báo cáo từng kế hoạch: thêm --plan SỐ/KH-… (các dạng docx, xlsx, csv).",
    ]
    return "\n".join(lines) + "\n"

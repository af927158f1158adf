"""A unit's period report to the Office: what its numbers cannot say (DESIGN.md contract 14).

Plan 118 (section IV) has every unit send its results to the Office before each period's units'
deadline, and the Office consolidate them for the province. The numbers come from the unit's
posts and activities; what a unit adds is text: its highlights, difficulties, proposals,
direction for the next period and funding. Each unit writes it once, as content, in one Markdown
file per unit and period:

    content/bao-cao/<plan slug>/<period slug>/<unit id>.md

with the header keys `Unit:`, `Sent:` (the day it reached the Office; absent while a draft) and
optional `Signer:`, and the body's `## ` sections (SECTIONS, any may be empty). The Office's own
notes are the Office unit's file. The reports (the department's and each unit's) print that text,
so nothing is ever typed into a generated file; `cycle` says who has sent, who is late.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from .dates import DateFormatError, parse_day_option, vn_date
from .plans import Choice, Plan, PlanSet, ReportPeriod, folded
from .posts import Header
from .problems import WARNING, Problem

UNIT_REPORTS_FOLDER = "bao-cao"
UNIT_REPORT_KEYS = {"unit", "sent", "signer"}
SECTIONS = (
    "Kết quả nổi bật",
    "Khó khăn, vướng mắc",
    "Đề xuất, kiến nghị",
    "Phương hướng kỳ tới",
    "Kinh phí",
)
# The deadlines `check` speaks of from this many days before.
WARN_DAYS = 7
# …and, for the Office's own report, this many days after (the units' late reports are said until
# the Office's deadline: after it they can no longer be consolidated).
OFFICE_LATE_DAYS = 30
_HEADING = re.compile(r"^##(?!#)\s*(?P<title>.*?)\s*#*\s*$")


@dataclass(frozen=True)
class UnitReport:
    source: str  # as shown in problems
    path: str
    plan: Plan
    period: ReportPeriod
    unit: Choice
    sent: dt.date | None  # None: a draft, not yet sent
    signer: str
    sections: dict[str, str] = field(default_factory=dict)  # SECTIONS' titles → Markdown, in order
    sent_line: int | None = None

    def sent_by(self, today: dt.date) -> dt.date | None:
        """The day it reached the Office, if that day has come (a date ahead is not yet sent)."""
        return self.sent if self.sent and self.sent <= today else None

    @property
    def is_office(self) -> bool:
        return self.unit.id == self.plan.office.id

    def text(self, title: str) -> str:
        return self.sections.get(title, "")


# Headings as the printed papers word them, read as the section they are.
SECTION_ALIASES = {
    "Tồn tại, hạn chế": "Khó khăn, vướng mắc",  # the annual paper's part V
    "Tồn tại, hạn chế; khó khăn, vướng mắc": "Khó khăn, vướng mắc",
    "Khó khăn, vướng mắc; tồn tại, hạn chế": "Khó khăn, vướng mắc",
    "Phương hướng, nhiệm vụ kỳ tới": "Phương hướng kỳ tới",
    "Phương hướng, nhiệm vụ": "Phương hướng kỳ tới",
    "Kinh phí thực hiện": "Kinh phí",
}


def _title_key(title: str) -> str:
    """A heading as typed, compared without case, punctuation or tone marks ('Ket qua noi bat')."""
    return " ".join(folded(title.rstrip(" :.").replace(",", " ").replace(";", " ")).split())


_TITLES = {_title_key(t): t for t in SECTIONS} | {_title_key(a): t for a, t in SECTION_ALIASES.items()}


class UnitReportReader:
    """One unit report file: where it is says whose and for which period; every problem at once."""

    def __init__(self, header: Header, shown: str, path: str, relative: str, plans: PlanSet) -> None:
        self.header, self.values, self.shown, self.path = header, header.values, shown, path
        self.relative, self.plans = relative, plans
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str, fix: str) -> None:
        self.problems.append(Problem(self.shown, line, message, fix))

    def read(self) -> UnitReport | None:
        place = self.place()
        sent = self.sent()
        sections = self.sections()
        if place is None:
            return None
        plan, period, unit = place
        if sent and sent < period.start:  # last period's file copied with its date
            self.problem(
                self.header.line("sent"),
                f"ngày gửi {vn_date(sent)} trước khi kỳ báo cáo {period.title} bắt đầu "
                f"({vn_date(period.start)})",
                "ghi ngày báo cáo của kỳ này đến Văn phòng (YYYY-MM-DD), hoặc bỏ dòng Sent khi còn là "
                "bản nháp",
            )
            return None
        signer = self.values.get("signer", "")
        return UnitReport(
            self.shown, self.path, plan, period, unit, sent, signer, sections, self.header.line("sent")
        )

    def place(self) -> tuple[Plan, ReportPeriod, Choice] | None:
        parts = PurePosixPath(self.relative).parts
        example = f"{UNIT_REPORTS_FOLDER}/118-kh-khcn-2020/6-thang/van-phong.md"
        if len(parts) != 4:  # noqa: PLR2004 (bao-cao/<plan>/<period>/<unit>.md)
            self.problem(
                None,
                "báo cáo của đơn vị phải nằm đúng chỗ: bao-cao/<kế hoạch>/<kỳ báo cáo>/<mã đơn vị>.md",
                f"chuyển tệp, ví dụ {example}",
            )
            return None
        _, plan_slug, period_slug, name = parts
        plan = next((p for p in self.plans if p.slug == plan_slug), None)
        if plan is None:
            self.problem(
                None,
                f"không có kế hoạch có slug '{plan_slug}'",
                "đặt tệp trong thư mục của kế hoạch: " + ", ".join(p.slug for p in self.plans),
            )
            return None
        period = next((p for p in plan.periods if p.slug == period_slug), None)
        unit = plan.unit(PurePosixPath(name).stem)
        if period is None:
            self.problem(
                None,
                f"kế hoạch {plan.id} không có kỳ báo cáo '{period_slug}'",
                "đặt tệp trong thư mục của kỳ: " + ", ".join(p.slug for p in plan.periods),
            )
        if unit is None or unit.id != PurePosixPath(name).stem:
            self.problem(
                None,
                f"tên tệp '{name}' không phải mã một đơn vị của kế hoạch {plan.id}",
                "đặt tên tệp theo mã đơn vị: " + ", ".join(f"{u.id}.md" for u in plan.units),
            )
            unit = None
        if unit is not None and "unit" in self.values and not unit.matches(self.values["unit"]):
            self.problem(
                self.header.line("unit"),
                f"dòng Unit '{self.values['unit']}' khác đơn vị của tên tệp ({unit.id})",
                f"ghi 'Unit: {unit.id}' hoặc chuyển tệp về đúng đơn vị",
            )
        if period is None or unit is None:
            return None
        return plan, period, unit

    def sent(self) -> dt.date | None:
        if not self.values.get("sent"):
            return None  # a draft
        try:
            return parse_day_option(self.values["sent"], "Sent")
        except DateFormatError:
            self.problem(
                self.header.line("sent"),
                f"Sent '{self.values['sent']}' không phải ngày hợp lệ",
                "ghi ngày báo cáo đến Văn phòng theo dạng YYYY-MM-DD, ví dụ 'Sent: 2020-06-03'; "
                "bỏ dòng này khi báo cáo còn là bản nháp",
            )
            return None

    def sections(self) -> dict[str, str]:
        found: dict[str, list[str]] = {}
        current: list[str] | None = None
        for number, line in enumerate(self.header.body.split("\n"), start=self.header.body_line):
            heading = _HEADING.match(line)
            if heading:
                title = _TITLES.get(_title_key(heading["title"]))
                if title is None:
                    self.problem(
                        number,
                        f"mục '{heading['title']}' không phải mục của báo cáo đơn vị",
                        "dùng các mục: "
                        + "; ".join(f"## {t}" for t in SECTIONS)
                        + " (tồn tại, hạn chế viết trong mục Khó khăn, vướng mắc)",
                    )
                    current = []  # its text goes with it: said once, by the heading
                elif title in found:
                    self.problem(number, f"mục '## {title}' viết hai lần", "gộp nội dung vào một mục")
                    current = []
                else:
                    current = found[title] = []
            elif current is not None:
                current.append(line)
            elif line.strip():
                self.problem(
                    number,
                    "đoạn văn nằm trước mục đầu tiên nên không thuộc mục nào của báo cáo",
                    f"viết dưới một mục, ví dụ '## {SECTIONS[0]}'",
                )
                current = []  # said once
        return {t: "\n".join(found[t]).strip() for t in SECTIONS if t in found}


# --- the cycle ---------------------------------------------------------------------------------

SENT, LATE, DRAFT, WAITING, OVERDUE = "sent", "late", "draft", "waiting", "overdue"
STATE_LABELS = {
    SENT: "Đã gửi",
    LATE: "Gửi muộn",
    DRAFT: "Đang soạn, chưa gửi",
    WAITING: "Chưa gửi",
    OVERDUE: "Quá hạn, chưa gửi",
}


@dataclass(frozen=True)
class UnitStatus:
    unit: Choice
    deadline: dt.date
    report: UnitReport | None
    state: str

    @property
    def sent(self) -> dt.date | None:
        """The day the report reached the Office, if it has (as of the cycle's day)."""
        return self.report.sent if self.report and self.state in (SENT, LATE) else None

    @property
    def label(self) -> str:
        """In Vietnamese: 'Đã gửi ngày 03/06/2020', 'Quá hạn, chưa gửi'…"""
        if self.sent:
            return f"{STATE_LABELS[self.state]} ngày {vn_date(self.sent)}"
        if self.report and self.state == OVERDUE:  # a draft is there: the unit is writing it
            return "Quá hạn, đang soạn, chưa gửi"
        return STATE_LABELS[self.state]


def cycle(plan: Plan, period: ReportPeriod, reports: list[UnitReport], today: dt.date) -> list[UnitStatus]:
    """Each unit of the plan (the Office last, with its own deadline): sent, late or not yet."""
    mine = {r.unit.id: r for r in reports if r.plan.id == plan.id and r.period.slug == period.slug}
    office = plan.office
    rows = []
    for unit in [*(u for u in plan.units if u.id != office.id), office]:
        deadline = period.office_deadline if unit.id == office.id else period.unit_deadline
        report = mine.get(unit.id)
        sent = report.sent_by(today) if report else None
        if sent:
            state = SENT if sent <= deadline else LATE
        elif today > deadline:
            state = OVERDUE
        else:
            state = DRAFT if report else WAITING
        rows.append(UnitStatus(unit, deadline, report, state))
    return rows


def cycle_warnings(plans: PlanSet, reports: list[UnitReport], today: dt.date) -> list[Problem]:
    """`check`'s word on the cycle: from WARN_DAYS before the units' deadline until the Office's,
    who has not sent; from WARN_DAYS before the Office's deadline until OFFICE_LATE_DAYS after it,
    whether the Office has filed."""
    problems = []
    for plan in plans:
        for period in plan.periods:
            rows = cycle(plan, period, reports, today)
            units, office = rows[:-1], rows[-1]
            warn_from = period.unit_deadline - dt.timedelta(days=WARN_DAYS)
            missing = [r for r in units if r.state in (DRAFT, WAITING, OVERDUE)]
            if missing and warn_from <= today <= period.office_deadline:
                problems.append(
                    _cycle_warning(plan, period, period.unit_deadline, today, missing, "các đơn vị")
                )
            office_from = period.office_deadline - dt.timedelta(days=WARN_DAYS)
            office_until = period.office_deadline + dt.timedelta(days=OFFICE_LATE_DAYS)
            if office.state in (DRAFT, WAITING, OVERDUE) and office_from <= today <= office_until:
                problems.append(
                    _cycle_warning(plan, period, period.office_deadline, today, [office], "Văn phòng")
                )
    return problems + sent_ahead_warnings(reports, today)


def _cycle_warning(
    plan: Plan, period: ReportPeriod, deadline: dt.date, today: dt.date, missing: list[UnitStatus], who: str
) -> Problem:
    days = (deadline - today).days
    when = (
        f"là {vn_date(deadline)}, còn {days} ngày"
        if days > 0
        else f"là hôm nay, {vn_date(deadline)}"
        if days == 0
        else f"là {vn_date(deadline)}, đã quá {-days} ngày"
    )
    folder = f"{UNIT_REPORTS_FOLDER}/{plan.slug}/{period.slug}"
    if who == "Văn phòng":
        return Problem(
            plan.source,
            None,
            f"{period.title} ({plan.id}): hạn Văn phòng gửi báo cáo tổng hợp {when}; Văn phòng chưa gửi",
            f"ghi ý kiến của Văn phòng vào {folder}/{plan.office.id}.md, thêm dòng 'Sent: YYYY-MM-DD' "
            "khi đã gửi (xem 'invoke report-status')",
            WARNING,
        )
    return Problem(
        plan.source,
        None,
        f"{period.title} ({plan.id}): hạn các đơn vị gửi báo cáo {when}; chưa gửi: "
        + ", ".join(r.unit.name for r in missing),
        f"báo cáo của mỗi đơn vị ở {folder}/<mã đơn vị>.md, thêm dòng 'Sent: YYYY-MM-DD' khi báo cáo "
        "đã đến Văn phòng (xem 'invoke report-status')",
        WARNING,
    )


def sent_ahead_warnings(reports: list[UnitReport], today: dt.date) -> list[Problem]:
    """A report whose Sent: day has not come (a slip of the year): not counted as sent until then."""
    return [
        Problem(
            r.source,
            r.sent_line,
            f"ngày gửi {vn_date(r.sent)} chưa đến (hôm nay {vn_date(today)}): báo cáo chưa được tính là "
            "đã gửi",
            "ghi ngày báo cáo thực sự đến Văn phòng (YYYY-MM-DD); bỏ dòng Sent khi còn là bản nháp",
            WARNING,
        )
        for r in reports
        if r.sent and r.sent > today
    ]


@dataclass(frozen=True)
class CycleStatus:
    """One period's cycle as `invoke report-status` prints it and the web editor shows it (one
    reading of `cycle` for both: the same units, deadlines, states and words)."""

    plan: Plan
    period: ReportPeriod
    today: dt.date
    rows: tuple[UnitStatus, ...]  # the units, the Office last

    @property
    def sent_count(self) -> int:
        """The units (the Office not among them) whose report reached the Office, late or not."""
        return sum(1 for r in self.rows[:-1] if r.state in (SENT, LATE))

    @property
    def unit_count(self) -> int:
        return len(self.rows) - 1

    @property
    def heading(self) -> str:
        return f"Kế hoạch {self.plan.id} · {self.period.title}"

    @property
    def deadlines(self) -> str:
        return (
            f"Hạn các đơn vị gửi Văn phòng: {vn_date(self.period.unit_deadline)}; hạn Văn phòng báo cáo: "
            f"{vn_date(self.period.office_deadline)}; hôm nay {vn_date(self.today)}"
        )

    @property
    def summary(self) -> str:
        return f"Đã gửi {self.sent_count}/{self.unit_count} đơn vị."

    def text(self) -> str:
        """The cycle as a table for the terminal (`invoke report-status`)."""
        width = max(len(r.unit.name) for r in self.rows)
        lines = [
            self.heading,
            self.deadlines,
            "",
            f"{'Đơn vị':<{width}}  {'Hạn':<10}  Tình trạng",
            "-" * (width + 40),
        ]
        for row in self.rows:
            signer = f" · ký: {row.report.signer}" if row.report and row.report.signer else ""
            lines.append(f"{row.unit.name:<{width}}  {vn_date(row.deadline):<10}  {row.label}{signer}")
        lines += ["", self.summary]
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, Any]:
        """The same, as data (the web editor's /api/report-status): every word as `text` says it."""
        period = self.period
        return {
            "plan": {"id": self.plan.id, "slug": self.plan.slug, "title": self.plan.title},
            "period": {
                "id": period.id,
                "slug": period.slug,
                "title": period.title,
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "unit_deadline": period.unit_deadline.isoformat(),
                "office_deadline": period.office_deadline.isoformat(),
            },
            "today": self.today.isoformat(),
            "heading": self.heading,
            "deadlines": self.deadlines,
            "units": [
                {
                    "id": row.unit.id,
                    "name": row.unit.name,
                    "office": row.unit.id == self.plan.office.id,
                    "deadline": row.deadline.isoformat(),
                    "deadline_text": vn_date(row.deadline),
                    "state": row.state,
                    "label": row.label,
                    "sent": row.sent.isoformat() if row.sent else None,
                    "signer": row.report.signer if row.report else "",
                    "written": row.report is not None,
                }
                for row in self.rows
            ],
            "sent_count": self.sent_count,
            "unit_count": self.unit_count,
            "summary": self.summary,
        }


def cycle_status(plan: Plan, period: ReportPeriod, reports: list[UnitReport], today: dt.date) -> CycleStatus:
    return CycleStatus(plan, period, today, tuple(cycle(plan, period, reports, today)))


def status_text(plan: Plan, period: ReportPeriod, reports: list[UnitReport], today: dt.date) -> str:
    """The cycle as a table for the terminal (`invoke report-status`)."""
    return cycle_status(plan, period, reports, today).text()


def current_period(
    plans: Sequence[Plan], today: dt.date, kind: str | None = None
) -> tuple[Plan, ReportPeriod] | None:
    """The report period being filed: of the plans of `kind` (every plan when none is of it), the
    one whose Office deadline is the first on or after `today` (on 08/12/2020 the 2020 plan's
    annual report, though next year's plan already counts the day); past every deadline, the last."""
    plans_of_kind = [p for p in plans if p.kind == kind] or list(plans)
    periods = [(plan, period) for plan in plans_of_kind for period in plan.periods]
    coming = [pair for pair in periods if pair[1].office_deadline >= today]
    if coming:
        return min(coming, key=lambda pair: pair[1].office_deadline)
    return max(periods, key=lambda pair: pair[1].office_deadline, default=None)

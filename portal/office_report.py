"""The Office's draft report (DOCX) from a Word template the Office can edit.

The template (portal/templates/bao-cao.docx, or the Office's own copy named by
the REPORT_TEMPLATE setting or `invoke report --template`) holds the layout
of Decree 30/2020/NĐ-CP and docxtpl fields; this module fills them with data
only: the department from the DEPARTMENT settings, the report's number
symbol, subject, addressee, recipients and signer from the plan's `report:`
block, and the counts and evidence from the coverage. A template is rendered
in Jinja's sandbox, so a template from anywhere cannot reach into Python.

Fields a template may use: governing, agency, department_full, place,
number_symbol, subject, period_phrase, title, addressee, unit_name, plan_id,
plan_date, plan_issuer, plan_title_phrase, window_start, window_end,
post_count, tagged_count, untagged_count, summary (number, title, count),
items (number, title, count, posts), gaps (number, title), by_form and
by_unit (name, count), units (name, count, posts), documents (number, title,
signed, first, days), recipients, signer_title
(lines), signer_name; a post's `line` is its date and its title linked to
its page ({{r post.line }}).

Activities (DESIGN.md contracts 10 and 12), added without changing the fields
above, so a template made before them renders as it did (posts only, `count`
every tagged post of a form or unit, `summary` the posts' rows):
activity_count, participants and quantity (the window's totals),
reported_count (tagged posts an activity of the window reports on: counted
with that activity in the form and unit tables), work_summary (number, title,
count, activity_count: the posts' and the activities' rows, each closing row
blank in the column it does not count), items[].activity_count and
items[].activities, activities (every activity of the window), by_form,
by_unit and units rows also with post_count, activity_count, participants and
quantity (as the JSON's forms and units), standalone_posts (its posts no
activity of the window reports on: post_count of them) and activities;
form_total and unit_total (count, post_count, activity_count, participants,
quantity). An activity has title, date, unit, form, participants and quantity
(blank when not given), files (evidence file names), posts (its reporting
posts, each with its `line`), items (numbers) and `line`: date, title, unit,
form, participants, quantity, evidence file names and the reporting posts'
titles linked to their pages ({{r activity.line }}).

The units' own words and the papers a clerk files as they are (issue 25, DESIGN.md contract 14):
notes (highlights, difficulties, proposals, direction, funding: each a list of
paragraphs from the period report of the Office, or in a unit's paper of the
unit, content/bao-cao/…; NOTHING_WRITTEN where nothing was written),
shortcomings (the annual paper: the items with no work), difficulties_heading
and direction_heading (the annual paper's own), annual, reporting (the
department's paper: who sent, who was late, who has not), unit_notes (each
unit that sent: name, status, late, sections of title and paragraphs),
appendix_units (units with work to list), idle_units (the others' names),
untagged_posts (posts of no item, each with its line), has_evidence,
plan_reference ("Kế hoạch số 40/KH-KHCN (chưa ký)" for an unsigned plan),
subject_phrase, office_name; items[].phrase ("1 tin, bài; 0 hoạt động", or
"không được giao" for an item outside a unit's remit) and items[].assigned;
participants_text and quantity_text (1.200; "1.200 bản" in the form's
measure) on the totals and on form and unit rows (the totals' quantity_text
blank: quantities of different forms are never added). A unit's paper
(`--unit`) comes from the unit to the Office: "Số: …/BC-<symbol>",
the unit's head's title and signer, its own documents only; the Office's own
is the department's paper (report.coverage_for gives it every unit's work).

Every value is printed as written, never read as template syntax: docxtpl reads
the rendered XML again after Jinja (it turns `{_{` into `{{`, and a tab, line
break, \\a or \\f into runs, paragraphs and pages), and this module looks there
for braces a broken field left. So a value leaves Jinja as an inert token
(Jinja's `finalize`, after the template's own filters), and the tokens become
the values, as plain text, only in the finished document (`Opaque`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from zipfile import BadZipFile

from docx.opc.exceptions import PackageNotFoundError
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError, Undefined, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing
from lxml import etree  # type: ignore[import-untyped]  # python-docx's XML library, no stubs
from markupsafe import Markup

from .activities import Activity
from .coverage import ChoiceCoverage, Coverage, choice_of
from .dates import now_local, vn_date
from .plans import Choice, Plan
from .posts import Post
from .tables import (
    UNTAGGED_ACTIVITIES_LABEL,
    UNTAGGED_LABEL,
    addressee,
    quantity_text,
    summary_rows,
    unit_choices,
    vn_number,
)
from .unit_reports import LATE, SECTIONS, SENT, UnitReport, UnitStatus, cycle
from .urls import post_url

SHIPPED_TEMPLATE = Path(__file__).resolve().parent / "templates" / "bao-cao.docx"
FONT = "Times New Roman"
BLANK = "……"


# Word's document properties hold at most 255 characters; docxtpl renders these from the template.
MAX_PROPERTY = 255
TEMPLATED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
MAX_TEXT = 100_000  # no field of a report is longer; a template cannot make one that is


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, where a field cannot repeat text into something huge either."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        sequences = [v for v in (left, right) if isinstance(v, (str, list, tuple))]
        counts = [v for v in (left, right) if isinstance(v, int)]
        if operator == "**" or (sequences and counts and len(sequences[0]) * abs(counts[0]) > MAX_TEXT):
            raise SecurityError("phép tính quá lớn trong mẫu")
        return super().call_binop(context, operator, left, right)


# What XML 1.0 cannot hold; Word's own line break (vertical tab) is kept, to be printed as one.
_NOT_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("(\t|\n|\x0b)")
_TEXT, _TAIL = etree._Element.text, etree._Element.tail


class Opaque:
    """The report's values as tokens while the template is rendered and checked, then as text.

    A token is two private-use characters around a nonce drawn for this report and a
    number: no brace, tab, line break or markup, so neither Jinja, nor docxtpl's passes
    over the rendered XML, nor the check for broken fields can take any part of a value
    for template syntax. `restore` puts the values back through lxml, as text."""

    def __init__(self) -> None:
        self.start = f"\ue000{secrets.token_hex(8)}:"
        self.values: list[str] = []
        self.pattern = re.compile(re.escape(self.start) + "([0-9]+)\ue001")

    def token(self, text: str) -> str:
        self.values.append(text)
        return f"{self.start}{len(self.values) - 1}\ue001"

    def finalize(self, value: Any) -> Any:
        """Jinja's last step for each `{{ … }}`: text becomes a token; numbers, RichText (whose
        text is already tokens) and undefined fields (an error, as before) pass unchanged."""
        if isinstance(value, Markup):  # `|e` or `|safe` in a template: still the value's text
            return self.token(value.unescape())
        if isinstance(value, str) and value:
            return self.token(value)
        return value

    def text(self, found: str, breaks: str = " ") -> str:
        """The values in place of the tokens in `found`; Word's line break as `breaks`."""
        return self.pattern.sub(
            lambda m: _NOT_XML.sub("", self.values[int(m.group(1))]).replace("\x0b", breaks), found
        )

    def restore(self, document: Any) -> None:
        """Every part of the rendered document with its tokens replaced by the values."""
        marker = self.start.encode()
        for part in document.part.package.iter_parts():
            element = getattr(part, "element", None)
            if element is not None:
                self._restore_tree(element)
            elif part.content_type.endswith("xml") and marker in part.blob:  # e.g. footnotes
                tree = parse_xml(part.blob)
                self._restore_tree(tree)
                part._blob = serialize_part_xml(tree)

    def _restore_tree(self, root: Any) -> None:
        # lxml's own text and tail: python-docx's paragraph and run classes redefine `.text`.
        for found in root.xpath("//text()"):
            if self.start not in found:
                continue
            element = found.getparent()
            run = element.getparent()
            if found.is_tail:
                _TAIL.__set__(element, self.text(found))
            elif element.tag == qn("w:t") and run is not None and run.tag == qn("w:r"):
                self._restore_run_text(element, str(found))
            else:
                _TEXT.__set__(element, self.text(found))
        for element in root.iter():
            for name, value in element.attrib.items():
                if self.start in value:
                    element.set(name, self.text(value))

    def _restore_run_text(self, element: Any, found: str) -> None:
        """A run's text with the values: tabs and line breaks as Word's <w:tab/> and <w:br/>."""
        pieces = _BREAKS.split(self.text(found, "\x0b"))
        _TEXT.__set__(element, pieces[0])
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        last = element
        for index in range(1, len(pieces), 2):
            mark = OxmlElement("w:tab" if pieces[index] == "\t" else "w:br")
            last.addnext(mark)
            last = mark
            if pieces[index + 1]:
                text = OxmlElement("w:t")
                text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                _TEXT.__set__(text, pieces[index + 1])
                last.addnext(text)
                last = text


class TemplateProblem(Exception):
    """The report template is missing or its fields are broken; the message says which, in Vietnamese."""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def number_symbol(plan_id: str) -> str:
    """A report's symbol from its plan's: '118/KH-KHCN' -> 'BC-KHCN' (the issuer part kept)."""
    symbol = plan_id.split("/", 1)[-1]
    issuer = symbol.split("-", 1)[1] if "-" in symbol else ""
    return f"BC-{issuer}" if issuer else "BC"


def _period_phrase(label: str) -> str:
    """'Báo cáo 6 tháng đầu năm 2020' -> '6 tháng đầu năm 2020'; 'Báo cáo cả năm 2020' -> 'năm 2020'."""
    phrase = _lower_first(label.removeprefix("Báo cáo "))
    return phrase.removeprefix("cả ") if phrase.startswith("cả năm") else phrase


NBSP = "\u00a0"
_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\w)|(?<=\w) (?=\d)")


def unbroken(phrase: str) -> str:
    """A number kept on the line of the word it goes with ('năm 2020', '6 tháng'): no subject
    line ends in 'năm' with '2020' alone on the next."""
    return _NUMBER_SPACE.sub(NBSP, phrase)


ANNUAL_DAYS = 250


def is_annual(coverage: Coverage) -> bool:
    """A report of a whole year (its window longer than about eight months)."""
    window = coverage.window
    return (window.end - window.start).days > ANNUAL_DAYS


def report_fields(coverage: Coverage, settings: dict[str, Any]) -> dict[str, Any]:
    """Every department- and plan-specific word of the report, from settings and plan, with defaults.

    A unit's report (`--unit`) is the unit's own paper to the Office: the unit under the
    department in the letterhead ("Số: …/BC-<its symbol>"), addressed to the Office, signed by
    the unit's head (the plan's units data; else a neutral title). The Office's own paper is the
    department's (report.coverage_for)."""
    department = settings.get("DEPARTMENT") or {}
    plan, layout, window = coverage.plan, coverage.plan.report, coverage.window
    agency = department.get("name") or settings.get("SITENAME", "")
    governing = department.get("province", "")
    subject = layout.subject or f"Kết quả thực hiện Kế hoạch số {plan.id}"
    period_phrase = _period_phrase(window.label)
    annual = is_annual(coverage)
    fields = {
        "governing": governing,
        "agency": agency,
        "department_full": settings.get("SITENAME") or agency,
        "place": department.get("place") or BLANK,
        "number_symbol": layout.number_symbol or number_symbol(plan.id),
        "subject": subject,
        "subject_phrase": _lower_first(subject),
        "period_phrase": unbroken(period_phrase),
        "title": f"Báo cáo {_lower_first(subject)} {period_phrase}",
        "addressee": addressee(coverage, settings) if layout.addressee or governing else BLANK,
        "recipients": list(layout.recipients) or ["Như trên;", "Lưu: VT, VP."],
        "signer_title": list(layout.signer_title) or ["GIÁM ĐỐC"],
        "signer_name": layout.signer_name,
        "unit_name": "",
        "office_name": plan.office.name,
        "plan_id": plan.id,
        "plan_date": vn_date(plan.date) if plan.date else "(chưa ký)",
        "plan_reference": f"Kế hoạch số {plan.id}"
        + (f" ngày {vn_date(plan.date)}" if plan.date else " (chưa ký)"),
        "plan_issuer": plan.issuer,
        "plan_title_phrase": _lower_first(plan.title),
        "annual": annual,
        "difficulties_heading": "TỒN TẠI, HẠN CHẾ; KHÓ KHĂN, VƯỚNG MẮC" if annual else "KHÓ KHĂN, VƯỚNG MẮC",
        "direction_heading": (
            f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {window.end.year + 1}" if annual else "PHƯƠNG HƯỚNG KỲ TỚI"
        ),
    }
    unit = coverage.unit
    if unit:
        report = _own_report(coverage, unit)
        fields |= {
            "governing": agency,
            "agency": unit.name,
            "number_symbol": f"BC-{unit.symbol}" if unit.symbol else "BC",
            "addressee": plan.office.name,
            "recipients": ["Như trên;", f"Lưu: {unit.symbol or 'VT'}."],
            "signer_title": [unit.head or UNIT_HEAD],
            "signer_name": (report.signer if report else "") or unit.signer,
            "unit_name": unit.name,
        }
    return fields


UNIT_HEAD = "THỦ TRƯỞNG ĐƠN VỊ"  # a unit's signer when the plan does not name its head's title


def _own_report(coverage: Coverage, unit: Choice) -> UnitReport | None:
    """The unit's own report for the period (a draft too: it is the unit's, being written)."""
    return next((r for r in coverage.unit_reports if r.unit.id == unit.id), None)


# --- the units' own words (DESIGN.md contract 14) -----------------------------------------------

# The sections of a unit's report, as the report's context names them.
NOTE_KEYS = dict(
    zip(("highlights", "difficulties", "proposals", "direction", "funding"), SECTIONS, strict=True)
)
# Where nothing was written: said, plainly; nothing to type into.
NOTHING_WRITTEN = "Không có nội dung."

_LIST_ITEM = re.compile(r"^\s*(?:[-*+]\s+|(\d+[.)])\s+)")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def section_paragraphs(markdown: str) -> list[str]:
    """A section's Markdown as the paragraphs of a paper: blank lines part paragraphs, each list
    item its own ('- …', '1. …'), emphasis and link marks dropped (the words kept as written)."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in markdown.splitlines():
        if not line.strip():
            flush()
            continue
        listed = _LIST_ITEM.match(line)
        if listed:
            flush()
            current.append(f"{listed.group(1) or '-'} {line[listed.end() :].strip()}")
        else:
            current.append(line.strip().removesuffix("\\").rstrip())
    flush()
    return [
        _ESCAPED.sub(r"\1", _EMPHASIS.sub(r"\1", _STRONG.sub(r"\2", _LINK.sub(r"\1", p)))) for p in paragraphs
    ]


def _notes(report: UnitReport | None) -> dict[str, list[str]]:
    """Each section's paragraphs, or the one neutral line when nothing was written."""
    return {
        key: section_paragraphs(report.text(title) if report else "") or [NOTHING_WRITTEN]
        for key, title in NOTE_KEYS.items()
    }


def _reporting(coverage: Coverage) -> tuple[list[str], list[dict[str, Any]]]:
    """For the department's paper of a period: one paragraph on which units sent their reports
    (on time, late) and which have not, and each sending unit's own words for the appendix."""
    period, plan = coverage.window.period, coverage.plan
    if period is None or coverage.unit is not None:
        return [], []
    # As the paper is made: what reached the Office by now (a Sent: date ahead is not yet sent).
    every = cycle(plan, period, coverage.unit_reports, max(period.office_deadline, now_local().date()))
    rows = [r for r in every if r.unit.id != plan.office.id]
    if not rows:  # the Office alone: nobody reports to it
        return [], []
    on_time = [r for r in rows if r.state == SENT]
    late = [r for r in rows if r.state == LATE]
    missing = [r for r in rows if r.state not in (SENT, LATE)]
    said = []
    if on_time:
        said.append(
            f"{len(on_time)}/{len(rows)} đơn vị gửi đúng hạn: " + ", ".join(_sent(r) for r in on_time)
        )
    if late:
        said.append(f"{len(late)} đơn vị gửi muộn: " + ", ".join(_sent(r) for r in late))
    if missing:
        said.append(f"{len(missing)} đơn vị chưa gửi báo cáo: " + ", ".join(r.unit.name for r in missing))
    sentence = (
        f"Các phòng, đơn vị gửi báo cáo về {plan.office.name} (hạn {vn_date(period.unit_deadline)}): "
        + "; ".join(said)
        + "."
    )
    notes = []
    for row in [*on_time, *late]:
        report = row.report
        assert report is not None and report.sent is not None
        status = f"gửi ngày {vn_date(report.sent)}" + (
            f", sau hạn {vn_date(row.deadline)}" if row.state == LATE else ""
        )
        sections = [
            {"title": title, "paragraphs": section_paragraphs(report.text(title))}
            for title in SECTIONS
            if section_paragraphs(report.text(title))
        ]
        notes.append(
            {
                "name": row.unit.name,
                "status": status,
                "late": row.state == LATE,
                "sections": sections or [{"title": SECTIONS[0], "paragraphs": [NOTHING_WRITTEN]}],
            }
        )
    return [sentence], notes


def _sent(row: UnitStatus) -> str:
    """'Thanh tra Sở (03/06/2020)': a unit and the day its report reached the Office."""
    sent = row.sent
    return f"{row.unit.name} ({vn_date(sent)})" if sent else row.unit.name


# --- evidence lines -----------------------------------------------------------------------------


def _link(line: RichText, url_id: str, text: str) -> None:
    """A title linked to its page, printed as the text around it: black, not underlined (a
    word processor's own link style, blue and underlined, is overridden run by run)."""
    line.xml += (
        f'<w:hyperlink r:id="{url_id}" w:tgtFrame="_blank"><w:r><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/><w:color w:val="{TEXT_COLOUR}"/>'
        f'<w:sz w:val="26"/><w:szCs w:val="26"/><w:u w:val="none"/></w:rPr>'
        f'<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:hyperlink>'
    )


TEXT_COLOUR = "000000"


def _evidence_line(template: DocxTemplate, post: Post, settings: dict[str, Any], opaque: Opaque) -> RichText:
    """'05/12/2020: <title linked to its page>' in the body font; no raw URL on paper."""
    line = RichText()
    line.add(opaque.token(f"{vn_date(post.date)}: "), font=FONT, size=26)
    _link(line, template.build_url_id(post_url(post, settings)), opaque.token(post.title))
    return line


def _activity_details(activity: Activity, plan: Plan) -> list[str]:
    unit, form = choice_of(activity, plan, "unit"), choice_of(activity, plan, "form")
    quantity = activity.quantity
    return [
        *([unit.name] if unit else []),
        *([form.name] if form else []),
        *([f"{vn_number(activity.participants)} người tham dự"] if activity.participants is not None else []),
        *([_quantity(quantity, form)] if quantity is not None else []),
    ]


def _quantity(quantity: int, form: Choice | None) -> str:
    """'1.200 bản' where the form says what it counts, else 'số lượng 7'."""
    return (
        quantity_text(quantity, form.measure) if form and form.measure else f"số lượng {vn_number(quantity)}"
    )


def _activity_line(
    template: DocxTemplate, activity: Activity, plan: Plan, settings: dict[str, Any], opaque: Opaque
) -> RichText:
    """'15/02/2021: <title> (<unit>; <form>; 45 người tham dự). Tệp kiểm chứng: bien-ban.pdf.
    Tin, bài: <each reporting post's title linked to its page>.' in the body font."""
    line = RichText()
    last = ""

    def add(text: str) -> None:
        nonlocal last
        line.add(opaque.token(text), font=FONT, size=26)
        last = text

    add(f"{vn_date(activity.date)}: {activity.title}")
    details = _activity_details(activity, plan)
    if details:
        add(f" ({'; '.join(details)})")
    if activity.files:
        add(". Tệp kiểm chứng: " + ", ".join(PurePosixPath(name).name for name in activity.files))
    for index, post in enumerate(activity.posts):
        add("; " if index else ". Tin, bài: ")
        _link(line, template.build_url_id(post_url(post, settings)), opaque.token(post.title))
        last = post.title
    if not last.rstrip().endswith((".", "?", "!", "…")):
        add(".")
    return line


def _counts_phrase(posts: int, activities: int) -> str:
    return f"{vn_number(posts)} tin, bài; {vn_number(activities)} hoạt động"


def report_context(
    coverage: Coverage, settings: dict[str, Any], template: DocxTemplate, opaque: Opaque
) -> dict[str, Any]:
    plan = coverage.plan
    unit = coverage.unit
    lines: dict[str, RichText] = {}
    held: dict[str, dict[str, Any]] = {}

    def evidence(posts: list[Post]) -> list[dict[str, Any]]:
        for post in posts:
            if post.source not in lines:
                lines[post.source] = _evidence_line(template, post, settings, opaque)
        return [{"title": p.title, "date": vn_date(p.date), "line": lines[p.source]} for p in posts]

    def activities(chosen: list[Activity]) -> list[dict[str, Any]]:
        for activity in chosen:
            if activity.source not in held:
                unit, form = choice_of(activity, plan, "unit"), choice_of(activity, plan, "form")
                tag = activity.tag_for(plan)
                held[activity.source] = {
                    "title": activity.title,
                    "date": vn_date(activity.date),
                    "unit": unit.name if unit else "",
                    "form": form.name if form else "",
                    "participants": "" if activity.participants is None else activity.participants,
                    "quantity": "" if activity.quantity is None else activity.quantity,
                    "measure": form.measure if form else "",
                    "files": [PurePosixPath(name).name for name in activity.files],
                    "posts": evidence(list(activity.posts)),
                    "items": [item.number for item in tag.items] if tag else [],
                    "line": _activity_line(template, activity, plan, settings, opaque),
                }
        return [held[a.source] for a in chosen]

    tagged = coverage.tagged
    # A post is one piece of work with the activity it reports on in that activity's own row
    # (same unit, same form: ChoiceCoverage); elsewhere it is a post of its own.
    merged = {
        kind: {
            (post.path, choice.id)
            for activity in coverage.activities
            if (choice := choice_of(activity, plan, kind)) is not None
            for post in activity.posts
        }
        for kind in ("form", "unit")
    }

    def with_activity(post: Post, kind: str) -> bool:
        choice = choice_of(post, plan, kind)
        return choice is not None and (post.path, choice.id) in merged[kind]

    def choice_entry(row: ChoiceCoverage, kind: str) -> dict[str, Any]:
        """A form's or unit's row: `count` and `posts` every tagged post of it (what a template
        made before activities shows), the rest as the JSON counts them (ChoiceCoverage)."""
        posts = [p for p in tagged if (c := choice_of(p, plan, kind)) is not None and c.id == row.choice.id]
        measure = row.choice.measure if kind == "form" else ""
        return {
            "name": row.choice.name,
            "count": len(posts),
            "posts": evidence(posts),
            "post_count": row.post_count,
            "activity_count": row.activity_count,
            "participants": row.participants,
            "quantity": row.quantity,
            "measure": measure,
            "participants_text": vn_number(row.participants),
            "quantity_text": quantity_text(row.quantity, measure) if row.quantity else "0",
            "standalone_posts": evidence([p for p in posts if not with_activity(p, kind)]),
            "activities": activities(
                [
                    a
                    for a in coverage.activities
                    if (c := choice_of(a, plan, kind)) is not None and c.id == row.choice.id
                ]
            ),
        }

    def total(rows: list[dict[str, Any]]) -> dict[str, Any]:
        keys = ("count", "post_count", "activity_count", "participants", "quantity")
        sums: dict[str, Any] = {key: sum(row[key] for row in rows) for key in keys}
        # Copies, cases and people commended are not added together: no quantity total on paper.
        return sums | {"participants_text": vn_number(sums["participants"]), "quantity_text": ""}

    def serves(number: int) -> bool:
        return unit is None or unit.serves(number)

    def summary_row(row: list[Any]) -> dict[str, Any]:
        number, title, count, activity_count = ("" if value is None else value for value in row)
        if isinstance(number, int) and not serves(number) and not count and not activity_count:
            return {"number": number, "title": f"{title} ({NOT_CHARGED})", "count": "", "activity_count": ""}
        return {"number": number, "title": title, "count": count, "activity_count": activity_count}

    untagged_activities = sum(1 for a in coverage.activities if not a.tag_for(plan))
    work_summary = [
        summary_row(row)
        for row in summary_rows(coverage, activities=True)
        # An "other" row counting nothing is left out: no "0 tin, bài khác" on paper.
        if not (row[1] == UNTAGGED_LABEL and not coverage.untagged_count)
        and not (row[1] == UNTAGGED_ACTIVITIES_LABEL and not untagged_activities)
    ]
    by_form = [choice_entry(row, "form") for row in coverage.by_form]
    units = [choice_entry(row, "unit") for row in unit_choices(coverage)]
    gaps = [item for item in coverage.gaps if serves(item.number)]
    documents = coverage.documents
    if unit is not None:  # the unit's own posts on documents; the department's report says the rest
        documents = [e for e in documents if any(coverage.window.contains(p.date) for p in e.posts)]
    reporting, unit_notes = _reporting(coverage)
    annual = is_annual(coverage)
    participants = sum(a.participants or 0 for a in coverage.activities)
    fields = report_fields(coverage, settings)
    return {
        **fields,
        "window_start": vn_date(coverage.window.start),
        "window_end": vn_date(coverage.window.end),
        "post_count": coverage.post_count,
        "tagged_count": len(tagged),
        "untagged_count": coverage.untagged_count,
        "untagged_posts": evidence(coverage.untagged),
        "reported_count": sum(1 for p in tagged if with_activity(p, "unit")),
        "activity_count": coverage.activity_count,
        "participants": participants,
        "participants_text": vn_number(participants),
        "quantity": sum(a.quantity or 0 for a in coverage.activities),
        "summary": [
            dict(zip(("number", "title", "count"), row, strict=True)) for row in summary_rows(coverage)
        ],
        "work_summary": work_summary,
        "items": [
            {
                "number": c.item.number,
                "title": c.item.title,
                "count": c.count,
                "posts": evidence(c.posts),
                "activity_count": c.activity_count,
                "activities": activities(c.activities),
                "assigned": serves(c.item.number),
                "phrase": (
                    _counts_phrase(c.count, c.activity_count)
                    if serves(c.item.number) or c.covered
                    else NOT_CHARGED
                ),
            }
            for c in coverage.items
        ],
        "activities": activities(coverage.activities),
        "gaps": [{"number": item.number, "title": item.title} for item in gaps],
        "by_form": by_form,
        "form_total": total(by_form),
        "by_unit": units,
        "unit_total": total(units),
        "units": units,
        "appendix_units": [u for u in units if u["standalone_posts"] or u["activities"]],
        "idle_units": ", ".join(u["name"] for u in units if not (u["standalone_posts"] or u["activities"])),
        "has_evidence": bool(coverage.posts or coverage.activities),
        "documents": [
            {
                "number": e.document.number,
                "title": e.document.title,
                "signed": vn_date(e.document.signed),
                "first": vn_date(e.first_post.date) if e.first_post else "Chưa có tin bài",
                "days": "" if e.days_to_first_post is None else e.days_to_first_post,
            }
            for e in documents
        ],
        "notes": _notes(_own_report(coverage, unit or plan.office)),
        "shortcomings": (
            [
                "Các nội dung chưa có tin, bài, hoạt động trong năm: "
                + ", ".join(f"mục {item.number}" for item in gaps)
                + " (phần II)."
            ]
            if annual and gaps
            else []
        ),
        "reporting": reporting,
        "unit_notes": unit_notes,
    }


NOT_CHARGED = "không được giao"  # an item outside a unit's remit, in that unit's paper


def template_path(settings: dict[str, Any]) -> Path:
    chosen = settings.get("REPORT_TEMPLATE")
    return Path(chosen) if chosen else SHIPPED_TEMPLATE


# --- a template's mistakes, named ---------------------------------------------------------------

_PART = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)  # the template syntax in a paragraph's text
_BLOCK = re.compile(r"\{%-?\s*(?:p|tr|tc|r)?\s*(for|endfor|if|elif|else|endif)\b(.*?)-?%\}", re.S)
_LOOP = re.compile(r"^\s*([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in\b")
_ROOT = re.compile(r"\{\{-?\s*(?:r\s+)?([A-Za-z_]\w*)")
_NAMES = re.compile(r"(?<![\w.'\"])([A-Za-z_]\w*)")
JINJA_NAMES = {"loop", "range", "dict", "namespace", "cycler", "joiner", "lipsum", "true", "false", "none"}
JINJA_WORDS = {"in", "not", "and", "or", "is", "if", "else", "for", "True", "False", "None", "defined"}


def _paragraph_texts(root: Any) -> list[str]:
    """Each paragraph's text in document order (table cells' too), as Word shows it."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in root.iter(qn("w:p"))]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


SHOWN = 80


@dataclass
class _Block:
    kind: str  # for or if
    tag: str  # as written
    where: str  # the paragraph of text it is in, or the last one before it
    names: tuple[str, ...]  # the loop's variables
    pieces: list[str] = field(default_factory=list)  # the syntax at its own depth, in order


def _uses(piece: str, names: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\w.]){re.escape(name)}\b", piece) for name in names)


def _runs_on(block: _Block) -> bool:
    """A loop whose own body goes on past its last use of its variable: the likeliest to have
    lost its endfor (the next one closed it further down)."""
    used = [i for i, piece in enumerate(block.pieces) if _uses(piece, block.names)]
    return bool(used) and used[-1] < len(block.pieces) - 1


class _BlockScan:
    """Every control line of a part, in order, each opening or closing a block."""

    def __init__(self, fields: list[str]) -> None:
        self.known = set(fields) | JINJA_NAMES
        self.stack: list[_Block] = []
        self.closed: list[tuple[int, _Block]] = []  # each closed block, with the depth it opened at
        self.orphan: tuple[str, str] | None = None  # a field using a loop variable no loop defines
        self.previous = ""  # the last paragraph of text (not a control line alone)

    def in_scope(self) -> set[str]:
        return self.known | {name for block in self.stack for name in block.names}

    def field(self, piece: str, text: str) -> None:
        root = _ROOT.match(piece)
        if root and root.group(1) not in self.in_scope() and self.orphan is None:
            self.orphan = (root.group(1), text)
        if self.stack:
            self.stack[-1].pieces.append(piece)

    def open(self, word: str, rest: str, piece: str, text: str) -> None:
        if word == "if" and self.orphan is None:
            scope = self.in_scope()
            stray = [n for n in _NAMES.findall(rest) if n not in scope and n not in JINJA_WORDS]
            if stray:
                self.orphan = (stray[0], text)
        if self.stack:
            self.stack[-1].pieces.append(piece)
        loop = _LOOP.match(rest) if word == "for" else None
        names = tuple(n for n in (loop.groups() if loop else ()) if n)
        self.stack.append(
            _Block(word, piece, self.previous if _PART.fullmatch(text.strip()) else text, names)
        )

    def close(self, word: str, piece: str) -> str | None:
        opener = word.removeprefix("end")
        if not self.stack or (self.stack[-1].kind != opener and opener == "for" and self.orphan):
            if self.orphan:
                name, where = self.orphan
                return (
                    f"thiếu dòng mở vòng lặp {{%p for {name} in … %}}: đoạn «{_short(where)}» dùng "
                    f"'{name}' mà không có vòng lặp nào đặt ra nó, nên dòng {piece} không có dòng mở"
                )
            return (
                f"dòng {piece} (sau đoạn «{_short(self.previous)}») không có dòng {{%p {opener} … %}} "
                "mở nó (dòng mở đã bị xóa?)"
            )
        if self.stack[-1].kind != opener:
            return _unclosed(self.stack[-1], self.closed, len(self.stack) - 1, f" trước dòng {piece}")
        done = self.stack.pop()
        self.closed.append((len(self.stack), done))
        return None


def block_problem(paragraphs: list[str], fields: list[str]) -> str | None:
    """The first control line without its pair ({%p for %} … {%p endfor %}, {%p if %} …
    {%p endif %}), named with its paragraph; None when every block is closed."""
    scan = _BlockScan(fields)
    for text in paragraphs:
        for part in _PART.finditer(text):
            piece = part.group(0)
            block = _BLOCK.match(piece)
            if block is None:
                scan.field(piece, text)
                continue
            word, rest = block.group(1), block.group(2)
            if word in ("for", "if"):
                scan.open(word, rest, piece, text)
            elif word in ("else", "elif"):
                if not scan.stack:
                    where = _short(scan.previous)
                    return f"dòng {piece} (sau đoạn «{where}») không nằm trong khối {{%p if … %}} nào"
            else:
                problem = scan.close(word, piece)
                if problem:
                    return problem
        if text.strip() and not _PART.fullmatch(text.strip()):
            scan.previous = text
    if scan.stack:
        return _unclosed(scan.stack[-1], scan.closed, len(scan.stack) - 1, "")
    return None


def _unclosed(block: _Block, closed: list[tuple[int, _Block]], depth: int, before: str) -> str:
    closing = "{%p endfor %}" if block.kind == "for" else "{%p endif %}"
    inner = [b for d, b in closed if d > depth and b.kind == "for" and _runs_on(b)]
    if inner:
        suspect = inner[0]
        last = next(p for p in reversed(suspect.pieces) if _uses(p, suspect.names))
        return (
            f"khối {suspect.tag} thiếu dòng đóng {{%p endfor %}} (vòng lặp phải đóng sau «{_short(last)}»), "
            f"nên khối {block.tag} không được đóng{before}"
        )
    return f"khối {block.tag} (sau đoạn «{_short(block.where)}») không có dòng đóng {closing}{before}"


class _FieldMissing(UndefinedError):
    """A field the data does not have: what it was looked up on, and the name as asked."""

    def __init__(self, owner: Any, name: str) -> None:
        super().__init__(f"'{name}' is undefined")
        self.owner, self.name = owner, name


class _Missing(StrictUndefined):
    """StrictUndefined that says what a missing field was looked up on (its owner) and as what."""

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        if not issubclass(self._undefined_exception, UndefinedError):  # the sandbox's refusal
            return super()._fail_with_undefined_error(*args, **kwargs)
        owner = self._undefined_obj
        raise _FieldMissing(None if owner is missing else owner, str(self._undefined_name))


# Jinja binds each use of an undefined value (printing, testing, comparing…) to the failing
# method when its class is made: bind them again to this one.
for _use in dir(StrictUndefined):
    if getattr(StrictUndefined, _use) is Undefined._fail_with_undefined_error:
        setattr(_Missing, _use, _Missing._fail_with_undefined_error)


def _scope_at(paragraphs: list[str], where: int) -> list[str]:
    """The loop variables defined at paragraph `where` (by the {%p for %} lines around it)."""
    stack: list[tuple[str, ...]] = []
    for text in paragraphs[:where]:
        for block in _BLOCK.finditer(text):
            word, rest = block.group(1), block.group(2)
            if word in ("for", "if"):
                loop = _LOOP.match(rest) if word == "for" else None
                stack.append(tuple(n for n in (loop.groups() if loop else ()) if n))
            elif word in ("endfor", "endif") and stack:
                stack.pop()
    return [name for names in stack for name in names]


def _missing_field(error: _FieldMissing, paragraphs: list[str], fields: list[str]) -> str:
    """'trường item.cout (ở đoạn «…») không có; các trường của item: …' as the template wrote it."""
    name = re.escape(error.name)
    pattern = (
        re.compile(rf"((?:[A-Za-z_]\w*\.)+){name}\b")
        if error.owner is not None
        else re.compile(rf"(?<![\w.'\"]){name}\b")
    )
    written, index = error.name, None
    for at, text in enumerate(paragraphs):
        found = next((m for part in _PART.finditer(text) if (m := pattern.search(part.group(0)))), None)
        if found:
            written, index = found.group(0), at
            break
    where = f" ở đoạn «{_short(paragraphs[index])}»" if index is not None else ""
    if isinstance(error.owner, dict):
        owner = written.rsplit(".", 1)[0]
        return f"trường '{written}'{where} không có (gõ sai tên?); các trường của {owner}: " + ", ".join(
            sorted(error.owner)
        )
    if error.owner is not None:
        owner = written.rsplit(".", 1)[0]
        return f"trường '{written}'{where} không có: {owner} không có trường nào (là số, chữ hoặc danh sách)"
    loops = _scope_at(paragraphs, index) if index is not None else []
    available = ", ".join(sorted(set(fields) | set(loops)))
    return f"trường '{written}'{where} không có (gõ sai tên?); các trường dùng được ở đó: {available}"


def _filter_problem(name: str, paragraphs: list[str], filters: list[str]) -> str:
    """A filter typed wrong ('|uper'): the paragraph, the likeliest one meant and every one there is."""
    pattern = re.compile(rf"\|\s*{re.escape(name)}\b")
    where = next((t for t in paragraphs if any(pattern.search(p.group(0)) for p in _PART.finditer(t))), "")
    close = difflib.get_close_matches(name, filters, n=1)
    return (
        f"bộ lọc '|{name}'"
        + (f" ở đoạn «{_short(where)}»" if where else "")
        + " không có (gõ sai tên?)"
        + (f"; có phải '|{close[0]}'?" if close else "")
        + "; các bộ lọc dùng được: "
        + ", ".join(filters)
    )


# Jinja's words for a misplaced control line, and what a clerk is told instead.
_SYNTAX = (
    (
        ("unknown tag",),
        "một dòng điều khiển {%p …%} hoặc {%tr …%} không đứng riêng một đoạn hoặc một hàng bảng",
    ),
    (
        ("Unexpected end of template", "expected token 'end of statement block'"),
        "thiếu dòng đóng ({%p endfor %} hoặc {%p endif %}) cho một dòng {%p for …%} / {%p if …%}",
    ),
)


def _explain(error: TemplateError, fields: list[str], paragraphs: list[str], filters: list[str]) -> str:
    """Jinja's error in words a clerk can act on: a field or filter named as the template writes
    it, with the paragraph it is in and what could be written there."""
    message = str(error.message or error)
    unknown_filter = re.search(r"No filter named '([^']+)'", message)
    if unknown_filter:
        return _filter_problem(unknown_filter.group(1), paragraphs, filters)
    if isinstance(error, _FieldMissing):
        return _missing_field(error, paragraphs, fields)
    if isinstance(error, UndefinedError):
        named = re.search(r"'([^']+)' (?:is undefined|has no attribute)", message)
        name = named.group(1) if named else message
        return f"trường '{name}' không có (gõ sai tên?); các trường dùng được: " + ", ".join(fields)
    said = next((words for marks, words in _SYNTAX if any(mark in message for mark in marks)), None)
    if said is None and isinstance(error, SecurityError):
        said = "mẫu dùng một trường không được phép (chỉ điền được dữ liệu của báo cáo)" + (
            ": phép tính quá lớn" if "quá lớn" in message else ""
        )
    return said or f"một trường hoặc dòng điều khiển viết sai ({message})"


def _leftover_fields(document: Any) -> list[str]:
    """Paragraphs still holding braces after rendering: a field with a brace lost in Word."""
    found = []
    for paragraph in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        if any(mark in text for mark in ("{{", "}}", "{%", "%}")):
            found.append(text.strip()[:80])
    return found


def _template_parts(document: Any) -> list[list[str]]:
    """The paragraphs of each part docxtpl renders on its own: the body, then headers and footers."""
    parts = [_paragraph_texts(document.element.body)]
    for section in document.sections:
        for piece in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not piece.is_linked_to_previous:
                parts.append(_paragraph_texts(piece._element))
    return parts


def as_docx(coverage: Coverage, settings: dict[str, Any]) -> bytes:
    """The report, from the template the settings name (else the shipped one)."""
    path = template_path(settings)
    if not path.is_file():
        raise TemplateProblem(f"không tìm thấy mẫu báo cáo {path}; sửa REPORT_TEMPLATE hoặc --template")
    fix = "; sửa trong Word rồi chạy lại (xem docs/huong-dan-bao-cao.md, phần 'Sửa mẫu báo cáo')"
    try:
        template = DocxTemplate(path)
        template.init_docx()
        opaque = Opaque()
        context = report_context(coverage, settings, template, opaque)
        parts = _template_parts(template.docx)
    except (KeyError, ValueError, OSError, BadZipFile, PackageNotFoundError) as error:  # not a Word file
        raise TemplateProblem(f"{path.name} không phải tệp Word (.docx) đọc được: {error}") from None
    fields = sorted(context)
    for paragraphs in parts:  # a control line without its pair, named before Jinja's own words
        problem = block_problem(paragraphs, fields)
        if problem:
            raise TemplateProblem(f"mẫu báo cáo {path.name}: {problem}{fix}")
    properties = template.docx.core_properties
    for name in TEMPLATED_PROPERTIES:  # set below from the data, never rendered from the template
        setattr(properties, name, "")
    environment = BoundedSandbox(autoescape=True, undefined=_Missing, finalize=opaque.finalize)
    try:
        template.render(context, environment, autoescape=True)
    except TemplateError as error:
        every = [text for paragraphs in parts for text in paragraphs]
        problem = _explain(error, fields, every, sorted(environment.filters))
        raise TemplateProblem(f"mẫu báo cáo {path.name}: {problem}{fix}") from None
    except (ArithmeticError, TypeError, ValueError, MemoryError) as error:  # e.g. {{ 1/0 }} in a field
        raise TemplateProblem(
            f"mẫu báo cáo {path.name}: một trường tính toán sai ({type(error).__name__}){fix}"
        ) from None
    leftovers = _leftover_fields(template.docx)
    if leftovers:
        raise TemplateProblem(
            f"mẫu báo cáo {path.name}: trường thiếu dấu ngoặc ở đoạn «{leftovers[0]}»; "
            "mỗi trường viết {{ tên }}, mỗi dòng điều khiển {%p … %}" + fix
        )
    opaque.restore(template.docx)  # only now, when nothing reads the XML as a template again
    author = context["unit_name"] or context["department_full"]  # a unit's paper is the unit's
    properties.author = properties.last_modified_by = author[:MAX_PROPERTY]
    properties.title = context["title"][:MAX_PROPERTY]
    properties.subject = f"Kế hoạch số {context['plan_id']}"[:MAX_PROPERTY]
    properties.keywords = f"báo cáo; cải cách hành chính; {context['plan_id']}"[:MAX_PROPERTY]
    properties.created = properties.modified = report_moment()
    properties.revision = 1
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def report_moment() -> dt.datetime:
    """When the report is made: its files' creation date (the date of issue is the clerk's)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)

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

Every value is printed as written, never read as template syntax: docxtpl reads
the rendered XML again after Jinja (it turns `{_{` into `{{`, and a tab, line
break, \\a or \\f into runs, paragraphs and pages), and this module looks there
for braces a broken field left. So a value leaves Jinja as an inert token
(Jinja's `finalize`, after the template's own filters), and the tokens become
the values, as plain text, only in the finished document (`Opaque`).
"""

from __future__ import annotations

import io
import re
import secrets
from pathlib import Path, PurePosixPath
from typing import Any
from zipfile import BadZipFile

from docx.opc.exceptions import PackageNotFoundError
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree  # type: ignore[import-untyped]  # python-docx's XML library, no stubs
from markupsafe import Markup

from .activities import Activity
from .coverage import ChoiceCoverage, Coverage, choice_of
from .dates import vn_date
from .plans import Plan
from .posts import Post
from .tables import summary_rows, unit_choices
from .urls import post_url

SHIPPED_TEMPLATE = Path(__file__).resolve().parent / "templates" / "bao-cao.docx"
FONT = "Times New Roman"
LINK_COLOUR = "0B4F8A"
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


def report_fields(coverage: Coverage, settings: dict[str, Any]) -> dict[str, Any]:
    """Every department- and plan-specific word of the report, from settings and plan, with defaults.

    A unit's report (`--unit`) is the unit's own paper to the Office: the unit under the
    department in the letterhead, addressed to the Office, signed by the unit's head."""
    department = settings.get("DEPARTMENT") or {}
    plan, layout, window = coverage.plan, coverage.plan.report, coverage.window
    agency = department.get("name") or settings.get("SITENAME", "")
    governing = department.get("province", "")
    subject = layout.subject or f"Kết quả thực hiện Kế hoạch số {plan.id}"
    period_phrase = _period_phrase(window.label)
    fields = {
        "governing": governing,
        "agency": agency,
        "department_full": settings.get("SITENAME") or agency,
        "place": department.get("place") or BLANK,
        "number_symbol": layout.number_symbol or number_symbol(plan.id),
        "subject": subject,
        "period_phrase": period_phrase,
        "title": f"Báo cáo {_lower_first(subject)} {period_phrase}",
        "addressee": layout.addressee or governing or BLANK,
        "recipients": list(layout.recipients) or ["Như trên;", "Lưu: VT, VP."],
        "signer_title": list(layout.signer_title) or ["GIÁM ĐỐC"],
        "signer_name": layout.signer_name,
        "unit_name": "",
        "plan_id": plan.id,
        "plan_date": vn_date(plan.date) if plan.date else "(chưa ký)",
        "plan_issuer": plan.issuer,
        "plan_title_phrase": _lower_first(plan.title),
    }
    if coverage.unit:
        office = next((u.name for u in plan.units if u.group.casefold() == "văn phòng"), "Văn phòng Sở")
        fields |= {
            "governing": agency,
            "agency": coverage.unit.name,
            "number_symbol": "BC",
            "addressee": office,
            "recipients": ["Như trên;", "Lưu: VT."],
            "signer_title": ["THỦ TRƯỞNG ĐƠN VỊ"],
            "signer_name": "",
            "unit_name": coverage.unit.name,
        }
    return fields


def _evidence_line(template: DocxTemplate, post: Post, settings: dict[str, Any], opaque: Opaque) -> RichText:
    """'05/12/2020: <title linked to its page>' in the body font; no raw URL on paper."""
    line = RichText()
    line.add(opaque.token(f"{vn_date(post.date)}: "), font=FONT, size=26)
    url = post_url(post, settings)
    line.add(
        opaque.token(post.title),
        font=FONT,
        size=26,
        color=LINK_COLOUR,
        underline=True,
        url_id=template.build_url_id(url),
    )
    return line


def _activity_details(activity: Activity, plan: Plan) -> list[str]:
    unit, form = choice_of(activity, plan, "unit"), choice_of(activity, plan, "form")
    return [
        *([unit.name] if unit else []),
        *([form.name] if form else []),
        *([f"{activity.participants} người tham dự"] if activity.participants is not None else []),
        *([f"số lượng {activity.quantity}"] if activity.quantity is not None else []),
    ]


def _activity_line(
    template: DocxTemplate, activity: Activity, plan: Plan, settings: dict[str, Any], opaque: Opaque
) -> RichText:
    """'15/02/2021: <title> (<unit>; <form>; 45 người tham dự). Tệp kiểm chứng: bien-ban.pdf.
    Tin, bài: <each reporting post's title linked to its page>.' in the body font."""
    line = RichText()
    last = ""

    def add(text: str, **style: Any) -> None:
        nonlocal last
        line.add(opaque.token(text), font=FONT, size=26, **style)
        last = text

    add(f"{vn_date(activity.date)}: {activity.title}")
    details = _activity_details(activity, plan)
    if details:
        add(f" ({'; '.join(details)})")
    if activity.files:
        add(". Tệp kiểm chứng: " + ", ".join(PurePosixPath(name).name for name in activity.files))
    for index, post in enumerate(activity.posts):
        add("; " if index else ". Tin, bài: ")
        url_id = template.build_url_id(post_url(post, settings))
        add(post.title, color=LINK_COLOUR, underline=True, url_id=url_id)
    if not last.rstrip().endswith((".", "?", "!", "…")):
        add(".")
    return line


def report_context(
    coverage: Coverage, settings: dict[str, Any], template: DocxTemplate, opaque: Opaque
) -> dict[str, Any]:
    plan = coverage.plan
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
                    "files": [PurePosixPath(name).name for name in activity.files],
                    "posts": evidence(list(activity.posts)),
                    "items": [item.number for item in tag.items] if tag else [],
                    "line": _activity_line(template, activity, plan, settings, opaque),
                }
        return [held[a.source] for a in chosen]

    tagged = coverage.tagged
    reported = {post.path for activity in coverage.activities for post in activity.posts}

    def choice_entry(row: ChoiceCoverage, kind: str) -> dict[str, Any]:
        """A form's or unit's row: `count` and `posts` every tagged post of it (what a template
        made before activities shows), the rest as the JSON counts them (ChoiceCoverage)."""
        posts = [p for p in tagged if (c := choice_of(p, plan, kind)) is not None and c.id == row.choice.id]
        return {
            "name": row.choice.name,
            "count": len(posts),
            "posts": evidence(posts),
            "post_count": row.post_count,
            "activity_count": row.activity_count,
            "participants": row.participants,
            "quantity": row.quantity,
            "standalone_posts": evidence([p for p in posts if p.path not in reported]),
            "activities": activities(
                [
                    a
                    for a in coverage.activities
                    if (c := choice_of(a, plan, kind)) is not None and c.id == row.choice.id
                ]
            ),
        }

    def total(rows: list[dict[str, Any]]) -> dict[str, int]:
        keys = ("count", "post_count", "activity_count", "participants", "quantity")
        return {key: sum(row[key] for row in rows) for key in keys}

    by_form = [choice_entry(row, "form") for row in coverage.by_form]
    units = [choice_entry(row, "unit") for row in unit_choices(coverage)]
    return {
        **report_fields(coverage, settings),
        "window_start": vn_date(coverage.window.start),
        "window_end": vn_date(coverage.window.end),
        "post_count": coverage.post_count,
        "tagged_count": len(tagged),
        "untagged_count": coverage.untagged_count,
        "reported_count": sum(1 for p in tagged if p.path in reported),
        "activity_count": coverage.activity_count,
        "participants": sum(a.participants or 0 for a in coverage.activities),
        "quantity": sum(a.quantity or 0 for a in coverage.activities),
        "summary": [
            dict(zip(("number", "title", "count"), row, strict=True)) for row in summary_rows(coverage)
        ],
        "work_summary": [
            dict(
                zip(
                    ("number", "title", "count", "activity_count"),
                    ("" if value is None else value for value in row),
                    strict=True,
                )
            )
            for row in summary_rows(coverage, activities=True)
        ],
        "items": [
            {
                "number": c.item.number,
                "title": c.item.title,
                "count": c.count,
                "posts": evidence(c.posts),
                "activity_count": c.activity_count,
                "activities": activities(c.activities),
            }
            for c in coverage.items
        ],
        "activities": activities(coverage.activities),
        "gaps": [{"number": item.number, "title": item.title} for item in coverage.gaps],
        "by_form": by_form,
        "form_total": total(by_form),
        "by_unit": units,
        "unit_total": total(units),
        "units": units,
        "documents": [
            {
                "number": e.document.number,
                "title": e.document.title,
                "signed": vn_date(e.document.signed),
                "first": vn_date(e.first_post.date) if e.first_post else "Chưa có tin bài",
                "days": "" if e.days_to_first_post is None else e.days_to_first_post,
            }
            for e in coverage.documents
        ],
    }


def template_path(settings: dict[str, Any]) -> Path:
    chosen = settings.get("REPORT_TEMPLATE")
    return Path(chosen) if chosen else SHIPPED_TEMPLATE


def _explain(error: TemplateError, fields: list[str]) -> str:
    """Jinja's error in words a clerk can act on."""
    message = str(error.message or error)
    if isinstance(error, UndefinedError):
        named = re.search(r"'([^']+)' (?:is undefined|has no attribute)", message)
        name = named.group(1) if named else message
        return f"trường '{name}' không có (gõ sai tên?); các trường dùng được: " + ", ".join(fields)
    if "unknown tag" in message:
        return "một dòng điều khiển {%p …%} hoặc {%tr …%} không đứng riêng một đoạn hoặc một hàng bảng"
    if "Unexpected end of template" in message or "expected token 'end of statement block'" in message:
        return "thiếu dòng đóng ({%p endfor %} hoặc {%p endif %}) cho một dòng {%p for …%} / {%p if …%}"
    if isinstance(error, SecurityError):
        return "mẫu dùng một trường không được phép (chỉ điền được dữ liệu của báo cáo)" + (
            ": phép tính quá lớn" if "quá lớn" in message else ""
        )
    return f"một trường hoặc dòng điều khiển viết sai ({message})"


def _leftover_fields(document: Any) -> list[str]:
    """Paragraphs still holding braces after rendering: a field with a brace lost in Word."""
    found = []
    for paragraph in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        if any(mark in text for mark in ("{{", "}}", "{%", "%}")):
            found.append(text.strip()[:80])
    return found


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
    except (KeyError, ValueError, OSError, BadZipFile, PackageNotFoundError) as error:  # not a Word file
        raise TemplateProblem(f"{path.name} không phải tệp Word (.docx) đọc được: {error}") from None
    properties = template.docx.core_properties
    for name in TEMPLATED_PROPERTIES:  # set below from the data, never rendered from the template
        setattr(properties, name, "")
    try:
        environment = BoundedSandbox(autoescape=True, undefined=StrictUndefined, finalize=opaque.finalize)
        template.render(context, environment, autoescape=True)
    except TemplateError as error:
        raise TemplateProblem(f"mẫu báo cáo {path.name}: {_explain(error, sorted(context))}{fix}") from None
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
    properties.author = properties.last_modified_by = context["department_full"][:MAX_PROPERTY]
    properties.title = context["title"][:MAX_PROPERTY]
    properties.subject = f"Kế hoạch số {context['plan_id']}"[:MAX_PROPERTY]
    properties.keywords = f"báo cáo; cải cách hành chính; {context['plan_id']}"[:MAX_PROPERTY]
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()

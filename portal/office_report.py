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
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from .coverage import Coverage
from .dates import vn_date
from .posts import Post
from .tables import summary_rows
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
        "plan_date": vn_date(plan.date),
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


def _evidence_line(template: DocxTemplate, post: Post, settings: dict[str, Any]) -> RichText:
    """'05/12/2020: <title linked to its page>' in the body font; no raw URL on paper."""
    line = RichText()
    line.add(f"{vn_date(post.date)}: ", font=FONT, size=26)
    url = post_url(post, settings)
    line.add(
        post.title, font=FONT, size=26, color=LINK_COLOUR, underline=True, url_id=template.build_url_id(url)
    )
    return line


def report_context(coverage: Coverage, settings: dict[str, Any], template: DocxTemplate) -> dict[str, Any]:
    lines: dict[str, RichText] = {}

    def evidence(posts: list[Post]) -> list[dict[str, Any]]:
        for post in posts:
            if post.source not in lines:
                lines[post.source] = _evidence_line(template, post, settings)
        return [{"title": p.title, "date": vn_date(p.date), "line": lines[p.source]} for p in posts]

    tagged = coverage.tagged
    units = [
        {"name": unit.name, "count": count, "posts": evidence([p for p in tagged if p.unit == unit])}
        for unit, count in coverage.by_unit
        if coverage.unit is None or unit == coverage.unit
    ]
    return {
        **report_fields(coverage, settings),
        "window_start": vn_date(coverage.window.start),
        "window_end": vn_date(coverage.window.end),
        "post_count": coverage.post_count,
        "tagged_count": len(tagged),
        "untagged_count": coverage.untagged_count,
        "summary": [
            dict(zip(("number", "title", "count"), row, strict=True)) for row in summary_rows(coverage)
        ],
        "items": [
            {"number": c.item.number, "title": c.item.title, "count": c.count, "posts": evidence(c.posts)}
            for c in coverage.items
        ],
        "gaps": [{"number": item.number, "title": item.title} for item in coverage.gaps],
        "by_form": [{"name": form.name, "count": count} for form, count in coverage.by_form],
        "by_unit": [{"name": unit["name"], "count": unit["count"]} for unit in units],
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
        context = report_context(coverage, settings, template)
    except (KeyError, ValueError, OSError, BadZipFile, PackageNotFoundError) as error:  # not a Word file
        raise TemplateProblem(f"{path.name} không phải tệp Word (.docx) đọc được: {error}") from None
    properties = template.docx.core_properties
    for name in TEMPLATED_PROPERTIES:  # set below from the data, never rendered from the template
        setattr(properties, name, "")
    try:
        template.render(context, BoundedSandbox(autoescape=True, undefined=StrictUndefined), autoescape=True)
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
    properties.author = properties.last_modified_by = context["department_full"][:MAX_PROPERTY]
    properties.title = context["title"][:MAX_PROPERTY]
    properties.subject = f"Kế hoạch số {context['plan_id']}"[:MAX_PROPERTY]
    properties.keywords = f"báo cáo; cải cách hành chính; {context['plan_id']}"[:MAX_PROPERTY]
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()

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
by_unit (name, count), units (name, count, posts), recipients, signer_title
(lines), signer_name; a post's `line` is its date and its title linked to
its page ({{r post.line }}).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate, RichText
from jinja2 import TemplateError
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


class TemplateProblem(Exception):
    """The report template is missing or its fields are broken; the message says which, in Vietnamese."""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def number_symbol(plan_id: str) -> str:
    """A report's symbol from its plan's: '118/KH-KHCN' -> 'BC-KHCN' (the issuer part kept)."""
    symbol = plan_id.split("/", 1)[-1]
    issuer = symbol.split("-", 1)[1] if "-" in symbol else ""
    return f"BC-{issuer}" if issuer else "BC"


def report_fields(coverage: Coverage, settings: dict[str, Any]) -> dict[str, Any]:
    """Every department- and plan-specific word of the report, from settings and plan, with defaults."""
    department = settings.get("DEPARTMENT") or {}
    plan, layout, window = coverage.plan, coverage.plan.report, coverage.window
    agency = department.get("name") or settings.get("SITENAME", "")
    governing = department.get("province", "")
    subject = layout.subject or f"Kết quả thực hiện Kế hoạch số {plan.id}"
    period_phrase = _lower_first(window.label.removeprefix("Báo cáo "))
    return {
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
        "unit_name": coverage.unit.name if coverage.unit else "",
        "plan_id": plan.id,
        "plan_date": vn_date(plan.date),
        "plan_issuer": plan.issuer,
        "plan_title_phrase": _lower_first(plan.title),
    }


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

    tagged = [p for p in coverage.posts if p.items]
    units = [
        {"name": unit.name, "count": count, "posts": evidence([p for p in tagged if p.unit == unit])}
        for unit, count in coverage.by_unit
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
    }


def template_path(settings: dict[str, Any]) -> Path:
    chosen = settings.get("REPORT_TEMPLATE")
    return Path(chosen) if chosen else SHIPPED_TEMPLATE


def as_docx(coverage: Coverage, settings: dict[str, Any]) -> bytes:
    """The report, from the template the settings name (else the shipped one)."""
    path = template_path(settings)
    if not path.is_file():
        raise TemplateProblem(f"không tìm thấy mẫu báo cáo {path}; sửa REPORT_TEMPLATE hoặc --template")
    try:
        template = DocxTemplate(path)
        context = report_context(coverage, settings, template)
        template.render(context, SandboxedEnvironment(autoescape=True), autoescape=True)
    except TemplateError as error:
        raise TemplateProblem(
            f"mẫu báo cáo {path.name} có trường viết sai: {error.message or error}; "
            "sửa trong Word rồi chạy lại (xem docs/huong-dan-bao-cao.md)"
        ) from None
    except (KeyError, ValueError, OSError, BadZipFile, PackageNotFoundError) as error:  # not a Word file
        raise TemplateProblem(f"{path.name} không phải tệp Word (.docx) đọc được: {error}") from None
    properties = template.docx.core_properties
    properties.author = properties.last_modified_by = context["department_full"]
    properties.title = context["title"]
    properties.subject = f"Kế hoạch số {context['plan_id']}"
    properties.keywords = "báo cáo; cải cách hành chính; " + context["plan_id"]
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()

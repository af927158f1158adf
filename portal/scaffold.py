"""`invoke new` and `invoke new-document`: a post or a document file with every header line filled in
and checked as `check` checks it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .body import PLACEHOLDER
from .checker import check_content
from .content_files import ContentTree
from .dates import now_local
from .documents import DOCUMENT_KEY_ORDER, REQUIRED_KEYS, DocumentReader
from .plans import load_plans
from .posts import Header, resolve_plan, short_slug
from .problems import format_problems
from .slugs import make_slug


class ScaffoldError(Exception):
    pass


@dataclass(frozen=True)
class PostRequest:
    """What an editor asked for on the command line (`invoke new`, `invoke import`)."""

    title: str
    items: str = ""
    form: str | None = None
    unit: str | None = None
    plan: str | None = None
    now: dt.datetime | None = None


def post_header(
    content: str | Path, settings: dict[str, Any], request: PostRequest
) -> tuple[list[str], str, list[str]]:
    """The header lines of a new post, checked against the plans, its slug, and warnings for the
    editor; ScaffoldError for a value that is not in the plan, naming the option to fix. On a date
    no plan covers the post is ordinary news: untagged, with a warning saying so."""
    title = " ".join(request.title.split())
    if not title:
        raise ScaffoldError('cần --title, ví dụ --title "Sở tổ chức hội nghị giao ban"')
    now = (request.now or now_local()).replace(second=0, microsecond=0)
    slug = short_slug(make_slug(title, settings))
    if not slug:
        raise ScaffoldError("tiêu đề không tạo được đường dẫn; dùng tiêu đề có chữ")
    # Only the plans are needed: reading every post here would slow the command down for nothing.
    plans, problems = load_plans(Path(content) / "plans", f"{content}/plans")
    if any(p.is_error for p in problems):
        raise ScaffoldError("\n".join(str(p) for p in problems if p.is_error))
    values = {"title": title}
    warnings = []
    outside = not request.plan and not plans.covering(now.date())
    if outside:
        warnings.append(
            f"không có kế hoạch nào áp dụng cho ngày {now:%d/%m/%Y}: bài là tin thường, không gắn mục"
            + (" (đã bỏ qua --items/--form/--unit)" if request.items or request.form or request.unit else "")
            + f"; muốn tính vào kế hoạch năm {now.year}, Văn phòng tạo kế hoạch bằng "
            f"'invoke plan-new --id SỐ/KH-… --year {now.year}' (xem docs/huong-dan-bao-cao.md) "
            "rồi thêm dòng Items vào bài"
        )
    for key in ("plan", "items", "form", "unit"):
        if getattr(request, key) and not outside:
            values[key] = getattr(request, key)
    # Each option gets its own "line", so a problem tells which option to fix.
    flags = dict(enumerate(values, start=1))
    header = Header(values=values, lines={key: line for line, key in flags.items()})
    resolved = resolve_plan(header, now, plans, "")
    errors = [p for p in resolved.problems if p.is_error]
    if errors:
        raise ScaffoldError(
            "\n".join(f"--{flags.get(p.line or 0, 'items')}: {p.message} — {p.fix}" for p in errors)
        )
    lines = [f"Title: {title}", f"Date: {now:%Y-%m-%d %H:%M}", f"Slug: {slug}"]
    if resolved.plan and resolved.form and resolved.unit:
        lines.append(f"Plan: {resolved.plan.id}")
        if resolved.items:
            lines.append("Items: " + ", ".join(str(i.number) for i in resolved.items))
        lines += [f"Form: {resolved.form.id}", f"Unit: {resolved.unit.id}"]
    lines.append("Status: published")
    return lines, slug, warnings


def post_path(content: str | Path, header: list[str], slug: str) -> Path:
    """Where a new post goes: posts/<date>-<slug>.md, never over an existing file."""
    day = header[1].removeprefix("Date: ")[:10]
    path = Path(content) / "posts" / f"{day}-{slug[:60].rstrip('-')}.md"
    if path.exists():
        raise ScaffoldError(f"tệp {path} đã có; đổi tiêu đề hoặc sửa tệp đó")
    return path


def new_post(content: str | Path, settings: dict[str, Any], request: PostRequest) -> tuple[Path, list[str]]:
    """`invoke new`: a post with every header line and the placeholder where its text goes; its
    path, and warnings for the editor."""
    header, slug, warnings = post_header(content, settings, request)
    path = post_path(content, header, slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header) + f"\n\n{PLACEHOLDER}\n", encoding="utf-8")
    return path, warnings


# The options of `invoke new-document`: a document's keys but its status.
DOCUMENT_OPTIONS = tuple(k for k in DOCUMENT_KEY_ORDER if k != "status")


def new_document(content: str | Path, settings: dict[str, Any], values: dict[str, str]) -> Path:
    """`invoke new-document`: `van-ban/<year>-<number>.md`. Its own values are read by the same
    DocumentReader as `check` (ScaffoldError names the option to fix); then the content folder is
    checked as `check` checks it, and a file that adds any error (a number used twice, an issuer
    spelled two ways, …) is removed again."""
    values = {k: " ".join(str(v).split()) for k, v in values.items() if v and str(v).strip()}
    derived = not values.get("effective") and bool(values.get("signed"))
    if derived:  # in force from signing, unless told otherwise
        values["effective"] = values["signed"]
    ordered = {k: values[k] for k in DOCUMENT_OPTIONS if k in values}
    root = Path(content)
    before = check_content(root, settings, shown_dir=str(content))
    header = Header(values=ordered, lines={key: line for line, key in enumerate(ordered, start=1)})
    tree = ContentTree(root, sorted(before.files))
    reader = DocumentReader(header, "", "", settings, tree, now_local().date())
    document = reader.read()
    options = dict(enumerate(ordered, start=1))
    missing = [key for key in REQUIRED_KEYS if key not in ordered]
    problems = [f"--{key}: cần giá trị, ví dụ --{key} …" for key in missing]
    problems += [
        f"--{options.get(p.line or 0, 'number')}: {p.message.split(': ', 1)[-1]} — {p.fix}"
        for p in reader.problems
        if not any(f"'{key.capitalize()}" in p.message for key in missing)
        and not (derived and options.get(p.line or 0) == "effective")  # the editor typed --signed only
    ]
    if problems or document is None:
        raise ScaffoldError("\n".join(problems))
    path = root / "van-ban" / f"{document.year}-{document.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered["type"] = document.type  # as the settings spell it
    lines = [f"{key.capitalize()}: {value}" for key, value in ordered.items()]
    try:
        with path.open("x", encoding="utf-8") as new_file:
            new_file.write("\n".join(lines) + "\n")
    except FileExistsError:
        raise ScaffoldError(
            f"tệp {path} đã có (cùng năm và đường dẫn); thêm --slug hoặc sửa tệp đó"
        ) from None
    known = {str(p) for p in before.errors}
    added = [p for p in check_content(root, settings, shown_dir=str(content)).errors if str(p) not in known]
    if added:
        path.unlink()
        raise ScaffoldError("văn bản mới sẽ gây lỗi nên chưa ghi tệp:\n" + format_problems(added))
    return path

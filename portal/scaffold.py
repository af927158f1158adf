"""`invoke new` and `invoke new-document`: a post or a document file with every header line filled in
and checked as `check` checks it."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
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
from .safe_writes import UnsafePath, entry_kind, folder_handle, remove, split_relative, write_new
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


def post_file(header: list[str], slug: str) -> str:
    """A new post's path inside the content folder: posts/<date>-<slug>.md."""
    day = header[1].removeprefix("Date: ")[:10]
    return f"posts/{day}-{slug[:60].rstrip('-')}.md"


POST_TAKEN = "; đổi tiêu đề hoặc sửa tệp đó"


def post_path(content: str | Path, header: list[str], slug: str) -> Path:
    """Where a new post goes: posts/<date>-<slug>.md, never over an existing file, never through
    a link (ScaffoldError naming what is in the way)."""
    relative = post_file(header, slug)
    refuse_taken(content, relative, POST_TAKEN)
    return Path(content) / relative


def refuse_taken(content: str | Path, relative: str, taken: str) -> None:
    """ScaffoldError when anything is at `relative` or a link or file stands on the way to it;
    `taken` follows "tệp … đã có" for a file already there: why, and what to do."""
    blocked = in_the_way(content, relative)
    if blocked:
        raise ScaffoldError(blocked)
    if entry_kind(content, relative) is not None:
        raise ScaffoldError(f"tệp {Path(content) / relative} đã có{taken}")


def in_the_way(content: str | Path, relative: str) -> str | None:
    """The editor's message for a link anywhere on the way to `relative` (the name itself
    included) or a file where a folder must be; None when the way is clear. Nothing is followed:
    each part is looked at as it is."""
    try:
        parts = split_relative(relative)
    except UnsafePath as error:
        return f"{Path(content) / relative}: {error}"
    for depth in range(1, len(parts) + 1):
        part = "/".join(parts[:depth])
        shown = Path(content) / part
        try:
            kind = entry_kind(content, part)
        except UnsafePath:  # swapped for a link while looking: say so for the folder above
            kind = "link"
        if kind is None:
            return None
        if kind == "link":
            return (
                f"{shown} là một liên kết (symlink){_link_target(content, part)}, không phải tệp hay thư "
                "mục thật; lệnh không ghi qua liên kết để không ghi ra ngoài thư mục nội dung — xóa liên "
                f"kết đó (chỉ xóa liên kết, không xóa nơi nó trỏ tới), ví dụ rm '{shown}', rồi chạy lại lệnh"
            )
        if depth < len(parts) and kind != "folder":
            return (
                f"{shown} không phải thư mục nên không ghi được vào bên trong — đổi tên hoặc "
                "chuyển tệp đó đi rồi chạy lại lệnh"
            )
    return None


def _link_target(content: str | Path, part: str) -> str:
    folder, _, name = part.rpartition("/")
    with contextlib.suppress(OSError, UnsafePath), folder_handle(content, folder) as fd:
        return f" trỏ tới {os.readlink(name, dir_fd=fd)}"
    return ""


def write_new_file(content: str | Path, relative: str, data: bytes, taken: str) -> Path:
    """Write a file that must not exist yet, inside the content folder and never through a link
    (portal.safe_writes); ScaffoldError naming what is in the way (`taken` as for refuse_taken)."""
    try:
        write_new(content, relative, data)
    except (FileExistsError, UnsafePath, NotADirectoryError):
        refuse_taken(content, relative, taken)
        raise ScaffoldError(f"không ghi được {Path(content) / relative}; chạy lại lệnh") from None
    except OSError as error:  # nothing left behind: write_new removes its own half-written file
        raise ScaffoldError(f"không ghi được {Path(content) / relative}: {os_reason(error)}") from None
    return Path(content) / relative


_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được phép dùng trên ổ đĩa",
    errno.EFBIG: "tệp vượt giới hạn kích thước được phép ghi",
    errno.EACCES: "không có quyền ghi vào thư mục này",
    errno.EPERM: "không có quyền ghi vào thư mục này",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENAMETOOLONG: "tên tệp quá dài",
}


def os_reason(error: OSError) -> str:
    """Why the system refused a write, in Vietnamese (the system's own words are English)."""
    code = error.errno or 0
    return _REASONS.get(code, f"hệ thống báo lỗi {errno.errorcode.get(code, code)}")


def new_post(content: str | Path, settings: dict[str, Any], request: PostRequest) -> tuple[Path, list[str]]:
    """`invoke new`: a post with every header line and the placeholder where its text goes; its
    path, and warnings for the editor."""
    header, slug, warnings = post_header(content, settings, request)
    path = post_path(content, header, slug)
    text = "\n".join(header) + f"\n\n{PLACEHOLDER}\n"
    write_new_file(content, post_file(header, slug), text.encode("utf-8"), POST_TAKEN)
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
    relative = f"van-ban/{document.year}-{document.slug}.md"
    ordered["type"] = document.type  # as the settings spell it
    lines = [f"{key.capitalize()}: {value}" for key, value in ordered.items()]
    taken = " (cùng năm và đường dẫn); thêm --slug hoặc sửa tệp đó"
    path = write_new_file(root, relative, ("\n".join(lines) + "\n").encode("utf-8"), taken)
    known = {str(p) for p in before.errors}
    added = [p for p in check_content(root, settings, shown_dir=str(content)).errors if str(p) not in known]
    if added:
        remove(root, relative)
        raise ScaffoldError("văn bản mới sẽ gây lỗi nên chưa ghi tệp:\n" + format_problems(added))
    return path

"""`invoke new`, `invoke new-document` and `invoke new-activity`: a post, a document or an activity
file with every header line filled in and checked as `check` checks it."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .activities import ACTIVITY_KEY_ORDER, Activity, ActivityReader
from .body import PLACEHOLDER
from .checker import ContentCheck, check_content
from .content_files import ContentTree
from .dates import now_local
from .documents import DOCUMENT_KEY_ORDER, REQUIRED_KEYS, DocumentReader
from .folders import ContentFolders
from .plans import Choice, PlanSet, load_plans
from .posts import Header, Tag, resolve_plan, short_slug, slug_problem
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
    # After every plan's end the year's plan is only not made yet: the post keeps its lines (a
    # warning, counted once the Office makes the plan); before or between plans it is news.
    not_yet = outside and not any(now.date() <= p.end for p in plans)
    if outside and not not_yet:
        warnings.append(
            f"không có kế hoạch nào áp dụng cho ngày {now:%d/%m/%Y}: bài là tin thường, không gắn mục"
            + (" (đã bỏ qua --items/--form/--unit)" if request.items or request.form or request.unit else "")
            + f"; muốn tính vào kế hoạch năm {now.year}, Văn phòng tạo kế hoạch bằng "
            f"'invoke plan-new --id SỐ/KH-… --year {now.year}' (xem docs/huong-dan-bao-cao.md) "
            "rồi thêm dòng Items vào bài"
        )
    for key in ("plan", "items", "form", "unit"):
        if getattr(request, key) and (not outside or not_yet):
            values[key] = " ".join(str(getattr(request, key)).split())
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
    if not_yet:
        warnings += [f"{p.message} — {p.fix}" for p in resolved.problems]
        lines += [f"{key.capitalize()}: {values[key]}" for key in ("items", "form", "unit") if key in values]
    elif resolved.plan and resolved.form and resolved.unit:
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


# What the checker's fixes say of a file's lines, said of the command's options.
_KEY_IN_QUOTES = re.compile(r"(?:dòng )?'([A-Z][A-Za-z_]*): ?([^']*)'")
_KEY_LINE_WORD = re.compile(r"dòng ([A-Z][A-Za-z_]*)\b")
_EXAMPLE_LINE = re.compile(r"ví dụ: ([A-Z][A-Za-z_]*): (.+)$")


def in_option_words(text: str, option: str, options: tuple[str, ...]) -> str:
    """A checker's fix said with the command's options (`option`: the one it is about): "ghi
    'Public: yes' hoặc 'Public: no'" becomes "ghi --public yes hoặc --public no", "xóa dòng này"
    "bỏ --items"."""

    def quoted(match: re.Match[str]) -> str:
        key, value = match[1].lower(), match[2].strip()
        if key not in options:
            return match[0]
        return f"--{key} " + (f'"{value}"' if " " in value else value)

    said = _EXAMPLE_LINE.sub(lambda m: "ví dụ " + quoted(m), text)
    said = _KEY_IN_QUOTES.sub(quoted, said)
    said = _KEY_LINE_WORD.sub(lambda m: f"--{m[1].lower()}" if m[1].lower() in options else m[0], said)
    return said.replace("xóa dòng này", f"bỏ --{option}").replace("dòng này", f"--{option}")


ACTIVITY_TAKEN = " (cùng ngày và đường dẫn); đổi --title hoặc thêm --slug, hoặc sửa tệp đó"
_REQUIRED_ACTIVITY = {"unit": "đơn vị thực hiện", "form": "hình thức"}


def new_activity(
    content: str | Path, settings: dict[str, Any], values: dict[str, str], now: dt.datetime | None = None
) -> tuple[Path, list[str]]:
    """`invoke new-activity`: `hoat-dong/<date>-<slug>.md` (DESIGN.md contract 10) with every line
    it can fill: plan, unit and form as the plan spells them, items, counts, evidence and posts in
    the form `check` reads, Public and Slug. The values are read by the same ActivityReader as
    `check`, every problem at once, each naming its option (ScaffoldError; nothing written); then
    the content folder is checked as `check` checks it, and a file that adds an error is removed
    again. Its path, and the checker's warnings on it (a day no report period counts)."""
    values = {k: " ".join(str(v).split()) for k, v in values.items() if v is not None and str(v).strip()}
    unknown = sorted(set(values) - set(ACTIVITY_KEY_ORDER))
    if unknown:
        raise ValueError(f"not an activity's key: {', '.join(unknown)}")
    if "title" not in values:
        raise ScaffoldError('--title: cần tên hoạt động, ví dụ --title "Hội nghị giao ban quý I"')
    if "date" not in values:
        values["date"] = f"{(now or now_local()):%Y-%m-%d %H:%M}"
    if "slug" not in values:
        values["slug"] = short_slug(make_slug(values["title"], settings))
        if not values["slug"]:
            raise ScaffoldError("--title: tên không tạo được đường dẫn; dùng tên có chữ, hoặc thêm --slug")
    root = Path(content)
    before = check_content(root, settings, shown_dir=str(content))
    activity, problems = _read_activity(root, settings, before, values)
    if problems or activity is None:
        raise ScaffoldError("\n".join(problems))
    lines = _activity_lines(activity, values)
    written = {key.lower(): value for key, _, value in (line.partition(": ") for line in lines)}
    again, problems = _read_activity(root, settings, before, written)
    if problems or again is None:  # the file's own spelling must read as the options did
        raise ScaffoldError("\n".join(problems))
    folder = ContentFolders.of(settings).activities[0]  # where check reads them
    relative = f"{folder}/{activity.date:%Y-%m-%d}-{activity.slug[:60].rstrip('-')}.md"
    path = write_new_file(root, relative, ("\n".join(lines) + "\n").encode("utf-8"), ACTIVITY_TAKEN)
    known = {str(p) for p in before.errors}
    after = check_content(root, settings, shown_dir=str(content))
    added = [p for p in after.errors if str(p) not in known]
    if added:
        remove(root, relative)
        raise ScaffoldError("hoạt động mới sẽ gây lỗi nên chưa ghi tệp:\n" + format_problems(added))
    shown = f"{content}/{relative}"
    warnings = [f"{p.message} — {p.fix}" if p.fix else p.message for p in after.warnings if p.path == shown]
    return path, warnings


def _read_activity(
    root: Path, settings: dict[str, Any], check: ContentCheck, values: dict[str, str]
) -> tuple[Activity | None, list[str]]:
    """The activity `values` make, read as `check` reads a file of them, and every problem said as
    `--option: message — fix`."""
    ordered = {k: values[k] for k in ACTIVITY_KEY_ORDER if k in values}
    # Each option gets its own "line" from 2 on: line 1 is where the reader says a key is missing.
    options = dict(enumerate(ordered, start=2))
    header = Header(values=ordered, lines={key: line for line, key in options.items()})
    tree = ContentTree(root, sorted(check.files))
    reader = ActivityReader(header, "", "", settings, tree, check.plans, check.posts)
    activity = reader.read(ordered["slug"])
    found = list(reader.problems)
    problem = slug_problem(header, ordered["slug"], "")
    if problem:
        found.append(problem)
    said: list[tuple[str, str]] = []
    for key, what in _REQUIRED_ACTIVITY.items():
        if key not in ordered:
            said.append((key, f"cần {what}, " + _choices_said(key, check.plans, activity)))
    for p in found:
        if p.line == 1 or not p.is_error:  # a missing key (said above), or a warning
            continue
        key = options.get(p.line or 0, "title")
        message = p.message.removeprefix(f"{key.capitalize()}: ")
        fix = in_option_words(p.fix, key, ACTIVITY_KEY_ORDER)
        said.append((key, message + (f" — {fix}" if fix else "")))
    said.sort(key=lambda each: ACTIVITY_KEY_ORDER.index(each[0]))  # in the order of the options' help
    return activity, [f"--{key}: {text}" for key, text in said]


def _choices_said(key: str, plans: PlanSet, activity: Activity | None) -> str:
    """ "ví dụ --unit van-phong; các giá trị: …" from the plans of the activity's day (else all)."""
    day = activity.date.date() if activity is not None else None
    home = plans.home(day) if day else []
    choices = {c.id: c for p in (home or plans) for c in (p.units if key == "unit" else p.forms)}
    if not choices:
        return f"ví dụ --{key} …"
    first = next(iter(choices))
    return f"ví dụ --{key} {first}; các giá trị: " + "; ".join(f"{c.id} ({c.name})" for c in choices.values())


def _one_id(choice: Choice | None, tags: tuple[Tag, ...], kind: str, typed: str) -> str:
    """A unit or form as the plans spell it (its id), when every plan the activity serves names it
    by the same id; else as the editor typed it, which each plan reads."""
    ids = {getattr(tag, kind).id for tag in tags if getattr(tag, kind) is not None}
    if choice is not None:
        ids.add(choice.id)
    return next(iter(ids)) if len(ids) == 1 else typed


def _activity_lines(activity: Activity, values: dict[str, str]) -> list[str]:
    """The header of a new activity, in the order of ACTIVITY_KEY_ORDER."""
    out = {
        "title": values["title"],
        "date": f"{activity.date:%Y-%m-%d %H:%M}",
        "unit": _one_id(activity.unit, activity.tags, "unit", values["unit"]),
        "form": _one_id(activity.form, activity.tags, "form", values["form"]),
        "public": "yes" if activity.public else "no",
        "slug": activity.slug,
    }
    if activity.plan is not None:
        out["plan"] = activity.plan.id
    tags = activity.tags
    if len(tags) == 1 and activity.plan is not None and tags[0].plan.id == activity.plan.id:
        out["items"] = ", ".join(str(item.number) for item in tags[0].items)
    elif tags:
        out["items"] = "; ".join(
            f"{tag.plan.id}: " + ", ".join(str(item.number) for item in tag.items) for tag in tags
        ).strip()
    for key in ("participants", "quantity"):
        if getattr(activity, key) is not None:
            out[key] = str(getattr(activity, key))
    if activity.files:
        out["files"] = ", ".join(f.removeprefix("files/") for f in activity.files)
    if activity.posts:
        out["posts"] = ", ".join(post.slug for post in activity.posts)
    return [f"{key.capitalize()}: {out[key]}" for key in ACTIVITY_KEY_ORDER if key in out]

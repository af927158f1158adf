"""Science and technology tasks (nhiệm vụ KH&CN): one Markdown file each under `<content>/nhiem-vu/`.

The Law on Access to Information 2016, Art. 19(e), asks a science department to publish the list
of its science and technology programmes and tasks (đề tài, dự án) and their results. A task's
header (DESIGN.md contract 15) is read by the same parser as a post's; this module turns it into
a `ResearchTask`, every problem at once with its line, resolves its acceptance decision and
documents in the library and the posts about it, and groups the tasks for the list's filters.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .activities import posts_named, whole_number
from .content_files import ContentTree
from .documents import (
    Document,
    DocumentIndex,
    facet_slug,
    listed_files,
    required_key_problems,
    spelling_problems,
)
from .folders import FOLDER_DEFAULTS
from .posts import Header, Post, did_you_mean, slug_problem
from .problems import ERROR, WARNING, Problem
from .slugs import ascii_slug, make_slug

DEFAULT_RESEARCH_PATHS = FOLDER_DEFAULTS["RESEARCH_PATHS"]
# The header keys of a task (DESIGN.md contract 15, then ours), in the order a task file lists them.
RESEARCH_KEY_ORDER = (
    "code",
    "title",
    "level",
    "field",
    "host",
    "lead",
    "start",
    "end",
    "budget",
    "status",
    "acceptance",
    "rating",
    "documents",
    "posts",
    "files",
    "slug",
)
RESEARCH_KEYS = set(RESEARCH_KEY_ORDER)
REQUIRED_KEYS = ("code", "title", "level", "field", "host", "lead", "start", "end", "status")
LEVELS = ("quốc gia", "bộ", "tỉnh", "cơ sở")
PROPOSED, UNDER_WAY, ACCEPTED, CLOSED = "đề xuất", "đang thực hiện", "đã nghiệm thu", "đã kết thúc"
STATUSES = (PROPOSED, UNDER_WAY, ACCEPTED, CLOSED)
# The acceptance council's rating (Circular 11/2014/TT-BKHCN and its successors).
RATINGS = ("xuất sắc", "khá", "đạt", "không đạt")
MAX_BUDGET = 10_000_000_000_000  # VND: more than ten thousand billion in one task is a typing slip
MAX_CODE, MAX_NAME, MAX_TITLE = 40, 200, 1000
# A task runs within these years: each year it spans has a filter page, so a slip such as
# `End: 9999-12` would otherwise write thousands of them.
FIRST_YEAR, MAX_YEARS, YEARS_AHEAD = 1960, 15, 10
_PERIOD = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_CODE = re.compile(r"^[^\s/\\][^/\\]*$")


@dataclass(frozen=True)
class ResearchTask:
    source: str  # as shown in problems
    path: str
    code: str
    title: str
    level: str  # one of LEVELS
    field: str
    host: str
    lead: str
    start: dt.date  # a month written alone is its first day
    end: dt.date  # … and its last day here
    start_shown: str  # as written: 03/2020 or 15/03/2020
    end_shown: str
    budget: int | None  # VND
    status: str  # one of STATUSES
    acceptance: Document | None
    rating: str
    documents: tuple[Document, ...]
    posts: tuple[Post, ...]
    files: tuple[str, ...]  # relative to the content folder: files/…
    slug: str
    lines: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)
    body: str = ""

    @property
    def key(self) -> str:
        return code_key(self.code)

    @property
    def years(self) -> range:
        """The calendar years the task runs in: it is listed under each."""
        return range(self.start.year, self.end.year + 1)

    @property
    def finished(self) -> bool:
        return self.status in (ACCEPTED, CLOSED)


def code_key(code: str) -> str:
    return "".join(unicodedata.normalize("NFC", code).upper().split())


def parse_period(text: str, last: bool) -> tuple[dt.date, str] | None:
    """'2020-03' or '2020-03-15' as a day (a month alone: its first day, or its last when `last`)
    and as shown ('03/2020', '15/03/2020'); None for anything else."""
    match = _PERIOD.match(text.strip())
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), match[3]
    try:
        if day:
            return dt.date(year, month, int(day)), f"{int(day):02d}/{month:02d}/{year}"
        return dt.date(year, month, calendar.monthrange(year, month)[1] if last else 1), f"{month:02d}/{year}"
    except ValueError:  # month 13, day 31 of April
        return None


class ResearchTaskReader:
    """Reads one task's header into a ResearchTask, collecting every problem with its line."""

    def __init__(
        self,
        header: Header,
        shown: str,
        path: str,
        settings: dict[str, Any],
        tree: ContentTree,
        documents: DocumentIndex,
        posts: list[Post],
        today: dt.date,
    ):
        values = {k: " ".join(unicodedata.normalize("NFC", v).split()) for k, v in header.values.items()}
        self.header, self.values, self.shown, self.path = header, values, shown, path
        self.settings, self.tree, self.documents, self.today = settings, tree, documents, today
        self.posts_by_slug: dict[str, list[Post]] = {}
        for post in posts:
            self.posts_by_slug.setdefault(post.slug, []).append(post)
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, fix: str, severity: str = ERROR) -> None:
        self.problems.append(
            Problem(self.shown, self.header.line(key), f"{key.capitalize()}: {message}", fix, severity)
        )

    def read(self) -> ResearchTask | None:
        self.problems += required_key_problems(
            self.header, self.values, REQUIRED_KEYS, self.shown, "nhiệm vụ KH&CN"
        )
        code = self.values.get("code", "")
        if code and (len(code) > MAX_CODE or not _CODE.match(code)):
            self.problem(
                "code", f"mã '{code[:60]}' không hợp lệ", "ví dụ: Code: ĐT.KHCN.2020.01 (không có dấu /)"
            )
        for key in ("field", "host", "lead", "title"):
            limit = MAX_TITLE if key == "title" else MAX_NAME
            if len(self.values.get(key, "")) > limit:
                self.problem(key, f"dài quá {limit} ký tự", "viết ngắn lại")
        level = self.choice("level", LEVELS, "cấp quản lý")
        status = self.choice("status", STATUSES, "tình trạng")
        start = self.period("start", last=False)
        end = self.period("end", last=True)
        if start and end and end[0] < start[0]:
            self.problem("end", "ngày kết thúc trước ngày bắt đầu", "sửa Start hoặc End")
        elif start and end and end[0].year - start[0].year >= MAX_YEARS:
            self.problem(
                "end",
                f"thời gian thực hiện {start[1]} – {end[1]} dài quá {MAX_YEARS} năm",
                "kiểm tra lại năm ở Start và End",
            )
        budget = self.budget()
        acceptance = self.acceptance(status, start[0] if start else None)
        rating = self.rating(acceptance)
        documents, found = self.documents.resolve(Header(self.values, self.header.lines), self.shown)
        self.problems += found
        posts, post_problems = posts_named(self.values.get("posts", ""), self.posts_by_slug)
        for message, fix in post_problems:
            self.problem("posts", message, fix)
        files, file_problems = listed_files(self.values.get("files", ""), self.tree, self.settings)
        for message, fix in file_problems:
            self.problem("files", message, fix)
        slug = self.slug(code)
        self.status_warnings(status, end, acceptance)
        if self.problems_are_errors() or not (start and end and level and status):
            return None
        return ResearchTask(
            source=self.shown,
            path=self.path,
            code=code,
            title=self.values["title"],
            level=level,
            field=self.values["field"],
            host=self.values["host"],
            lead=self.values["lead"],
            start=start[0],
            end=end[0],
            start_shown=start[1],
            end_shown=end[1],
            budget=budget,
            status=status,
            acceptance=acceptance,
            rating=rating,
            documents=documents,
            posts=posts,
            files=files,
            slug=slug,
            lines=dict(self.header.lines),
            body=self.header.body,
        )

    def slug(self, code: str) -> str:
        slug = self.values.get("slug") or ascii_slug(code)
        if code and not slug:  # the address comes from the code, not the title
            key = "slug" if "slug" in self.values else "code"
            self.problem(
                key, f"mã '{code}' không tạo được đường dẫn", "thêm dòng 'Slug: …' (chữ không dấu, số, '-')"
            )
            return slug
        problem = slug_problem(Header(self.values, self.header.lines), slug, self.shown) if code else None
        if problem:
            self.problems.append(problem)
        elif slug in FACET_KINDS:  # the filters' folders: nhiem-vu/cap/…
            key = "slug" if "slug" in self.values else "code"
            self.problem(key, f"đường dẫn '{slug}' trùng tên bộ lọc", f"thêm dòng 'Slug: {slug}-1'")
        return slug

    def status_warnings(
        self, status: str, end: tuple[dt.date, str] | None, acceptance: Document | None
    ) -> None:
        """What the evaluator would call stale: a task past its end still under way, or accepted
        with no decision published."""
        if status == UNDER_WAY and end and end[0] < self.today:
            self.problem(
                "status",
                f"nhiệm vụ kết thúc {'tháng' if len(end[1]) == len('12/2021') else 'ngày'} {end[1]} "
                f"mà vẫn ghi '{UNDER_WAY}'",
                f"cập nhật Status ('{ACCEPTED}' kèm Acceptance, hoặc '{CLOSED}'); nếu được gia hạn, sửa End",
                WARNING,
            )
        if status == ACCEPTED and acceptance is None and "acceptance" not in self.values:
            self.problem(
                "status",
                "đã nghiệm thu nhưng chưa có quyết định công nhận kết quả",
                "thêm dòng 'Acceptance: <số quyết định>' (văn bản trong thư mục van-ban/): "
                "Luật Tiếp cận thông tin 2016, Điều 19 yêu cầu công khai kết quả",
                WARNING,
            )

    def problems_are_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def choice(self, key: str, choices: tuple[str, ...], what: str) -> str:
        value = self.values.get(key, "")
        found = next((c for c in choices if c == value.casefold()), "")
        if value and not found:
            self.problem(
                key,
                f"{what} '{value[:60]}' không có trong danh sách",
                did_you_mean(value, choices) + "dùng một trong: " + ", ".join(choices),
            )
        return found

    def period(self, key: str, last: bool) -> tuple[dt.date, str] | None:
        if not self.values.get(key):
            return None
        parsed = parse_period(self.values[key], last)
        if parsed is not None and not FIRST_YEAR <= parsed[0].year <= self.today.year + YEARS_AHEAD:
            self.problem(
                key,
                f"năm {parsed[0].year} nằm ngoài khoảng {FIRST_YEAR}–{self.today.year + YEARS_AHEAD}",
                "kiểm tra lại năm",
            )
            return None
        if parsed is None:
            self.problem(
                key,
                f"'{self.values[key][:40]}' không phải tháng (YYYY-MM) hay ngày (YYYY-MM-DD)",
                f"ví dụ: {key.capitalize()}: 2020-03 hoặc {key.capitalize()}: 2020-03-15",
            )
        return parsed

    def budget(self) -> int | None:
        value = self.values.get("budget", "")
        if not value:
            return None
        written = value.removesuffix("đồng").removesuffix("VNĐ").removesuffix("VND").strip()
        number = whole_number(written, MAX_BUDGET)
        if number is None:
            self.problem(
                "budget",
                f"'{value[:40]}' không phải số tiền (đồng, số nguyên)",
                "ví dụ: Budget: 1.250.000.000",
            )
        return number

    def acceptance(self, status: str, start: dt.date | None) -> Document | None:
        number = self.values.get("acceptance", "")
        if not number:
            return None
        document = self.documents.find(number)
        if document is None:
            known = [d.number for d in self.documents.documents]
            self.problem(
                "acceptance",
                f"không có văn bản số '{number}' trong thư mục van-ban/",
                did_you_mean(number, known)
                + "thêm quyết định công nhận kết quả vào content/van-ban/ hoặc sửa số; "
                "nếu văn bản đã có ở đó, sửa lỗi của văn bản trước",
            )
            return None
        if status and status not in (ACCEPTED, CLOSED):
            self.problem(
                "acceptance",
                f"nhiệm vụ đang ở tình trạng '{status}' mà đã có quyết định nghiệm thu",
                f"sửa Status thành '{ACCEPTED}', hoặc bỏ dòng Acceptance",
            )
        if start and document.signed < start:
            self.problem(
                "acceptance",
                f"văn bản số {document.number} ký ngày {document.signed:%d/%m/%Y}, "
                "trước khi nhiệm vụ bắt đầu",
                "kiểm tra lại số quyết định hoặc dòng Start",
            )
        return document

    def rating(self, acceptance: Document | None) -> str:
        value = self.values.get("rating", "")
        if not value:
            return ""
        found = self.choice("rating", RATINGS, "xếp loại")
        if found and acceptance is None and "acceptance" not in self.values:
            self.problem(
                "rating",
                "có xếp loại mà chưa có quyết định nghiệm thu",
                "thêm dòng 'Acceptance: <số quyết định>'",
            )
        return found


def research_problems(tasks: Iterable[ResearchTask]) -> list[Problem]:
    """What no single file shows: a code used twice, two tasks at one address, a field spelled two
    ways (they would share one filter page)."""
    ordered = sorted(tasks, key=lambda t: t.source)
    problems: list[Problem] = []
    codes: dict[str, ResearchTask] = {}
    slugs: dict[str, ResearchTask] = {}
    for task in ordered:
        first = codes.setdefault(task.key, task)
        if first is not task:
            problems.append(
                Problem(
                    task.source,
                    task.lines.get("code", 1),
                    f"Code: mã '{task.code}' đã dùng cho {first.source}",
                    "mỗi nhiệm vụ một mã riêng; sửa mã hoặc xóa tệp trùng",
                )
            )
            continue
        first = slugs.setdefault(task.slug, task)
        if first is not task:
            problems.append(
                Problem(
                    task.source,
                    task.lines.get("slug", task.lines.get("code", 1)),
                    f"nhiệm vụ này và {first.source} có cùng đường dẫn nhiem-vu/{task.slug}/",
                    f"thêm dòng 'Slug: {task.slug}-2'",
                )
            )
    problems += spelling_problems(ordered, "field", "Lĩnh vực", lambda t: t.field)
    return problems


# Facets: the list page's filters, one static page per value (they work without JavaScript).
FACETS = (
    ("cap", "Cấp quản lý"),
    ("linh-vuc", "Lĩnh vực"),
    ("trang-thai", "Tình trạng"),
    ("nam", "Năm thực hiện"),
)
FACET_KINDS = {kind for kind, _ in FACETS}


@dataclass(frozen=True)
class TaskFacet:
    kind: str
    value: str
    slug: str
    tasks: tuple[ResearchTask, ...]

    @property
    def count(self) -> int:
        return len(self.tasks)


def newest_first(tasks: Iterable[ResearchTask]) -> list[ResearchTask]:
    return sorted(tasks, key=lambda t: (t.start, t.code), reverse=True)


def task_facets(tasks: Iterable[ResearchTask]) -> dict[str, list[TaskFacet]]:
    """Per filter, every value with its tasks (newest first): levels and statuses in their own
    order, fields A–Z, years newest first (a task is listed under every year it runs in)."""
    ordered = newest_first(tasks)
    result: dict[str, list[TaskFacet]] = {}
    for kind, _ in FACETS:
        groups: dict[str, list[ResearchTask]] = {}
        names: dict[str, str] = {}
        for task in ordered:
            values = {
                "cap": [task.level],
                "linh-vuc": [task.field],
                "trang-thai": [task.status],
                "nam": [str(y) for y in task.years],
            }[kind]
            for value in values:
                slug = facet_slug(value)
                groups.setdefault(slug, []).append(task)
                names.setdefault(slug, value)
        if kind == "cap":
            order = [facet_slug(v) for v in LEVELS]
        elif kind == "trang-thai":
            order = [facet_slug(v) for v in STATUSES]
        elif kind == "nam":
            order = sorted(groups, reverse=True)
        else:
            order = sorted(groups, key=lambda g: (make_slug(names[g], {}).replace("-", " "), names[g]))
        result[kind] = [TaskFacet(kind, names[g], g, tuple(groups[g])) for g in order if g in groups]
    return result


def vnd(amount: int) -> str:
    """1250000000 -> '1.250.000.000 đồng', as Vietnamese papers write money."""
    return f"{amount:,}".replace(",", ".") + " đồng"

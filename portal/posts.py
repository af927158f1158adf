"""Strict reading of a post's header: the `Key: value` lines Pelican's Markdown reader takes.

Pelican quietly turns a malformed header into body text, reads `01/05/2020`
month-first and ignores unknown keys; here every such case is a Problem with
its line, so nothing an editor wrote is dropped or reinterpreted.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .content_files import SourceError, read_source
from .dates import DateFormatError, parse_local_datetime
from .plans import Choice, Item, Plan, PlanSet, normalize
from .problems import WARNING, Problem
from .sanitize import find_control_characters, strip_control_characters
from .word_text import WORD_LINE_BREAK, fix_body

POST_KEYS = {
    "title",
    "date",
    "modified",
    "slug",
    "summary",
    "status",
    "plan",
    "items",
    "form",
    "unit",
    "image",
    "image_alt",
    "documents",
}
PAGE_KEYS = {"title", "slug", "summary", "status", "date", "modified"}
# Keys that change what Pelican does with a file (where it is written, which
# template renders it, which text it shows): an editor's typo must not reach them.
RESERVED_KEYS = {
    "content",
    "url",
    "save_as",
    "template",
    "lang",
    "category",
    "author",
    "authors",
    "translation",
    "path",
    "page_name",
    "type",
    "tags",
}
STATUSES = ("published", "draft", "hidden")
# Vietnamese key names editors tend to type, and the key they mean.
VIETNAMESE_KEYS = {
    "tiêu đề": "Title",
    "tieu de": "Title",
    "ngày": "Date",
    "ngay": "Date",
    "ngày đăng": "Date",
    "trạng thái": "Status",
    "kế hoạch": "Plan",
    "mục": "Items",
    "nội dung": "Items",
    "hình thức": "Form",
    "đơn vị": "Unit",
    "tóm tắt": "Summary",
    "văn bản": "Documents",
    "van ban": "Documents",
    "số hiệu": "Number",
    "số": "Number",
    "loại": "Type",
    "cơ quan ban hành": "Issuer",
    "ngày ban hành": "Signed",
    "ngày ký": "Signed",
    "ngày hiệu lực": "Effective",
    "hiệu lực": "Effective",
    "trích yếu": "Title",
    "tệp": "Files",
    "người ký": "Signer",
    "lĩnh vực": "Field",
    "tình trạng": "Status",
}

_KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[^:\s][^:]{0,40}?)\s*:(?!//)\s*(?P<value>.*)$")
_MORE_LINE = re.compile(r"^[ ]{4,}(?P<value>\S.*)$")
_ASCII_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
MAX_SLUG_BYTES = 150  # a folder name may have 255 bytes; other parts of a path need room too
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Header:
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""  # the Markdown after the header's blank line, Word's pasting made Markdown
    body_line: int = 1  # the body's first line in the file

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


# Header keys whose value is a comma-separated list.
LIST_KEYS = {"items", "files", "posts", "tags", "authors"}


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM, any line ending) or a Problem naming the file."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(raw) > 1 and raw.count(b"\x00") > len(raw) // 4
    ):
        return None, [
            Problem(shown, None, "tệp được lưu bằng bảng mã UTF-16", "mở tệp và lưu lại với bảng mã UTF-8")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                shown,
                line,
                "tệp có ký tự không phải UTF-8 (có thể lưu bằng bảng mã Windows-1258 hoặc TCVN3)",
                "mở tệp và lưu lại với bảng mã UTF-8",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read_text(path: str | Path, shown: str) -> tuple[str | None, list[Problem]]:
    """A post or page source as every reader sees it: UTF-8, `\\n` line ends, no control characters.

    Problems: an unreadable file (None), or a warning per line that had control characters.
    """
    try:
        raw = read_source(path)
    except SourceError as error:
        return None, [Problem(shown, None, str(error), "thay bằng một tệp Markdown bình thường")]
    text, problems = decode(raw, shown)
    if text is None:
        return None, problems
    # Word's line break (vertical tab) is kept for parse_header, which makes it a line break.
    kept = text.replace(WORD_LINE_BREAK, "\ue000")
    for line in sorted({line for line, _ in find_control_characters(kept)}):
        problems.append(
            Problem(
                shown,
                line,
                "có ký tự điều khiển ẩn (thường do dán từ Word); ký tự này được tự động xóa khi dựng trang",
                "gõ lại đoạn này hoặc dán dưới dạng văn bản thuần",
                WARNING,
            )
        )
    return strip_control_characters(kept).replace("\ue000", WORD_LINE_BREAK), problems


def parse_header(text: str, shown: str, allowed: set[str]) -> tuple[Header, list[Problem]]:
    """The header and body of a source, as both the checker and the Markdown reader see them:
    Word's line breaks a space in a header value, a line break in the body (portal.word_text)."""
    header, problems = _read_header(text, shown, allowed)
    for key, value in header.values.items():
        if WORD_LINE_BREAK in value:
            header.values[key] = re.sub(rf"[ \t]*{WORD_LINE_BREAK}[ \t]*", " ", value)
            problems.append(
                Problem(
                    shown,
                    header.line(key),
                    f"{key.capitalize()}: ký tự ngắt dòng của Word (Shift+Enter) đã đổi thành dấu cách",
                    "gõ lại dòng này trên một dòng",
                    WARNING,
                )
            )
    header.body, fixes = fix_body(header.body, header.body_line, shown)
    return header, problems + fixes


def _read_header(text: str, shown: str, allowed: set[str]) -> tuple[Header, list[Problem]]:
    header, problems = Header(), []
    start = len(text) - len(text.lstrip("\n"))
    end = text.find("\n\n", start)
    lines = text[: end if end >= 0 else len(text)].split("\n")
    if end >= 0:
        header.body, header.body_line = text[end + 2 :], text.count("\n", 0, end) + 3
    if not text.strip():
        return header, [Problem(shown, 1, "tệp rỗng", "thêm Title, Date và nội dung bài")]
    first = next(i for i, line in enumerate(lines) if line.strip())
    if first > 0:
        if _KEY_LINE.match(lines[first]):
            problems.append(
                Problem(
                    shown,
                    1,
                    "có dòng trống trước phần thông tin đầu bài, nên Title, Date… sẽ bị coi là nội dung",
                    "xóa các dòng trống ở đầu tệp",
                )
            )
        else:
            header.body, header.body_line = text, 1
            return header, problems
    last_key = None
    for number, line in enumerate(lines[first:], start=first + 1):
        if not line.strip():
            break
        more = _MORE_LINE.match(line)
        if more and last_key:
            header.values[last_key] += " " + more.group("value").strip()
            continue
        match = _KEY_LINE.match(line)
        if not match:
            problems.append(
                Problem(
                    shown,
                    number,
                    f"dòng '{line.strip()[:40]}' nằm trong phần "
                    "thông tin đầu bài nhưng không có dạng 'Khóa: giá trị'",
                    "thêm một dòng trống giữa phần thông tin và nội dung bài",
                )
            )
            break
        raw_key, value = match.group("key"), (match.group("value") or "").strip()
        key = raw_key.lower()
        last_key = None
        refused = _key_problem(raw_key, header, allowed)
        if refused:
            problems.append(Problem(shown, number, *refused))
        else:
            header.values[key] = value
            header.lines[key] = number
            last_key = key
    return header, problems


def _key_problem(raw_key: str, header: Header, allowed: set[str]) -> tuple[str, str] | None:
    """(message, fix) when a header key may not be used, else None."""
    key = raw_key.lower()
    if not _ASCII_KEY.match(raw_key):
        meant = VIETNAMESE_KEYS.get(" ".join(key.split()))
        return (
            f"khóa '{raw_key}' không hợp lệ",
            f"viết '{meant}:'"
            if meant
            else "tên khóa viết bằng tiếng Anh không dấu, ví dụ Title, Date, Items",
        )
    if key in header.values:
        return (
            f"khóa '{raw_key}' được viết hai lần (lần đầu ở dòng {header.lines[key]})",
            # Only a list's values can be joined: a second Date or Sent is a slip, not more dates.
            "giữ một dòng" + (", gộp các giá trị bằng dấu phẩy" if key in LIST_KEYS else ""),
        )
    if key in RESERVED_KEYS and key not in allowed:  # a document's Type: is its own
        return (
            (
                f"khóa '{raw_key}' có ý nghĩa đặc biệt với chương trình dựng trang (thay đổi đường "
                "dẫn, giao diện hoặc nội dung bài)"
            ),
            "xóa dòng này; các khóa dùng được: " + _key_list(allowed),
        )
    if key not in allowed:
        close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
        return (
            f"khóa '{raw_key}' không được hỗ trợ",
            f"có phải '{close[0].capitalize()}'?" if close else "các khóa dùng được: " + _key_list(allowed),
        )
    return None


def _key_list(keys: set[str]) -> str:
    return ", ".join(k.capitalize() for k in sorted(keys))


@dataclass(frozen=True)
class Tag:
    """The items of one plan a post or an activity serves, with its form and unit as that plan
    names them."""

    plan: Plan
    items: tuple[Item, ...]
    form: Choice | None = None
    unit: Choice | None = None


class Tagged:
    """What posts and activities share: the plans they serve (`tags`), and the plan an untagged
    one belongs to (`plan`: its Plan line, or the one plan counting its date)."""

    tags: tuple[Tag, ...]
    plan: Plan | None

    def tag_for(self, plan: Plan) -> Tag | None:
        return next((tag for tag in self.tags if tag.plan.id == plan.id), None)

    def belongs_to(self, plan: Plan) -> bool:
        """Counted in this plan's report: tagged to its items, or untagged and this plan's own."""
        if self.tags:
            return self.tag_for(plan) is not None
        return self.plan is not None and self.plan.id == plan.id


@dataclass(frozen=True)
class Post(Tagged):
    """A post as the checker read it: its header, resolved against the plans. `plan`, `items`,
    `form`, `unit`: its first plan's (or, untagged, its own plan's); `tags`: every plan it serves."""

    source: str
    path: str
    title: str
    date: dt.datetime
    modified: dt.datetime | None
    status: str  # published, draft, hidden or scheduled (published, dated in the future)
    slug: str
    summary: str
    plan: Plan | None
    items: tuple[Item, ...]
    form: Choice | None
    unit: Choice | None
    lines: dict[str, int]
    documents: tuple[str, ...] = ()  # the numbers of the documents it publicises, as their files write them
    tags: tuple[Tag, ...] = ()

    @property
    def is_published(self) -> bool:
        return self.status == "published"


def read_date(header: Header, key: str, shown: str) -> tuple[dt.datetime | None, list[Problem]]:
    try:
        return parse_local_datetime(header.values[key]), []
    except DateFormatError as error:
        return None, [
            Problem(shown, header.line(key), f"{key.capitalize()}: {error}", "ví dụ: Date: 2020-02-10 08:30")
        ]


@dataclass
class Resolution:
    """What a post's Plan, Items, Form and Unit lines name, and every problem with them."""

    plan: Plan | None = None
    items: tuple[Item, ...] = ()
    form: Choice | None = None
    unit: Choice | None = None
    problems: list[Problem] = field(default_factory=list)
    tags: tuple[Tag, ...] = ()


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """'có phải 'x'? ' for the closest choice to a mistyped value, or nothing."""
    names = {normalize(c): c for c in choices}
    close = difflib.get_close_matches(normalize(value), list(names), n=1, cutoff=0.6)
    return f"có phải '{names[close[0]]}'? " if close else ""


_ITEM_WORD = re.compile(r"^(?:mục|muc|item)\s*(\d+)$", re.IGNORECASE)


class _Resolver:
    def __init__(self, header: Header, date: dt.datetime | None, plans: PlanSet, shown: str, noun: str):
        self.noun = noun  # what is resolved, as messages name it: "bài", "hoạt động"
        self.header, self.values, self.date, self.plans, self.shown = (
            header,
            header.values,
            date,
            plans,
            shown,
        )
        self.result = Resolution()
        self.warned_not_yet = False

    def problem(self, key: str, message: str, fix: str, severity: str = "error") -> None:
        self.result.problems.append(Problem(self.shown, self.header.line(key), message, fix, severity))

    def run(self) -> Resolution:
        groups = self.item_groups()
        # An activity exists to be counted: it needs its plan even with no Items line.
        needs = any(p is None for p, _ in groups) or (self.noun == "hoạt động" and not groups)
        own = self.named_plan() if "plan" in self.values else self.home_plan(needs=needs)
        prefixes = [p for p, _ in groups if p is not None]
        ignored = "plan" in self.values and groups and len(prefixes) == len(groups)
        if own is not None and ignored and all(self.plans.find(p) != own for p in prefixes):
            self.problem(
                "plan",
                f"dòng Plan ghi {own.id} nhưng Items chỉ ghi mục của kế hoạch khác",
                f"ghi cả mục của {own.id} vào Items (ví dụ '{own.id}: 1'), hoặc xóa dòng Plan",
            )
        tagged: dict[str, tuple[Plan, list[Item]]] = {}
        for token, tokens in groups:
            plan = own if token is None else self.prefixed_plan(token)
            if plan is None:
                continue
            kept = tagged.setdefault(plan.id, (plan, []))[1]
            kept += [item for item in self.items(plan, tokens) if item not in kept]
        tags = [
            Tag(plan, tuple(sorted(items, key=lambda i: i.number)), *self.form_and_unit(plan))
            for plan, items in tagged.values()
        ]
        self.result.tags = tuple(tags)
        if tags:
            first = tags[0]
            self.result.plan, self.result.items = first.plan, first.items
            self.result.form, self.result.unit = first.form, first.unit
        elif own is not None:
            self.result.plan = own
            self.result.form, self.result.unit = self.form_and_unit(own)
        else:
            self.result.form, self.result.unit = self.untagged_form_and_unit()
        if self.warned_not_yet:
            self.compare_with_latest(groups)
        return self.result

    def compare_with_latest(self, groups: list[tuple[str | None, list[str]]]) -> None:
        """In a year whose plan is not made yet, the lines checked against the latest plan (the
        one the year's is most likely copied from), as warnings: a typo is said at the save, not
        when it stops the Office's `plan-new` months later."""
        latest = max(self.plans, key=lambda p: (p.end, -self.plans.index(p)), default=None)
        if latest is None:
            return
        found = _Resolver(self.header, None, PlanSet([latest]), self.shown, self.noun)
        for token, tokens in groups:
            if token is None:
                found.items(latest, tokens)
        found.form_and_unit(latest)
        self.result.problems += [
            replace(p, message=f"{p.message}, kế hoạch mới nhất", severity=WARNING)
            for p in found.result.problems
        ]

    def item_groups(self) -> list[tuple[str | None, list[str]]]:
        """`Items: 1, 4` or `Items: 118/KH-KHCN: 1, 4; 40/KH-KHCN: 2`: the plan each group names
        (None: the post's own plan) and its item tokens."""
        if "items" not in self.values:
            return []
        groups: list[tuple[str | None, list[str]]] = []
        for group in self.values["items"].split(";"):
            prefix, colon, rest = group.partition(":")
            token, text = (prefix.strip(), rest) if colon else (None, group)
            tokens = [t.strip() for t in text.split(",") if t.strip()]
            if token and not tokens:
                self.problem(
                    "items",
                    f"Items ghi kế hoạch '{token}' mà không có số mục nào",
                    f"ghi số mục sau dấu hai chấm, ví dụ '{token}: 1', hoặc bỏ '{token}:'",
                )
            if tokens or token:
                groups.append((token, tokens))
        if not any(tokens for _, tokens in groups):
            self.problem("items", "Items để trống", "ghi số mục, ví dụ 'Items: 1, 4', hoặc xóa dòng này")
        return groups

    def named_plan(self) -> Plan | None:
        return self.plan_named(self.values["plan"], "plan")

    def prefixed_plan(self, token: str) -> Plan | None:
        return self.plan_named(token, "items")

    def plan_named(self, value: str, key: str) -> Plan | None:
        plan = self.plans.find(value)
        if plan is None:
            self.problem(
                key,
                f"kế hoạch '{value}' không tồn tại",
                did_you_mean(value, [p.id for p in self.plans])
                + "các kế hoạch hiện có: "
                + (", ".join(p.id for p in self.plans) or "(chưa có)"),
            )
        elif self.date is not None and not plan.covers(self.date.date()):
            self.problem(
                key,
                f"ngày {self.date:%d/%m/%Y} nằm ngoài thời gian của kế hoạch "
                f"{plan.id} ({plan.start:%d/%m/%Y} – {plan.end:%d/%m/%Y}) nên không được "
                "tính vào kỳ báo cáo nào",
                "kiểm tra lại Date hoặc kế hoạch (chỉ tính cho kế hoạch có thời gian chứa ngày này)",
            )
        return plan

    def home_plan(self, needs: bool) -> Plan | None:
        """The one plan the date belongs to; a problem only when items need it (`needs`)."""
        if self.date is None:  # unreadable: check the lines against the plan it most likely is
            return self.plans[0] if len(self.plans) == 1 else None
        home = self.plans.home(self.date.date())
        if len(home) == 1:
            return home[0]
        if needs and not home and not any(self.date.date() <= p.end for p in self.plans):
            self.not_planned_yet()
        elif needs and not home:
            self.problem(
                "items" if "items" in self.values else "date",
                f"không có kế hoạch nào áp dụng cho ngày {self.date:%d/%m/%Y}"
                + (": hoạt động không được tính vào báo cáo nào" if self.noun != "bài" else ""),
                f"sửa ngày{' đăng' if self.noun == 'bài' else ''} cho đúng thời gian của một kế hoạch"
                + (
                    f", hoặc xóa dòng này nếu {self.noun} không thuộc kế hoạch nào"
                    if self.noun == "bài"
                    else ", hoặc Văn phòng tạo kế hoạch cho ngày này bằng 'invoke plan-new'"
                )
                + "; các kế hoạch hiện có: "
                + (
                    ", ".join(f"{p.id} ({p.start:%d/%m/%Y} – {p.end:%d/%m/%Y})" for p in self.plans)
                    or "(chưa có)"
                ),
            )
        elif needs:
            self.problem(
                "items" if "items" in self.values else "date",
                f"có {len(home)} kế hoạch cùng áp dụng cho ngày {self.date:%d/%m/%Y}",
                "ghi kế hoạch trước số mục, ví dụ 'Items: "
                + "; ".join(f"{p.id}: 1" for p in home)
                + "', hoặc thêm dòng 'Plan: …'",
            )
        return None

    def not_planned_yet(self) -> None:
        """A day after every plan's end: the year's plan is not made yet (the Office makes it
        once the plan is signed, often months into the year). The post or activity keeps its lines
        and is counted, and its lines checked, once the plan is there: a warning, never a reason
        to refuse a save or to untag the work."""
        assert self.date is not None
        if self.warned_not_yet:
            return
        self.warned_not_yet = True
        year = self.date.year
        # The plan that will count the day: a year's plan counts up to the day its last window ends
        # (04/12 when the annual report is due 05/12), as the latest plan does in its own year.
        last = max((end for plan in self.plans for _, end in plan.spans), default=None)
        if last is not None:
            lock = last.replace(year=year, day=min(last.day, 28) if last.month == 2 else last.day)  # noqa: PLR2004
            if self.date.date() > lock:
                year += 1
        self.problem(
            "items" if "items" in self.values else "date",
            f"chưa có kế hoạch nào cho ngày {self.date:%d/%m/%Y}: {self.noun} chưa được tính vào báo cáo "
            "nào; các mục, hình thức, đơn vị đã ghi được giữ và được kiểm tra khi có kế hoạch",
            f"Văn phòng Sở tạo kế hoạch năm {year} theo văn bản đã ký bằng lệnh "
            f"'invoke plan-new --id <số hiệu> --year {year}'; nếu ghi nhầm ngày, sửa dòng Date",
            WARNING,
        )

    def form_and_unit(self, plan: Plan) -> tuple[Choice | None, Choice | None]:
        form = self.choice(
            plan, "form", "hình thức", find=plan.form, default=plan.default_form, options=plan.forms
        )
        unit = self.choice(
            plan, "unit", "đơn vị", find=plan.unit, default=plan.default_unit, options=plan.units
        )
        return form, unit

    def untagged_form_and_unit(self) -> tuple[Choice | None, Choice | None]:
        """An untagged post of a day several plans count (or none): its Form and Unit as any of
        them names them."""
        home = self.plans.home(self.date.date()) if self.date else list(self.plans)
        found: list[Choice | None] = []
        for key, label, finder in (("form", "hình thức", Plan.form), ("unit", "đơn vị", Plan.unit)):
            if key not in self.values or not home:
                found.append(None)
                continue
            choice = next((c for c in (finder(p, self.values[key]) for p in home) if c), None)
            if choice is None:
                options = {c.id: c for p in home for c in (p.forms if key == "form" else p.units)}.values()
                self.problem(
                    key,
                    f"{label} '{self.values[key]}' không có trong kế hoạch nào áp dụng cho ngày này",
                    did_you_mean(self.values[key], [n for c in options for n in (c.id, c.name)])
                    + "các giá trị hợp lệ: "
                    + "; ".join(f"{c.id} ({c.name})" for c in options),
                )
            found.append(choice)
        return found[0], found[1]

    def items(self, plan: Plan, tokens: list[str]) -> list[Item]:
        items: list[Item] = []
        for token in tokens:
            spelled = _ITEM_WORD.match(token)  # 'Mục 1' is item 1
            item = plan.item(spelled.group(1) if spelled else token)
            if item is None:
                self.problem(
                    "items",
                    f"mục '{token}' không có trong kế hoạch {plan.id}",
                    did_you_mean(token, [i.slug for i in plan.items])
                    + "các mục hợp lệ: "
                    + "; ".join(f"{i.number} ({i.slug})" for i in plan.items),
                )
            elif item not in items:
                items.append(item)
        return items

    def choice(
        self,
        plan: Plan,
        key: str,
        label: str,
        *,
        find: Callable[[str], Choice | None],
        default: Choice,
        options: Iterable[Choice],
    ) -> Choice | None:
        if key not in self.values:
            return default
        choice = find(self.values[key])
        if choice is None:
            options = list(options)
            self.problem(
                key,
                f"{label} '{self.values[key]}' không có trong kế hoạch {plan.id}",
                did_you_mean(self.values[key], [n for c in options for n in (c.id, c.name)])
                + "các giá trị hợp lệ: "
                + "; ".join(f"{c.id} ({c.name})" for c in options),
            )
        return choice


def resolve_plan(
    header: Header, date: dt.datetime | None, plans: PlanSet, shown: str, noun: str = "bài"
) -> Resolution:
    """Plan, items, form and unit of a post (or an activity: `noun`), with a Problem for each bad
    value (date None: the date could not be read; the lines are still checked where the plan is
    known)."""
    return _Resolver(header, date, plans, shown, noun).run()


def slug_problem(header: Header, slug: str, shown: str) -> Problem | None:
    if "slug" in header.values and not _SLUG.match(slug):
        return Problem(
            shown,
            header.line("slug"),
            f"Slug '{slug}' không hợp lệ",
            "chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ 'hoi-thao-khcn'",
        )
    if not slug:
        return Problem(
            shown,
            header.line("title"),
            "tiêu đề không tạo được đường dẫn (slug) vì chỉ có biểu tượng hoặc dấu câu",
            "thêm dòng 'Slug: …', ví dụ 'Slug: hoi-thao-khcn'",
        )
    if len(slug.encode()) > MAX_SLUG_BYTES:
        return Problem(
            shown,
            header.line("slug" if "slug" in header.values else "title"),
            (
                f"đường dẫn (slug) dài {len(slug)} ký tự, quá {MAX_SLUG_BYTES} "
                "(tên thư mục trên máy chủ có giới hạn)"
            ),
            f"thêm hoặc sửa dòng 'Slug: {short_slug(slug)}'",
        )
    return None


def short_slug(slug: str, limit: int = 80) -> str:
    """A slug cut at a word boundary, for a title too long to name a folder."""
    if len(slug) <= limit:
        return slug
    return slug[: limit + 1].rsplit("-", 1)[0].strip("-") or slug[:limit]

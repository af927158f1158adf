"""Plans as data: one YAML file per plan under `<content>/plans/`, validated key by key.

A plan lists its content items, the forms of publicity, the units that take
part, its defaults, and the report periods with their deadlines. Next year's
plan is one more file; no code changes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, cast

import yaml

from .content_files import SourceError, read_source
from .problems import Problem
from .sanitize import CONTROL_CHARACTERS
from .slugs import ascii_slug

# A plan is a few hundred lines; these bounds keep a hostile file from costing more than that.
MAX_PLAN_BYTES = 1_000_000
MAX_DEPTH = 12  # a plan nests four levels deep
MAX_NODES = 50_000
MAX_NUMBER_DIGITS = 18
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# Word turns '-' into an en dash; in a number such as 25/KH–KHCN it is the same symbol.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def normalize(text: str | int) -> str:
    """Comparison key for editor-typed names: NFC, case-folded, spaces collapsed, one kind of dash."""
    return " ".join(unicodedata.normalize("NFC", str(text)).translate(_DASHES).casefold().split())


def names_match(value: str, *names: str) -> bool:
    """Whether an editor's value names the same thing as any of `names`, as normalize compares."""
    return normalize(value) in {normalize(n) for n in names}


@dataclass(frozen=True)
class Item:
    number: int
    title: str
    slug: str
    text: str


@dataclass(frozen=True)
class Choice:
    """A form of publicity or a unit: an id editors may type, and its display name. A unit may
    say how its own reports to the Office sign (`symbol`, `head`: the signer's title, `signer`)
    and which items it is charged with (`items`; none: every item)."""

    id: str
    name: str
    group: str = ""
    symbol: str = ""  # its documents' symbol, e.g. "VP" in "Số: …/BC-VP"
    head: str = ""  # the signer's title, e.g. "CHÁNH VĂN PHÒNG"
    signer: str = ""  # the signer's name
    items: tuple[int, ...] = ()  # the plan's items this unit is charged with; () every item
    measure: str = ""  # a form's: what its activities' Quantity counts ("bản"), for the reports

    def serves(self, number: int) -> bool:
        return not self.items or number in self.items

    def matches(self, value: str) -> bool:
        return names_match(value, self.id, self.name)


@dataclass(frozen=True)
class ReportPeriod:
    id: str
    slug: str
    title: str
    start: dt.date
    end: dt.date
    unit_deadline: dt.date
    office_deadline: dt.date

    def matches(self, value: str) -> bool:
        """Its id or slug as typed, with or without tone marks ('6 thang', '6-thang', '6 tháng')."""
        return names_match(value, self.id, self.slug) or folded(value) in {folded(self.id), folded(self.slug)}

    @property
    def spelled(self) -> str:
        """How a message names it: "'6 tháng' (6-thang)"."""
        return f"'{self.id}' ({self.slug})"


def folded(text: str) -> str:
    """A name compared without case, tone marks, or the difference of a space and a hyphen."""
    decomposed = unicodedata.normalize("NFD", normalize(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")
    return "-".join(plain.replace("-", " ").split())


@dataclass(frozen=True)
class ReportLayout:
    """What the plan's report to the province says of itself (all optional; the Office's files
    fall back on the DEPARTMENT settings, then on defaults)."""

    number_symbol: str = ""  # the report's "số, ký hiệu" after the number, e.g. "BC-KHCN"
    subject: str = ""  # trích yếu, before the period: "Kết quả tuyên truyền về …"
    addressee: str = ""  # Kính gửi
    recipients: tuple[str, ...] = ()  # Nơi nhận, one line each
    signer_title: tuple[str, ...] = ()  # its lines: ("GIÁM ĐỐC",) or ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    signer_name: str = ""
    office_unit: str = ""  # the unit that consolidates the units' reports


REPORT_KEYS = {
    "number_symbol",
    "subject",
    "addressee",
    "recipients",
    "signer_title",
    "signer_name",
    "office_unit",
}
UNIT_KEYS = {"id", "name", "group", "symbol", "head", "signer", "items"}


@dataclass(frozen=True)
class Plan:
    id: str
    kind: str
    slug: str
    title: str
    date: dt.date | None  # the signing date; None while the plan is not yet signed
    issuer: str
    signer: str
    based_on: str
    start: dt.date
    end: dt.date
    items: tuple[Item, ...]
    forms: tuple[Choice, ...]
    units: tuple[Choice, ...]
    periods: tuple[ReportPeriod, ...]
    default_form: Choice
    default_unit: Choice
    text: str
    source: str
    report: ReportLayout = ReportLayout()

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def signed(self) -> bool:
        """Whether the plan says when it was signed (plan-new leaves that to the Office)."""
        return self.date is not None

    @property
    def office(self) -> Choice:
        """The unit that consolidates the units' reports (report.office_unit, else the unit of the
        Office's group, else the plan's first unit)."""
        named = self.unit(self.report.office_unit) if self.report.office_unit else None
        return named or next((u for u in self.units if u.group == "Văn phòng"), self.units[0])

    @property
    def year(self) -> int:
        """The year the plan is for: the one it ends in (it may open late in the year before, the
        day after the previous plan of its kind stopped counting)."""
        return self.end.year

    @property
    def spans(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """The days this plan counts work in: its report periods (the whole plan if it has none)."""
        return tuple((p.start, p.end) for p in self.periods) or ((self.start, self.end),)

    def counts_all(self, first: dt.date, last: dt.date) -> bool:
        """Whether every day from `first` to `last` is one of this plan's report days."""
        day = first
        while day <= last:
            if not self.counts(day):
                return False
            day += dt.timedelta(days=1)
        return True

    def counts(self, day: dt.date) -> bool:
        """Whether work done on `day` falls in one of this plan's report periods."""
        return any(start <= day <= end for start, end in self.spans)

    # Lookups by every name an editor may type, built once per plan.
    @cached_property
    def _items_by_key(self) -> dict[str, Item]:
        return {key: item for item in self.items for key in (str(item.number), normalize(item.slug))}

    @cached_property
    def _choices_by_key(self) -> dict[tuple[str, str], Choice]:
        return {
            (kind, key): choice
            for kind, choices in (("form", self.forms), ("unit", self.units))
            for choice in choices
            for key in (normalize(choice.id), normalize(choice.name))
        }

    def item(self, key: str | int) -> Item | None:
        return self._items_by_key.get(normalize(key))

    def form(self, value: str) -> Choice | None:
        return self._choices_by_key.get(("form", normalize(value)))

    def unit(self, value: str) -> Choice | None:
        return self._choices_by_key.get(("unit", normalize(value)))

    def period(self, value: str) -> ReportPeriod | None:
        return next((p for p in self.periods if p.matches(value)), None)

    def matches(self, value: str) -> bool:
        return names_match(value, self.id, self.slug)


class PlanSet(tuple[Plan, ...]):
    """Every valid plan of a content directory, in date order."""

    def find(self, value: str) -> Plan | None:
        """The plan named by its id or slug, or by its number alone ('118') when one plan has it."""
        named = next((p for p in self if p.matches(value)), None)
        if named is None and value.strip().isdigit():
            numbered = [p for p in self if p.id.split("/", 1)[0] == value.strip()]
            named = numbered[0] if len(numbered) == 1 else None
        return named

    def covering(self, day: dt.date) -> list[Plan]:
        return [p for p in self if p.covers(day)]

    def counting(self, day: dt.date) -> list[Plan]:
        """The plans whose report periods hold `day` (plans of one kind never share a day)."""
        return [p for p in self if p.counts(day)]

    def home(self, day: dt.date) -> list[Plan]:
        """The plans a post of `day` that names none may belong to: those counting the day, else
        those covering it (a day of a plan's year after its last report period)."""
        return self.counting(day) or self.covering(day)

    def default(self, today: dt.date, kind: str | None = None) -> Plan | None:
        """The plan counting today, else covering it, else the latest one; of `kind` when some
        plan is of that kind (the kind the site leads with: MAIN_PLAN_KIND)."""
        plans = [p for p in self if p.kind == kind] or list(self)
        current = [p for p in plans if p.counts(today)] or [p for p in plans if p.covers(today)]
        if current:
            return current[-1]
        return max(plans, key=lambda p: (p.end, p.start), default=None)

    def counting_most(self, first: dt.date, last: dt.date, kind: str | None = None) -> Plan | None:
        """The plan (of `kind`, when some plan is) that counts the most days from `first` to
        `last`; None when none counts any. A later plan wins a tie."""
        plans = [p for p in self if p.kind == kind] or list(self)

        def days(plan: Plan) -> int:
            return sum(max(0, (min(end, last) - max(start, first)).days + 1) for start, end in plan.spans)

        best = max(plans, key=lambda p: (days(p), p.end, p.start), default=None)
        return best if best is not None and days(best) else None


# --- loading -------------------------------------------------------------


class _LineDict(dict[str, Any]):
    """A YAML mapping that remembers the line of each key."""

    line: int = 0
    key_lines: dict[str, int]


class PlanFileRefused(Exception):
    """A YAML construct a plan file may not use; carries the line and the fix."""

    def __init__(self, line: int | None, message: str, fix: str):
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


class _Loader(yaml.SafeLoader):
    """YAML without aliases, with bounded depth and size, keys as plain scalars, lines kept."""

    def __init__(self, stream: str, what: str = "tệp kế hoạch") -> None:
        super().__init__(stream)
        self.what = what  # the file as messages name it
        self.duplicate_keys: list[tuple[str, int]] = []
        self.bad_values: list[tuple[int, str, str]] = []  # (line, message, fix)
        self.depth = 0
        self.nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise PlanFileRefused(
                line,
                f"{self.what} dùng neo/bí danh YAML ('&…' hoặc '*…')",
                "viết đầy đủ giá trị ở mỗi chỗ thay vì dùng '&' và '*'",
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise PlanFileRefused(
                line,
                f"{self.what} có quá nhiều phần tử (trên {MAX_NODES})",
                "kiểm tra lại tệp; một kế hoạch chỉ có vài trăm dòng",
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise PlanFileRefused(
                    line,
                    f"{self.what} lồng quá {MAX_DEPTH} cấp",
                    "kiểm tra thụt lề và các dấu '[' '{' ở dòng này",
                )
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if isinstance(node, yaml.ScalarNode) and CONTROL_CHARACTERS.search(node.value):
            self.bad_values.append(
                (
                    line,
                    "giá trị có ký tự điều khiển ẩn (thường do dán từ Word)",
                    "gõ lại giá trị này, không dùng mã '\\x..' hay '\\v'",
                )
            )
        return node

    def construct_line_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
        mapping = _LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.bad_values.append(
                    (
                        line,
                        "khóa phức hợp ('? …', danh sách hoặc bảng làm khóa)",
                        "mỗi khóa là một chữ, ví dụ 'title:'",
                    )
                )
                continue
            key = self.construct_object(key_node, deep=True)
            key = key if isinstance(key, str) else str(key)  # `1:` or `2020-01-01:` is a key too
            if key in mapping:
                self.duplicate_keys.append((str(key), line))
            mapping[key] = self.construct_object(value_node, deep=deep)
            mapping.key_lines[key] = line
        return mapping

    def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> dt.date | str:
        """An impossible date (2021-02-30) stays text, so it is reported, not a crash."""
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_bounded_int(self, node: yaml.ScalarNode) -> int | str:
        """A number too long to be a plan's number stays text, reported where a number is due."""
        if len(node.value) > MAX_NUMBER_DIGITS:
            return self.construct_scalar(node)
        return self.construct_yaml_int(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_line_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_lenient_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_bounded_int)


def safe_load_plan_yaml(raw: str, what: str = "tệp kế hoạch") -> tuple[Any, _Loader]:
    """(data, loader) from YAML text; raises PlanFileRefused or yaml.YAMLError."""
    loader = _Loader(raw, what)
    try:
        return loader.get_single_data(), loader
    finally:
        loader.dispose()


PLAN_KEYS = {
    "id",
    "kind",
    "slug",
    "title",
    "date",
    "issuer",
    "signer",
    "based_on",
    "covers",
    "defaults",
    "items",
    "forms",
    "units",
    "report_periods",
    "text",
    "report",
}
OPTIONAL_PLAN_KEYS = {"date", "signer", "based_on", "text", "report"}


def load_yaml_file(path: Path, shown: str, what: str = "tệp kế hoạch") -> tuple[Any, list[Problem]]:
    """A content YAML file's data (a plan, the department's data), or None, and every problem with
    its line: read as a plan is, without aliases, bounded, keys as plain scalars, lines kept."""
    problems: list[Problem] = []
    try:
        raw = read_source(path, MAX_PLAN_BYTES).decode("utf-8-sig")
    except SourceError as error:
        problems.append(Problem(shown, None, str(error), f"giữ {what} dưới 1 MB"))
        return None, problems
    except UnicodeDecodeError:
        problems.append(Problem(shown, None, f"{what} không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"))
        return None, problems
    try:
        plan, loader = safe_load_plan_yaml(raw, what)
    except PlanFileRefused as error:
        problems.append(Problem(shown, error.line, error.message, error.fix))
        return None, problems
    except yaml.reader.ReaderError as error:
        line = raw.count("\n", 0, error.position) + 1 if isinstance(error.position, int) else None
        problems.append(
            Problem(
                shown,
                line,
                f"{what} có ký tự điều khiển ẩn (mã {error.character!r})",
                "xóa hoặc gõ lại dòng này",
            )
        )
        return None, problems
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(
            Problem(
                shown,
                mark.line + 1 if mark else None,
                f"tệp YAML không đọc được ({getattr(error, 'problem', error)})",
                "kiểm tra thụt lề và dấu ':' ở dòng này",
            )
        )
        return None, problems
    for key, line in loader.duplicate_keys:
        problems.append(Problem(shown, line, f"khóa '{key}' được viết hai lần", "xóa một trong hai dòng"))
    for line, message, fix in loader.bad_values:
        problems.append(Problem(shown, line, message, fix))
    return plan, problems


def keyed_problem(shown: str, where: Any, key: str, message: str, fix: str = "") -> Problem:
    """A problem with a key of a YAML mapping loaded here (plans, the department's data), at the
    key's line, else the mapping's."""
    line = getattr(where, "key_lines", {}).get(key) or getattr(where, "line", None)
    return Problem(shown, line, f"khóa '{key}': {message}", fix)


class _PlanReader:
    """Reads one plan file, collecting every problem with its line."""

    def __init__(self, path: Path, shown_path: str):
        self.path = path
        self.shown = shown_path
        self.problems: list[Problem] = []

    def problem(self, where: dict[str, Any], key: str, message: str, fix: str = "") -> None:
        self.problems.append(keyed_problem(self.shown, where, key, message, fix))

    def text(self, mapping: dict[str, Any], key: str, required: bool = True) -> str:
        value = mapping.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(mapping, key, "thiếu hoặc để trống", f"thêm dòng '{key}: …'")
            return ""
        if not isinstance(value, (str, int)):
            self.problem(mapping, key, "phải là một chuỗi chữ")
            return ""
        text = str(value).strip()
        if key != "text" and ("\n" in text or "\t" in text):
            self.problem(
                mapping,
                key,
                "phải viết trên một dòng (có ký tự xuống dòng hoặc tab)",
                "viết giá trị trên một dòng, không dùng '|' hay '\\n'",
            )
        return text

    def date(self, mapping: dict[str, Any], key: str) -> dt.date | None:
        value = mapping.get(key)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if value is None:
            self.problem(mapping, key, "thiếu ngày", f"thêm '{key}: YYYY-MM-DD'")
        else:
            self.problem(
                mapping,
                key,
                f"ngày '{value}' không hợp lệ",
                "viết ngày có thật theo dạng YYYY-MM-DD, ví dụ 2020-06-04",
            )
        return None

    def item_numbers(self, entry: dict[str, Any]) -> tuple[int, ...]:
        """A unit's `items:` — the numbers of the items it is charged with."""
        value = entry.get("items", [])
        numbers = value if isinstance(value, list) else [value]
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            self.problem(entry, "items", "phải là danh sách số mục, ví dụ [1, 4, 6]")
            return ()
        return tuple(sorted(set(numbers)))

    def mapping_list(self, plan: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = plan.get(key)
        if not isinstance(value, list) or not value:
            self.problem(plan, key, "phải là một danh sách không rỗng")
            return []
        good = [entry for entry in value if isinstance(entry, dict)]
        if len(good) != len(value):
            self.problem(plan, key, "mỗi phần tử phải có dạng 'khóa: giá trị'")
        return good

    def choices(self, plan: dict[str, Any], key: str, group_key: str = "") -> tuple[Choice, ...]:
        result, seen = [], set()
        for entry in self.mapping_list(plan, key):
            allowed = UNIT_KEYS if group_key else {"id", "name", "measure"}
            for extra in sorted(set(entry) - allowed):
                self.problem(
                    entry,
                    extra,
                    f"khóa không được hỗ trợ trong '{key}'",
                    "các khóa: " + ", ".join(sorted(allowed)),
                )
            unit_fields: dict[str, Any] = (
                {"measure": self.text(entry, "measure", False)} if not group_key else {}
            )
            if group_key:
                unit_fields = {name: self.text(entry, name, False) for name in ("symbol", "head", "signer")}
                unit_fields["items"] = self.item_numbers(entry)
            choice = Choice(
                # A unit's id names its report's file (bao-cao/<plan>/<period>/<unit id>.md).
                self.unit_id(entry) if group_key else self.text(entry, "id"),
                self.text(entry, "name"),
                self.text(entry, group_key) if group_key else "",
                **unit_fields,
            )
            for field in ("id", "name"):
                value = normalize(getattr(choice, field))
                if value in seen:
                    self.problem(entry, field, f"'{getattr(choice, field)}' bị trùng trong '{key}'")
                seen.add(value)
            result.append(choice)
        return tuple(result)

    def items(self, plan: dict[str, Any]) -> tuple[Item, ...]:
        items, numbers, slugs = [], set(), set()
        for entry in self.mapping_list(plan, "items"):
            number = entry.get("number")
            if not isinstance(number, int) or isinstance(number, bool) or number < 1:
                self.problem(entry, "number", f"số thứ tự mục '{number}' phải là số nguyên dương")
                continue
            if number in numbers:
                self.problem(
                    entry, "number", f"mục số {number} bị trùng", "mỗi mục nội dung phải có một số riêng"
                )
            slug = self.slug(entry, "slug")
            if slug and slug in slugs:
                self.problem(entry, "slug", f"slug '{slug}' bị trùng")
            numbers.add(number)
            slugs.add(slug)
            items.append(Item(number, self.text(entry, "title"), slug, self.text(entry, "text")))
        return tuple(sorted(items, key=lambda i: i.number))

    def periods(
        self, plan: dict[str, Any], start: dt.date | None, end: dt.date | None
    ) -> tuple[ReportPeriod, ...]:
        periods, ids = [], set()
        for entry in self.mapping_list(plan, "report_periods"):
            values = (self.text(entry, "id"), self.slug(entry, "slug"), self.text(entry, "title"))
            dates = [self.date(entry, k) for k in ("from", "to", "unit_deadline", "office_deadline")]
            if None in dates:
                continue
            period = ReportPeriod(*values, *cast("list[dt.date]", dates))  # no None: checked above
            if normalize(period.id) in ids:
                self.problem(entry, "id", f"kỳ báo cáo '{period.id}' bị trùng")
            ids.add(normalize(period.id))
            if period.start > period.end:
                self.problem(entry, "to", "ngày kết thúc trước ngày bắt đầu")
            if period.unit_deadline <= period.end:
                self.problem(
                    entry,
                    "unit_deadline",
                    f"hạn đơn vị gửi báo cáo ({period.unit_deadline}) không sau ngày chốt số liệu "
                    f"({period.end})",
                    "số liệu chốt trước hạn: sửa 'to' hoặc 'unit_deadline'",
                )
            if period.office_deadline < period.unit_deadline:
                self.problem(
                    entry,
                    "office_deadline",
                    f"hạn Văn phòng báo cáo ({period.office_deadline}) trước hạn các đơn vị "
                    f"({period.unit_deadline})",
                    "sửa 'office_deadline' hoặc 'unit_deadline'",
                )
            if start and end and not (start <= period.start and period.end <= end):
                self.problem(
                    entry,
                    "from",
                    "kỳ báo cáo nằm ngoài thời gian của kế hoạch",
                    f"giữ trong khoảng {start} – {end}",
                )
            periods.append(period)
        return tuple(periods)

    def load(self) -> Any:
        """The file's YAML data, or None with a Problem."""
        data, problems = load_yaml_file(self.path, self.shown)
        self.problems += problems
        return data

    def unit_id(self, entry: dict[str, Any]) -> str:
        value = self.text(entry, "id")
        if value and not SLUG.match(value):
            self.problem(
                entry,
                "id",
                f"mã đơn vị '{value}' không hợp lệ",
                "mã đơn vị là tên tệp báo cáo của đơn vị: chỉ dùng chữ thường không dấu, số và dấu "
                f"gạch ngang, ví dụ '{ascii_slug(value) or 'van-phong'}'",
            )
        return value

    def slug(self, mapping: dict[str, Any], key: str) -> str:
        value = self.text(mapping, key)
        if value and not SLUG.match(value):
            self.problem(
                mapping,
                key,
                f"slug '{value}' không hợp lệ",
                "chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ 'ke-hoach-2021'",
            )
        return value

    def read(self) -> Plan | None:
        plan = self.load()
        if plan is None:
            return None
        if not isinstance(plan, dict):
            self.problems.append(Problem(self.shown, 1, "tệp kế hoạch phải là một bảng 'khóa: giá trị'"))
            return None
        self.check_keys(plan)
        start, end = self.covers(plan)
        forms = self.choices(plan, "forms")
        units = self.choices(plan, "units", "group")
        # Read in the order the fields are listed, so problems come in that order.
        plan_id = self.text(plan, "id")
        kind = self.text(plan, "kind")
        slug = self.slug(plan, "slug")
        title = self.text(plan, "title")
        date = self.date(plan, "date") if plan.get("date") not in (None, "") else None  # unsigned
        if date and end and date > end:
            self.problem(
                plan, "date", f"ngày ký {date} sau ngày kết thúc kế hoạch {end}", "sửa 'date' hoặc 'covers'"
            )
        issuer = self.text(plan, "issuer")
        signer = self.text(plan, "signer", False)
        based_on = self.text(plan, "based_on", False)
        items = self.items(plan)
        periods = self.periods(plan, start, end)
        default_form = self.default(plan, "form", forms, "hình thức mặc định", "forms")
        default_unit = self.default(plan, "unit", units, "đơn vị mặc định", "units")
        text = self.text(plan, "text", False)
        report = self.report(plan)
        # A missing date or default always comes with a problem; the checks below only narrow the types.
        if self.problems or start is None or end is None or default_form is None or default_unit is None:
            return None
        return Plan(
            id=plan_id,
            kind=kind,
            slug=slug,
            title=title,
            date=date,
            issuer=issuer,
            signer=signer,
            based_on=based_on,
            start=start,
            end=end,
            items=items,
            forms=forms,
            units=units,
            periods=periods,
            default_form=default_form,
            default_unit=default_unit,
            text=text,
            source=self.shown,
            report=report,
        )

    def report(self, plan: dict[str, Any]) -> ReportLayout:
        section = plan.get("report")
        if section is None:
            return ReportLayout()
        if not isinstance(section, dict):
            self.problem(plan, "report", "phải là một bảng 'khóa: giá trị'", "xem docs/huong-dan-bao-cao.md")
            return ReportLayout()
        for key in sorted(set(section) - REPORT_KEYS):
            self.problem(
                section,
                key,
                "khóa không được hỗ trợ trong 'report'",
                "các khóa hợp lệ: " + ", ".join(sorted(REPORT_KEYS)),
            )
        fields = {
            k: self.text(section, k, False)
            for k in ("number_symbol", "subject", "addressee", "signer_name", "office_unit")
        }
        return ReportLayout(
            recipients=self.lines(section, "recipients"),
            signer_title=self.lines(section, "signer_title"),
            **fields,
        )

    def lines(self, mapping: dict[str, Any], key: str) -> tuple[str, ...]:
        """A one-line text or a list of one-line texts (the lines of a block)."""
        value = mapping.get(key, [])
        values = value if isinstance(value, list) else [value]
        for entry in values:
            if isinstance(entry, dict) and len(entry) == 1:  # `- Lưu: VT, VP.` read as a mapping
                (name, rest), line = next(iter(entry.items())), getattr(entry, "line", None)
                self.problems.append(
                    Problem(
                        self.shown,
                        line,
                        f"khóa '{key}': dòng '- {name}: {rest}' có dấu hai chấm nên không đọc được "
                        "như một dòng chữ",
                        f'đặt cả dòng trong dấu ngoặc kép: - "{name}: {rest}"',
                    )
                )
                return ()
        if not all(isinstance(v, (str, int)) for v in values):
            self.problem(
                mapping,
                key,
                "phải là một dòng chữ hoặc danh sách dòng chữ",
                f"viết '- …' cho mỗi dòng dưới '{key}:'",
            )
            return ()
        if any("\n" in str(v) or "\t" in str(v) for v in values):
            self.problem(mapping, key, "mỗi dòng phải viết trên một dòng (có ký tự xuống dòng hoặc tab)")
        return tuple(str(v).strip() for v in values if str(v).strip())

    def check_keys(self, plan: dict[str, Any]) -> None:
        for key in sorted(set(plan) - PLAN_KEYS):
            self.problem(
                plan, key, "khóa không được hỗ trợ", "các khóa hợp lệ: " + ", ".join(sorted(PLAN_KEYS))
            )
        for key in sorted(PLAN_KEYS - OPTIONAL_PLAN_KEYS - set(plan)):
            self.problem(plan, key, "thiếu khóa bắt buộc", f"thêm '{key}:' vào tệp kế hoạch")

    def covers(self, plan: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
        covers: dict[str, Any] = plan["covers"] if isinstance(plan.get("covers"), dict) else {}
        if "covers" in plan and not covers:
            self.problem(plan, "covers", "phải có 'from' và 'to'")
        start = self.date(covers, "from") if covers else None
        end = self.date(covers, "to") if covers else None
        if start and end and start > end:
            self.problem(covers, "to", "ngày kết thúc trước ngày bắt đầu")
        return start, end

    def default(
        self, plan: dict[str, Any], key: str, choices: tuple[Choice, ...], label: str, list_key: str
    ) -> Choice | None:
        defaults: dict[str, Any] = plan["defaults"] if isinstance(plan.get("defaults"), dict) else {}
        found = next((c for c in choices if c.matches(str(defaults.get(key, "")))), None)
        if not found:
            self.problem(
                defaults or plan,
                key if defaults else "defaults",
                f"{label} không có trong '{list_key}'",
                "các giá trị hợp lệ: " + ", ".join(c.id for c in choices),
            )
        return found


# Plans read, by file, as shown and the file's stamp: a plan file is parsed again only when it
# changed (the shared editor checks the site several times a second; plans are frozen).
_READ: dict[tuple[str, str, tuple[int, int, int, int]], tuple[Plan | None, list[Problem]]] = {}
_READ_LIMIT = 256


def _read_plan(path: Path, shown: str) -> tuple[Plan | None, list[Problem]]:
    try:
        info = os.stat(path)
    except OSError:
        info = None
    key = (
        (str(path), shown, (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)) if info else None
    )
    if key is not None and key in _READ:
        plan, problems = _READ[key]
        return plan, list(problems)
    reader = _PlanReader(path, shown)
    plan = reader.read()
    if key is not None:
        if len(_READ) >= _READ_LIMIT:
            _READ.clear()
        _READ[key] = (plan, list(reader.problems))
    return plan, reader.problems


def load_plans(
    plans_dir: Path, shown_dir: str | None = None, files: list[Path] | None = None
) -> tuple[PlanSet, list[Problem]]:
    """Load every `*.yml`/`*.yaml` plan; return the valid plans and every problem found.

    files: the plan files as the content scan listed them (links refused); by default the
    regular files directly in plans_dir.
    """
    shown_dir = shown_dir or str(plans_dir)
    plans, problems = [], []
    if files is None:
        files = (
            [
                p
                for p in [*plans_dir.glob("*.yml"), *plans_dir.glob("*.yaml")]
                if p.is_file() and not p.is_symlink()
            ]
            if plans_dir.is_dir()
            else []
        )
    for path in sorted(files):
        plan, found = _read_plan(path, f"{shown_dir}/{Path(path).relative_to(plans_dir).as_posix()}")
        problems += found
        if plan:
            plans.append(plan)
    problems += _cross_plan_problems(plans)
    return PlanSet(sorted(plans, key=lambda p: (p.start, p.id))), problems


def _shared_span(first: Plan, second: Plan) -> tuple[dt.date, dt.date] | None:
    """Days both plans count, if any: the first such stretch."""
    for a_start, a_end in first.spans:
        for b_start, b_end in second.spans:
            if a_start <= b_end and b_start <= a_end:
                return max(a_start, b_start), min(a_end, b_end)
    return None


def _cross_plan_problems(plans: list[Plan]) -> list[Problem]:
    problems = []
    for i, first in enumerate(plans):
        for second in plans[i + 1 :]:
            for field, label in (("id", "số hiệu"), ("slug", "slug")):
                if normalize(getattr(first, field)) == normalize(getattr(second, field)):
                    problems.append(
                        Problem(
                            second.source,
                            None,
                            f"khóa '{field}': {label} '{getattr(second, field)}' trùng với {first.source}",
                            "mỗi kế hoạch phải có số hiệu và slug riêng",
                        )
                    )
            shared = _shared_span(first, second) if first.kind == second.kind else None
            if shared:
                problems.append(
                    Problem(
                        second.source,
                        None,
                        f"kỳ báo cáo {shared[0]} – {shared[1]} trùng với kỳ báo cáo của kế hoạch cùng loại "
                        f"'{first.kind}' trong {first.source}: một việc sẽ được tính hai lần",
                        "sửa 'report_periods' để hai kế hoạch cùng loại không tính trùng ngày",
                    )
                )
    return problems

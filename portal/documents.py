"""Official documents (văn bản): one Markdown file each under `<content>/van-ban/`.

Decree 42/2022/NĐ-CP asks an agency's portal to publish its documents with
type, issuing body, number and symbol, dates of issue and effect, summary
(trích yếu) and a downloadable file. A document's header (DESIGN.md contract
8) is read by the same parser as a post's; this module turns it into a
`Document`, with every problem at once, and resolves the numbers a post's
`Documents:` line names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from .content_files import ContentTree, publishable
from .dates import DateFormatError, parse_local_datetime
from .posts import Header, did_you_mean, short_slug, slug_problem
from .problems import Problem
from .slugs import ascii_slug, make_slug

# The header keys of a document (DESIGN.md contract 8), in the order a document file lists them.
DOCUMENT_KEY_ORDER = (
    "number",
    "type",
    "issuer",
    "signed",
    "effective",
    "expires",
    "title",
    "files",
    "signer",
    "field",
    "status",
    "slug",
)
DOCUMENT_KEYS = set(DOCUMENT_KEY_ORDER)
REQUIRED_KEYS = ("number", "type", "issuer", "signed", "effective", "title", "files")
DEFAULT_TYPES = (
    "Luật",
    "Nghị định",
    "Nghị quyết",
    "Thông tư",
    "Quyết định",
    "Chỉ thị",
    "Kế hoạch",
    "Chương trình",
    "Hướng dẫn",
    "Thông báo",
    "Công văn",
    "Báo cáo",
)
IN_FORCE, EXPIRED = "còn hiệu lực", "hết hiệu lực"
REPLACED = "bị thay thế bởi"
MAX_NUMBER, MAX_NAME, MAX_TITLE = 60, 200, 1000  # characters: names become folder names
# Editors type numbers with en dashes, spaces or a lower-case "đ": all name the same document.
DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
NUMBER_PATTERN = re.compile(r"^\d+[a-zA-Z]?(?:/\d{4})?/[^\s/][^/]*$")
_SAFE_FILE = re.compile(r"^[^\\:*?\"<>|]+$")


def number_key(number: str) -> str:
    """The comparison key of a number and symbol: NFC, upper case, one kind of dash, no spaces."""
    text = unicodedata.normalize("NFC", number).translate(DASHES).upper()
    return "".join(text.split())


def number_slug(number: str) -> str:
    """'31/QĐ-UBND' -> '31-qd-ubnd': for addresses."""
    return ascii_slug(number)


def search_forms(number: str) -> list[str]:
    """Other spellings a reader types for a number: spaced, and without marks ('31 QD UBND')."""
    spaced = " ".join(re.split(r"[/\-\s.]+", number.translate(DASHES)))
    plain = make_slug(spaced, {}).upper()
    return [form for form in dict.fromkeys([spaced, plain]) if form != number]


@dataclass(frozen=True)
class Document:
    source: str  # as shown in problems
    path: str
    number: str
    type: str
    issuer: str
    signed: dt.date
    effective: dt.date
    expires: dt.date | None
    title: str  # trích yếu
    files: tuple[str, ...]  # relative to the content folder: files/…
    signer: str
    field: str
    status: str  # as written, or derived from Expires
    replaced_by: str  # a number, when the status says "bị thay thế bởi …"
    slug: str
    lines: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        return number_key(self.number)

    @property
    def year(self) -> int:
        return self.signed.year


def parse_day(text: str) -> dt.date:
    """A document's date: YYYY-MM-DD (a time is refused: documents are dated by day)."""
    value = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return parse_local_datetime(value).date()
    raise DateFormatError(f"'{value}' không phải ngày theo dạng YYYY-MM-DD")


def required_key_problems(
    header: Header, values: dict[str, str], keys: Iterable[str], shown: str, part: str
) -> list[Problem]:
    """A header key a document or task must have, missing or empty, at its line; the guide's part
    that explains it. An empty title is left out: reading the header named it already."""
    problems = []
    for key in keys:
        if values.get(key, "").strip() or (key == "title" and key in values):
            continue
        label = key.capitalize()
        problems.append(
            Problem(
                shown,
                header.lines.get(key, 1),
                f"thiếu dòng '{label}:'" if key not in values else f"'{label}' để trống",
                f"thêm '{label}: …' (xem docs/huong-dan-bien-tap.md, phần {part})",
            )
        )
    return problems


MAX_LISTED_FILES = 200  # files on one Files: line
MAX_GUESSES = 5  # "có phải …?" for the first missing files of a line only


def listed_files(
    value: str, tree: ContentTree, settings: dict[str, Any]
) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """A `Files:` line (a document's files, an activity's evidence): each comma-separated entry a
    published file under files/, with or without the 'files/' prefix; and (message, fix) for each
    entry that is not."""
    names = [n.strip() for n in value.split(",") if n.strip()]
    on_disk = tree.composed("files")
    found: list[str] = []
    problems: list[tuple[str, str]] = []
    if len(names) > MAX_LISTED_FILES:
        problems.append(
            (
                f"{len(names)} tệp trên một dòng, quá {MAX_LISTED_FILES}",
                "gộp các tệp thành một tệp nén (.zip) hoặc chia thành nhiều văn bản, hoạt động",
            )
        )
        names = names[:MAX_LISTED_FILES]
    missing = 0
    for name in names:
        relative = unicodedata.normalize("NFC", "files/" + name.removeprefix("/").removeprefix("files/"))
        if ".." in relative.split("/") or not _SAFE_FILE.match(relative):
            problems.append(
                (f"'{name}' không phải đường dẫn trong thư mục files/", "ví dụ: Files: 2020/ke-hoach-118.pdf")
            )
        elif relative not in on_disk:
            missing += 1  # a guess costs a look at every file: only for the first few
            guess = did_you_mean(relative, on_disk) if missing <= MAX_GUESSES else ""
            problems.append(
                (
                    f"không có tệp '{relative}' trong thư mục nội dung",
                    guess + "chép tệp vào content/files/ rồi ghi đúng tên",
                )
            )
        elif not publishable(on_disk[relative], settings):
            problems.append((f"loại tệp của '{relative}' không được đăng", "dùng tệp PDF, Word, Excel, ảnh…"))
        else:
            found.append(on_disk[relative])
    return tuple(found), problems


class DocumentReader:
    """Reads one document's header into a Document, collecting every problem with its line."""

    def __init__(
        self,
        header: Header,
        shown: str,
        path: str,
        settings: dict[str, Any],
        tree: ContentTree,
        today: dt.date,
    ):
        # Unikey's "Unicode tổ hợp" and macOS file names are decomposed: compare composed text.
        values = {k: " ".join(unicodedata.normalize("NFC", v).split()) for k, v in header.values.items()}
        self.header, self.values, self.shown, self.path = header, values, shown, path
        self.settings, self.tree, self.today = settings, tree, today
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, fix: str) -> None:
        self.problems.append(
            Problem(self.shown, self.header.line(key), f"{key.capitalize()}: {message}", fix)
        )

    def day(self, key: str) -> dt.date | None:
        if key not in self.values:
            return None
        try:
            return parse_day(self.values[key])
        except DateFormatError as error:
            self.problem(key, str(error), f"ví dụ: {key.capitalize()}: 2020-02-07")
            return None

    def read(self) -> Document | None:
        self.problems += required_key_problems(self.header, self.values, REQUIRED_KEYS, self.shown, "văn bản")
        number = self.values.get("number", "").translate(DASHES)
        if number and (len(number) > MAX_NUMBER or not NUMBER_PATTERN.match(number)):
            self.problem("number", f"'{number[:60]}' không có dạng số/ký hiệu", "ví dụ: Number: 118/KH-KHCN")
        for key in ("issuer", "field", "signer", "title"):
            limit = MAX_TITLE if key == "title" else MAX_NAME
            if len(self.values.get(key, "")) > limit:
                self.problem(key, f"dài quá {limit} ký tự", "viết ngắn lại")
        kind = self.kind()
        signed, effective, expires = self.day("signed"), self.day("effective"), self.day("expires")
        if signed and effective and effective < signed:
            self.problem(
                "effective",
                "ngày có hiệu lực trước ngày ban hành",
                "sửa Effective thành ngày từ ngày ký trở đi",
            )
        if effective and expires and expires < effective:
            self.problem(
                "expires", "ngày hết hiệu lực trước ngày có hiệu lực", "sửa Expires hoặc xóa dòng này"
            )
        files = self.files()
        status, replaced_by = self.status(expires)
        slug = self.values.get("slug") or number_slug(number)
        problem = slug_problem(Header(self.values, self.header.lines), slug, self.shown) if number else None
        if problem:  # the slug names the page's folder: never outside van-ban/<year>/
            self.problems.append(problem)
        if self.problems or signed is None or effective is None:
            return None
        return Document(
            source=self.shown,
            path=self.path,
            number=number,
            type=kind,
            issuer=self.values["issuer"].strip(),
            signed=signed,
            effective=effective,
            expires=expires,
            title=self.values["title"].strip(),
            files=files,
            signer=self.values.get("signer", "").strip(),
            field=self.values.get("field", "").strip(),
            status=status,
            replaced_by=replaced_by,
            slug=slug,
            lines=dict(self.header.lines),
        )

    def kind(self) -> str:
        value = " ".join(self.values.get("type", "").split())
        types = tuple(self.settings.get("DOCUMENT_TYPES") or DEFAULT_TYPES)
        found = next((t for t in types if t.casefold() == value.casefold()), None)
        if value and not found:
            self.problem(
                "type",
                f"loại văn bản '{value}' không có trong danh sách",
                did_you_mean(value, types) + "các loại: " + ", ".join(types),
            )
        return found or value

    def files(self) -> tuple[str, ...]:
        """Each entry names a file under files/ (with or without the 'files/' prefix) that exists."""
        found, problems = listed_files(self.values.get("files", ""), self.tree, self.settings)
        for message, fix in problems:
            self.problem("files", message, fix)
        return found

    def status(self, expires: dt.date | None) -> tuple[str, str]:
        value = " ".join(self.values.get("status", "").split())
        folded = value.casefold()
        if not value:
            return (EXPIRED if expires and expires < self.today else IN_FORCE), ""
        if folded in (IN_FORCE, EXPIRED):
            return folded, ""
        if folded.startswith(REPLACED):
            replaced_by = value[len(REPLACED) :].strip(" :").translate(DASHES)
            if replaced_by:
                return f"{REPLACED} {replaced_by}", replaced_by
        self.problem(
            "status",
            f"tình trạng '{value}' không hợp lệ",
            f"dùng '{IN_FORCE}', '{EXPIRED}' hoặc '{REPLACED} <số văn bản>'",
        )
        return value, ""


def library_problems(documents: Iterable[Document]) -> list[Problem]:
    """What no single file shows: a number used twice, two documents at one address, a filter
    value spelled two ways (they would share one filter page), a replacement that does not exist."""
    ordered = sorted(documents, key=lambda d: d.source)
    problems: list[Problem] = []

    def problem(document: Document, key: str, message: str, fix: str) -> None:
        problems.append(Problem(document.source, document.lines.get(key, 1), message, fix))

    numbers: dict[str, Document] = {}
    addresses: dict[tuple[int, str], Document] = {}
    for document in ordered:
        first = numbers.setdefault(document.key, document)
        if first is not document:
            problem(
                document,
                "number",
                f"Number: số '{document.number}' đã dùng cho {first.source}",
                "mỗi văn bản một số, ký hiệu riêng; sửa số hoặc xóa tệp trùng",
            )
            continue
        first = addresses.setdefault((document.year, document.slug), document)
        if first is not document:
            problem(
                document,
                "slug" if "slug" in document.lines else "number",
                f"văn bản này và {first.source} có cùng đường dẫn van-ban/{document.year}/{document.slug}/",
                f"thêm dòng 'Slug: {document.slug}-2'",
            )
    for kind, label in FACETS[:-1]:  # the year is a number: one spelling
        problems += spelling_problems(
            ordered, FACET_KEYS[kind], label, functools.partial(_facet_value, kind=kind)
        )
    for document in ordered:
        if document.replaced_by and number_key(document.replaced_by) not in numbers:
            problem(
                document,
                "status",
                f"Status: không có văn bản số '{document.replaced_by}' trong thư mục van-ban/",
                did_you_mean(document.replaced_by, [d.number for d in ordered]) + "sửa số văn bản thay thế",
            )
    return problems


class Sourced(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def lines(self) -> dict[str, int]: ...


S = TypeVar("S", bound=Sourced)


def spelling_problems(
    ordered: Iterable[S], key: str, label: str, value_of: Callable[[S], str]
) -> list[Problem]:
    """A filter value spelled two ways (they would share one filter page), or with no letter or
    digit (no address): each file after the first spelling, at its key's line."""
    problems: list[Problem] = []
    spellings: dict[str, tuple[str, S]] = {}
    for thing in ordered:
        value = value_of(thing)
        if not value:
            continue
        slug = facet_slug(value)
        line = thing.lines.get(key, 1)
        if not slug:
            problems.append(
                Problem(
                    thing.source,
                    line,
                    f"{key.capitalize()}: '{value}' không có chữ hay số",
                    "viết tên có chữ",
                )
            )
            continue
        first_value, first = spellings.setdefault(slug, (value, thing))
        if first_value != value:
            problems.append(
                Problem(
                    thing.source,
                    line,
                    f"{key.capitalize()}: '{value}' viết khác '{first_value}' ở {first.source} "
                    f"({label.lower()} giống nhau phải viết giống hệt nhau)",
                    f"viết '{first_value}'",
                )
            )
    return problems


class DocumentIndex:
    """The documents by number, as a post's `Documents:` line names them."""

    def __init__(self, documents: Iterable[Document]):
        self.documents = sorted(documents, key=lambda d: (d.signed, d.number), reverse=True)
        self.by_key = {d.key: d for d in self.documents}

    def find(self, number: str) -> Document | None:
        return self.by_key.get(number_key(number))

    def resolve(
        self, header: Header, shown: str, posted: dt.datetime | None = None
    ) -> tuple[tuple[Document, ...], list[Problem]]:
        """The documents a post's `Documents:` line names; an unknown number, or a document signed
        after the post, is an error."""
        value = header.values.get("documents", "")
        found, problems = [], []
        for number in (n.strip() for n in value.split(",")):
            if not number:
                continue
            document = self.find(number)
            if document is None:
                known = [d.number for d in self.documents]
                problems.append(
                    Problem(
                        shown,
                        header.line("documents"),
                        f"Documents: không có văn bản số '{number}' trong thư mục van-ban/",
                        did_you_mean(number, known)
                        + (
                            "thêm tệp văn bản vào content/van-ban/ hoặc sửa số"
                            if known
                            else "thêm tệp văn bản vào content/van-ban/"
                        ),
                    )
                )
            elif document not in found:
                found.append(document)
                if posted and document.signed > posted.date():
                    problems.append(
                        Problem(
                            shown,
                            header.line("documents"),
                            f"Documents: văn bản số {document.number} ban hành ngày "
                            f"{document.signed:%d/%m/%Y}, sau ngày đăng bài {posted:%d/%m/%Y}",
                            "kiểm tra lại Date của bài hoặc Signed của văn bản",
                        )
                    )
        return tuple(found), problems


# Facets: the list page's filters, one static page per value (they work without JavaScript).
FACETS = (
    ("loai", "Loại văn bản"),
    ("co-quan", "Cơ quan ban hành"),
    ("linh-vuc", "Lĩnh vực"),
    ("nam", "Năm ban hành"),
)


@dataclass(frozen=True)
class Facet:
    kind: str  # loai, co-quan, linh-vuc, nam
    value: str
    slug: str
    documents: tuple[Document, ...]

    @property
    def count(self) -> int:
        return len(self.documents)


FACET_KEYS = {"loai": "type", "co-quan": "issuer", "linh-vuc": "field", "nam": "signed"}


def facet_slug(value: str) -> str:
    return short_slug(number_slug(value))


def _facet_value(document: Document, kind: str) -> str:
    return {
        "loai": document.type,
        "co-quan": document.issuer,
        "linh-vuc": document.field,
        "nam": str(document.year),
    }[kind]


def facets(documents: Iterable[Document]) -> dict[str, list[Facet]]:
    """Per kind, every value with its documents (newest first); years newest first, names A–Z.
    Values are grouped by their address (check refuses two spellings of one value)."""
    ordered = sorted(documents, key=lambda d: (d.signed, d.number), reverse=True)
    result: dict[str, list[Facet]] = {}
    for kind, _ in FACETS:
        groups: dict[str, list[Document]] = {}
        names: dict[str, str] = {}
        for document in ordered:
            value = _facet_value(document, kind)
            slug = facet_slug(value) if value else ""
            if slug:
                groups.setdefault(slug, []).append(document)
                names.setdefault(slug, value)
        slugs = (
            sorted(groups, reverse=True)
            if kind == "nam"
            else sorted(groups, key=lambda g: _sort_key(names[g]))
        )
        result[kind] = [Facet(kind, names[g], g, tuple(groups[g])) for g in slugs]
    return result


def _sort_key(text: str) -> tuple[str, str]:
    """Vietnamese names in alphabetical order without a system locale: marks after the base letter."""
    return (make_slug(text, {}).replace("-", " "), text)

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
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .content_files import ContentTree, publishable
from .dates import DateFormatError, parse_local_datetime
from .posts import Header, did_you_mean
from .problems import Problem
from .slugs import make_slug

DOCUMENT_KEYS = {
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
    "summary",
}
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
    return re.sub(r"[^a-z0-9]+", "-", make_slug(number, {})).strip("-")


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
    summary: str
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
        self.header, self.values, self.shown, self.path = header, header.values, shown, path
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
        for key in REQUIRED_KEYS:
            if not self.values.get(key, "").strip():
                self.problems.append(
                    Problem(
                        self.shown,
                        self.header.lines.get(key, 1),
                        f"thiếu dòng '{key.capitalize()}:'"
                        if key not in self.values
                        else f"'{key.capitalize()}' để trống",
                        f"thêm '{key.capitalize()}: …' (xem docs/huong-dan-bien-tap.md, phần văn bản)",
                    )
                )
        number = " ".join(self.values.get("number", "").split())
        if number and not NUMBER_PATTERN.match(number.translate(DASHES)):
            self.problem("number", f"'{number}' không có dạng số/ký hiệu", "ví dụ: Number: 118/KH-KHCN")
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
            slug=self.values.get("slug") or number_slug(number),
            summary=self.values.get("summary", "").strip(),
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
        names = [n.strip() for n in self.values.get("files", "").split(",") if n.strip()]
        found = []
        for name in names:
            relative = name.removeprefix("/").removeprefix("files/")
            relative = f"files/{relative}"
            parts = relative.split("/")
            if ".." in parts or not _SAFE_FILE.match(relative):
                self.problem(
                    "files",
                    f"'{name}' không phải đường dẫn trong thư mục files/",
                    "ví dụ: Files: 2020/ke-hoach-118.pdf",
                )
            elif relative not in self.tree.files:
                self.problem(
                    "files",
                    f"không có tệp '{relative}' trong thư mục nội dung",
                    did_you_mean(relative, self.tree.under(["files"]))
                    + "chép tệp vào content/files/ rồi ghi đúng tên",
                )
            elif not publishable(relative, self.settings):
                self.problem(
                    "files", f"loại tệp của '{relative}' không được đăng", "dùng tệp PDF, Word, Excel…"
                )
            else:
                found.append(relative)
        return tuple(found)

    def status(self, expires: dt.date | None) -> tuple[str, str]:
        value = " ".join(self.values.get("status", "").split())
        folded = value.casefold()
        if not value:
            return (EXPIRED if expires and expires < self.today else IN_FORCE), ""
        if folded in (IN_FORCE, EXPIRED):
            return folded, ""
        if folded.startswith(REPLACED):
            replaced_by = value[len(REPLACED) :].strip()
            if replaced_by:
                return f"{REPLACED} {replaced_by}", replaced_by
        self.problem(
            "status",
            f"tình trạng '{value}' không hợp lệ",
            f"dùng '{IN_FORCE}', '{EXPIRED}' hoặc '{REPLACED} <số văn bản>'",
        )
        return value, ""


def duplicate_problems(documents: Iterable[Document]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Document] = {}
    for document in sorted(documents, key=lambda d: d.source):
        first = seen.setdefault(document.key, document)
        if first is not document:
            problems.append(
                Problem(
                    document.source,
                    document.lines.get("number", 1),
                    f"Number: số '{document.number}' đã dùng cho {first.source}",
                    "mỗi văn bản một số, ký hiệu riêng; sửa số hoặc xóa tệp trùng",
                )
            )
    slugs: dict[tuple[int, str], Document] = {}
    for document in sorted(documents, key=lambda d: d.source):
        first = slugs.setdefault((document.year, document.slug), document)
        if first is not document and first.key != document.key:
            problems.append(
                Problem(
                    document.source,
                    document.lines.get("number", 1),
                    f"văn bản này và {first.source} có cùng đường dẫn "
                    f"van-ban/{document.year}/{document.slug}/",
                    f"thêm dòng 'Slug: {document.slug}-2'",
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

    def resolve(self, header: Header, shown: str) -> tuple[tuple[Document, ...], list[Problem]]:
        """The documents a post's `Documents:` line names; an unknown number is an error."""
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


def _facet_value(document: Document, kind: str) -> str:
    return {
        "loai": document.type,
        "co-quan": document.issuer,
        "linh-vuc": document.field,
        "nam": str(document.year),
    }[kind]


def facets(documents: Iterable[Document]) -> dict[str, list[Facet]]:
    """Per kind, every value with its documents (newest first); years newest first, names A–Z."""
    ordered = sorted(documents, key=lambda d: (d.signed, d.number), reverse=True)
    result: dict[str, list[Facet]] = {}
    for kind, _ in FACETS:
        groups: dict[str, list[Document]] = {}
        for document in ordered:
            value = _facet_value(document, kind)
            if value:
                groups.setdefault(value, []).append(document)
        values = sorted(groups, reverse=True) if kind == "nam" else sorted(groups, key=_sort_key)
        result[kind] = [Facet(kind, v, number_slug(v) or "khac", tuple(groups[v])) for v in values]
    return result


def _sort_key(text: str) -> tuple[str, str]:
    """Vietnamese names in alphabetical order without a system locale: marks after the base letter."""
    return (make_slug(text, {}).replace("-", " "), text)

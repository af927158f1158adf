"""`invoke import FILE.docx`: a Word document made into a post, its pictures saved beside it.

mammoth turns the document into clean HTML (headings, bold and italic, lists,
tables, links, pictures); markdownify turns that into the Markdown editors
write. The title is the first heading unless one is given; pictures are saved
under `images/<year>/<post file's name>/` (each post's own folder, made new:
a second post of the same title never touches the first one's pictures) and
linked with `{static}`, their alt text taken from the picture's description in
Word (left empty when there is none, so the checker names each picture still to
describe). The header comes from the same code as `invoke new`, checked against
the plans.

The document is a stranger's file, so:

- it is measured before mammoth reads it (`check_package`): a zip bomb or a file
  that is not a .docx at all is refused with the reason;
- text is shown as typed: what Markdown or HTML would read as markup
  (`[x](…)`, `<b>`, `# ` or `1. ` at a line's start, `{static}`) is escaped, in
  text and in alt text alike; only Word's own hyperlinks (http, https, mailto,
  tel) become links;
- everything is written through portal.safe_writes, never through a link and
  never over a file: the pictures first, in a folder this import makes, then the
  post; when anything fails, what this import wrote is removed again, and only that.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import os
import re
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import quote, urlsplit

import mammoth
from bs4 import Tag
from bs4.element import Comment, NavigableString
from markdownify import MarkdownConverter

from .checker import check_content
from .content_files import human_size
from .safe_writes import UnsafePath, entry_kind, folder_handle, read_regular, remove, replace
from .scaffold import (
    POST_TAKEN,
    PostRequest,
    ScaffoldError,
    in_the_way,
    os_reason,
    post_file,
    post_header,
    post_path,
    write_new_file,
)
from .urls import post_save_as
from .word_text import LIST_END

_FIRST_HEADING = re.compile(r"<h([1-6])>(?P<text>.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_PICTURE = "portal-picture:"  # a picture's src until its folder is known
# What Word writes itself as a picture's description: not the editor's words, so not alt text.
_MACHINE_ALT = ("automatically generated", "được tạo tự động")
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
# Word's own heading styles, and the Vietnamese names Word gives them.
_STYLE_MAP = "\n".join(
    [
        f"p[style-name='{name} {level}'] => h{min(max(level, 2), 6)}:fresh"  # the page's h1 is the title
        for level in range(1, 6)
        for name in ("Heading", "heading", "Tiêu đề")
    ]
    # Word's "List Bullet 2", "List Number 3"… styles nest by style, each its own list at level 0
    # (mammoth nests only by numbering level): one list inside the item before it, as Word shows.
    + [
        f"p[style-name='{style} {level}'] => " + "ul|ol > li > " * (level - 1) + f"{tag} > li:fresh"
        for level in range(2, 6)
        for style, tag in (("List Bullet", "ul"), ("List Number", "ol"))
    ]
)

# What a .docx may hold, checked on its zip directory before mammoth reads a byte of it.
# Python's zipfile never unpacks a member past the size its directory declares, so these
# declared sizes bound what mammoth can be made to read. Measured: a 12-megapixel phone photo is
# a 3-5 MB JPEG (a 50-megapixel one 10-20 MB); a 300-page report's word/document.xml is about
# 3 MB, its styles under 1 MB; mammoth needs about 1.3 s and 35 MB of memory per MB of XML
# (12 MB of paragraphs: 15 s, 400 MB), and reads every picture into memory.
_MB = 1024 * 1024
MAX_DOCX_BYTES = 100 * _MB  # the file itself: twenty phone photos and the text
MAX_UNPACKED_BYTES = 100 * _MB  # all members unpacked: the same twenty photos, one post's worth
MAX_MEMBER_BYTES = 32 * _MB  # one member: the largest phone photo, with room to spare
MAX_XML_BYTES = 12 * _MB  # all the text parts (.xml, .rels) together: 4x a 300-page report
MAX_MEMBERS = 1_000  # a document has ~15 parts and one per picture
# Real members compress at most ~130:1 (an empty 2,000-row table; text ~6:1, photos ~1:1); a
# zip bomb's padding 1,000:1. Only members past 1 MB are judged: smaller ones cost nothing.
MAX_RATIO = 200
RATIO_FROM_BYTES = 1 * _MB
_SMALLER = (
    "giảm dung lượng ảnh trong Word (chọn một ảnh > Định dạng Ảnh > Nén Ảnh, bỏ chọn 'Chỉ áp dụng "
    "cho ảnh này', chọn 'Web (150 ppi)') rồi lưu lại, hoặc chia tài liệu thành nhiều bài"
)
_HOSTILE = (
    "tệp hỏng hoặc cố ý gây hại (zip bomb) — không nhập tệp này; xin lại tệp gốc từ người gửi, hoặc "
    "mở bằng Word và lưu lại thành .docx"
)


class DocumentError(ScaffoldError):
    """A document that cannot be imported; the message is for the editor."""


class SamePost(DocumentError):
    """A post already has the address this document's post would have (most often: the same
    document imported before, then corrected in Word); `relative` is its file."""

    def __init__(self, message: str, relative: str) -> None:
        super().__init__(message)
        self.relative = relative


def import_docx(
    source: str | Path,
    content: str | Path,
    settings: dict[str, Any],
    request: PostRequest,
    update: bool = False,
) -> tuple[Path, list[str]]:
    """Write the post (and its pictures) for a .docx file; return its path and warnings for the
    editor. When a post already has that address, SamePost, unless `update`: then that post's
    body is replaced by the document's (its header lines, as the editor may have set them, kept)
    and its pictures go in a folder of its own made new."""
    source = Path(source)
    if source.suffix.lower() != ".docx" or not source.is_file():
        raise DocumentError(
            f"{source}: cần một tệp Word .docx có thật (tệp .doc cũ: mở bằng Word và lưu lại thành .docx)"
        )
    pictures: list[tuple[str, bytes]] = []

    def keep_picture(image: Any) -> dict[str, str]:
        extension = _EXTENSIONS.get(image.content_type, "png")
        with image.open() as stream:
            pictures.append((f"anh-{len(pictures) + 1}.{extension}", stream.read()))
        alt = " ".join((image.alt_text or "").split())
        if any(words in alt.casefold() for words in _MACHINE_ALT):  # Word's own guess, in English
            alt = ""
        return {"src": _PICTURE + pictures[-1][0], "alt": alt}

    with source.open("rb") as handle:
        check_package(handle, source)
        handle.seek(0)
        try:
            result = mammoth.convert_to_html(
                handle,
                convert_image=mammoth.images.img_element(keep_picture),
                style_map=_STYLE_MAP,
                external_file_access=False,  # a picture linked to a file elsewhere is not read
            )
        except Exception as error:  # noqa: BLE001 (any unreadable document, named for the editor)
            raise DocumentError(f"{source}: không đọc được tệp Word ({type(error).__name__})") from None
    page = result.value
    title = request.title
    heading = _FIRST_HEADING.search(page)
    if not title and heading:
        title = " ".join(html.unescape(_TAG.sub("", heading.group("text"))).split())
        page = page[: heading.start()] + page[heading.end() :]
    if not title:
        raise DocumentError(f'{source}: tài liệu không có tiêu đề (Heading) nào; thêm --title "…"')
    header, slug, warnings = post_header(
        content,
        settings,
        PostRequest(title, request.items, request.form, request.unit, request.plan, request.now),
    )
    year = header[1].removeprefix("Date: ")[:4]
    existing = same_address(content, settings, header[1].removeprefix("Date: "), slug)
    if existing and not update:
        raise SamePost(
            f"bài {Path(content) / existing} đã có cùng địa chỉ (có lẽ là lần nhập trước của tài liệu "
            "này); cập nhật bài đó bằng nội dung mới (--update), hoặc đặt tiêu đề khác (--title)",
            existing,
        )
    relative = existing or post_file(header, slug)
    path = (
        Path(content) / relative if existing else post_path(content, header, slug)
    )  # refused before a write
    stem = f"images/{year}/{PurePosixPath(relative).stem}"
    folder = _free_folder(content, stem) if existing else stem
    if pictures:
        _refuse_picture_folder(content, folder)
    body = _separate_lists(_WordMarkdown(folder).convert(page).strip())
    made: list[str] = []  # what this import wrote, to remove again if the import fails
    try:
        if pictures:
            _write_pictures(content, folder, pictures, made)
        _write_post(content, relative, None if existing else header, body)
    except BaseException:
        _undo(content, made)
        raise
    return path, warnings


def _write_post(content: str | Path, relative: str, header: list[str] | None, body: str) -> None:
    """A new post with `header`, or (header None) the post at `relative` with its own header kept
    and `body` in place of its body, replaced in one rename."""
    if header is not None:
        write_new_file(
            content, relative, ("\n".join(header) + "\n\n" + body + "\n").encode("utf-8"), POST_TAKEN
        )
        return
    lines = read_regular(content, relative).decode("utf-8-sig").splitlines()
    kept = lines[: next((i for i, line in enumerate(lines) if not line.strip()), len(lines))]
    replace(content, relative, ("\n".join(kept) + "\n\n" + body + "\n").encode("utf-8"))


def same_address(content: str | Path, settings: dict[str, Any], date: str, slug: str) -> str | None:
    """The post (its file, relative to the content folder) written where a post of that date
    ("YYYY-MM-DD HH:MM") and slug would be, as the checker reads every post; None when none is."""
    check = check_content(content, settings)
    root = str(Path(content) / "-")[:-1]
    wanted = settings["ARTICLE_SAVE_AS"].format(slug=slug, date=dt.datetime.strptime(date, "%Y-%m-%d %H:%M"))
    for post in check.posts:
        if post.slug == slug and post_save_as(post, settings) == wanted:
            return post.path.removeprefix(root)
    return None


def _free_folder(content: str | Path, stem: str) -> str:
    """A picture folder for a post's new version: its own name with the first free number."""
    number = 2
    while entry_kind(content, f"{stem}-{number}") is not None:
        number += 1
    return f"{stem}-{number}"


def check_package(handle: IO[bytes], source: Path) -> None:
    """DocumentError unless `handle` is a zip a Word document with photos could be: its size, its
    members' count and unpacked sizes, and how far each is compressed, all within bounds."""
    size = os.fstat(handle.fileno()).st_size
    if size > MAX_DOCX_BYTES:
        raise DocumentError(
            f"{source}: tệp nặng {human_size(size)}, quá {human_size(MAX_DOCX_BYTES)} cho một bài "
            f"— {_SMALLER}"
        )
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except Exception:  # noqa: BLE001 (BadZipFile, and whatever a damaged directory raises)
        raise DocumentError(
            f"{source}: không phải tệp Word .docx (tệp hỏng, hoặc là tệp khác chỉ được đổi đuôi thành "
            ".docx) — mở tệp bằng Word, chọn Lưu thành (Save As), kiểu 'Word Document (*.docx)', rồi "
            "nhập tệp mới"
        ) from None
    if len(members) > MAX_MEMBERS:
        raise DocumentError(
            f"{source}: tệp Word có {len(members)} phần bên trong, quá {MAX_MEMBERS} (một tài liệu có "
            f"khoảng 15 phần và một phần cho mỗi ảnh): {_HOSTILE}"
        )
    unpacked = xml = 0
    for member in members:
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise DocumentError(
                f"{source}: phần {_shown(member.filename)} nén theo cách Word không dùng: {_HOSTILE}"
            )
        if member.file_size > MAX_MEMBER_BYTES:
            raise DocumentError(
                f"{source}: phần {_shown(member.filename)} bung ra {human_size(member.file_size)}, quá "
                f"{human_size(MAX_MEMBER_BYTES)} cho một phần (một ảnh) — {_SMALLER}"
            )
        unpacked += member.file_size
        if not member.filename.lower().endswith(PICTURE_SUFFIXES):  # any part mammoth may parse
            xml += member.file_size
    if xml > MAX_XML_BYTES:
        raise DocumentError(
            f"{source}: phần chữ của tài liệu bung ra {human_size(xml)}, quá {human_size(MAX_XML_BYTES)} "
            "(gấp bốn một báo cáo 300 trang) — chia tài liệu thành nhiều bài, mỗi bài một tệp Word"
        )
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocumentError(
            f"{source}: tệp Word bung ra {human_size(unpacked)}, quá {human_size(MAX_UNPACKED_BYTES)} "
            f"cho một bài — {_SMALLER}"
        )
    _refuse_declarations(handle, members, source)
    for member in members:
        if member.file_size > RATIO_FROM_BYTES and member.file_size > MAX_RATIO * member.compress_size:
            ratio = member.file_size // max(member.compress_size, 1)
            raise DocumentError(
                f"{source}: phần {_shown(member.filename)} nén {ratio}:1 (từ "
                f"{human_size(member.compress_size)} bung ra {human_size(member.file_size)}); tài liệu "
                f"Word thật không nén được như vậy: {_HOSTILE}"
            )


# Parts Word stores as pictures; every other part is text an XML parser may read.
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg", ".webp")
# A document type or entity declaration: Word never writes one, and an entity can expand a few
# kilobytes into gigabytes in mammoth's XML parser.
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse_declarations(handle: IO[bytes], members: list[zipfile.ZipInfo], source: Path) -> None:
    """DocumentError for a text part declaring a document type or entities (read within the
    sizes check_package allowed)."""
    with zipfile.ZipFile(handle) as archive:
        for member in members:
            if member.filename.lower().endswith(PICTURE_SUFFIXES):
                continue
            with archive.open(member) as part:
                declared = _DECLARATION.search(part.read(MAX_MEMBER_BYTES))
            if declared:
                raise DocumentError(
                    f"{source}: phần {_shown(member.filename)} khai báo '{declared.group().decode()}' "
                    f"(Word không bao giờ viết như vậy; một khai báo có thể bung thành hàng GB): {_HOSTILE}"
                )


_SHOWN_NAME = 80  # characters of a member's name a message shows


def _shown(name: str) -> str:
    """A member's name as the message shows it: no control characters, not too long."""
    name = "".join("?" if unicodedata.category(c).startswith("C") else c for c in name)
    return f"'{name[:_SHOWN_NAME]}…'" if len(name) > _SHOWN_NAME else f"'{name}'"


# Markdown reads these anywhere in text: escaped with a backslash, which Python-Markdown takes
# away again. (markdownify's own escape_misc escapes `&`, `<`, `=`, `~` with a backslash too,
# which Python-Markdown neither takes away nor honours: `\<b>` stays a live tag, `\&` shows.)
_ANYWHERE = re.compile(r"([\\`*_{}#|!])")
# Brackets as character references: no link or picture, and the checker's scans of the source
# see no `](` or `![` either.
_BRACKETS = str.maketrans({"[": "&#91;", "]": "&#93;"})
# …and these only at a line's start: a list, a rule or heading underline, a definition, a fence.
_LINE_START = re.compile(r"^(?P<space>\s*)(?:(?P<mark>[-+])|(?P<number>\d+)(?P<dot>[.)])|(?P<other>[=:~]))")
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # a newline shows as a space in HTML too


def escape_text(text: str) -> str:
    """Markdown that renders as exactly `text`, markup and all: nothing in it is read as a tag, a
    link, emphasis, a list, a heading or a `{static}` placeholder. A text node's start is taken
    for a line's start (it may follow a line break)."""
    text = html.escape(_INVISIBLE.sub(" ", text), quote=False)  # & < > as entities: no tag
    text = _ANYWHERE.sub(r"\\\1", text).translate(_BRACKETS)

    def line_start(match: re.Match[str]) -> str:
        if match["mark"]:
            return match["space"] + "\\" + match["mark"]
        if match["number"]:
            return match["space"] + match["number"] + "\\" + match["dot"]
        return match["space"] + f"&#{ord(match['other'])};"  # not escapable with a backslash

    return _LINE_START.sub(line_start, text)


_LINK_SCHEMES = {"http", "https", "mailto", "tel"}


def link_target(href: str) -> str | None:
    """Word's hyperlink as a Markdown link's address, or None when it is not a web, mail or phone
    link (a file on the author's computer, a bookmark, `javascript:`, `{static}`): characters that
    could end the address or open markup are percent-encoded."""
    href = href.strip()
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    if scheme not in _LINK_SCHEMES:
        return None
    return quote(href, safe="!#$%&*+,-./:;=?@_~")


class _WordMarkdown(MarkdownConverter):
    """markdownify for what mammoth makes of a Word document: text escaped to show as typed, links
    only for Word's hyperlinks, pictures only those this import saves (into `folder`), a photo
    in a table cell kept as a photo."""

    def __init__(self, folder: str) -> None:
        super().__init__(
            heading_style="ATX",
            bullets="-",
            autolinks=False,
        )
        self.folder = folder

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escape_text(text) if text else ""

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """markdownify's item with its text indented four spaces: Python-Markdown nests a list
        only four spaces in (two or three, markdownify's own, made sub-items main items)."""
        item: str = super().convert_li(el, text, parent_tags)  # type: ignore[misc]  # untyped
        marker = re.match(r"(?:[-*+]|\d+\.) ", item)
        if not marker or len(marker.group()) >= _NEST:
            return item
        width = len(marker.group())
        pad = " " * (_NEST - width)
        lines = item.split("\n")
        lines[0] = marker.group().rstrip() + " " * (_NEST - width + 1) + lines[0][width:]
        lines[1:] = [pad + line if line.strip() else line for line in lines[1:]]
        return "\n".join(lines)

    def convert_table(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """A Markdown table only where it means what Word's does: a header row Word marks and no
        merged cell. Otherwise the table as HTML (Markdown has no merged cells, and its tables
        must start with a header row: a made-up empty one, or values shifted under the wrong
        columns, changed the meaning)."""
        rows = el.find_all("tr")
        merged = any(
            str(cell.get(span, "1")) != "1"
            for cell in el.find_all(["td", "th"])
            for span in ("colspan", "rowspan")
        )
        headed = bool(rows) and all(
            cell.name == "th" for cell in rows[0].find_all(["td", "th"], recursive=False)
        )
        if headed and not merged:
            return str(super().convert_table(el, text, parent_tags))  # type: ignore[misc]  # untyped
        return "\n\n" + self.table_html(el) + "\n\n"

    def table_html(self, node: Any) -> str:
        """The table as clean HTML: text escaped (shown as typed), its structure and merged cells
        kept, links only Word's web and mail ones, pictures only those this import saves."""
        if isinstance(node, NavigableString):
            return html.escape(str(node), quote=False) if not isinstance(node, Comment) else ""
        inner = "".join(self.table_html(child) for child in node.children)
        name = node.name
        if name == "a":
            href = link_target(str(node.get("href") or ""))
            return (
                f'<a href="{html.escape(href, quote=True)}">{inner}</a>' if href and inner.strip() else inner
            )
        if name in ("img", "br"):
            return self.table_void(node)
        if name not in _TABLE_TAGS:
            return inner
        spans = "".join(
            f' {span}="{node[span]}"'
            for span in ("colspan", "rowspan")
            if name in ("td", "th") and str(node.get(span, "")).isdigit() and int(node[span]) > 1
        )
        return f"<{name}{spans}>{inner}</{name}>" + ("\n" if name in ("thead", "tbody", "tr") else "")

    def table_void(self, node: Tag) -> str:
        """A line break, or a picture this import saves (any other picture: nothing)."""
        if node.name == "br":
            return "<br>"
        src = str(node.get("src") or "")
        if not src.startswith(_PICTURE):
            return ""
        alt = html.escape(" ".join(str(node.get("alt") or "").split()), quote=True)
        return f'<img src="{{static}}/{self.folder}/{src.removeprefix(_PICTURE)}" alt="{alt}">'

    def convert_sup(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Word's footnote mark (mammoth: `<sup><a href="#footnote-2">[2]</a></sup>`) as the site's
        footnotes write it, `[^2]`: a working link to the note and back; any other superscript
        as text."""
        mark = el.find("a", href=_FOOTNOTE_MARK)
        if mark is not None:
            return f"[^{_FOOTNOTE_MARK.fullmatch(str(mark['href'])).group(1)}]"  # type: ignore[union-attr]
        return text

    def convert_ol(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """Word's footnotes (mammoth: a list of `<li id="footnote-2">` at the end) as the site's
        footnotes define them, `[^2]: …`, each with its own back link; any other list as a list."""
        notes = el.find_all("li", id=_FOOTNOTE_NOTE, recursive=False)
        if not notes:
            return str(super().convert_ol(el, text, parent_tags))  # type: ignore[misc]  # untyped
        lines = []
        for note in notes:
            for back in note.find_all("a", href=re.compile(r"^#footnote-ref-")):
                back.decompose()  # Python-Markdown makes its own back link
            said = " ".join(self.convert(note.decode_contents()).split())
            lines.append(f"[^{_FOOTNOTE_NOTE.fullmatch(str(note['id'])).group(1)}]: {said}")  # type: ignore[union-attr]
        return "\n\n" + "\n".join(lines) + "\n\n"

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        label = text.strip()
        if not label:
            return ""
        href = link_target(str(el.get("href") or ""))
        linked = f"[{label}]({href})" if href else label
        return (" " if text.startswith(" ") else "") + linked + (" " if text.endswith(" ") else "")

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src = str(el.get("src") or "")
        if not src.startswith(_PICTURE):
            return ""
        alt = escape_text(" ".join(str(el.get("alt") or "").split()))
        if "_inline" in parent_tags and not parent_tags & {"td", "th"}:
            return alt  # a picture in a heading: its description, as text
        return f"![{alt}]({{static}}/{self.folder}/{src.removeprefix(_PICTURE)})"


_FOOTNOTE_MARK = re.compile(r"#footnote-(\d+)")
_FOOTNOTE_NOTE = re.compile(r"footnote-(\d+)")
# What a table keeps of mammoth's HTML (the sanitiser keeps them all, with colspan and rowspan).
_TABLE_TAGS = {
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "p",
    "strong",
    "em",
    "sup",
    "sub",
    "ul",
    "ol",
    "li",
}
_NEST = 4  # Python-Markdown's tab_length: how far in a nested list or an item's next line must be
_BULLETED = re.compile(r"^[-*+] ")
_NUMBERED = re.compile(r"^\d+[.)] ")


def _separate_lists(markdown: str) -> str:
    """A bulleted list right before a numbered one (or the reverse) stays two lists: Python-Markdown
    would merge them, so an empty comment goes between."""
    blocks = markdown.split("\n\n")
    for index in range(len(blocks) - 1, 0, -1):
        before, after = blocks[index - 1].split("\n")[-1], blocks[index]
        if (_BULLETED.match(before) and _NUMBERED.match(after)) or (
            _NUMBERED.match(before) and _BULLETED.match(after)
        ):
            blocks.insert(index, LIST_END)
    return "\n\n".join(blocks)


def _refuse_picture_folder(content: str | Path, folder: str) -> None:
    blocked = in_the_way(content, folder)
    if blocked:
        raise DocumentError(blocked)
    if entry_kind(content, folder) is not None:
        raise DocumentError(_folder_taken(content, folder))


def _folder_taken(content: str | Path, folder: str) -> str:
    return (
        f"thư mục ảnh {Path(content) / folder} đã có (ảnh của một bài khác hoặc của lần nhập trước); "
        "lệnh không ghi vào thư mục ảnh có sẵn — đổi tiêu đề hoặc --date, hoặc xóa thư mục đó nếu "
        "không bài nào dùng ảnh trong đó"
    )


def _write_pictures(
    content: str | Path, folder: str, pictures: list[tuple[str, bytes]], made: list[str]
) -> None:
    """The pictures, in a folder made new for them (never one already there); `made` lists every
    folder and file written, in order."""
    parent, name = folder.rsplit("/", 1)
    parts = parent.split("/")
    try:
        ancestors = ("/".join(parts[: depth + 1]) for depth in range(len(parts)))
        made += [a for a in ancestors if entry_kind(content, a) is None]  # made here, for _undo
        with folder_handle(content, parent, create=True) as fd:
            os.mkdir(name, 0o755, dir_fd=fd)
    except FileExistsError:
        raise DocumentError(_folder_taken(content, folder)) from None
    except UnsafePath as error:  # a link planted since the check
        raise DocumentError(in_the_way(content, folder) or str(error)) from None
    except OSError as error:
        raise DocumentError(f"không tạo được thư mục {Path(content) / folder}: {os_reason(error)}") from None
    made.append(folder)
    for picture, data in pictures:
        write_new_file(content, f"{folder}/{picture}", data, "")
        made.append(f"{folder}/{picture}")


def _undo(content: str | Path, made: list[str]) -> None:
    """Remove what this import wrote, newest first: its files, then its folders if still empty."""
    for relative in reversed(made):
        with contextlib.suppress(OSError, UnsafePath):
            if entry_kind(content, relative) == "folder":
                parent, _, name = relative.rpartition("/")
                with folder_handle(content, parent) as fd:
                    os.rmdir(name, dir_fd=fd)  # only when empty: never anyone else's files
            else:
                remove(content, relative)

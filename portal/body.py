"""What the checker finds in a post's or page's body without rendering it.

- Links to other content (`{static}`, `{attach}`, `{filename}`, as Pelican
  writes them): each must stay inside the content folder and name a file the
  build publishes, or Pelican would read a file from anywhere (and write it
  into the site), or drop the link with a log line.
- Markdown that Python-Markdown renders in quadratic time or with deep
  recursion (thousands of `[` in one paragraph, lists nested a hundred deep):
  refused here with its line, so one post can never hang or crash a build.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from .content_files import ContentTree, link_candidates, publishable, read_link_target, resolve_link
from .problems import WARNING, Problem
from .render import markdown_link_target
from .sanitize import iframe_allowed, is_external

# Pelican's INTRASITE_LINK_REGEX is `[{|](?P<what>.*?)[|}]`, applied to the rendered HTML,
# where every attribute is quoted: the target Pelican reads runs to the closing quote. Each
# way a source can produce such an attribute is read to where that attribute would end.
_PLACEHOLDER = r"[{|](?P<what>[a-z]+)[|}]"
_ATTRIBUTE_NAME = r"(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*"
_LINK_PATTERNS = (
    # <a href="{static}…">: to the closing quote
    re.compile(_ATTRIBUTE_NAME + r"""(?P<quote>["'])""" + _PLACEHOLDER + r"(?P<target>.*?)(?P=quote)", re.I),
    # <img src={static}…>: an unquoted value runs to a space or `>`, quotes included
    re.compile(_ATTRIBUTE_NAME + _PLACEHOLDER + r"(?P<target>[^\s>]*)", re.I),
    # [text]({static}…) and <{static}…>: Markdown takes quotes and brackets into the address
    re.compile(r"(?:\]\(\s*<?|<)" + _PLACEHOLDER + r"(?P<target>[^\s)>]*)"),
    # [name]: {static}… reference definitions
    re.compile(r"^\s{0,3}\[[^\]]*\]:\s*<?" + _PLACEHOLDER + r"(?P<target>[^\s>]*)"),
    # anywhere else, the shortest reading
    re.compile(_PLACEHOLDER + r"(?P<target>[^\s)\"'<>\]]*)"),
)
# Site sections Pelican could link to that this site does not make.
_NO_SUCH_PAGES = {"tag", "category", "author"}

PICTURE_KINDS = {"jpg", "jpeg", "png", "webp"}
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<src>[^)\s>]+)")
_HTML_EMBED = re.compile(r"<(?P<tag>img|iframe)\b[^>]*?\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)", re.I)

MAX_BRACKETS_PER_BLOCK = 300  # 300 `[` render in ~0.1 s; 8,000 took 15 s
MAX_NESTING = 16  # list or quote levels; news never goes past 4, 400 overflows the stack
# Shapes Python-Markdown renders in quadratic time, counted per file, each limit ~0.2 s.
_PER_FILE_LIMITS = (
    (
        re.compile(r"^[ \t]*(?:```|~~~)", re.M),
        100,
        "dòng mở/đóng khối mã (``` hoặc ~~~)",
        "mỗi khối mã chỉ cần một dòng mở và một dòng đóng",
    ),
    (
        re.compile(r"^[ \t]*:", re.M),
        300,
        "dòng bắt đầu bằng ':' (danh sách định nghĩa)",
        "viết dấu ':' ở giữa câu, không ở đầu dòng",
    ),
    (re.compile(r"^\*\[", re.M), 200, "dòng định nghĩa viết tắt '*[…]:'", "bớt các dòng này"),
    (re.compile(r"<!"), 50, "chú thích hoặc khối '<!…' HTML", "xóa các chú thích HTML '<!-- … -->' thừa"),
    (
        re.compile(r"\bmarkdown\s*=", re.I),
        MAX_NESTING,
        "thuộc tính markdown= trong thẻ HTML",
        "bỏ thuộc tính markdown= ở các thẻ lồng nhau",
    ),
)
# Python-Markdown looks for the end of an unclosed tag through the rest of the file, and for the
# end of emphasis through the rest of the paragraph: their count times that length stays under
# a budget that renders in about two seconds (4,000 `<a ` before 80 KB of text took 7 s).
_UNCLOSED_TAG = re.compile(r"<(?![^<\n]*>)")
QUADRATIC_BUDGET = 100_000_000
EMPHASIS_BUDGET = 1_000_000_000  # closed emphasis is cheap: 3,600 markers in one 40 KB paragraph, 0.01 s
_UNESCAPED_BRACKET = re.compile(r"(?<!\\)\[")
# How many candidates each per-file limit could match, counted cheaply: the regex runs only
# when there are more than the limit.
_CANDIDATES: tuple[Callable[[str], int], ...] = (
    lambda body: body.count("```") + body.count("~~~"),
    lambda body: body.count(":"),
    lambda body: body.count("*["),
    lambda body: body.count("<!"),
    lambda body: body.lower().count("markdown") if "arkdown" in body or "ARKDOWN" in body else 0,
)
# A line nested deeper than MAX_NESTING starts with more marker characters than that.
_DEEP_LINE = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_NESTING + 1},}}", re.M)


def _line_of(text: str, index: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, index)


# A header line written after the blank line, where it is text: `Status: draft` there publishes the post.
_HEADER_LIKE = re.compile(
    r"^(?:Title|Date|Modified|Slug|Summary|Status|Plan|Items|Form|Unit|Image|Image_alt)\s*:", re.IGNORECASE
)
# What `invoke new` writes where the post's text goes: never to be published.
PLACEHOLDER = "Viết nội dung bài ở đây."


def unfinished_problems(body: str, first_line: int, shown: str) -> list[Problem]:
    """An empty body, or the placeholder `invoke new` wrote, is a post not yet written."""
    if not body.strip():
        return [
            Problem(
                shown,
                first_line,
                "bài chưa có nội dung",
                "viết nội dung bài sau dòng trống dưới phần thông tin",
            )
        ]
    first = body.lstrip("\n").split("\n", 1)[0]
    if _HEADER_LIKE.match(first):
        line = first_line + len(body) - len(body.lstrip("\n"))
        return [
            Problem(
                shown,
                line,
                f"dòng '{first.strip()[:40]}' nằm sau dòng trống nên là nội dung bài, "
                "không phải thông tin bài",
                "xóa dòng trống phía trên để đưa dòng này lên phần thông tin",
            )
        ]
    if PLACEHOLDER in body:
        line = _line_of(body, body.index(PLACEHOLDER), first_line)
        return [
            Problem(
                shown,
                line,
                f"còn câu mẫu '{PLACEHOLDER}' do 'invoke new' viết",
                "thay câu này bằng nội dung bài",
            )
        ]
    return []


def featured_image_path(value: str) -> str:
    """The content-relative path an `Image:` header names (`images/…`, `/images/…` or `{static}/images/…`)."""
    return value.strip().removeprefix("{static}").lstrip("/")


def featured_image_problems(
    values: dict[str, str], lines: dict[str, int], shown: str, tree: ContentTree, settings: dict[str, Any]
) -> list[Problem]:
    """An `Image:` must name a published picture, and `Image_alt:` must say what it shows."""
    problems = []
    if "image" in values:
        path = featured_image_path(values["image"])
        kind = path.rsplit(".", 1)[-1].lower()
        if not (tree.has(path) and publishable(path, settings) and kind in PICTURE_KINDS):
            problems.append(
                Problem(
                    shown,
                    lines.get("image", 1),
                    f"ảnh đại diện '{values['image']}' không có hoặc không phải ảnh (jpg, png, webp)",
                    "ghi đường dẫn ảnh trong thư mục nội dung, ví dụ 'Image: images/2020/anh.jpg'",
                )
            )
        if not values.get("image_alt", "").strip():
            problems.append(
                Problem(
                    shown,
                    lines.get("image", 1),
                    "ảnh đại diện chưa có mô tả",
                    "thêm dòng 'Image_alt: …' mô tả điều ảnh cho thấy",
                )
            )
    elif "image_alt" in values:
        problems.append(
            Problem(
                shown,
                lines.get("image_alt", 1),
                "có Image_alt nhưng không có Image",
                "thêm dòng 'Image: images/…' hoặc xóa dòng này",
            )
        )
    return problems


def link_problems(body: str, first_line: int, source: str, shown: str) -> list[Problem]:
    """Placeholder links read from the source, before rendering, in every way Pelican may come to
    see them: one Problem per link that leaves the content folder (whether or not Markdown makes
    it a link: nothing may even name a file outside) or names a kind of page this site lacks.
    Whether a link's file exists is `rendered_link_problems`' to say, on the HTML the build reads.

    source: the file's path relative to the content root.
    """
    problems = []
    for line, what, target in _intrasite_links(body, first_line):
        if what in _NO_SUCH_PAGES:
            problems.append(
                Problem(
                    shown,
                    line,
                    f"liên kết '{{{what}}}{target}' trỏ tới loại trang mà trang web này không có",
                    "xóa liên kết hoặc dẫn tới một bài viết bằng {filename}/posts/…",
                )
            )
            continue
        if what not in ("static", "attach", "filename"):
            continue
        resolved = [resolve_link(source, c) for c in link_candidates(target)]
        if not target or None in resolved:
            problems.append(_outside_problem(shown, line, f"{{{what}}}{target}"))
    return problems


def _outside_problem(shown: str, line: int, link: str) -> Problem:
    return Problem(
        shown,
        line,
        f"liên kết '{link}' trỏ ra ngoài thư mục nội dung",
        "chỉ dẫn tới tệp trong thư mục nội dung, ví dụ "
        "{static}/images/anh.jpg (không dùng '..' để đi ra ngoài)",
    )


_FILE_LINKS = ("static", "attach", "filename")
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")  # the sources Pelican reads
DEFAULT_INTRASITE_LINK = "[{|](?P<what>[a-z]+)[|}]"  # INTRASITE_LINK_REGEX in pelicanconf.py
# A body in which Markdown may make a placeholder link: one of their words, maybe spelled with
# entities (`&#115;tatic`) or escapes (`\{static\}`).
_LINK_WORD = re.compile("|".join(_FILE_LINKS), re.I)


def may_link(body: str) -> bool:
    """Whether rendering the body may give a `{static}`, `{attach}` or `{filename}` link."""
    return bool(_LINK_WORD.search(body) or ("&" in body and _LINK_WORD.search(unescape(body))))


@functools.cache
def intrasite_link_pattern(what_pattern: str) -> re.Pattern[str]:
    """Pelican 4.12's pattern for a placeholder link in rendered HTML
    (`contents.Content._get_intrasite_link_regex`, from INTRASITE_LINK_REGEX); a test keeps the
    two equal."""
    regex = rf"""
            (?P<markup><[^\>]+  # match tag with all url-value attributes
                (?:href|src|poster|data|cite|formaction|action|content)\s*=\s*)

            (?P<quote>["\'])      # require value to be quoted
            (?P<path>{what_pattern}(?P<value>.*?))  # the url value
            (?P=quote)"""
    return re.compile(regex, re.X)


@dataclass(frozen=True)
class Linkable:
    """What a placeholder link may name: the content folder's files, those of them under the
    static folders, every post and page source; and how rendered HTML shows such a link."""

    tree: ContentTree
    static_paths: tuple[str, ...]
    sources: set[str]
    pattern: re.Pattern[str]

    @property
    def static_prefixes(self) -> tuple[str, ...]:
        return tuple(f"{p.strip('/')}/" for p in self.static_paths)


def is_link_value(value: str) -> bool:
    """Whether a placeholder match in rendered HTML is a link, not a run across attributes: the
    sanitiser writes every attribute value with `"`, `<` and `>` escaped, so a value holding one
    began inside another attribute (`class="src='{static}/a.jpg#">…'`) and must not be touched."""
    return not any(character in value for character in '"<>')


def rendered_link_problems(
    html: str, body: str, first_line: int, source: str, shown: str, *, linkable: Linkable, outside_named: bool
) -> list[Problem]:
    """One Problem per `{static}`, `{attach}` or `{filename}` link of the rendered HTML that names
    nothing the build publishes, each target read exactly as the build reads it
    (`read_link_target`, as builder.links does), so what passes here links in the build.

    body: the Markdown it came from, for the line; outside_named: `link_problems` already named
    the links that leave the folder."""
    problems = []
    tree, static_prefixes = linkable.tree, linkable.static_prefixes
    for match in linkable.pattern.finditer(html):
        what = match.group("what")
        if what not in _FILE_LINKS or not is_link_value(match.group("value")):
            continue
        target = read_link_target(match.group("value"), html=True)
        linked = resolve_link(source, target.path)
        line = _source_line(body, first_line, match.group("value"), target.path)
        link = f"{{{what}}}{target.path}"
        if linked is None:
            if not outside_named:
                problems.append(_outside_problem(shown, line, link))
        elif what == "filename":
            if linked in linkable.sources or (linked.startswith(static_prefixes) and tree.has(linked)):
                continue
            unpublished = tree.has(linked) and linked.endswith(MARKDOWN_EXTENSIONS)
            problems.append(
                Problem(
                    shown,
                    line,
                    f"liên kết '{link}' dẫn tới bài hoặc trang "
                    + (
                        "chưa đăng (bản nháp hoặc bài hẹn giờ): địa chỉ của nó chưa có trên trang"
                        if unpublished
                        else "không có"
                    ),
                    "đăng bài đó trước, hoặc bỏ liên kết"
                    if unpublished
                    else "kiểm tra tên tệp, ví dụ {filename}/posts/ten-bai.md",
                )
            )
        elif not (linked.startswith(static_prefixes) and tree.has(linked)):
            folders = ", ".join(f"{p}" for p in static_prefixes) or "(chưa có)"
            problems.append(
                Problem(
                    shown,
                    line,
                    f"liên kết '{link}' dẫn tới tệp không có "
                    f"trong các thư mục ảnh và tệp đính kèm ({folders})",
                    _missing_file_fix(linked, target.path, tree),
                )
            )
    return problems


def _source_line(body: str, first_line: int, value: str, path: str) -> int:
    """The line of the body where a rendered link's target was written, as near as can be told."""
    attribute = unescape(value)
    for written in (value, attribute, path, quote(path), path.replace(" ", "%20"), posixpath.basename(path)):
        index = body.find(written) if written else -1
        if index >= 0:
            return _line_of(body, index, first_line)
    return first_line


# What a line holds if it may hold a placeholder: a brace or bar, an entity for one, an escape.
_LINK_HINT = re.compile(r"[{|\\]|&(?:#|lbrace|rbrace|verbar|vert)", re.I)


def _intrasite_links(text: str, first_line: int) -> Iterator[tuple[int, str, str]]:
    """(line, what, target) of every link Pelican may see in the rendered page: as written, and
    as Markdown and the sanitiser may turn it (`&#123;static&#125;`, `\\{static\\}` → `{static}`)."""
    if not _LINK_HINT.search(text):
        return
    for number, line in enumerate(text.split("\n"), start=first_line):
        if not _LINK_HINT.search(line):
            continue
        found = set()
        for variant in {line, unescape(line), unescape(re.sub(r"\\([{}|])", r"\1", line))}:
            for pattern in _LINK_PATTERNS:
                for match in pattern.finditer(variant):
                    found.add((match.group("what").lower(), match.group("target")))
        for what, target in sorted(found):
            yield number, what, target


def _missing_file_fix(copied: str | None, target: str, tree: ContentTree) -> str:
    """The likeliest fix for a link to a file that is not there, in the editor's words."""
    if copied and tree.has(copied):
        return "chuyển tệp vào thư mục ảnh hoặc tệp đính kèm (images/, files/) và sửa liên kết theo chỗ mới"
    if copied:
        wanted = unicodedata.normalize("NFC", copied).casefold()
        for name in tree.files:
            if unicodedata.normalize("NFC", name).casefold() == wanted:
                return (
                    f"tệp trên máy tên là '{name}' (khác chữ hoa/thường hoặc kiểu gõ dấu): đổi tên tệp "
                    "hoặc sửa liên kết cho đúng từng chữ"
                )
    if re.search(r"%(?!20)[0-9A-Fa-f]{2}|[()]", target):
        return (
            "đổi tên tệp chỉ dùng chữ, số, dấu gạch ngang và dấu cách (viết dấu cách là %20) rồi sửa liên kết"
        )
    return "chép tệp vào thư mục đó và sửa đường dẫn cho đúng tên tệp"


def markdown_limit_problems(body: str, first_line: int, shown: str) -> list[Problem]:
    """Paragraphs and nesting Python-Markdown would take seconds or a stack overflow to render."""
    problems = []
    unclosed = list(_UNCLOSED_TAG.finditer(body)) if body.count("<") * len(body) > QUADRATIC_BUDGET else []
    if len(unclosed) * len(body) > QUADRATIC_BUDGET:
        problems.append(
            Problem(
                shown,
                _line_of(body, unclosed[0].start(), first_line),
                f"tệp dài {len(body) // 1000} KB có {len(unclosed)} dấu '<' không đóng bằng '>': "
                "dựng trang sẽ rất chậm",
                "viết '&lt;' thay cho dấu '<' đứng một mình, hoặc đóng thẻ HTML trên cùng dòng",
            )
        )
    for (pattern, limit, what, fix), candidates in zip(_PER_FILE_LIMITS, _CANDIDATES, strict=True):
        if candidates(body) <= limit:
            continue
        matches = list(pattern.finditer(body))
        if len(matches) > limit:
            problems.append(
                Problem(
                    shown,
                    _line_of(body, matches[limit].start(), first_line),
                    f"tệp có {len(matches)} {what} (tối đa {limit}): dựng trang sẽ rất chậm",
                    fix,
                )
            )
    # Each paragraph is bounded by the whole file: most files need no closer look.
    many_emphasis = (body.count("*") + body.count("_")) * len(body) > EMPHASIS_BUDGET
    if not (many_emphasis or body.count("[") > MAX_BRACKETS_PER_BLOCK or _DEEP_LINE.search(body)):
        return problems
    line_number = first_line
    for block in re.split(r"(\n[ \t]*\n)", body):
        if block.strip():
            emphasis = block.count("*") + block.count("_")
            if emphasis * len(block) > EMPHASIS_BUDGET:
                problems.append(
                    Problem(
                        shown,
                        line_number,
                        f"đoạn văn dài {len(block) // 1000} KB có {emphasis} dấu '*' và '_': dựng "
                        "trang sẽ rất chậm",
                        "chia đoạn văn, hoặc viết '\\*' và '\\_' cho các dấu không dùng để nhấn mạnh",
                    )
                )
            brackets = len(_UNESCAPED_BRACKET.findall(block))
            if brackets > MAX_BRACKETS_PER_BLOCK:
                problems.append(
                    Problem(
                        shown,
                        line_number,
                        f"đoạn văn có {brackets} dấu '[' (tối đa "
                        f"{MAX_BRACKETS_PER_BLOCK}): dựng trang sẽ rất chậm",
                        "xóa các dấu '[' thừa, hoặc viết '\\[' nếu cần hiện dấu ngoặc",
                    )
                )
            for offset, line in enumerate(block.split("\n")):
                depth = _nesting(line)
                if depth > MAX_NESTING:
                    problems.append(
                        Problem(
                            shown,
                            line_number + offset,
                            f"danh sách hoặc trích dẫn lồng {depth} cấp (tối đa {MAX_NESTING})",
                            "giảm thụt lề hoặc số dấu '>' ở đầu dòng",
                        )
                    )
                    break
        line_number += block.count("\n")
    return problems


_LEADING_MARKERS = re.compile(r"(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")
_LIST_MARKER = re.compile(r"[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")


def _nesting(line: str) -> int:
    """Quote markers, list markers and list levels (4 columns each) at the start of a line."""
    prefix = _LEADING_MARKERS.match(line)
    lead = prefix.group() if prefix else ""
    markers = len(_LIST_MARKER.findall(lead))
    quotes = lead.count(">")
    columns = len(_LIST_MARKER.sub("", lead).replace(">", "").expandtabs(4))
    return quotes + markers + columns // 4


_MARKDOWN_IMAGE_ALT = re.compile(r"!\[(?P<alt>[^\]]*)\]\(")
_HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))""", re.I)


def alt_text_problems(body: str, first_line: int, shown: str) -> list[Problem]:
    """WCAG 1.1.1: every image says what it shows, for readers who cannot see it."""
    problems = []
    empty = [m.start() for m in _MARKDOWN_IMAGE_ALT.finditer(body) if not m.group("alt").strip()]
    for match in _HTML_IMG.finditer(body):
        alt = _ALT.search(match.group("attrs"))
        if not alt or not (alt.group("q") or alt.group("s") or alt.group("u") or "").strip():
            empty.append(match.start())
    for start in sorted(empty):
        problems.append(
            Problem(
                shown,
                _line_of(body, start, first_line),
                "ảnh không có mô tả (alt) cho người không nhìn thấy ảnh",
                "viết mô tả ngắn trong ngoặc vuông, ví dụ ![Toàn cảnh hội nghị giao ban]({static}/images/…)",
            )
        )
    return problems


def embed_problems(body: str, first_line: int, shown: str, iframe_hosts: Collection[str]) -> list[Problem]:
    """Warnings for what the sanitiser will drop: images from other sites, frames from hosts
    not in SAFE_HTML_IFRAME_HOSTS (the page's Content-Security-Policy would block both)."""
    problems = []
    found = [("img", m) for m in _MARKDOWN_IMAGE.finditer(body)]
    found += [(m.group("tag").lower(), m) for m in _HTML_EMBED.finditer(body)]
    for tag, match in found:
        src, line = match.group("src"), _line_of(body, match.start(), first_line)
        if tag == "img" and is_external(src):
            problems.append(
                Problem(
                    shown,
                    line,
                    f"ảnh '{src[:60]}' lấy từ trang khác nên sẽ bị bỏ khỏi "
                    "bài (trang không tải gì từ bên ngoài)",
                    "tải ảnh về, chép vào content/images/ rồi dẫn bằng {static}/images/…",
                    WARNING,
                )
            )
        elif tag == "iframe" and not iframe_allowed(src, iframe_hosts):
            problems.append(
                Problem(
                    shown,
                    line,
                    f"khung nhúng (iframe) từ '{src[:60]}' không thuộc "
                    "danh sách được phép nên sẽ bị bỏ khỏi bài",
                    "dùng liên kết thường, hoặc nhờ nhóm kỹ thuật thêm máy chủ vào SAFE_HTML_IFRAME_HOSTS",
                    WARNING,
                )
            )
    return problems


_INTERNAL = re.compile(r"""(?P<md>\]\()|\b(?:href|src)\s*=\s*["'](?P<attr>[^"']+)["']""", re.I)

_PAGINATED = re.compile(r"/trang/\d+/$")


def internal_link_problems(
    body: str, first_line: int, shown: str, *, own_url: str, addresses: set[str], site_urls: Collection[str]
) -> list[Problem]:
    """A link to a page of this site (`/tin-tuc/…`, the site's own address, or a relative link)
    that the build does not make: a dead link on the public site."""
    problems: list[Problem] = []
    if "](" not in body and "=" not in body:
        return problems
    for match in _INTERNAL.finditer(body):
        if match.group("md"):
            target = markdown_link_target(body, match.end() - 1)
            if target is None:
                continue
        else:
            target = match.group("attr")
        address = _site_address(target, own_url, site_urls)
        if address is None or _made(address, addresses):
            continue
        problems.append(
            Problem(
                shown,
                _line_of(body, match.start(), first_line),
                f"liên kết nội bộ '{target}' dẫn tới {_what_is_missing(address)} không có trên trang web",
                "kiểm tra lại địa chỉ; dẫn tới bài khác bằng {filename}/posts/…",
            )
        )
    return problems


def _what_is_missing(address: str) -> str:
    """A file (a name with an extension other than a page's) or a page, as the message says it."""
    name = address.rstrip("/").rpartition("/")[2]
    return (
        "tệp"
        if "." in name and not name.endswith((".html", ".htm")) and not address.endswith("/")
        else "trang"
    )


def _site_address(target: str, own_url: str, site_urls: Collection[str]) -> str | None:
    """The site-root-relative path a link points at, or None for a link elsewhere or a placeholder."""
    target = unescape(target.strip()).replace("\\", "/")  # as browsers read it
    if target.startswith(("{", "|", "#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    for site in site_urls:
        if site and target.startswith(site.rstrip("/") + "/"):
            target = target[len(site.rstrip("/")) :]
            break
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return None
    joined = path if path.startswith("/") else posixpath.join("/" + own_url, path)
    normal = posixpath.normpath(joined).lstrip("/")
    return normal + "/" if joined.endswith("/") and normal else normal


def _made(address: str, addresses: set[str]) -> bool:
    candidates = {address, address.rstrip("/") + "/", address.removesuffix("index.html")}
    return (
        bool(candidates & addresses) or address.startswith("feeds/") or bool(_PAGINATED.search("/" + address))
    )

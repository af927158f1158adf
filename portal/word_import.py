"""`invoke import FILE.docx`: a Word document made into a post, its pictures saved beside it.

mammoth turns the document into clean HTML (headings, bold and italic, lists,
tables, links, pictures); markdownify turns that into the Markdown editors
write. The title is the first heading unless one is given; pictures are saved
under `images/<year>/<slug>/` and linked with `{static}`, their alt text taken
from the picture's description in Word (left empty when there is none, so the
checker names each picture still to describe). The header comes from the same
code as `invoke new`, checked against the plans.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import mammoth
from markdownify import markdownify

from .scaffold import PostRequest, ScaffoldError, post_header, post_path
from .word_text import LIST_END

_FIRST_HEADING = re.compile(r"<h([1-6])>(?P<text>.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")
_PICTURE = "portal-picture:"  # stands for the pictures' folder until the post's slug is known
# What Word writes itself as a picture's description: not the editor's words, so not alt text.
_MACHINE_ALT = ("automatically generated", "được tạo tự động")
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}
# Word's own heading styles, and the Vietnamese names Word gives them.
_STYLE_MAP = "\n".join(
    f"p[style-name='{name} {level}'] => h{min(max(level, 2), 6)}:fresh"  # the page's h1 is the title
    for level in range(1, 6)
    for name in ("Heading", "heading", "Tiêu đề")
)


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


class DocumentError(ScaffoldError):
    """A document that cannot be imported; the message is for the editor."""


def import_docx(
    source: str | Path, content: str | Path, settings: dict[str, Any], request: PostRequest
) -> tuple[Path, list[str]]:
    """Write the post (and its pictures) for a .docx file; return its path and warnings for the editor."""
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

    try:
        with source.open("rb") as handle:
            result = mammoth.convert_to_html(
                handle, convert_image=mammoth.images.img_element(keep_picture), style_map=_STYLE_MAP
            )
    except Exception as error:  # noqa: BLE001 (any unreadable document, named for the editor)
        raise DocumentError(f"{source}: không đọc được tệp Word ({type(error).__name__})") from None
    html = result.value
    title = request.title
    heading = _FIRST_HEADING.search(html)
    if not title and heading:
        title = " ".join(_TAG.sub("", heading.group("text")).split())
        html = html[: heading.start()] + html[heading.end() :]
    if not title:
        raise DocumentError(f'{source}: tài liệu không có tiêu đề (Heading) nào; thêm --title "…"')
    header, slug, warnings = post_header(
        content,
        settings,
        PostRequest(title, request.items, request.form, request.unit, request.plan, request.now),
    )
    path = post_path(content, header, slug)
    year = header[1].removeprefix("Date: ")[:4]
    folder = f"images/{year}/{slug}"
    body = markdownify(
        html.replace(_PICTURE, "{static}/" + folder + "/"),
        heading_style="ATX",
        bullets="-",
        escape_underscores=False,
        escape_asterisks=False,
    ).strip()
    body = _separate_lists(body)
    for name, data in pictures:
        target = Path(content) / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header) + "\n\n" + body + "\n", encoding="utf-8")
    return path, warnings

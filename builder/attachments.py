"""The attachments of the site model: the documents a post or page links, as download lines.

Every link in a post's body to a published document (a file under STATIC_PATHS
that is not a picture: PDF, DOCX, XLSX, ODT, ZIP, …), whichever way it was
written (`{static}`, `{attach}`), becomes an `Attachment` on the post:
`content.attachments`, each with its address, its link text, its kind ("PDF")
and its size ("245 KB"), which the theme shows as "Tải về: … (PDF, 245 KB)".
Computed once per build when every generator has its files (builder.site_model),
after Pelican has resolved every link (so `{attach}` files are at their final address).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from portal.content_files import human_size

PICTURES = {"jpg", "jpeg", "png", "gif", "webp", "avif"}
# Link texts that do not say what the document is.
GENERIC_TEXTS = {
    "tải về",
    "tải",
    "tại đây",
    "xem tại đây",
    "bấm vào đây",
    "đây",
    "xem",
    "download",
    "link",
    "liên kết",
    "tệp đính kèm",
    "văn bản",
}
_LINK = re.compile(r'<a\b[^>]*?\bhref="(?P<href>[^"]+)"[^>]*>(?P<text>.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Attachment:
    url: str  # as the body links it
    title: str  # the link's text
    kind: str  # "PDF", "DOCX", …
    size: str  # "245 KB", "1,2 MB"
    bytes: int


def attachments_of(html: str, files: dict[str, str], siteurl: str) -> list[Attachment]:
    """The documents `html` links, in order, each once; files maps a file's address to its source."""
    found: dict[str, Attachment] = {}
    for match in _LINK.finditer(html):
        href = unescape(match.group("href"))
        path = unquote(urlsplit(href).path)
        address = path.removeprefix(urlsplit(siteurl).path.rstrip("/") + "/").lstrip("/")
        source = files.get(address)
        kind = address.rsplit(".", 1)[-1].lower() if "." in address else ""
        if source is None or kind in PICTURES or href in found:
            continue
        size = os.path.getsize(source)
        title = " ".join(unescape(_TAG.sub("", match.group("text"))).split())
        if not title or title.casefold() in GENERIC_TEXTS or title.startswith(("/", "{", "|", "http")):
            title = os.path.splitext(os.path.basename(address))[0]  # "tải về" says nothing: the file's name
        # Spaces and Vietnamese letters percent-encoded: a valid address in any browser and on nginx.
        url = quote(href, safe=":/?#[]@!$&'()*+,;=%")
        found[href] = Attachment(url, title, kind.upper(), human_size(size), size)
    return list(found.values())


def list_attachments(generators: Any) -> None:
    files: dict[str, Any] = {}
    contents: list[Any] = []
    siteurl = ""
    for generator in generators:
        siteurl = generator.settings.get("SITEURL", "")
        for static in getattr(generator, "staticfiles", []):
            files[static.url] = static.source_path
        for kind in ("articles", "hidden_articles", "pages", "hidden_pages"):
            contents += getattr(generator, kind, [])
    for content in contents:
        html = content.content  # links resolved, `{attach}` files moved; memoised by Pelican
        content.attachments = attachments_of(html, files, siteurl) if "<a" in html else []

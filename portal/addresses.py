"""Addresses that last (issue 27): links to a post are shared on social media and written in
official letters, so an address the site gave once keeps leading to its page.

Each release records the address of every page it publishes, by source file. The next release
compares: a source whose address changed (its title corrected, so its slug) leaves a redirect at
every address it had (`moved`, carried from release to release, so a link from two corrections
ago still works); an address whose source is no longer published is named to whoever publishes
(`gone`). A redirect is a page of its own (works on nginx and any static server alike)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from .checker import ContentCheck
from .urls import activity_url, document_url, page_url, post_url


@dataclass
class AddressBook:
    """What a release records: source → its address; an old address → the source now elsewhere."""

    pages: dict[str, str] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, dict[str, str]]:
        return {"pages": dict(sorted(self.pages.items())), "moved": dict(sorted(self.moved.items()))}

    @classmethod
    def from_json(cls, data: Any) -> AddressBook:
        """A book as a release recorded it; an empty one for anything else (an older release)."""
        if not isinstance(data, dict):
            return cls()
        found = [data.get(key) for key in ("pages", "moved")]
        pages, moved = (
            {k: v for k, v in part.items() if isinstance(k, str) and isinstance(v, str)}
            if isinstance(part, dict)
            else {}
            for part in found
        )
        return cls(pages, moved)


def published_addresses(check: ContentCheck, root: str, settings: dict[str, Any]) -> dict[str, str]:
    """Every page the build publishes, by its source (relative to the content folder): posts
    (hidden ones too: they have a page), pages, documents and public activities; site-relative."""
    prefix = root.rstrip("/") + "/"
    own = {**settings, "SITEURL": ""}
    found: dict[str, str] = {}
    for post in check.posts:
        if post.status in ("published", "hidden"):
            found[post.path.removeprefix(prefix)] = post_url(post, own).lstrip("/")
    for page in check.pages:
        if page.status != "draft":
            found[page.path.removeprefix(prefix)] = page_url(page.slug, settings)
    for document in check.documents.documents:
        found[document.path.removeprefix(prefix)] = document_url(document, settings)
    for activity in check.activities:
        if activity.public:
            found[str(activity.path).removeprefix(prefix)] = activity_url(activity, settings)
    return found


def carried(previous: AddressBook, pages: dict[str, str]) -> tuple[AddressBook, list[tuple[str, str]]]:
    """This release's book, and the (address, source) of every address the previous release
    served that this one will not: its source deleted, made a draft or moved out."""
    served = set(pages.values())
    moved: dict[str, str] = {}
    gone: list[tuple[str, str]] = []
    earlier = {**previous.moved, **{url: source for source, url in previous.pages.items()}}
    for url, source in sorted(earlier.items()):
        if url in served:
            continue  # the address is a page again (the title put back, or another page took it)
        if source in pages:
            moved[url] = source
        else:
            gone.append((url, source))
    return AddressBook(dict(pages), moved), gone


@dataclass(frozen=True)
class Redirect:
    """A page at `path` (in the output) sending the reader to `target` (site-relative)."""

    path: str
    target: str
    text: str


def redirects(book: AddressBook, site_url: str) -> list[Redirect]:
    """A redirect page for each moved address (an address with no safe path is skipped)."""
    found = []
    for url, source in sorted(book.moved.items()):
        target = book.pages[source]
        parts = PurePosixPath(url).parts
        if not parts or any(p in ("", ".", "..") or p.startswith(".") for p in parts) or url.startswith("/"):
            continue
        path = url + "index.html" if url.endswith("/") else url
        found.append(Redirect(path, target, redirect_page(target, site_url)))
    return found


def redirect_page(target: str, site_url: str) -> str:
    """The page left at an old address: straight on to the new one (a refresh at once, which
    search engines take as a permanent move), with a link for anyone whose browser stays."""
    local = html.escape("/" + target, quote=True)
    canonical = html.escape(site_url.rstrip("/") + "/" + target, quote=True)
    return (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={local}">\n'
        f'<link rel="canonical" href="{canonical}">\n<meta name="robots" content="noindex">\n'
        "<title>Bài đã chuyển sang địa chỉ mới</title>\n</head>\n<body>\n"
        f'<p>Bài này đã chuyển sang địa chỉ mới: <a href="{local}">{canonical}</a>.</p>\n'
        "</body>\n</html>\n"
    )

"""Pelican's `{static}`, `{attach}` and `{filename}` links, read as the checker reads them and
written back as addresses that cannot leave their attribute.

Pelican replaces these placeholders in a post's HTML after the sanitiser has run, and wrote back
what it found HTML-unescaped and unencoded: a target `KH&amp;CN.jpg#&quot;&gt;&lt;meta …` became a
live `<meta>`. It also read the files to publish with another rule (`urlparse`, which cut
`KH&amp;CN.jpg` at the `;`), so a link `check` accepted could stop the build.

`SafeLinks` replaces both with one reading, `portal.content_files.read_link_target` (the
checker's), and writes every address with `portal.sanitize.attribute_address`. A target the
build cannot find stops the build naming the file, with the checker's fix; Pelican only logged it
and left the placeholder in the page.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Mapping
from html import escape
from typing import Any
from urllib.parse import urljoin

from pelican import contents
from pelican.contents import Content, Static

from portal.body import is_link_value
from portal.content_files import publishable, read_link_target, resolve_link
from portal.problems import ContentError, Problem
from portal.sanitize import attribute_address, clean_html

from .logs import shown_path

_FILE_LINKS = {"static": "static_content", "attach": "static_content", "filename": "generated_content"}


class SafeLinks(Content):
    """A content object whose intrasite links are read once and written encoded and escaped."""

    def get_static_links(self) -> set[str]:
        """The static files this content links, for Pelican's StaticGenerator to publish; a link to
        anything but a published picture or document stops the build naming this content."""
        return self.linked_files(self._content or "")

    def linked_files(self, html: str) -> set[str]:
        """The static files `html` (this content's body or summary) links by placeholder."""
        found = set()
        for match in self._get_intrasite_link_regex().finditer(html):
            what = match.group("what")
            if what in ("static", "attach") and is_link_value(match.group("value")):
                target = read_link_target(match.group("value"), html=True)
                path = resolve_link(self.relative_source_path, target.path)
                if path is None or not self._publishes(path):
                    raise self._unpublished(what, target.path)
                found.add(path)
        return found

    def files_named_as_content(self, html: str) -> set[str]:
        """The static files `html` links with {filename} (Pelican looks those up among the static
        files too): they are published when it is."""
        found = set()
        for match in self._get_intrasite_link_regex().finditer(html):
            if match.group("what") == "filename" and is_link_value(match.group("value")):
                target = read_link_target(match.group("value"), html=True)
                path = resolve_link(self.relative_source_path, target.path)
                if path is not None:
                    found.add(path)
        return found

    def _publishes(self, path: str) -> bool:
        try:
            mode = os.lstat(os.path.join(self.settings["PATH"], path)).st_mode
        except OSError:
            return False
        return stat.S_ISREG(mode) and publishable(path, self.settings)

    def _unpublished(self, what: str, path: str) -> ContentError:
        return ContentError(
            [
                Problem(
                    shown_path(self.source_path),
                    None,
                    f"liên kết '{{{what}}}{path}' dẫn tới bài, trang hoặc tệp không được đăng",
                    "chạy 'invoke check' để xem dòng có liên kết và sửa đường dẫn cho đúng tên tệp",
                )
            ]
        )

    def _update_content(self, content: str, siteurl: str) -> str:
        """Pelican's link replacement, then the sanitiser again over what it gave: whatever it
        wrote back, the page gets only what the allowlist lets through."""
        replaced = str(super()._update_content(content, siteurl))
        if replaced == content:
            return replaced
        return clean_html(replaced, self.settings.get("SAFE_HTML_IFRAME_HOSTS", ()))

    def _link_replacer(self, siteurl: str, m: re.Match[str]) -> str:
        what = m.group("what")
        if not is_link_value(m.group("value")):
            return m.group(0)  # a run across attributes, not a link: left as the sanitiser wrote it
        if what not in _FILE_LINKS:
            return str(super()._link_replacer(siteurl, m))
        target = read_link_target(m.group("value"), html=True)
        path = resolve_link(self.relative_source_path, target.path)
        linked: Any = None
        if path is not None:
            linked = self._context[_FILE_LINKS[what]].get(path)
            if linked is None and what == "filename":
                linked = self._context["static_content"].get(path)
        # A draft's address (a scheduled post's too) leads nowhere yet, and tells its title.
        if linked is None or getattr(linked, "status", "published") == "draft":
            if getattr(self, "status", "published") == "draft":
                return m.group(0)  # a draft itself is never written: its files may be withheld
            raise self._unpublished(what, target.path)
        if what == "attach":
            linked.attach_to(self)
        address = attribute_address(linked.url, target.query, target.fragment)
        if self.settings["RELATIVE_URLS"]:
            origin = os.path.join(escape(siteurl, quote=True), address)
        else:
            origin = urljoin(escape(siteurl, quote=True).rstrip("/") + "/", address)
        return f"{m.group('markup')}{m.group('quote')}{origin.replace(chr(92), '/')}{m.group('quote')}"


# Named as Pelican's own: it finds a content's URL settings by its class name (ARTICLE_URL).
class Article(SafeLinks, contents.Article):
    pass


class Page(SafeLinks, contents.Page):
    pass


_SAFE: dict[type, type] = {contents.Article: Article, contents.Page: Page}


def make_links_safe(content: Content) -> None:
    """Every post and page read this run gets SafeLinks' link handling (Pelican makes them as
    plain Articles and Pages); a content class of another plugin must be a SafeLinks already."""
    if isinstance(content, (SafeLinks, Static)):
        return
    safe = _SAFE.get(type(content))
    if safe is None:
        raise TypeError(f"{type(content).__name__} must derive from builder.links.SafeLinks")
    content.__class__ = safe


def read_page(generator: Any, path: str | os.PathLike[str], content_class: type[SafeLinks]) -> Any:
    """A content file (a document, a task, an activity) read as a page of the site with Pelican's
    readers, as posts are (the same safe Markdown reader and `{static}` links), and known to
    `{filename}` links, which then lead to its page."""
    page = generator.readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(path, generator.path),
        content_class=content_class,
        context=generator.context,
    )
    generator.add_source_path(page)
    return page


def link_posts(context: Mapping[str, Any], attribute: str, pages_of: Callable[[Any], list[Any]]) -> None:
    """On every post, `attribute`: the pages `pages_of` gives it; on each of those pages, in its
    `articles`, the published posts that name it, newest first."""
    for key in ("articles", "hidden_articles"):
        for article in context.get(key, []):  # published ones newest first
            pages = pages_of(article)
            setattr(article, attribute, pages)
            if key == "articles":
                for page in pages:
                    page.articles.append(article)

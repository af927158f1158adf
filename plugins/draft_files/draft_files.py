"""Draft files: a picture or document that only drafts link is not published.

Pelican publishes every file under STATIC_PATHS, so the decision a draft
post attaches (not yet signed) was on the site at a guessable address before
the post went out. Once the static files are known
(`static_generator_finalized`), a file that a draft, or a post scheduled for
later, links (by placeholder or by a plain address) or shows (`Image:`) is
taken out of the site unless something published names it too: a post or
page, hidden or not, a document of the library (`Files:`) or a public
activity. The evidence of an activity that is not public (minutes, lists of
participants) is withheld the same way. Files no content names are
published as before.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from urllib.parse import unquote, urlsplit

from pelican import signals

from portal.body import featured_image_path

LIVE = ("articles", "hidden_articles", "pages", "hidden_pages", "documents")
UNPUBLISHED = ("drafts", "draft_pages")


_ADDRESS = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


class _Files:
    """The static files of this run by the address they are published at."""

    def __init__(self, generator):
        self.by_address = {static.url: static.relative_source_path for static in generator.staticfiles}
        self.sites = {generator.settings.get(k, "") for k in ("SITEURL", "CANONICAL_SITEURL")} - {""}

    def named(self, content) -> set[str]:
        """The files a post, page or document names: by placeholder, as its picture, or by a
        plain address (`/files/…`, the site's own URL, or a path relative to its page)."""
        summary = content.metadata.get("summary") or ""  # rendered, its links not yet replaced
        named = set(content.get_static_links()) | set(content.linked_files(summary))
        image = getattr(content, "image", None)
        if image:
            named.add(featured_image_path(image))
        for written in _ADDRESS.findall((content._content or "") + summary):
            address = self.address(unescape(written).strip(), getattr(content, "url", ""))
            if address in self.by_address:
                named.add(self.by_address[address])
        return named

    def address(self, link: str, own_url: str) -> str | None:
        for site in self.sites:
            if link.startswith(site.rstrip("/") + "/"):
                link = link[len(site.rstrip("/")) :]
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = unquote(parts.path)
        joined = path if path.startswith("/") else posixpath.join("/" + posixpath.dirname(own_url), path)
        return posixpath.normpath(joined).lstrip("/")


def withhold_draft_files(generator):
    context = generator.context
    files = _Files(generator)
    drafts = [draft for key in UNPUBLISHED for draft in context.get(key, [])]
    drafts_name = {path for draft in drafts for path in files.named(draft)}
    check = context.get("content_check")
    activities = check.activities if check is not None else []
    # An activity's evidence (minutes, lists of names) is the public's only with the activity.
    drafts_name |= {path for activity in activities if not activity.public for path in activity.files}
    if not drafts_name:
        return
    live = {path for key in LIVE for content in context.get(key, []) for path in files.named(content)}
    live |= {path for activity in activities if activity.public for path in activity.files}
    if check is not None:
        live |= {path for document in check.documents.documents for path in document.files}
    withheld = drafts_name - live
    generator.staticfiles = [s for s in generator.staticfiles if s.relative_source_path not in withheld]
    context["staticfiles"] = [
        s for s in context.get("staticfiles", []) if s.relative_source_path not in withheld
    ]
    for path in withheld:
        context.get("static_content", {}).pop(path, None)


def register():
    signals.static_generator_finalized.connect(withhold_draft_files)

"""Draft files: a picture or document is published only when something published names it.

Pelican publishes every file under STATIC_PATHS, so the decision a draft
post attaches (not yet signed) was on the site at a guessable address before
the post went out, and so were the minutes an internal activity keeps as
evidence, in its `Files:` or linked from its notes. Once the static files are
known (`static_generator_finalized`), a file is kept only if something
published names it: a post or page, hidden or not, links it (by placeholder
or by a plain address) or shows it (`Image:`), a document of the library
lists it (`Files:`), a science and technology task lists or links it, the
department's data names it as a request form, or a public activity lists or
links it. Everything else
(files only drafts, posts scheduled for later or internal activities name,
and files left behind when what named them was deleted or edited) stays out
of the site: `static_withheld` in the context lists them.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from typing import Any
from urllib.parse import unquote, urlsplit

from pelican import signals

from builder.site_model import site_model_if_made
from portal.body import featured_image_path

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES = frozenset({"static_withheld"})

LIVE = (
    "articles",
    "hidden_articles",
    "pages",
    "hidden_pages",
    "documents",
    "public_activities",
    "research_tasks",
)


_ADDRESS = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


class _Files:
    """The static files of this run by the address they are published at."""

    def __init__(self, generator: Any) -> None:
        self.by_address = {static.url: static.relative_source_path for static in generator.staticfiles}
        self.sites = {generator.settings.get(k, "") for k in ("SITEURL", "CANONICAL_SITEURL")} - {""}

    def named(self, content: Any) -> set[str]:
        """The files a post, page or document names: by placeholder, as its picture, or by a
        plain address (`/files/…`, the site's own URL, or a path relative to its page)."""
        summary = content.metadata.get("summary") or ""  # rendered, its links not yet replaced
        named = set(content.get_static_links()) | set(content.linked_files(summary))
        named |= content.files_named_as_content((content._content or "") + summary)
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


def withhold_draft_files(generator: Any) -> None:
    context = generator.context
    files = _Files(generator)
    live = {path for key in LIVE for content in context.get(key, []) for path in files.named(content)}
    check = site_model_if_made(context)
    if check is not None:
        # An activity's evidence (minutes, lists of names) is the public's only with the activity.
        live |= {path for activity in check.activities if activity.public for path in activity.files}
        live |= {path for document in check.documents.documents for path in document.files}
        live |= {path for task in check.research_tasks for path in task.files}
        if check.department is not None and check.department.access is not None:
            live |= {form.file for form in check.department.access.forms}  # the request forms
    withheld = {static.relative_source_path for static in generator.staticfiles} - live
    context["static_withheld"] = sorted(withheld)
    generator.staticfiles = [s for s in generator.staticfiles if s.relative_source_path not in withheld]
    context["staticfiles"] = [
        s for s in context.get("staticfiles", []) if s.relative_source_path not in withheld
    ]
    for path in withheld:
        context.get("static_content", {}).pop(path, None)


def register() -> None:
    signals.static_generator_finalized.connect(withhold_draft_files)

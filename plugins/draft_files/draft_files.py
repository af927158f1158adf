"""Draft files: a picture or document that only drafts link is not published.

Pelican publishes every file under STATIC_PATHS, so the decision a draft
post attaches (not yet signed) was on the site at a guessable address before
the post went out. Once the static files are known
(`static_generator_finalized`), a file that a draft, or a post scheduled for
later, links or shows (`Image:`) is taken out of the site unless something
published links it too: a post or page, hidden or not, or a document of the
library (`Files:`). Files no content names are published as before.
"""

from __future__ import annotations

from pelican import signals

from portal.body import featured_image_path

LIVE = ("articles", "hidden_articles", "pages", "hidden_pages", "documents")
UNPUBLISHED = ("drafts", "draft_pages")


def _named(content) -> set[str]:
    named = set(content.get_static_links())
    image = getattr(content, "image", None)
    if image:
        named.add(featured_image_path(image))
    return named


def withhold_draft_files(generator):
    context = generator.context
    drafts_name = {path for key in UNPUBLISHED for draft in context.get(key, []) for path in _named(draft)}
    if not drafts_name:
        return
    live = {path for key in LIVE for content in context.get(key, []) for path in _named(content)}
    check = context.get("content_check")
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

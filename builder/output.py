"""Files a plugin adds to the site beside Pelican's pages (feeds, data files)."""

from __future__ import annotations

import os
import re


def write_output_file(output_path, relative: str, data: bytes):
    """A file a plugin adds to the site (feeds, data files), its folders made as needed."""
    path = os.path.join(output_path, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


# A post body linking other content by placeholder ({filename}, |static|…): its HTML depends on
# where that content is now, so caches of rendered posts (page_cache, the preview) must not trust it.
PLACEHOLDER = re.compile(
    r"\{(?:filename|static|attach|category|tag|author|index)\}|\|(?:filename|static|attach|category|tag|author|index)\|"
)

# Where Pelican 4.12's ArticlesGenerator keeps the posts it read, by status.
ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)


def articles_read(generator):
    """Every post Pelican's ArticlesGenerator read this run, whatever its status."""
    return [article for kind in ARTICLE_LISTS for article in getattr(generator, kind, [])]


PREVIEW_SOURCES = "PORTAL_PREVIEW_SOURCES"


def previewing(settings) -> bool:
    """Whether this run is a preview (builder.preview): it writes only the pages of the sources
    named in PORTAL_PREVIEW_SOURCES, no listing, feed, data or static file."""
    return settings.get(PREVIEW_SOURCES) is not None


def previewed(settings, content) -> bool:
    """Whether a preview run writes this post's or page's own page."""
    return content is not None and content.source_path in settings[PREVIEW_SOURCES]

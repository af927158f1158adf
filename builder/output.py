"""Files a plugin adds to the site beside Pelican's pages (feeds, data files)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from portal.content_files import human_size

# In a built site: each post page's fingerprint of what it was rendered from (plugins/page_cache).
# A page written into the site any other way (the preview's) must lose its entry first.
PAGE_FINGERPRINTS = ".page-fingerprints.json"


def forget_fingerprints(output_path: str | os.PathLike[str], pages: Iterable[str]) -> None:
    """Drop `pages` (site-relative names) from the site's page fingerprints, so the next build
    renders them again rather than trusting a page it did not write; one atomic rewrite."""
    path = os.path.join(output_path, PAGE_FINGERPRINTS)
    try:
        with open(path, encoding="utf-8") as handle:
            fingerprints = json.load(handle)
    except (OSError, ValueError):
        return  # none: every page is rendered anyway
    kept = {name: value for name, value in fingerprints.items() if name not in set(pages)}
    if kept != fingerprints:
        partial = f"{path}.{os.getpid()}.part"
        with open(partial, "w", encoding="utf-8") as handle:
            json.dump(kept, handle, sort_keys=True)
        os.replace(partial, path)


_HREF = re.compile(r'href="([^"]+)"')


def linked_addresses(folder: str | os.PathLike[str]) -> set[str]:
    """Every address the pages (index.html) under a folder of the built site link to: what a
    reader finds listed there (an archive month, an item's pages)."""
    found: set[str] = set()
    for directory, _, names in os.walk(folder):
        if "index.html" in names:
            with open(os.path.join(directory, "index.html"), encoding="utf-8") as page:
                found.update(_HREF.findall(page.read()))
    return found


@dataclass(frozen=True)
class Download:
    """A file of the content folder as a download line shows it (theme's _attachments.html)."""

    url: str  # under SITEURL, percent-encoded
    title: str  # the file's name
    kind: str  # "PDF"
    size: str  # "245 KB"


def download(content_path: str, relative: str, siteurl: str) -> Download:
    """A published file (under files/, published byte for byte) as a download line."""
    name = os.path.basename(relative)
    kind = name.rsplit(".", 1)[-1].upper() if "." in name else ""
    size = human_size(os.path.getsize(os.path.join(content_path, relative)))
    return Download(f"{siteurl}/{quote(relative)}", name, kind, size)


def write_output_file(output_path: str | os.PathLike[str], relative: str, data: bytes) -> None:
    """A file a plugin adds to the site (feeds, data files), its folders made as needed."""
    path = os.path.join(output_path, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


# A post body linking other content by placeholder ({filename}, |static|, and the mixed
# {filename| and |static} Pelican's INTRASITE_LINK_REGEX also takes): its HTML depends on where that
# content is now, so caches of rendered posts (page_cache, the preview) must not trust it.
PLACEHOLDER = re.compile(r"[{|](?:filename|static|attach|category|tag|author|index)[|}]")

# Where Pelican 4.12's ArticlesGenerator keeps the posts it read, by status.
ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)


def articles_read(generator: Any) -> list[Any]:
    """Every post Pelican's ArticlesGenerator read this run, whatever its status."""
    return [article for kind in ARTICLE_LISTS for article in getattr(generator, kind, [])]


PREVIEW_SOURCES = "PORTAL_PREVIEW_SOURCES"


def previewing(settings: Mapping[str, Any]) -> bool:
    """Whether this run is a preview (builder.preview): it writes only the pages of the sources
    named in PORTAL_PREVIEW_SOURCES, no listing, feed, data or static file."""
    return settings.get(PREVIEW_SOURCES) is not None


def previewed(settings: Mapping[str, Any], content: Any) -> bool:
    """Whether a preview run writes this post's or page's own page."""
    return content is not None and content.source_path in settings[PREVIEW_SOURCES]

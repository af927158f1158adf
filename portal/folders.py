"""Where each kind of content lives in a content folder: the defaults in one place, and the
folders a site's settings name, as one frozen, typed value.

The checker, the build (the plugins' settings defaults), `invoke new` and the web editors read
these; a site changes them with the *_PATHS settings of pelicanconf.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Setting → default folders. Posts and pages are Pelican's own settings, with our defaults.
FOLDER_DEFAULTS: dict[str, tuple[str, ...]] = {
    "ARTICLE_PATHS": ("posts",),
    "PAGE_PATHS": ("pages",),
    "DOCUMENT_PATHS": ("van-ban",),
    "ACTIVITY_PATHS": ("hoat-dong",),
    "RESEARCH_PATHS": ("nhiem-vu",),
}


@dataclass(frozen=True)
class ContentFolders:
    """The folders of each kind of content, relative to the content folder."""

    posts: tuple[str, ...]
    pages: tuple[str, ...]
    documents: tuple[str, ...]
    activities: tuple[str, ...]
    research: tuple[str, ...]

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> ContentFolders:
        def folders(key: str) -> tuple[str, ...]:
            return tuple(settings.get(key) or FOLDER_DEFAULTS[key])

        return cls(
            folders("ARTICLE_PATHS"),
            folders("PAGE_PATHS"),
            folders("DOCUMENT_PATHS"),
            folders("ACTIVITY_PATHS"),
            folders("RESEARCH_PATHS"),
        )


DEFAULT_FOLDERS = ContentFolders.of({})

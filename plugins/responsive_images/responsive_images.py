"""Responsive pictures written: after the pages, each published picture's copy (metadata
removed) replaces the file Pelican copied, and its smaller WebP copies are put beside it, as the
site model prepared them (builder.pictures).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from builder.logs import shown_path
from builder.output import previewing
from builder.pictures import prepared_pictures
from portal.images import publish
from portal.problems import ContentError, Problem

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()


def write_copies(pelican: Any) -> None:
    cache, prepared_copies = prepared_pictures()
    if previewing(pelican.settings) or cache is None:  # None: no picture this run
        return  # a preview writes pages only; the pictures are in the site already
    for prepared, save_as, source in prepared_copies:
        try:
            publish(prepared, cache, Path(pelican.output_path), save_as)
        except OSError as error:
            message = f"không ghi được ảnh vào trang ({error.strerror})"
            raise ContentError([Problem(shown_path(source), None, message, "báo nhóm kỹ thuật")]) from error


def register() -> None:
    signals.finalized.connect(write_copies)

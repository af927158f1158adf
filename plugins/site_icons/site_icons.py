"""The department's icon at /favicon.ico, where browsers, feed readers and bookmarks ask for it
without reading a page (pages name theme/img/emblem.svg; both drawn by tools/make_icons.py)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from pelican import signals

from builder.output import previewing

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()


def copy_favicon(pelican: Any) -> None:
    if previewing(pelican.settings):
        return  # a preview writes pages only; the icon is in the site already
    source = Path(pelican.settings["THEME"]) / "static" / "img" / "favicon.ico"
    if source.is_file():
        shutil.copyfile(source, Path(pelican.output_path) / "favicon.ico")


def register() -> None:
    signals.finalized.connect(copy_favicon)

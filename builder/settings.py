"""Pelican settings for a content directory, and hashes of the code that renders pages."""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def code_version() -> str:
    """A hash of all the code that can change a page: portal/, builder/, plugins/, pinned packages.

    It keys the page cache (plugins/page_cache) and names the Markdown reader's cache folder
    (CACHE_PATH in pelicanconf.py), so no cache outlives the code that filled it."""
    digest = hashlib.sha256()
    code = [
        *(ROOT / "portal").rglob("*.py"),
        *(ROOT / "builder").rglob("*.py"),
        *(ROOT / "plugins").rglob("*.py"),
    ]
    for path in sorted([*code, ROOT / "requirements.txt"]):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def load_settings(content_dir, output_dir=None, settings_file="pelicanconf.py", **overrides):
    settings_path = Path(settings_file)
    if not settings_path.is_absolute():
        settings_path = ROOT / settings_path
    values = {"PATH": os.path.abspath(content_dir)}
    if output_dir is not None:
        values["OUTPUT_PATH"] = os.path.abspath(output_dir)
    explicit_cache = "CACHE_PATH" in overrides
    values.update(overrides)
    settings = read_settings(str(settings_path), override=values)
    if not explicit_cache:
        # One cache per content directory: a cache holds one site's files.
        key = hashlib.sha256(os.path.abspath(content_dir).encode()).hexdigest()[:12]
        settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], key)
    return settings

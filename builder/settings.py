"""Pelican settings for a content directory, and hashes of the code that renders pages."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """Where builds, checks and publishes keep what they may lose (PORTAL_CACHE_DIR, else cache/)."""
    return Path(os.environ.get("PORTAL_CACHE_DIR", ROOT / "cache"))


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


_SETTING_TYPES = (str, int, float, bool, type(None))
# Settings that change how fast a build is, or where it is written, never what a page says.
_NOT_INPUTS = {
    "PORTAL_PREVIOUS_OUTPUT",
    "OUTPUT_PATH",
    "PORTAL_NOW",
    "MARKDOWN_WORKERS",
    "CACHE_PATH",
    "CACHE_CONTENT",
    "LOAD_CONTENT_CACHE",
    "CHECK_MODIFIED_METHOD",
    "CONTENT_CACHING_LAYER",
    "SEARCH_INDEX",
    "PORTAL_PREVIEW_MEMO",
    "PORTAL_PREVIEW_SOURCES",
    # the web editor's limits (editors/editor.py): what it accepts, never what a page says
    "EDITOR_MAX_FILE_MB",
    "EDITOR_MAX_SAVE_MB",
    "EDITOR_MIN_FREE_MB",
    "EDITOR_TIMEOUT_SECONDS",
}


def _plain(value: Any) -> Any:
    """Settings values that describe output; callables and objects are left out."""
    if isinstance(value, _SETTING_TYPES):
        return value
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in (sorted(value, key=repr) if isinstance(value, set) else value)]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, Path):
        return str(value)
    return type(value).__name__


def settings_fingerprint(settings: dict[str, Any]) -> dict[str, Any]:
    """Every setting that can change what a page says, in plain values: what caches key on."""
    return {k: _plain(v) for k, v in settings.items() if k.isupper() and k not in _NOT_INPUTS}


def load_settings(
    content_dir: str | os.PathLike[str],
    output_dir: str | os.PathLike[str] | None = None,
    settings_file: str | os.PathLike[str] = "pelicanconf.py",
    **overrides: Any,
) -> dict[str, Any]:
    settings_path = Path(settings_file)
    if not settings_path.is_absolute():
        settings_path = ROOT / settings_path
    values = {"PATH": os.path.abspath(content_dir)}
    if output_dir is not None:
        values["OUTPUT_PATH"] = os.path.abspath(output_dir)
    values.update(overrides)
    settings: dict[str, Any] = read_settings(str(settings_path), override=values)
    # One cache per content directory and settings: Pelican keys its reader cache on each file's
    # bytes only, so HTML rendered under other settings must never be found.
    fingerprint = json.dumps(settings_fingerprint(settings), sort_keys=True, default=str)
    key = hashlib.sha256((os.path.abspath(content_dir) + fingerprint).encode()).hexdigest()[:12]
    settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], key)
    return settings

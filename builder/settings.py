"""Pelican settings for a content directory, and hashes of the code that renders pages."""

from __future__ import annotations

import ast
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


def folders_digest(folders: list[Path]) -> str:
    """A hash of every file under the folders (a theme, the plugin folders of PLUGIN_PATHS), by
    name and bytes, in order: what caches key on beside code_version, which covers the project's
    own code only."""
    digest = hashlib.sha256()
    for number, folder in enumerate(folders):
        digest.update(f"\0folder {number}\0".encode())
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
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


def _declared(module: Path, name: str) -> frozenset[str]:
    """A plugin's declaration (AFTER), read from its source (the Pelican layer imports no plugin)."""
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == name:
            assert isinstance(value, ast.Call) and len(value.args) <= 1, f"{module}: {name}"
            return frozenset(ast.literal_eval(value.args[0])) if value.args else frozenset()
    return frozenset()


# The Pelican layer's module that makes the site model every plugin reads: loaded first, always.
SITE_MODEL = "builder.site_model"


def ordered_plugins(names: list[str], plugin_paths: list[str]) -> list[str]:
    """The plugins after the site model (SITE_MODEL), each after those it names in AFTER (a
    step of theirs its own needs done first; no plugin reads another's data), otherwise by
    name, so the order PLUGINS lists them in never matters. Plugins from elsewhere follow."""
    modules = {}
    for name in names:
        found = [Path(folder, name, f"{name}.py") for folder in plugin_paths]
        modules[name] = next((path for path in found if path.is_file()), None)
    declared = {n: m for n, m in modules.items() if m}
    after = {n: _declared(m, "AFTER") & set(declared) for n, m in declared.items()}
    ordered: list[str] = []
    waiting = sorted(declared)
    while waiting:
        ready = [n for n in waiting if after[n] <= set(ordered)]
        if not ready:
            raise ValueError(  # a developer's mistake in AFTER, named for the team
                f"Các plugin chờ nhau thành vòng (AFTER): {', '.join(waiting)}. Báo cho nhóm kỹ thuật."
            )
        ordered.append(ready[0])
        waiting.remove(ready[0])
    return [SITE_MODEL, *ordered, *(n for n in names if n not in declared and n != SITE_MODEL)]


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
    settings["PLUGINS"] = ordered_plugins(list(settings["PLUGINS"]), list(settings["PLUGIN_PATHS"]))
    # One cache per content directory, settings and plugin code: Pelican keys its reader cache on
    # each file's bytes only, so HTML rendered under other settings, or by a plugin since edited
    # (a department's own, outside code_version), must never be found.
    fingerprint = json.dumps(settings_fingerprint(settings), sort_keys=True, default=str)
    plugins = folders_digest([Path(folder) for folder in settings["PLUGIN_PATHS"]])
    key = hashlib.sha256((os.path.abspath(content_dir) + fingerprint + plugins).encode()).hexdigest()[:12]
    settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], key)
    return settings

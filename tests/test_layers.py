"""The layers the README draws are the layers the imports have."""

import ast
from pathlib import Path

from conftest import ROOT

# The domain package: plans, posts, checker, coverage, reports, Office files. No Pelican, nothing
# of the layers above it; Markdown is rendered in one module only (portal/render.py), which the
# build's reader and the checker share.
FORBIDDEN_IN_DOMAIN = {
    "pelican",
    "markdown",
    "builder",
    "editors",
    "publishing",
    "plugins",
    "tasks",
    "pelicanconf",
}
APPLICATIONS = {"editors", "publishing"}  # above the Pelican layer: the editors, releases
MARKDOWN_RENDERER = "render.py"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
            if node.module == "plugins":  # from plugins import x
                found.update(alias.name for alias in node.names)
    return found


def test_the_domain_package_imports_no_pelican_and_no_layer_above_it():
    offending = {
        path.name: imported_modules(path)
        & (FORBIDDEN_IN_DOMAIN - ({"markdown"} if path.name == MARKDOWN_RENDERER else set()))
        for path in sorted((ROOT / "portal").glob("*.py"))
    }
    assert {name: mods for name, mods in offending.items() if mods} == {}


def test_the_pelican_layer_imports_no_plugin_no_application_and_no_task():
    offending = {
        path.name: imported_modules(path) & {"plugins", "tasks", "pelicanconf", *APPLICATIONS}
        for path in sorted((ROOT / "builder").glob("*.py"))
    }
    assert {name: mods for name, mods in offending.items() if mods} == {}


def test_the_applications_stand_on_the_pelican_layer_not_on_plugins_or_tasks():
    offending = {
        f"{package}/{path.name}": imported_modules(path) & {"plugins", "tasks", "pelicanconf"}
        for package in sorted(APPLICATIONS)
        for path in sorted((ROOT / package).glob("*.py"))
    }
    assert {name: mods for name, mods in offending.items() if mods} == {}
    plugins = {p.name for p in (ROOT / "plugins").iterdir() if p.is_dir()}
    for path in sorted((ROOT / "plugins").rglob("*.py")):  # plugins are the Pelican run's only
        assert not imported_modules(path) & APPLICATIONS, path
    assert plugins


def test_plugins_use_the_domain_and_the_pelican_layer_not_each_other():
    plugins = {p.name for p in (ROOT / "plugins").iterdir() if p.is_dir() and not p.name.startswith("_")}
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        own = path.parent.name
        others = (imported_modules(path) & plugins) - {own}
        assert not others, (path, others)

"""Plugins share no data: what several need is the site model's (builder.site_model and the
modules it calls), which the Pelican layer makes before any plugin runs. Each plugin declares
what it hands on to templates (PROVIDES), held to its code here, and no plugin's code reads a
context key or attribute another plugin hands on. Builds run the plugins in an order that does
not depend on how PLUGINS lists them.

Read from the code: context keys a plugin writes (`context["k"] = …`) and reads
(`context["k"]`, `context.get("k")`), attributes it sets on objects other than its own
(`page.k = …`) and attributes it reads by name (`getattr(x, "k")`). Pelican's own keys and
attributes are nobody's. A key named through a variable, and the templates, are not read here:
what templates show of another plugin's is the site model's too (feeds' names, the department),
and a build without a plugin that writes pages the site links stops (PAGE_WRITERS).
"""

import ast
import importlib
from pathlib import Path

import pytest
from conftest import ROOT, build, snapshot
from hypothesis import given, settings, strategies as st

import pelicanconf
from builder.settings import SITE_MODEL, ordered_plugins

PLUGINS = ROOT / "plugins"
# Pelican's context and content: read and filtered by plugins, made by Pelican.
PELICAN_KEYS = {
    "articles",
    "hidden_articles",
    "drafts",
    "pages",
    "hidden_pages",
    "draft_pages",
    "staticfiles",
    "static_content",
}
PELICAN_ATTRIBUTES = {
    "articles",
    "staticfiles",
    "category",
    "url",
    "image",
    "image_alt",
    "modified",
    "override_url",
    "override_save_as",
    "generate_output",
    "reader",
}
OWN = {"self", "cls", "state", "_run"}  # a plugin's own objects and run state


def _is_context(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "context") or (
        isinstance(node, ast.Attribute) and node.attr == "context"
    )


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def scanned(path: Path) -> tuple[set[str], set[str]]:
    """The keys and dotted attributes the module's code writes, and those it reads."""
    writes, reads = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Subscript) and _is_context(node.value) and _text(node.slice):
            (writes if isinstance(node.ctx, ast.Store | ast.Del) else reads).add(_text(node.slice))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get", "pop", "setdefault"}
            and _is_context(node.func.value)
            and node.args
            and _text(node.args[0])
        ):
            reads.add(_text(node.args[0]))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "hasattr"}
            and len(node.args) >= 2
            and _text(node.args[1])
        ):
            reads.add("." + _text(node.args[1]))
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and not (isinstance(node.value, ast.Name) and node.value.id in OWN)
        ):
            writes.add("." + node.attr)
    pelican = PELICAN_KEYS | {"." + a for a in PELICAN_ATTRIBUTES}
    return writes - pelican, reads - pelican


def modules():
    return {name: PLUGINS / name / f"{name}.py" for name in pelicanconf.PLUGINS if name != SITE_MODEL}


def test_every_plugin_declares_what_it_hands_on():
    for name, path in modules().items():
        writes, _ = scanned(path)
        assert writes == importlib.import_module(f"{name}.{name}").PROVIDES, name


def test_no_plugin_reads_another_plugins_data():
    found = {name: scanned(path) for name, path in modules().items()}
    read_from_others = {
        name: sorted(
            key for key in reads for other, (writes, _) in found.items() if other != name and key in writes
        )
        for name, (_, reads) in found.items()
    }
    assert {name: keys for name, keys in read_from_others.items() if keys} == {}


def test_each_context_key_has_one_plugin_that_hands_it_on():
    owners: dict[str, list[str]] = {}
    for name in modules():
        for key in importlib.import_module(f"{name}.{name}").PROVIDES:
            if not key.startswith("."):
                owners.setdefault(key, []).append(name)
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


@pytest.mark.parametrize(
    ("code", "writes", "reads"),
    [
        ('context["plans"] = x', {"plans"}, set()),
        ('self.context["documents"] = x', {"documents"}, set()),
        ('x = generator.context.get("plans", [])', set(), {"plans"}),
        ('x = self.context["content_check"]', set(), {"content_check"}),
        ('x = getattr(article, "featured", None)', set(), {".featured"}),
        ("article.plan_items = []", {".plan_items"}, set()),
        ("self.items = []", set(), set()),
        ('x = context["articles"]', set(), set()),  # Pelican's
    ],
)
def test_the_scan_reads_what_code_hands_on_and_reads(tmp_path, code, writes, reads):
    module = tmp_path / "example.py"
    module.write_text(code + "\n", encoding="utf-8")
    assert scanned(module) == (writes, reads)


@settings(max_examples=25, deadline=None)  # each example reads every plugin's source
@given(order=st.permutations(pelicanconf.PLUGINS))
def test_the_order_plugins_run_in_follows_their_data_whatever_order_they_are_listed_in(order):
    ordered = ordered_plugins(list(order), pelicanconf.PLUGIN_PATHS)
    assert ordered == ordered_plugins(pelicanconf.PLUGINS, pelicanconf.PLUGIN_PATHS)
    assert ordered[0] == SITE_MODEL
    plugins = ordered[1:]
    for position, name in enumerate(plugins):
        later = plugins[position + 1 :]
        assert not set(later) & getattr(importlib.import_module(f"{name}.{name}"), "AFTER", set()), name


def test_plugins_waiting_for_each_other_in_a_circle_are_named(tmp_path):
    for name, after in (("a", "b"), ("b", "a")):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.py").write_text(f"AFTER = frozenset({{{after!r}}})\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"thành vòng.*a, b"):
        ordered_plugins(["b", "a"], [str(tmp_path)])


def test_a_plugin_named_in_another_ones_after_runs_before_it(tmp_path):
    for name, after in (("a", "frozenset({'b'})"), ("b", "frozenset()")):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.py").write_text(
            f"PROVIDES = frozenset()\nAFTER = {after}\n", encoding="utf-8"
        )
    assert ordered_plugins(["a", "b"], [str(tmp_path)]) == [SITE_MODEL, "b", "a"]


def test_the_site_is_the_same_whatever_order_its_plugins_run_in(sample_site, tmp_path):
    """Run in the reverse of the order builds use (the site model last), without ordered_plugins
    putting them back: nothing a plugin makes depends on another having run first."""
    from builder.build import run_pelican
    from builder.settings import load_settings

    settings = load_settings(ROOT / "content", tmp_path / "out")
    settings["PLUGINS"] = list(reversed(settings["PLUGINS"]))
    run_pelican(settings)

    # Not the page fingerprints (keyed on the settings, PLUGINS' order included), nor what the build
    # adds after Pelican's run: the search index and the output folder's mark.
    def pages(site):
        made_after = (".page-fingerprints.json", ".portal-build")
        return {k: v for k, v in snapshot(site).items() if k not in made_after and "pagefind/" not in k}

    assert pages(tmp_path / "out") == pages(sample_site)


@pytest.mark.parametrize("missing", ["documents", "coverage", "feeds"])
def test_a_build_without_a_plugin_writing_pages_the_site_links_stops_and_names_it(content, tmp_path, missing):
    from builder.build import BuildFailed

    content.post("a", Title="Tin một", Date="2020-03-01", Items="1")
    plugins = [name for name in pelicanconf.PLUGINS if name != missing]
    with pytest.raises(BuildFailed, match=f"thiếu plugin '{missing}' trong PLUGINS"):
        build(content.path, tmp_path / "out", PLUGINS=plugins)
    assert not (tmp_path / "out").exists()


def test_check_says_what_the_build_would_stop_on_when_a_page_writer_is_missing(tmp_path):
    from conftest import run_invoke

    settings = tmp_path / "thieu_plugin.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        "PLUGINS = [p for p in PLUGINS if p != 'documents']\n",
        encoding="utf-8",
    )
    result = run_invoke("check", "--settings", str(settings))
    assert result.returncode == 1
    assert "pelicanconf.py: LỖI: thiếu plugin 'documents' trong PLUGINS" in result.stdout + result.stderr

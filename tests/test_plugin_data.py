"""What each plugin hands on and what it reads of other plugins' data is declared in the plugin
(PROVIDES, USES) and held to its code here, so no plugin starts reading another's context key or
attribute unseen; builds run the plugins in the order that data flows, whatever order PLUGINS
lists them in.

Read from the code: context keys a plugin writes (`context["k"] = …`) and reads
(`context["k"]`, `context.get("k")`), attributes it sets on objects other than its own
(`article.k = …`) and attributes it reads by name (`getattr(x, "k")`). Pelican's own keys
and attributes are nobody's. A plugin that reads another's key reads the objects under it
too (`plans` holds plan_items' items), so the key is what is declared.
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


def test_every_plugin_declares_what_it_hands_on_and_what_it_reads():
    found = {name: scanned(path) for name, path in modules().items()}
    provided = {key for writes, _ in found.values() for key in writes}
    for name, (writes, reads) in found.items():
        module = importlib.import_module(f"{name}.{name}")
        assert writes == module.PROVIDES, name
        assert {key for key in reads if key in provided} - writes == module.USES, name


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
        module = importlib.import_module(f"{name}.{name}")
        later = plugins[position + 1 :]
        assert not [n for n in later if importlib.import_module(f"{n}.{n}").PROVIDES & module.USES], name
        assert not set(later) & getattr(module, "AFTER", set()), name


def test_plugins_using_each_others_data_in_a_circle_are_named(tmp_path):
    for name, provides, uses in (("a", "x", "y"), ("b", "y", "x")):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.py").write_text(
            f"PROVIDES = frozenset({{{provides!r}}})\nUSES = frozenset({{{uses!r}}})\n", encoding="utf-8"
        )
    with pytest.raises(ValueError, match=r"thành vòng.*a, b"):
        ordered_plugins(["b", "a"], [str(tmp_path)])


def test_a_plugin_named_in_another_ones_after_runs_before_it(tmp_path):
    for name, after in (("a", "frozenset({'b'})"), ("b", "frozenset()")):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.py").write_text(
            f"PROVIDES = frozenset()\nUSES = frozenset()\nAFTER = {after}\n", encoding="utf-8"
        )
    assert ordered_plugins(["a", "b"], [str(tmp_path)]) == [SITE_MODEL, "b", "a"]


def test_a_site_built_with_its_plugins_listed_backwards_is_the_same_site(sample_site, tmp_path):
    backwards = build(ROOT / "content", tmp_path / "out", PLUGINS=list(reversed(pelicanconf.PLUGINS)))
    assert snapshot(backwards) == snapshot(sample_site)

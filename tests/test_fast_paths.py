"""The fast paths change nothing: parallel rendering, the content cache and reused post pages
give a site byte-identical to a plain serial cold build."""

import sys

from conftest import ROOT, build
from test_reproducible import snapshot

sys.path.insert(0, str(ROOT / "bench"))
from generate_corpus import generate  # noqa: E402

SERIAL_COLD = {"MARKDOWN_WORKERS": 1, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}


def test_fast_builds_equal_a_serial_cold_build(tmp_path):
    corpus = generate(90, tmp_path / "corpus", seed=7)  # enough posts for the worker pool
    fast = {"MARKDOWN_WORKERS": 2, "CACHE_PATH": str(tmp_path / "cache")}
    reference = snapshot(build(corpus, tmp_path / "reference", **SERIAL_COLD))
    assert snapshot(build(corpus, tmp_path / "fast", **fast)) == reference
    page_cache = sys.modules["page_cache.page_cache"]  # as Pelican loaded it
    assert page_cache.last_run["reused"] == 0

    post = sorted((corpus / "posts").iterdir())[40]
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("Title: ", "Title: Đã sửa: ", 1) + "\nMột đoạn mới.\n", encoding="utf-8")
    reference = snapshot(build(corpus, tmp_path / "reference-2", **SERIAL_COLD))
    rebuilt = snapshot(build(corpus, tmp_path / "fast", **fast))
    assert rebuilt.keys() == reference.keys()
    assert [name for name in reference if rebuilt[name] != reference[name]] == []
    # The edited post, its neighbours and the posts listing it as related were rendered again;
    # every other post page was taken from the previous build.
    assert page_cache.last_run["reused"] > 50
    assert 1 <= page_cache.last_run["rendered"] < 30

    unchanged = snapshot(build(corpus, tmp_path / "fast", **fast))
    assert unchanged == reference and page_cache.last_run["rendered"] == 0

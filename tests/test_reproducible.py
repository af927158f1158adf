"""Rebuilding unchanged content gives a byte-identical site, search index and sitemap included."""

import time

import pytest
from conftest import ROOT, build, snapshot


@pytest.mark.slow
def test_two_builds_are_identical(published_sample, tmp_path):
    first = snapshot(published_sample)
    time.sleep(1.1)
    second = snapshot(build(ROOT / "content", tmp_path / "b", settings_file="publishconf.py"))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert "sitemap.xml" in first and "pagefind/pagefind-entry.json" in first
    assert b"<lastmod>2020-12-05T00:00:00+07:00</lastmod>" in first["sitemap.xml"]


def test_a_failed_build_does_not_cost_the_next_one_its_sitemap(content, tmp_path):
    import pytest

    from builder.build import BuildFailed

    content.post("bad", Title="Tin", Date="2020-02-30")
    with pytest.raises(BuildFailed):
        build(content.path, tmp_path / "out")
    content.post("bad", Title="Tin", Date="2020-02-03")
    site = build(content.path, tmp_path / "out")
    assert (site / "sitemap.xml").is_file()


def test_a_builds_plugins_leave_with_it(content, tmp_path):
    """Pelican never disconnects a run's plugins: a production build (precompression) in the
    same process left .gz and .br files in every later development build (the preview's)."""
    content.post("a", Title="Tin một", Date="2020-03-01 08:00", Items="1")
    published = build(content.path, tmp_path / "published", settings_file="publishconf.py")
    assert list(published.rglob("*.html.gz"))
    development = build(content.path, tmp_path / "development")
    assert not [p for p in development.rglob("*") if p.suffix in (".gz", ".br")]

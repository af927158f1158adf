"""The preview (builder.preview): after a save, the edited page is written first, byte for byte
the page a full build writes; then the whole site, equal to a cold serial build."""

import shutil
import sys

import pytest
from conftest import ROOT, build, snapshot

from builder.preview import Preview

sys.path.insert(0, str(ROOT / "bench"))
from generate_corpus import generate

pytestmark = pytest.mark.slow
COLD = {"MARKDOWN_WORKERS": 1, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, "SEARCH_INDEX": False}


def site_files(site):
    """The site as a build makes it (the preview's search index follows on its own)."""
    return {
        name: data
        for name, data in snapshot(site).items()
        if not name.startswith(("pagefind/", ".pagefind-next/"))
    }


def reference(corpus, folder):
    shutil.rmtree(folder, ignore_errors=True)
    return site_files(build(corpus, folder, **COLD))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    corpus = generate(80, tmp_path / "corpus", seed=11)  # enough posts for the worker pool
    (corpus / "pages").mkdir()
    (corpus / "pages" / "gioi-thieu.md").write_text(
        "Title: Giới thiệu\nSlug: gioi-thieu\n\nSở Khoa học và Công nghệ.\n", encoding="utf-8"
    )
    return corpus


@pytest.fixture
def running(corpus, tmp_path):
    """A preview of the corpus into tmp_path/site, its first build done; and what it reported."""
    messages = []
    preview = Preview(corpus, tmp_path / "site", report=messages.append)
    try:
        assert preview.start()
        yield preview, messages
    finally:
        preview.stop()


def test_saved_post_first_then_the_whole_site(corpus, tmp_path, running):
    preview, messages = running
    site = preview.output
    assert preview.memo.posts  # the first build kept the posts for the next save
    post = sorted((corpus / "posts").iterdir())[30]

    for round, (old, new) in enumerate(
        [("\n\n", "\n\nĐoạn mở đầu mới.\n\n"), ("mở đầu mới", "mở đầu sửa lại")]
    ):
        edit(post, old, new)
        preview.refresh()  # the page is written before this returns; the full build runs on
        first = {name: (site / name).read_bytes() for name in site_files(site)}
        written = [m for m in messages if m.startswith("Đã dựng lại")]
        assert len(written) == round + 1, messages
        assert len(preview.memo.posts) >= 75 and preview.memo.check.hits  # the posts were not read again
        preview.wait()
        expected = reference(corpus, tmp_path / f"reference-{round}")
        page = next(name for name in expected if name.endswith("so-31/index.html"))
        assert "mở đầu" in expected[page].decode()
        assert first[page] == expected[page]  # the page shown first is the full build's
        assert site_files(site) == expected  # then the whole site is a cold build's

    # A page of the site (Giới thiệu) is shown first too.
    edit(corpus / "pages" / "gioi-thieu.md", "Sở Khoa học", "Giới thiệu Sở Khoa học")
    preview.refresh()
    assert "Giới thiệu Sở Khoa học" in (site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    preview.wait()
    assert site_files(site) == reference(corpus, tmp_path / "reference-page")


def test_a_broken_save_keeps_the_site_and_names_the_problem(corpus, running):
    preview, messages = running
    preview.wait()  # the first build's search index
    before = site_files(preview.output)
    post = sorted((corpus / "posts").iterdir())[10]
    edit(post, "Date: ", "Items: 99\nDate: ")
    preview.refresh()
    assert preview.wait() is None  # no full build started either
    assert "mục '99' không có" in messages[-1] and "bản dựng đúng gần nhất" in messages[-1]
    assert site_files(preview.output) == before


def test_a_plan_edit_rebuilds_the_whole_site_only(corpus, tmp_path, running):
    preview, messages = running
    plan = next((corpus / "plans").iterdir())
    edit(plan, "Văn phòng Sở", "Văn phòng Sở Khoa học và Công nghệ")
    preview.refresh()
    assert preview.wait() == 0
    assert not [m for m in messages if m.startswith("Đã dựng lại")]  # no page shown before the rest
    assert site_files(preview.output) == reference(corpus, tmp_path / "reference")


def test_a_save_of_several_files_reaches_the_site(corpus, tmp_path, running):
    """The web editor saves a post and its photo together; livereload then calls once per file.
    The later call finds nothing new and must leave the full build it started running."""
    preview, _ = running
    preview.wait()
    post = sorted((corpus / "posts").iterdir())[20]
    edit(post, "\n\n", "\n\nTin có ảnh mới.\n\n![Ảnh mới]({static}/images/moi.jpg)\n\n")
    (corpus / "images").mkdir(exist_ok=True)
    shutil.copy(ROOT / "content" / "images" / "2020" / "minh-hoa-tap-huan.jpg", corpus / "images" / "moi.jpg")
    preview.refresh()
    preview.refresh()  # the second file's call
    assert preview.wait() == 0
    assert site_files(preview.output) == reference(corpus, tmp_path / "reference")
    assert (preview.output / "images" / "moi.jpg").exists()


def test_pages_the_preview_wrote_are_never_kept_by_a_later_build(corpus, tmp_path, running):
    """Save A as v2, break B, revert A, fix B: the site, and a later build into it, equal a cold
    build (the pages shown first had left the site's fingerprints vouching for A's v1)."""
    preview, _ = running
    preview.wait()
    a, b = sorted((corpus / "posts").iterdir())[30:32]
    original = a.read_text(encoding="utf-8")
    edit(a, "\n\n", "\n\nBản sửa thứ hai.\n\n")
    preview.refresh()
    edit(b, "Date: ", "Items: 99\nDate: ")
    preview.refresh()
    a.write_text(original, encoding="utf-8")
    preview.refresh()
    edit(b, "Items: 99\n", "")
    preview.refresh()
    assert preview.wait() == 0
    expected = reference(corpus, tmp_path / "reference")
    assert site_files(preview.output) == expected
    build(corpus, preview.output, SEARCH_INDEX=False)
    assert site_files(preview.output) == expected

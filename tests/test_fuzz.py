"""Hostile posts: the Markdown reader turns any body into clean HTML (property test, unit level),
and a few end-to-end builds either publish clean pages or stop with checker messages."""

import re

import pytest
from bs4 import BeautifulSoup
from conftest import build, injected_scripts
from hypothesis import given, settings, strategies as st

from builder.build import BuildFailed
from builder.settings import load_settings

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PIECES = [
    "<script>",
    "</p>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "[a](",
    "\x0b",
    "**",
    "\n\n",
    "<iframe src=https://x>",
    "{static}/../x",
    "&#0;",
    "<!--",
    "\x01",
    "\u202e",
]
HOSTILE = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=30).map("".join)


@settings(deadline=None)
@given(body=HOSTILE, summary=HOSTILE)
def test_the_reader_turns_any_body_into_clean_html(tmp_path_factory, body, summary):
    from markdown_reader.markdown_reader import SafeMarkdownReader

    path = tmp_path_factory.mktemp("p") / "p.md"
    summary = " ".join(summary.split())
    path.write_text(f"Title: Tin\nDate: 2020-03-01\nSummary: {summary}\n\n{body}\n", encoding="utf-8")
    reader = SafeMarkdownReader(load_settings(path.parent, MARKDOWN_TIME_LIMIT=0))
    content, values = reader.render(str(path))
    for html in (content, reader.metadata(values).get("summary", "")):
        assert not CONTROL.search(html)
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all(["script", "style", "iframe"]) and not injected_scripts(soup)
        for tag in soup.find_all(True):
            assert not any(a.lower().startswith("on") for a in tag.attrs)
            assert not str(tag.get("href", "")).strip().lower().startswith("javascript:")


@pytest.mark.parametrize(
    "title, body, date, extra, outcome",
    [
        (
            '<script>alert("t")</script> Tin\x0b từ Word',
            "Thân <b onclick=x>bài</b>\x01",
            "2020-03-01",
            {},
            "built",
        ),
        (
            "Tin 🎉",
            "[liên kết](javascript:alert(1)) <style>x</style>",
            "2020-06-04 23:59",
            {"Items": "1, 4"},
            "built",
        ),
        ("Tin", "x", "2020-13-01", {"Items": "9", "Url": "index.html"}, "refused"),
        ("🎉🎉", "x", "01/03/2020", {"Tiêu đề": "x"}, "refused"),
    ],
)
def test_hostile_posts_build_clean_or_stop_with_checker_messages(
    content, tmp_path, title, body, date, extra, outcome
):
    content.post("p", body, Title=title, Date=date, **extra)
    try:
        site = build(content.path, tmp_path / "out", SEARCH_INDEX=False)
    except BuildFailed as failure:
        assert outcome == "refused" and failure.problems, str(failure)
        assert all(p.path.endswith("posts/p.md") for p in failure.problems)
        return
    assert outcome == "built"
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not CONTROL.search(html), page
        soup = BeautifulSoup(html, "html.parser")
        assert not injected_scripts(soup) and not soup.find_all("style")
        assert len(soup.find_all("h1")) == 1, page

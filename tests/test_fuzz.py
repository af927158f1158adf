"""Random posts: the build either succeeds with clean pages or fails with checker messages."""

import re
import shutil
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import PLAN_118, build, injected_scripts
from hypothesis import HealthCheck, event, given, settings, strategies as st

from builder.build import BuildFailed

KEYS = st.sampled_from(
    ["Items", "Form", "Unit", "Status", "Plan", "Slug", "Summary", "Modified", "Tags", "Url", "Tiêu đề", "x"]
) | st.text(min_size=1, max_size=8)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(max_size=80).map(lambda t: "Tin " + t) | st.text(max_size=20),
    body=st.text(max_size=400),
    date=st.sampled_from(
        ["2020-03-01 08:00", "2020-06-04 23:59", "2021-01-01", "2020-13-01", "01/03/2020", ""]
    ),
    extra=st.just({})
    | st.fixed_dictionaries({"Items": st.sampled_from(["1", "1, 4", "9", "x"])})
    | st.dictionaries(KEYS, st.text(max_size=30), max_size=3),
)
def test_random_posts_never_crash_the_build(title, body, date, extra):
    root = Path(tempfile.mkdtemp())
    try:
        (root / "content" / "posts").mkdir(parents=True)
        (root / "content" / "plans").mkdir()
        shutil.copy(PLAN_118, root / "content" / "plans")
        header = [f"Title: {title}", f"Date: {date}", *(f"{k}: {v}" for k, v in extra.items())]
        text = "\n".join(header) + "\n\n" + body + "\n"
        (root / "content" / "posts" / "p.md").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            site = build(root / "content", root / "out", SEARCH_INDEX=False)
        except BuildFailed as failure:
            assert failure.problems, str(failure)
            assert all(p.path.endswith("posts/p.md") for p in failure.problems)
            event("refused with checker messages")
            return
        event("built")
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            assert not CONTROL.search(html), page
            soup = BeautifulSoup(html, "html.parser")
            assert not injected_scripts(soup)
            assert len(soup.find_all("h1")) == 1, page
    finally:
        shutil.rmtree(root, ignore_errors=True)

"""Every page type's HTML plus CSS stays within 50 KB uncompressed (content images aside)."""

import re

import pytest

BUDGET = 50 * 1024


@pytest.fixture(scope="module")
def site(sample_site):
    return sample_site


def test_each_page_type_within_budget(site):
    pages = {
        "home": "index.html",
        "news": "tin-tuc/index.html",
        "article": next((site / "tin-tuc" / "2020").rglob("index.html")).relative_to(site).as_posix(),
        "page": "gioi-thieu/index.html",
        "plan": "ke-hoach/118-kh-khcn-2020/index.html",
        "plan text": "ke-hoach/118-kh-khcn-2020/van-ban/index.html",
        "plan item": "ke-hoach/118-kh-khcn-2020/van-ban-thu-tuc-hanh-chinh-dich-vu-cong/index.html",
        "coverage": "ke-hoach/118-kh-khcn-2020/ket-qua/index.html",
        "archives": "luu-tru/index.html",
        "month": "luu-tru/2020/03/index.html",
        "search": "tim-kiem/index.html",
        "feeds": "theo-doi/index.html",
        "plans": "ke-hoach/index.html",
        "documents": "van-ban/index.html",
        "document filter": "van-ban/linh-vuc/cai-cach-hanh-chinh/index.html",
        "document": "van-ban/2020/118-kh-khcn/index.html",
        "404": "404.html",
        "english": "en/index.html",
        "research tasks": "nhiem-vu/index.html",
        "research task": "nhiem-vu/dt-khcn-2019-05/index.html",
        "organisation": "to-chuc/index.html",
        "access to information": "tiep-can-thong-tin/index.html",
    }
    printed = ["/theme/js/print.js"]  # a post, a document and a task each print
    scripts = {
        "search": ["/theme/js/search.js"],
        "article": printed,
        "document": printed,
        "research task": printed,
    }
    for name, path in pages.items():
        html = (site / path).read_text(encoding="utf-8")
        stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        assert stylesheets == ["/theme/css/site.css"], name
        weight = len(html.encode()) + sum((site / s.lstrip("/")).stat().st_size for s in stylesheets)
        assert weight <= BUDGET, f"{name}: {weight} bytes"
        # Only the theme's own small scripts, where they serve: search, and printing.
        assert (
            re.findall(r"<script[^>]*>", html)
            == [f'<script src="{src}" defer>' for src in scripts.get(name, [])]
            or name == "search"
        ), name

"""End-to-end: a real Pelican build of tests/fixtures/site with plan 118, pages checked."""

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, PLAN_118, build, read

PLAN = "ke-hoach/118-kh-khcn-2020"
ITEM_5 = f"{PLAN}/van-ban-thu-tuc-hanh-chinh-dich-vu-cong"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    content = root / "content"
    shutil.copytree(FIXTURES / "site", content)
    (content / "plans").mkdir()
    shutil.copy(PLAN_118, content / "plans")
    return build(content, root / "output", DEFAULT_PAGINATION=10)


def page(site, path) -> BeautifulSoup:
    return BeautifulSoup(
        read(site / path / "index.html" if not path.endswith(".html") else site / path), "html.parser"
    )


def listed_titles(soup):
    return {h.get_text(strip=True) for h in soup.select(".post-list .post-title")}


def item_titles(site, slug):
    soup = page(site, f"{PLAN}/{slug}")
    titles = listed_titles(soup)
    second = site / PLAN / slug / "trang" / "2" / "index.html"
    if second.exists():
        titles |= listed_titles(BeautifulSoup(read(second), "html.parser"))
    return titles


TWO_ITEMS = "Hội nghị tuyên truyền về cải cách hành chính và phòng chống tham nhũng"


def test_each_item_page_lists_exactly_its_posts(site):
    assert item_titles(site, "y-nghia-cai-cach-hanh-chinh-papi") == {TWO_ITEMS}
    assert item_titles(site, "xay-dung-chinh-quyen-phong-chong-tham-nhung") == {
        TWO_ITEMS,
        "Kết quả khảo sát sự hài lòng của người dân",
    }
    assert item_titles(site, "van-ban-thu-tuc-hanh-chinh-dich-vu-cong") == {
        f"Công khai kết quả giải quyết thủ tục hành chính đợt {i:02d}" for i in range(1, 13)
    }
    for empty in ("chu-truong-chinh-sach-cai-cach-hanh-chinh", "khen-thuong-bieu-duong-chan-chinh"):
        assert item_titles(site, empty) == set()


def test_item_pages_paginate_newest_first(site):
    first = page(site, ITEM_5)
    assert len(first.select(".post-list .post-title")) == 10
    assert first.select_one(".post-list .post-title").get_text(strip=True).endswith("đợt 12")
    assert first.select_one('a[rel="next"]')["href"] == f"/{ITEM_5}/trang/2/"
    second = page(site, f"{ITEM_5}/trang/2")
    assert len(second.select(".post-list .post-title")) == 2
    assert "Trang 2/2" in second.get_text()


def test_overview_counts_match_item_pages(site):
    soup = page(site, PLAN)
    counts = {}
    for entry in soup.select(".plan-items > li"):
        number = int(entry["value"])
        counts[number] = int(entry.select_one(".count-number").get_text())
        href = entry.select_one("h3 a")["href"].strip("/")
        assert counts[number] == len(item_titles(site, href.rsplit("/", 1)[1]))
    assert counts == {1: 1, 2: 0, 3: 0, 4: 2, 5: 12, 6: 0, 7: 0}
    assert soup.select_one(f'a[href="/{PLAN}/van-ban/"]')
    assert "II. NỘI DUNG TUYÊN TRUYỀN" in page(site, f"{PLAN}/van-ban").get_text()


def test_article_page_links_its_items_and_shows_local_dates(site):
    soup = page(site, "tin-tuc/2020/hoi-nghi-tuyen-truyen-ve-cai-cach-hanh-chinh-va-phong-chong-tham-nhung")
    links = {a["href"]: a.get_text(strip=True) for a in soup.select(".plan-item-links a")}
    assert set(links) == {
        f"/{PLAN}/y-nghia-cai-cach-hanh-chinh-papi/",
        f"/{PLAN}/xay-dung-chinh-quyen-phong-chong-tham-nhung/",
    }
    assert "Hội nghị tuyên truyền, phổ biến văn bản chỉ đạo" in soup.select_one(".post-plan").get_text()
    assert "Văn phòng Sở" in soup.select_one(".post-meta").get_text()
    time = soup.select_one(".post-meta time")
    assert time.get_text() == "08:00 10/03/2020"
    assert time["datetime"] == "2020-03-10T08:00:00+07:00"
    assert soup.html["lang"] == "vi"


def test_drafts_are_never_written_and_hidden_posts_are_not_listed(site):
    html = {p: read(p) for p in site.rglob("*.html")}
    assert not (site / "drafts").exists()
    assert not any("Bản nháp chưa đăng" in text for text in html.values())
    hidden = [p for p, text in html.items() if "Tin ẩn không liệt kê" in text]
    assert [p.relative_to(site).as_posix() for p in hidden] == [
        "tin-tuc/2020/tin-an-khong-liet-ke/index.html"
    ]


def test_index_archives_page_and_404_exist(site):
    for path in (
        "index.html",
        "luu-tru/index.html",
        "luu-tru/2020/index.html",
        "luu-tru/2020/06/index.html",
        "gioi-thieu/index.html",
        "404.html",
    ):
        assert (site / path).is_file(), path
    assert "Không tìm thấy trang" in read(site / "404.html")
    dates = re.findall(r">(\d\d/\d\d/\d{4})<", read(site / "index.html"))
    assert dates and dates[0] == "12/06/2020"

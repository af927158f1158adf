"""Feeds: parsed with feedparser from a real build of the fixture site, and from the feed writer
for random input."""

import datetime as dt
import shutil
from types import SimpleNamespace

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, PLAN_118, ROOT, build, read, small_picture
from hypothesis import given, settings, strategies as st
from lxml import etree

from builder.settings import load_settings
from portal.dates import LOCAL_TZ

ITEM_FEEDS = "feeds/118-kh-khcn-2020"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds")
    shutil.copytree(FIXTURES / "site", root / "content")
    (root / "content" / "plans").mkdir()
    shutil.copy(PLAN_118, root / "content" / "plans")
    return build(root / "content", root / "out", settings_file="publishconf.py")


def parse(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def all_feeds(site):
    return sorted((site / "feeds").rglob("*.xml"))


def test_every_feed_parses_with_absolute_links_and_local_dates(site):
    feeds = all_feeds(site)
    assert len(feeds) == 2 + 2 + 2 * 7  # the site, the plan, each of its 7 items
    for path in feeds:
        feed = parse(path)
        assert feed.feed.language == "vi" if "rss" in path.name else feed.feed.get("language") in ("vi", None)
        assert feed.feed.link.startswith("https://sokhcn.sonla.gov.vn/")
        for entry in feed.entries:
            assert entry.link.startswith("https://sokhcn.sonla.gov.vn/tin-tuc/2020/")
            assert entry.id.startswith("tag:sokhcn.sonla.gov.vn,2020-")
            assert entry.author_detail.name
        assert "xml-stylesheet" not in read(path)  # no XSLT: browsers are dropping it


def test_site_feed_lists_published_posts_newest_first(site):
    atom = parse(site / "feeds" / "tin-tuc.atom.xml")
    rss = parse(site / "feeds" / "tin-tuc.rss.xml")
    titles = [e.title for e in atom.entries]
    assert titles == [e.title for e in rss.entries]
    assert len(titles) == 15  # 12 + 3 published posts; no draft, no hidden post
    assert titles[0] == "Công khai kết quả giải quyết thủ tục hành chính đợt 12"
    assert "Bản nháp chưa đăng về thủ tục hành chính" not in titles
    assert "Tin ẩn không liệt kê" not in titles
    first = atom.entries[0]
    assert first.published == "2020-06-12T08:00:00+07:00"
    assert "+0700" in read(site / "feeds" / "tin-tuc.rss.xml")
    assert atom.feed.updated == "2020-06-12T08:00:00+07:00"


def test_each_item_feed_holds_exactly_its_posts_with_categories(site):
    expected = {
        1: {"Hội nghị tuyên truyền về cải cách hành chính và phòng chống tham nhũng"},
        4: {
            "Hội nghị tuyên truyền về cải cách hành chính và phòng chống tham nhũng",
            "Kết quả khảo sát sự hài lòng của người dân",
        },
        5: {f"Công khai kết quả giải quyết thủ tục hành chính đợt {i:02d}" for i in range(1, 13)},
        2: set(),
        3: set(),
        6: set(),
        7: set(),
    }
    for number, titles in expected.items():
        for kind in ("atom", "rss"):
            feed = parse(site / ITEM_FEEDS / f"muc-{number}.{kind}.xml")
            assert {e.title for e in feed.entries} == titles, (number, kind)
            for entry in feed.entries:
                terms = {t.get("label") or t.term for t in entry.tags}
                assert any(t.startswith(f"Mục {number}:") for t in terms)
    two = parse(site / ITEM_FEEDS / "muc-4.atom.xml").entries
    both = next(e for e in two if e.title.startswith("Hội nghị"))
    assert {t.term for t in both.tags} == {"muc-1", "muc-4"}


def test_relative_links_and_images_become_absolute(content, tmp_path):
    content.write("pages/lien-he.md", "Title: Liên hệ\n\nĐịa chỉ.\n")
    (content.path / "images").mkdir()
    (content.path / "images" / "hoi-nghi.jpg").write_bytes(small_picture())
    content.post(
        "links",
        "[Liên hệ](/lien-he/) và ![Ảnh hội nghị](/images/hoi-nghi.jpg)",
        Title="Tin có liên kết",
        Date="2020-03-01",
    )
    site = build(content.path, tmp_path / "out", settings_file="publishconf.py")
    entry = parse(site / "feeds" / "tin-tuc.atom.xml").entries[0]
    html = entry.content[0].value
    assert 'href="https://sokhcn.sonla.gov.vn/lien-he/"' in html
    assert 'src="https://sokhcn.sonla.gov.vn/images/hoi-nghi.jpg"' in html


def test_development_feeds_point_at_the_preview_server(content, tmp_path):
    content.post("a", Title="Tin", Date="2020-03-01")
    site = build(content.path, tmp_path / "out")
    entry = parse(site / "feeds" / "tin-tuc.rss.xml").entries[0]
    assert entry.link == "http://127.0.0.1:8000/tin-tuc/2020/tin/"


def test_feed_length_is_a_setting(content, tmp_path):
    for day in range(1, 8):
        content.post(f"p{day}", Title=f"Tin ngày {day}", Date=f"2020-03-0{day}")
    site = build(content.path, tmp_path / "out", PORTAL_FEED_MAX_ITEMS=5)
    assert len(parse(site / "feeds" / "tin-tuc.atom.xml").entries) == 5


def test_rebuilding_unchanged_content_gives_identical_feeds(site, tmp_path):
    again = build(site.parent / "content", tmp_path / "again", settings_file="publishconf.py")
    for path in all_feeds(site):
        assert (again / path.relative_to(site)).read_bytes() == path.read_bytes(), path


def test_adding_a_post_keeps_other_entry_ids(content, tmp_path):
    content.post("a", Title="Tin một", Date="2020-03-01")
    first = {
        e.link: e.id for e in parse(build(content.path, tmp_path / "o1") / "feeds/tin-tuc.atom.xml").entries
    }
    content.post("b", Title="Tin hai", Date="2020-03-02")
    second = {
        e.link: e.id for e in parse(build(content.path, tmp_path / "o2") / "feeds/tin-tuc.atom.xml").entries
    }
    assert all(second[link] == entry_id for link, entry_id in first.items())


def test_pages_link_their_feeds_and_the_feeds_page_lists_all(site):
    home = BeautifulSoup(read(site / "index.html"), "html.parser")
    assert {link["href"] for link in home.select('link[rel="alternate"]')} == {
        "https://sokhcn.sonla.gov.vn/feeds/tin-tuc.atom.xml",
        "https://sokhcn.sonla.gov.vn/feeds/tin-tuc.rss.xml",
    }
    item = BeautifulSoup(
        read(site / "ke-hoach/118-kh-khcn-2020/phan-anh-kien-nghi-thu-tuc-hanh-chinh/index.html"),
        "html.parser",
    )
    hrefs = {link["href"] for link in item.select('link[rel="alternate"]')}
    assert f"https://sokhcn.sonla.gov.vn/{ITEM_FEEDS}/muc-6.atom.xml" in hrefs
    page = BeautifulSoup(read(site / "theo-doi" / "index.html"), "html.parser")
    assert page.h1.get_text() == "Theo dõi tin (RSS)"
    listed = {a["href"].removeprefix("https://sokhcn.sonla.gov.vn/") for a in page.select(".feed-list a")}
    assert listed == {p.relative_to(site).as_posix() for p in all_feeds(site)}


NASTY = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"])
    | st.sampled_from(["\x0b", "\x01", "<", "&", '"', "'", "]", ">", "🎉", "\ufffe", "\x7f", "\u2028"]),
    max_size=200,
)


def feed_writer():
    """The feeds plugin's generator with just what writing a feed needs (no Pelican run)."""
    from feeds.feeds import DEFAULTS, FeedsGenerator

    writer = FeedsGenerator.__new__(FeedsGenerator)
    writer.settings = {**DEFAULTS, **load_settings(ROOT / "content", settings_file="publishconf.py")}
    writer.domain = "https://sokhcn.sonla.gov.vn"
    return writer


@settings(deadline=None)
@given(title=NASTY, body=NASTY, summary=NASTY, long=st.booleans())
def test_any_title_and_body_give_feeds_that_parse(title, body, summary, long):
    """Unit level: stub posts with hostile text straight into the feed writer."""
    from feeds.feeds import Feed

    writer = feed_writer()
    post = SimpleNamespace(
        title="Tin " + title,
        content=body * 200 if long else body,
        summary=summary,
        url="tin-tuc/2020/tin-thu/",
        date=dt.datetime(2020, 3, 1, 8, tzinfo=LOCAL_TZ),
        modified=None,
        unit=None,
        plan_items=[],
    )
    feed = Feed("Tin tức – " + title, summary, "", "feeds/tin-tuc.atom.xml", "feeds/tin-tuc.rss.xml")
    for kind in ("atom", "rss"):
        generator = writer.feed_generator(feed, [post], self_path=f"feeds/tin-tuc.{kind}.xml")
        xml = generator.atom_str() if kind == "atom" else generator.rss_str()
        etree.fromstring(xml)  # well-formed XML 1.0
        parsed = feedparser.parse(xml)
        assert not parsed.bozo, parsed.bozo_exception
        assert len(parsed.entries) == 1 and parsed.entries[0].title.startswith("Tin")

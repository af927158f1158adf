"""The department's public theme: identity (emblem, icons, manifest), the home page's blocks,
the English page, printing and sharing, and the local server's 404 page."""

import json
import sys
import threading
import urllib.error
import urllib.request

from bs4 import BeautifulSoup
from conftest import ROOT, build, read

from builder.serve import site_server
from portal.sanitize import content_security_policy

sys.path.insert(0, str(ROOT / "tools"))
import make_icons


def soup_of(site, path):
    return BeautifulSoup(read(site / path), "html.parser")


def test_shipped_icons_are_what_the_tool_draws():
    """tools/make_icons.py and theme/static/img/ cannot drift apart."""
    for name, data in make_icons.files().items():
        assert (ROOT / "theme" / "static" / "img" / name).read_bytes() == data, name


def test_every_page_names_the_department_with_its_emblem_and_icons(sample_site):
    for path in ("index.html", "tin-tuc/index.html", "van-ban/index.html", "404.html", "en/index.html"):
        soup = soup_of(sample_site, path)
        brand = soup.select_one(".site-header .brand")
        assert (
            "Sở Khoa học và Công nghệ tỉnh Sơn La" in brand.get_text()
            and "UBND tỉnh Sơn La" in brand.get_text()
        )
        emblem = brand.img
        assert emblem["src"] == "/theme/img/emblem.svg" and emblem["width"] and emblem["height"]
        icons = {link["href"] for link in soup.select("link[rel~=icon], link[rel=apple-touch-icon]")}
        assert icons == {"/theme/img/emblem.svg", "/favicon.ico", "/theme/img/apple-touch-icon.png"}
        for icon in icons:
            assert (sample_site / icon.lstrip("/")).is_file()
        english = soup.select('a[hreflang="en"]')
        assert english and all(a["href"] == "/en/" and a["lang"] == "en" for a in english)
        footer = soup.select_one(".site-footer").get_text(" ", strip=True)
        assert "Chịu trách nhiệm chính: Giám đốc Sở Khoa học và Công nghệ tỉnh Sơn La" in footer
    manifest = json.loads(read(sample_site / "manifest.webmanifest"))
    assert manifest["name"] == "Sở Khoa học và Công nghệ tỉnh Sơn La" and manifest["lang"] == "vi"
    for icon in manifest["icons"]:
        assert (sample_site / icon["src"].lstrip("/")).is_file()
    assert "manifest.webmanifest" not in read(sample_site / "sitemap.xml")


def test_the_phone_menu_is_a_details_element_with_every_link(sample_site):
    soup = soup_of(sample_site, "index.html")
    menu = soup.select_one("details.menu-phone")
    assert menu.summary.get_text(" ", strip=True) == "☰ ✕ Danh mục"  # icons hidden from screen readers
    assert all(icon["aria-hidden"] == "true" for icon in menu.summary.find_all("span"))
    wide = [a["href"] for a in soup.select("nav.site-nav a")]
    phone = [a["href"] for a in menu.select("nav a")]
    assert wide and phone[: len(wide)] == wide and "/tim-kiem/" in phone


def test_home_page_blocks(sample_site):
    soup = soup_of(sample_site, "index.html")
    main = soup.main
    lead = main.select_one(".lead-story")
    assert main.find(["article", "section"]) is lead  # the first thing on the page
    # The newest post with a picture among the latest: the sample's 2021 news of feedback handled.
    assert lead.h2.get_text(strip=True).startswith("Kết quả tiếp nhận, xử lý phản ánh, kiến nghị")
    picture = lead.select_one("img.lead-picture")
    assert (
        picture["alt"].startswith("Minh họa") and picture["width"] and picture["height"] and picture["srcset"]
    )
    latest = [a.get_text(strip=True) for a in main.select(".latest .post-title a")]
    assert len(latest) == 6 and lead.h2.get_text(strip=True) not in latest
    assert main.select(".latest .thumb")  # thumbnails where the post has a picture
    progress = main.select_one(".progress")
    assert progress.h2.get_text() == "Cải cách hành chính"
    # Two plans run in 2021: the block shows the reform plan (MAIN_PLAN_KIND), not the legal one.
    assert "Kế hoạch 25/KH-KHCN" in progress.select_one(".kicker").get_text()
    assert len(progress.select(".progress-items li")) == 7
    counts = [int(li.select_one(".count-number").get_text()) for li in progress.select(".progress-items li")]
    coverage = json.loads(read(sample_site / "ke-hoach/25-kh-khcn-2021/ket-qua/coverage.json"))
    annual = coverage["periods"][-1]  # the plan is over: the home page shows its last period
    assert annual["period"]["label"] == "Báo cáo cả năm 2021" in progress.get_text()
    assert counts == [item["count"] for item in annual["items"]]  # the report's numbers, same period
    covered = sum(1 for item in annual["items"] if item["count"] or item["activity_count"])
    text = progress.get_text(" ", strip=True)
    assert f"{annual['activity_count']} hoạt động, {covered}/7 nội dung đã thực hiện" in text
    documents = [a.get_text(strip=True) for a in main.select(".home-block .document-list a")]
    assert documents and documents[0].startswith(("Kế hoạch số", "Quyết định số"))
    quick = {a.get_text(strip=True): a["href"] for a in main.select(".quick-links a")}
    assert quick["Cổng Dịch vụ công tỉnh Sơn La"] == "https://dichvucong.sonla.gov.vn/"
    assert quick["Phản ánh – kiến nghị"] == "/phan-anh-kien-nghi/"


def test_quick_links_come_from_settings(content, tmp_path):
    content.post("a", Title="Tin một", Date="2020-03-01 08:00", Items="1")
    site = build(
        content.path, tmp_path / "out", QUICK_LINKS=[("Tra cứu hồ sơ", "https://example.invalid/", "Thử")]
    )
    quick = soup_of(site, "index.html").select(".quick-links a")
    assert [(a.get_text(strip=True), a["href"]) for a in quick] == [
        ("Tra cứu hồ sơ", "https://example.invalid/")
    ]
    lead = soup_of(site, "index.html").select_one(".lead-story")
    assert lead.h2.get_text(strip=True) == "Tin một" and not lead.img  # no picture: the newest post leads


def test_english_page_is_in_english_and_names_the_contacts(sample_site):
    soup = soup_of(sample_site, "en/index.html")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Department of Science and Technology of Son La Province"
    text = soup.main.get_text(" ", strip=True)
    for words in (
        "Functions",
        "Organisation",
        "Office",
        "Inspectorate",
        "sokhcn@sonla.gov.vn",
        "+84 212 3852 218",
    ):
        assert words in text
    alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
    assert alternates == {
        "vi": "https://sokhcn.sonla.gov.vn/gioi-thieu/",
        "en": "https://sokhcn.sonla.gov.vn/en/",
    }
    about = soup_of(sample_site, "gioi-thieu/index.html")
    back = {link["hreflang"]: link["href"] for link in about.select("link[rel=alternate][hreflang]")}
    assert back == alternates


def test_articles_offer_print_save_and_share_without_third_party_requests(sample_site):
    soup = soup_of(
        sample_site,
        "tin-tuc/2020/chuyen-giao-quy-trinh-nhan-giong-cay-mac-ca-cho-nong-dan-huyen-mai-son/index.html",
    )
    tools = soup.select_one(".post-tools")
    assert [b.get_text() for b in tools.select("button[data-print]")] == ["In bài", "Lưu thành PDF"]
    assert tools.select_one(".print-tools").has_attr("hidden")  # shown by print.js: no dead button without it
    share = {a.get_text(): a["href"] for a in tools.select(".share a")}
    assert share["Facebook"].startswith(
        "https://www.facebook.com/sharer/sharer.php?u=https%3A//sokhcn.sonla.gov.vn/"
    )
    assert share["Thư điện tử"].startswith("mailto:?subject=")
    # Links only: nothing on the page loads from another host.
    loaded = [t.get("src") or t.get("href") for t in soup.select("script[src], img[src], link[href]")]
    assert all(not u.startswith("http") or u.startswith("https://sokhcn.sonla.gov.vn/") for u in loaded)


def test_listings_show_summaries_and_thumbnails(sample_site):
    soup = soup_of(sample_site, "tin-tuc/index.html")
    first = soup.select_one(".post-list li")
    assert first.select_one(".post-summary").get_text(strip=True)
    assert soup.select(".post-list img.thumb[width][height]")


def test_serve_answers_a_missing_page_with_the_sites_404(sample_site):
    server = site_server(str(sample_site), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/tin-tuc/") as response:
            assert response.status == 200
            assert response.headers["Content-Security-Policy"] == content_security_policy()  # as online
        for method in ("GET", "HEAD"):
            try:
                urllib.request.urlopen(urllib.request.Request(f"{base}/khong-co-trang-nay/", method=method))
            except urllib.error.HTTPError as error:
                assert error.code == 404
                body = error.read().decode("utf-8")
                assert ("Không tìm thấy trang" in body) == (method == "GET")
                assert error.headers["Content-Type"] == "text/html; charset=utf-8"
            else:
                raise AssertionError("a missing page was served")
    finally:
        server.shutdown()
        server.server_close()


def test_the_english_page_offers_the_way_back_in_vietnamese(sample_site):
    header = soup_of(sample_site, "en/index.html").select_one(".header-tools .lang-link")
    assert (header.get_text(), header["href"], header["hreflang"]) == ("Tiếng Việt", "/", "vi")


def test_summaries_keep_a_space_where_the_body_breaks_a_line(content, tmp_path):
    """Issue 27: a body's line break or paragraph end became no space in the page description,
    the listings and what a share shows ("dòng mộtdòng hai")."""
    content.post(
        "hai-dong",
        Title="Tin hai dòng",
        Date="2020-03-02",
        text="Dòng một của tin<br>Dòng hai của tin\n\nĐoạn sau của tin.",  # as pasted rich text gives it
    )
    site = build(content.path, tmp_path / "site")
    page = soup_of(site, "tin-tuc/2020/tin-hai-dong/index.html")
    for selector in ('meta[name="description"]', 'meta[property="og:description"]'):
        said = page.select_one(selector)["content"]
        assert "Dòng một của tin Dòng hai của tin Đoạn sau" in said, said
    listing = soup_of(site, "index.html")
    summaries = [p.get_text() for p in listing.select(".post-summary, .lead-summary")]
    assert any("Dòng một của tin Dòng hai của tin Đoạn sau" in s for s in summaries), summaries
    assert not any("tinDòng" in s or "tinĐoạn" in s for s in summaries)

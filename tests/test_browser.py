"""The public site in real headless Chromium: accessibility, keyboard, search, privacy, mobile."""

import json
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import chromium, serve
from bs4 import BeautifulSoup
from conftest import ROOT, read

from builder.accessibility import audit, page_kinds
from builder.settings import load_settings
from portal.checker import check_content
from portal.compliance import load_audit, theme_fingerprint

pytestmark = pytest.mark.browser

# Screenshots for a person to look at: outside the source tree, in PORTAL_SCREENSHOTS if set.
SCREENSHOTS = Path(os.environ.get("PORTAL_SCREENSHOTS", Path(tempfile.gettempdir()) / "portal-screenshots"))
ARTICLE = "tin-tuc/2020/nguoi-dan-gui-phan-anh-kien-nghi-ve-thu-tuc-hanh-chinh-cua-so-qua-nhung-kenh-nao/"
PLAN = "ke-hoach/118-kh-khcn-2020/"
PAGE_TYPES = {
    "home": "",
    "news": "tin-tuc/",
    "news page 2": "tin-tuc/trang/2/",
    "article": ARTICLE,
    "page": "gioi-thieu/",
    "plan overview": PLAN,
    "plan text": PLAN + "van-ban/",
    "plan item": PLAN + "van-ban-thu-tuc-hanh-chinh-dich-vu-cong/",
    "coverage": PLAN + "ket-qua/",
    "archives": "luu-tru/",
    "year archive": "luu-tru/2020/",
    "month archive": "luu-tru/2020/03/",
    "search": "tim-kiem/",
    "feeds": "theo-doi/",
    "accessibility statement": "tuyen-bo-kha-nang-tiep-can/",
    "plans": "ke-hoach/",
    "documents": "van-ban/",
    "document filter": "van-ban/loai/quyet-dinh/",
    "document": "van-ban/2020/118-kh-khcn/",
    "404": "404.html",
    "missing page": "khong-co-trang-nay/",
    "english": "en/",
    "activities": "hoat-dong/",
    "activity": "hoat-dong/2020/giao-ban-quy-i-2020/",
    "research tasks": "nhiem-vu/",
    "research task filter": "nhiem-vu/cap/tinh/",
    "research task": "nhiem-vu/dt-khcn-2019-05/",
}


@pytest.fixture(scope="module")
def base_url(sample_site):
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def audited(sample_site):
    """The site's own accessibility audit (`invoke accessibility`) of the sample: every kind of page
    at 1280 and 375 px."""
    settings = load_settings(ROOT / "content")
    kinds = page_kinds(sample_site, check_content(ROOT / "content", settings), settings)
    return kinds, audit(sample_site, kinds)


def test_axe_finds_no_violations_on_any_kind_of_page_at_either_width(audited):
    kinds, result = audited
    names = {name for name, _ in kinds}
    assert len({url for _, url in kinds}) == len(kinds)  # each page once
    assert (
        len(kinds) >= len(PAGE_TYPES)
        and {
            "Trang chủ",
            "Tin bài",
            "Mục kế hoạch",
            "Kết quả thực hiện",
            "Một văn bản",
            "Một hoạt động",
            "Nhiệm vụ theo cấp",
            "Một nhiệm vụ KH&CN",
            "Cơ cấu tổ chức",
            "Tiếp cận thông tin",
            "Tuyên bố về khả năng tiếp cận",
            "Tiếng Anh",
            "Trang không tồn tại",
        }
        <= names
    )
    violations = [
        (p["name"], v["width"], v["id"], v["targets"]) for p in result["pages"] for v in p["violations"]
    ]
    assert violations == [], json.dumps(violations, ensure_ascii=False)
    assert result["widths"] == [1280, 375] and result["tool"].startswith("axe-core ")


def test_the_statement_shows_a_current_audit_of_these_kinds_of_page(audited, sample_site):
    """The committed audit (theme/accessibility-audit.json) is of today's theme and of the kinds of
    page the site has: after a change of the theme, run `invoke accessibility` and commit its file."""
    kinds, _ = audited
    committed = load_audit(ROOT / "theme")
    assert committed is not None and committed.violations == 0
    assert committed.theme == theme_fingerprint(ROOT / "theme"), "chạy lại: invoke accessibility"
    assert [(p["name"], p["url"]) for p in committed.pages] == kinds
    statement = BeautifulSoup(read(sample_site / "tuyen-bo-kha-nang-tiep-can" / "index.html"), "html.parser")
    section = statement.select_one(".accessibility-audit")
    text = " ".join(section.get_text().split())
    assert f"Ngày {committed.date:%d/%m/%Y}, {len(kinds)} loại trang" in text
    assert "không phát hiện lỗi nào" in text and "1280 px và 375 px" in text
    assert len(section.select("details li")) == len(kinds)


def test_skip_link_is_first_and_moves_focus_to_main(page, base_url):
    page.goto(f"{base_url}/{ARTICLE}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Bỏ qua, đến nội dung chính"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-64px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("query", ["cai cach hanh chinh", "cải cách hành chính", "phan anh kien nghi"])
def test_search_finds_posts_with_and_without_diacritics(page, base_url, query):
    page.goto(f"{base_url}/tim-kiem/")
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_selector("#search-results li", timeout=10000)
    titles = page.locator("#search-results .post-title a").all_inner_texts()
    assert titles and "Tìm thấy" in page.inner_text("#search-status")
    if "phan anh" in query:
        assert "Người dân gửi phản ánh, kiến nghị về thủ tục hành chính của Sở qua những kênh nào?" in titles
    else:
        assert "Hội nghị giao ban quý I: đánh giá kết quả cải cách hành chính của Sở" in titles
    # The first post found (pages, such as "Phản ánh – kiến nghị", are found too, without a date).
    first = page.locator("#search-results li", has=page.locator('a[href^="/tin-tuc/2020/"]')).first
    assert first.locator(".post-meta").inner_text()  # the post's date
    assert first.locator("mark").count() >= 1  # excerpt with the match highlighted


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("118/KH-KHCN", "Kế hoạch số 118/KH-KHCN"),
        ("118 KH KHCN", "Kế hoạch số 118/KH-KHCN"),
        ("31/QĐ-UBND", "Kế hoạch số 31/QĐ-UBND"),
        ("31 QD UBND", "Kế hoạch số 31/QĐ-UBND"),
        ("luat phong chong tham nhung", "Luật số 36/2018/QH14"),
        ("Chiềng Lề", "Liên hệ"),  # pages are searched too: the department's address
        ("say lanh xoai", "Ứng dụng công nghệ sấy lạnh trong chế biến, bảo quản xoài Sơn La"),  # a task
        (
            "cà phê chè Arabica",
            "Nghiên cứu ứng dụng công nghệ cao trong sản xuất và chế biến cà phê chè (Arabica) tại Sơn La",
        ),
    ],
)
def test_search_finds_documents_and_pages_however_typed(page, base_url, query, title):
    page.goto(f"{base_url}/tim-kiem/")
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_selector("#search-results li", timeout=10000)
    titles = page.locator("#search-results .post-title a").all_inner_texts()
    assert title in titles[:3], titles


def test_header_search_form_reaches_results(page, base_url):
    page.goto(f"{base_url}/")
    page.fill("#tim-nhanh", "mac ca")
    page.press("#tim-nhanh", "Enter")
    page.wait_for_selector("#search-results li", timeout=10000)
    assert "Chuyển giao quy trình nhân giống cây mắc ca" in page.inner_text("#search-results")


def test_no_request_leaves_the_site(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    for path in PAGE_TYPES.values():
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{base_url}/tim-kiem/?q=cai+cach")
    page.wait_for_selector("#search-results li", timeout=10000)
    context.close()
    assert hosts == {urlsplit(base_url).netloc}


def test_no_horizontal_scroll_at_375_and_320_px(browser, base_url):
    for width in (375, 320):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for name, path in PAGE_TYPES.items():
            page.goto(f"{base_url}/{path}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (width, name, overflow)
        context.close()


def test_usable_at_200_percent_zoom(browser, base_url):
    # 200 % zoom of a 1280 px window is a 640 px viewport at device scale 2.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    for path in (ARTICLE, PLAN + "ket-qua/", ""):
        page.goto(f"{base_url}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()


def test_body_text_size_and_line_length(page, base_url):
    page.goto(f"{base_url}/{ARTICLE}")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.post-body p')).fontSize)")
    assert size >= 16
    chars_per_line = page.evaluate("""() => {
        const p = document.querySelector('.post-body p');
        const width = p.getBoundingClientRect().width;
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = getComputedStyle(p).font;
        return width / ctx.measureText('abcdefghijklmnopqrstuvwxyz').width * 26;
    }""")
    assert chars_per_line <= 80


def test_everything_but_search_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/")
    page.click("nav.site-nav >> text=Kết quả thực hiện")
    assert page.locator("h1").inner_text() == "Kết quả thực hiện kế hoạch"
    page.goto(f"{base_url}/tim-kiem/")
    assert "Tìm kiếm cần bật JavaScript" in page.inner_text("main")
    context.close()


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def test_screenshots_for_review(browser, base_url):
    """Full pages at desk and phone widths: as wide as the screen (nothing overflows), taller than
    one screen where the page has content, and not blank."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shots = {
        "home": "",
        "news": "tin-tuc/",
        "article": ARTICLE,
        "plan": PLAN,
        "plan-item": PLAN + "van-ban-thu-tuc-hanh-chinh-dich-vu-cong/",
        "coverage": PLAN + "ket-qua/",
        "documents": "van-ban/",
        "search": "tim-kiem/?q=cai+cach",
        "404": "khong-co-trang-nay/",
        "english": "en/",
    }
    short = {"search", "404", "english"}  # less than a screen of content at 1280 px
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for name, path in shots.items():
            page.goto(f"{base_url}/{path}")
            if name == "search":
                page.wait_for_selector("#search-results li", timeout=10000)
            target = SCREENSHOTS / f"{name}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            width_px, height_px = png_size(target)
            assert width_px == width, (name, width_px)
            assert height_px >= (600 if name in short else 900), (name, height_px)
            assert target.stat().st_size > 10_000  # a blank page compresses to a few hundred bytes
        context.close()


def test_phone_header_leaves_the_lead_story_above_the_fold(browser, base_url):
    """On a 375×667 phone the header takes at most a quarter of the screen, and the lead story's
    picture and title are on the first screen."""
    context = browser.new_context(viewport={"width": 375, "height": 667}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/")
    header = page.locator(".site-header").bounding_box()
    assert header["y"] == 0 and header["height"] <= 667 / 4, header
    for selector in (".lead-picture", ".lead-title"):
        box = page.locator(selector).bounding_box()
        assert box["width"] > 300 and box["y"] + box["height"] <= 667, (selector, box)
    # The menu opens without JavaScript, over the page, and lists every section.
    assert not page.locator(".menu-phone nav").is_visible()
    page.click(".menu-phone summary")
    assert page.locator(".menu-phone nav a", has_text="Văn bản").is_visible()
    page.click(".menu-phone nav a:has-text('Văn bản')")
    assert page.locator("h1").inner_text().startswith("Văn bản")
    context.close()


def test_every_image_has_its_size_so_nothing_shifts(page, base_url):
    for name, path in PAGE_TYPES.items():
        page.goto(f"{base_url}/{path}")
        unsized = page.evaluate(
            "[...document.images].filter(i => !i.getAttribute('width') || !i.getAttribute('height'))"
            ".map(i => i.src)"
        )
        assert unsized == [], name


def test_print_buttons_open_the_print_dialog(page, base_url):
    page.goto(f"{base_url}/{ARTICLE}")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    for label in ("In bài", "Lưu thành PDF"):
        page.click(f"button:has-text('{label}')")
    assert page.evaluate("window.printed") == 2

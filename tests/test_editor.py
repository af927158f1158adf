"""`invoke edit` (editors/editor.py, editor/admin/): the web editor writes posts the checker and the
build read as hand-written ones, shows the checker's word after a save, never writes outside the
content folder's editable folders, and asks nothing of any machine but this one."""

import base64
import http.client
import json
import os
import re
import shutil
import stat
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, ContentDir, build, free_port, read, run_invoke, snapshot
from several_plans import LEGAL, add_plans

from builder.settings import load_settings
from editors.editor import Editor, EditorSite, Refused
from portal.checker import check_content
from portal.cms_config import in_form_words
from portal.plans import load_plans
from portal.urls import document_url

PDF = ROOT / "content" / "files" / "2020" / "van-ban" / "210-QD-KHCN.pdf"


@pytest.fixture
def sample_copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def site(root: Path) -> EditorSite:
    return EditorSite(root, backend="/nonexistent.sock", preview_url="http://127.0.0.1:1/")


def persist(path: str, *assets: str) -> dict:
    return {
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "dataFiles": [{"path": path, "slug": "x", "raw": "Title: x\n\nx\n"}],
            "assets": [{"path": a, "content": "", "encoding": "base64"} for a in assets],
            "options": {"commitMessage": "x", "useWorkflow": False, "status": ""},
        },
    }


def test_the_gate_passes_the_editors_own_requests(sample_copy):
    gate = site(sample_copy)
    assert gate.vet(persist("posts/2020-05-10-a.md", "images/2020/anh.jpg", "files/2020/qd-210.pdf")) == [
        "posts/2020-05-10-a.md",
        "images/2020/anh.jpg",
        "files/2020/qd-210.pdf",
    ]
    entries = {"action": "entriesByFolder", "params": {"folder": "posts", "extension": "md", "depth": 1}}
    assert gate.vet(entries) == []
    media = {"action": "persistMedia", "params": {"asset": {"path": "files/2021/bieu-mau.docx"}}}
    assert gate.vet(media) == ["files/2021/bieu-mau.docx"]


@pytest.mark.parametrize(
    ("request_", "said"),
    [
        (persist("../pelicanconf.py"), "chỉ được sửa trong"),
        (persist("posts/../../x.md"), "chỉ được sửa trong"),
        (persist("/etc/x.md"), "chỉ được sửa trong"),
        (persist("plans/118.yml"), "chỉ được sửa trong"),
        (persist("posts/a.html"), "tệp .md"),
        (persist("posts/a.md", "images/2020/x.html"), "không đăng loại tệp này"),
        (persist("posts/a.md", "files/2020/tải về.js"), "không đăng loại tệp này"),
        (persist("posts/a.md", "files/2020/ke hoach.pdf"), "khoảng trắng"),
        (persist("posts/a.md", "theme/x.jpg"), "chỉ được sửa trong"),
        ({"action": "getEntry", "params": {"path": "../../etc/passwd"}}, "chỉ được sửa trong"),
        (
            {"action": "deleteFiles", "params": {"paths": ["pages/gioi-thieu.md", "plans/x.yml"]}},
            "chỉ được sửa",
        ),
        ({"action": "publishUnpublishedEntry", "params": {}}, "không được phép"),
        (persist("posts/" + "tieu-de-rat-dai-" * 20 + ".md"), "quá dài"),
        (
            {
                "action": "persistEntry",
                "params": {"dataFiles": [{"path": "posts/a.md", "newPath": "pages/a.md"}]},
            },
            "không đổi tên",
        ),
    ],
)
def test_the_gate_refuses_what_reaches_outside_or_would_run(sample_copy, request_, said):
    with pytest.raises(Refused, match=said):
        site(sample_copy).vet(request_)


def test_the_gate_follows_no_link(sample_copy, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (sample_copy / "images" / "ngoai").symlink_to(outside)
    (sample_copy / "posts" / "lien-ket.md").symlink_to(ROOT / "README.md")
    gate = site(sample_copy)
    with pytest.raises(Refused, match="liên kết"):
        gate.vet(persist("posts/b.md", "images/ngoai/anh.jpg"))
    with pytest.raises(Refused, match="liên kết"):
        gate.vet(persist("posts/lien-ket.md"))
    (sample_copy / "posts" / "cung.md").hardlink_to(sample_copy / "plans" / "118-KH-KHCN-2020.yml")
    with pytest.raises(Refused, match="liên kết cứng"):
        gate.vet(persist("posts/cung.md"))
    # Reads are the gate's own too: a listing or an entry holding a link is refused, never read.
    for asked in (
        {"action": "entriesByFolder", "params": {"folder": "posts", "extension": "md", "depth": 1}},
        {"action": "getEntry", "params": {"path": "posts/lien-ket.md"}},
        {"action": "entriesByFiles", "params": {"files": [{"path": "posts/lien-ket.md"}]}},
        {"action": "getMedia", "params": {"mediaFolder": "images/ngoai"}},
    ):
        status, answer = gate.forward(json.dumps(asked).encode())
        assert status == 422 and "liên kết" in json.loads(answer)["error"], asked


def post_json(url: str, body: dict, **headers: str) -> tuple[int, dict]:
    call = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(call, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as failed:
        return failed.code, json.loads(failed.read())


@pytest.mark.server
def test_the_server_answers_only_its_own_page_and_its_backend_only_the_gate(sample_copy):
    port = free_port()
    with Editor(sample_copy, port, "http://127.0.0.1:1/").running() as editor:
        api = f"http://127.0.0.1:{port}/api/v1"
        listing = {
            "action": "entriesByFolder",
            "params": {"branch": "main", "folder": "posts", "extension": "md", "depth": 1},
        }
        status, entries = post_json(api, listing)
        assert status == 200 and len(entries) == len(list((sample_copy / "posts").glob("*.md")))
        # Another site's page in the same browser, or a name re-pointed at 127.0.0.1: refused.
        assert post_json(api, listing, Origin="https://example.org")[0] == 403
        assert post_json(api, listing, Host=f"attacker.example:{port}")[0] == 403
        status, answer = post_json(api, persist("../x.md"))
        assert status == 422 and "chỉ được sửa trong" in answer["error"]
        assert not (sample_copy.parent / "x.md").exists()
        assert post_json(api, listing, **{"Sec-Fetch-Site": "cross-site"})[0] == 403
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.putrequest("POST", "/api/v1")
        connection.putheader("Content-Length", "-1")  # would read until the client hangs up
        connection.endheaders()
        assert connection.getresponse().status == 413
        # The content's pictures for the CMS's thumbnails: published kinds only, never a link.
        (sample_copy / "images" / "lien-ket.jpg").symlink_to(
            ROOT / "content" / "images" / "2020" / "hoi-nghi-giao-ban.jpg"
        )
        (sample_copy / "images" / "trang.html").write_text("<script>alert(1)</script>")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/images/2020/hoi-nghi-giao-ban.jpg") as picture:
            assert picture.headers["Content-Type"] == "image/jpeg"
            assert picture.headers["X-Frame-Options"] == "DENY"
        for path in (
            "/images/lien-ket.jpg",
            "/images/trang.html",
            "/images/../pelicanconf.py",
            "/plans/x.yml",
        ):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}")
            assert refused.value.code == 404, path
        # decap-server listens on no TCP port at all: on a Unix socket in a folder only this user
        # opens, so no web page and no other user of the machine can skip the gate.
        socket_path = Path(editor.site.backend)
        assert socket_path.is_socket() and stat.S_IMODE(socket_path.parent.stat().st_mode) == 0o700
        sockets = {
            os.readlink(f"/proc/{editor.backend.pid}/fd/{fd}")
            for fd in os.listdir(f"/proc/{editor.backend.pid}/fd")
        }
        listening_tcp = {
            f"socket:[{line.split()[9]}]"
            for table in ("/proc/net/tcp", "/proc/net/tcp6")
            for line in Path(table).read_text().splitlines()[1:]
            if line.split()[3] == "0A"
        }
        assert sockets & listening_tcp == set()
    assert editor.backend is not None and editor.backend.poll() is not None  # stopped with it
    assert not socket_path.parent.exists()


def open_editor(page, url, route="#/collections/posts/new"):
    page.goto(url)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(url + route)
    page.locator("input[id^='title-field']").wait_for()


def choose(page, field: str, text: str):
    box = page.locator(f"input[id^='{field}-field']")
    box.click()
    box.fill(text)
    page.keyboard.press("Enter")


def upload(page, button: str, path: Path):
    page.get_by_role("button", name=button).click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Lấy những cái đã chọn").click()


def save(page):
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Lưu ngay", exact=True).click()
    panel = page.locator("#portal-check")
    panel.locator("h2").wait_for()
    return panel


def item_118(number: int) -> str:
    """An item of the sample's 2020 plan as the items box labels it among several plans (the
    newest plans' items come first: "Mục 1:" alone would choose 2021's)."""
    plan = load_plans(ROOT / "content" / "plans", "plans")[0].find("118/KH-KHCN")
    return f"Mục {number}: {plan.item(str(number)).title} (118/KH-KHCN)"


def write_the_post(page, url, photo, pdf):
    """As an editor does: the form, a photo with its description, a line of text, a PDF."""
    open_editor(page, url)
    page.locator("input[id^='title-field']").fill("Tập huấn cải cách hành chính cho cán bộ")
    page.locator("input[id^='date-field']").fill("2020-05-10T09:30")
    choose(page, "items", item_118(1))
    choose(page, "items", item_118(4))
    choose(page, "unit", "Văn phòng Sở")
    upload(page, "Chọn một hình", photo)
    page.locator("input[id^='image_alt-field']").fill("Cán bộ dự lớp tập huấn")
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("Sáng 10/5, Sở tổ chức tập huấn cho 40 cán bộ.")
    page.keyboard.press("Enter")
    page.get_by_title("Thêm ảnh hoặc tệp đính kèm").click()
    page.get_by_text("Tệp đính kèm", exact=True).click()
    upload(page, "Chọn một tập tin", pdf)
    page.locator("input[id^='text-field']").fill("Quyết định số 210/QĐ-KHCN")


@pytest.mark.browser
def test_an_editor_writes_a_post_with_a_photo_and_a_pdf_and_the_site_shows_it(sample_copy, tmp_path):
    from browser import chromium

    photo = tmp_path / "Ảnh Hội nghị.jpg"
    shutil.copy(ROOT / "content" / "images" / "2020" / "minh-hoa-tap-huan.jpg", photo)
    pdf = tmp_path / "Quyết định 210.pdf"
    shutil.copy(PDF, pdf)
    port = free_port()
    with Editor(sample_copy, port, "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
        asked = []
        page.on("request", lambda r: asked.append(r.url))
        write_the_post(page, editor.url, photo, pdf)
        names = page.evaluate(
            "() => [...document.querySelectorAll('button, [role=button]')]"
            ".flatMap(e => [e.innerText, e.title, e.getAttribute('aria-label')]).filter(Boolean)"
        )
        english = re.compile(r"\b(Add|Toggle|Copy|Bold|Italic|Link|Quote|List|Sync|Choose|Set|Publish)\b")
        # The interface in Vietnamese, and no "Công bố" (publish), which saving here is not.
        assert [name for name in names if english.search(name) or "Công bố" in name] == []
        # The preview pane reads as the post does: names the boxes show, the date as the site's.
        preview = page.frame_locator("#preview-pane")
        preview.locator("h1", has_text="Tập huấn cải cách hành chính cho cán bộ").wait_for()
        meta = preview.locator(".portal-meta").inner_text()
        assert meta.startswith("10/05/2020 09:30 · Văn phòng Sở") and "van-phong" not in meta, meta
        panel = save(page)
        assert panel.locator("h2").inner_text() == "Đã lưu; bài qua kiểm tra"
        link = panel.get_by_role("link", name="Tập huấn cải cách hành chính cho cán bộ")
        href = link.get_attribute("href")
        outside = [u for u in asked if not u.startswith((f"http://127.0.0.1:{port}/", "data:", "blob:"))]
        assert outside == []  # the CMS, its fonts and icons all come from this machine

    post = sample_copy / "posts" / "2020-05-10-tap-huan-cai-cach-hanh-chinh-cho-can-bo.md"
    assert read(post) == (
        "Title: Tập huấn cải cách hành chính cho cán bộ\n"
        "Date: 2020-05-10 09:30\n"
        "Items: 1, 4\n"
        "Unit: van-phong\n"
        "Image: images/2020/anh-hoi-nghi.jpg\n"
        "Image_alt: Cán bộ dự lớp tập huấn\n"
        "\n"
        "Sáng 10/5, Sở tổ chức tập huấn cho 40 cán bộ.\n"
        "\n"
        "[Quyết định số 210/QĐ-KHCN]({static}/files/2020/quyet-dinh-210.pdf)\n"
    )
    assert (sample_copy / "images/2020/anh-hoi-nghi.jpg").read_bytes() == photo.read_bytes()
    assert (sample_copy / "files/2020/quyet-dinh-210.pdf").read_bytes() == PDF.read_bytes()
    check = check_content(sample_copy, load_settings(sample_copy))
    assert check.errors == []

    output = tmp_path / "output"
    build(sample_copy, output)
    [written] = [
        p for p in output.rglob("*.html") if "tap-huan-cai-cach-hanh-chinh-cho-can-bo" in p.as_posix()
    ]
    assert href == f"http://127.0.0.1:1/{written.parent.relative_to(output).as_posix()}/"  # the page's own
    soup = BeautifulSoup(read(written), "html.parser")
    article = soup.find("article") or soup
    assert article.find("img", alt="Cán bộ dự lớp tập huấn")
    attachment = article.find("a", string="Quyết định số 210/QĐ-KHCN")
    assert attachment and (output / attachment["href"].lstrip("/")).read_bytes() == PDF.read_bytes()
    text = article.get_text(" ")
    for item in check.plans[0].items:
        if item.number in (1, 4):
            assert item.title in text

    report = run_invoke(
        "report", "--content", str(sample_copy), "--plan", "118/KH-KHCN",
        "--from", "2020-05-10", "--to", "2020-05-10", "--format", "json",
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    counted = {i["number"]: [p["title"] for p in i["posts"]] for i in json.loads(report.stdout)["items"]}
    assert counted[1] == counted[4] == ["Tập huấn cải cách hành chính cho cán bộ"]


@pytest.mark.browser
def test_a_bad_value_is_shown_with_the_checkers_message_and_nothing_is_lost(sample_copy):
    from browser import chromium

    port = free_port()
    with Editor(sample_copy, port, "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
        open_editor(page, editor.url)
        page.locator("input[id^='title-field']").fill("Tin ghi nhầm năm")
        page.locator("input[id^='date-field']").fill("2019-05-10T09:30")  # before every plan
        choose(page, "items", "Mục 2:")
        page.locator("[data-slate-editor]").click()
        page.keyboard.type("Nội dung viết dở vẫn được giữ.")
        panel = save(page)
        shown = panel.inner_text()

    post = sample_copy / "posts" / "2019-05-10-tin-ghi-nham-nam.md"
    assert "Nội dung viết dở vẫn được giữ." in read(post)  # saved: nothing lost
    errors = check_content(sample_copy, load_settings(sample_copy), shown_dir="content").errors
    assert errors and all(p.path == "content/posts/2019-05-10-tin-ghi-nham-nam.md" for p in errors)
    assert "lỗi phải sửa trước khi đăng" in shown
    for problem in errors:
        assert problem.message in shown and in_form_words(problem.fix) in shown
    assert "Ô «Nội dung tuyên truyền (mục của kế hoạch)»" in shown  # the field, not a file line
    # The date is what is wrong: with one plan "no plan covers 10/05/2019", with several "10/05/2019
    # is outside the plan of the item chosen" (the item keeps its plan: nothing chosen is lost).
    assert "Dòng 3" not in shown and "ngày 10/05/2019" in shown


def test_readme_and_guide_lead_editors_to_the_web_editor_first():
    guide = read(ROOT / "docs" / "huong-dan-bien-tap.md")
    first_section = guide.split("\n## ")[1]
    assert first_section.startswith("Bắt đầu: soạn tin trên trình duyệt")
    assert "invoke edit" in first_section and "Lưu ngay" in first_section
    for image in re.findall(r"\]\((img/[^)]+)\)", first_section):
        assert (ROOT / "docs" / image).is_file(), image
    readme = read(ROOT / "README.md")
    editors = readme.split("## Hướng dẫn nhanh cho biên tập viên")[1]
    assert editors.index("invoke edit") < editors.index("content/posts/") < editors.index("invoke new")
    tasks = readme.split("## Tasks")[1]
    assert tasks.index("invoke edit") < tasks.index("invoke livereload")


@pytest.mark.browser
def test_what_the_rich_text_editor_writes_the_site_shows_the_same_way(sample_copy, tmp_path):
    """Decap's rich text editor writes CommonMark; the site reads Python-Markdown. A line break,
    a list inside a list and a numbered list after a bulleted one come out as they were typed."""
    from browser import chromium

    with Editor(sample_copy, free_port(), "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
        open_editor(page, editor.url)
        page.locator("input[id^='title-field']").fill("Thử danh sách")
        page.locator("input[id^='date-field']").fill("2020-05-11T09:30")
        page.locator("[data-slate-editor]").click()
        keys = page.keyboard
        keys.type("Tổ dân phố Tô Hiệu")
        keys.press("Shift+Enter")
        keys.type("phường Chiềng Lề")
        keys.press("Enter")
        page.get_by_title("Danh sách gạch đầu dòng").click()
        for key in ("Ý một", "Enter", "Tab", "Ý con", "Enter", "Shift+Tab", "Ý hai", "Enter", "Enter"):
            keys.press(key) if key in ("Enter", "Tab", "Shift+Tab") else keys.type(key)
        page.get_by_title("Danh sách đánh số").click()
        for key in ("Bước một", "Enter", "Bước hai"):
            keys.press(key) if key == "Enter" else keys.type(key)
        assert save(page).locator("h2").inner_text() == "Đã lưu; bài qua kiểm tra"

    output = tmp_path / "output"
    build(sample_copy, output)
    [written] = [p for p in output.rglob("index.html") if "thu-danh-sach" in p.as_posix()]
    body = BeautifulSoup(read(written), "html.parser").find("article")
    line = next((p for p in body.find_all("p") if "Tô Hiệu" in p.get_text()), None)
    assert line is not None and line.find("br") and "\\" not in line.get_text()
    outer = body.find("ul", recursive=True)
    items = outer.find_all("li", recursive=False)
    assert [li.find("p").get_text(strip=True) for li in items] == ["Ý một", "Ý hai"]
    assert [li.get_text(strip=True) for li in items[0].find("ul").find_all("li")] == ["Ý con"]
    assert [li.get_text(strip=True) for li in body.find("ol").find_all("li")] == ["Bước một", "Bước hai"]


def test_deleting_what_another_file_uses_is_refused_and_changes_nothing(sample_copy):
    gate = site(sample_copy)

    def delete(*paths):
        body = {"action": "deleteFiles", "params": {"branch": "main", "paths": list(paths), "options": {}}}
        return gate.forward(json.dumps(body).encode())

    before = snapshot(sample_copy)
    status, answer = delete("van-ban/2020-118-kh-khcn.md")  # a post names it in Documents:
    said = json.loads(answer)["error"]
    users = [
        p
        for p in check_content(sample_copy, load_settings(sample_copy)).posts
        if "118/KH-KHCN" in p.documents
    ]
    assert status == 422 and said.startswith("không xóa, vì còn được dùng ở: «")
    assert users and all(f"«{p.title}»" in said for p in users[:5]) and "118/KH-KHCN" in said
    status, answer = delete(
        "posts/2020-12-20-du-thao-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2021.md",
        "images/2020/hoi-nghi-giao-ban.jpg",
    )
    assert status == 422 and "hoi-nghi-giao-ban.jpg" in json.loads(answer)["error"]
    assert snapshot(sample_copy) == before  # nothing moved, nothing lost
    assert check_content(sample_copy, load_settings(sample_copy)).errors == []

    lone = "posts/2020-12-20-du-thao-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2021.md"
    assert delete(lone)[0] == 200
    assert not (sample_copy / lone).exists() and not (sample_copy / ".dang-xoa").exists()
    assert check_content(sample_copy, load_settings(sample_copy)).errors == []


def test_a_clean_save_names_the_other_files_errors_that_hold_the_preview(sample_copy):
    (sample_copy / "posts" / "hong.md").write_text("Title: Hỏng\nDate: 2020-03-01 08:00\nItems: 99\n\nx\n")
    gate = site(sample_copy)
    gate.saved = ["posts/2020-05-06-hoi-nghi-giao-ban-quy-i-danh-gia-ket-qua-cai-cach-hanh-chinh.md"]
    said = gate.last_save()
    assert said["problems"] == [] and said["pages"] == []
    assert said["other_error_count"] == 1 and said["other_errors"][0].startswith(
        "content/posts/hong.md: mục '99'"
    )


@pytest.mark.browser
def test_a_post_with_pictures_and_attachments_opens_in_the_editors_own_boxes(sample_copy):
    """Pictures and attachments already in a post open in the body's Vietnamese boxes, their files
    found (no failed request); changing the title changes only the title's line."""
    from browser import chromium

    post = sample_copy / "posts" / "2020-06-01-co-anh.md"
    body = (
        "Đoạn đầu.\n\n![Toàn cảnh hội nghị]({static}/images/2020/hoi-nghi-giao-ban.jpg)\n\n"
        "[Kế hoạch số 118/KH-KHCN]({static}/files/2020/Kế%20hoạch%20118-KH-KHCN.pdf)\n"
    )
    post.write_text(f"Title: Tin có ảnh\nDate: 2020-06-01 08:00\nItems: 5\n\n{body}", encoding="utf-8")
    with Editor(sample_copy, free_port(), "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        failed = []
        page.on("response", lambda r: failed.append((r.url, r.status)) if r.status >= 400 else None)
        open_editor(page, editor.url, "#/collections/posts/entries/2020-06-01-co-anh")
        title = page.locator("input[id^='title-field']")
        page.get_by_text("Mô tả ảnh", exact=True).wait_for()
        assert page.locator("input[id^='alt-field']").input_value() == "Toàn cảnh hội nghị"
        labels = " ".join(page.locator("label").all_inner_texts()).upper()
        assert "ALT TEXT" not in labels and "TỆP (PDF, DOCX, XLSX…)" in labels
        title.fill("Tin có ảnh và tệp")
        assert save(page).locator("h2").inner_text() == "Đã lưu; bài qua kiểm tra"
        assert failed == []
    assert read(post) == f"Title: Tin có ảnh và tệp\nDate: 2020-06-01 08:00\nItems: 5\n\n{body}"


@pytest.mark.browser
def test_a_document_with_its_pdf_is_filed_as_the_library_files_them(sample_copy, tmp_path):
    from browser import chromium

    pdf = tmp_path / "Quyết định 15.pdf"
    shutil.copy(PDF, pdf)
    with Editor(sample_copy, free_port(), "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
        open_editor(page, editor.url, "#/collections/documents/new")
        page.locator("input[id^='number-field']").fill("15/QĐ-KHCN")
        choose(page, "type", "Quyết định")
        page.locator("input[id^='issuer-field']").fill("Sở Khoa học và Công nghệ tỉnh Sơn La")
        page.locator("input[id^='signed-field']").fill("2021-03-02")
        page.locator("input[id^='effective-field']").fill("2021-03-02")
        page.locator("input[id^='title-field']").fill("Về việc ban hành Quy chế thông tin")
        upload(page, "Chọn một tập tin", pdf)
        panel = save(page)
        assert panel.locator("h2").inner_text() == "Đã lưu; bài qua kiểm tra"
        href = panel.get_by_role("link").get_attribute("href")
    document = sample_copy / "van-ban" / "2021-15-qd-khcn.md"
    assert "Files: 2021/van-ban/quyet-dinh-15.pdf\n" in read(document)
    assert (sample_copy / "files/2021/van-ban/quyet-dinh-15.pdf").read_bytes() == PDF.read_bytes()
    check = check_content(sample_copy, load_settings(sample_copy))
    assert check.errors == []
    [filed] = [d for d in check.documents.documents if d.number == "15/QĐ-KHCN"]
    assert href == "http://127.0.0.1:1/" + document_url(filed, load_settings(sample_copy)).lstrip("/")


@pytest.mark.browser
def test_a_science_and_technology_task_is_written_as_check_reads_it(sample_copy):
    """The «Nhiệm vụ KH&CN» form: closed lists as select boxes, the acceptance decision picked from
    the library; the file written is the header format of contract 15 and passes check."""
    from browser import chromium

    with Editor(sample_copy, free_port(), "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
        open_editor(page, editor.url, "#/collections/research_tasks/new")
        page.locator("input[id^='code-field']").fill("ĐT.KHCN.2020.07")
        page.locator("input[id^='title-field']").fill("Nghiên cứu giống chè mới")
        choose(page, "level", "Tỉnh")
        page.locator("input[id^='field-field']").fill("Nông nghiệp")
        page.locator("input[id^='host-field']").fill("Viện Chè")
        page.locator("input[id^='lead-field']").fill("TS. Lê Văn C")
        page.locator("input[id^='start-field']").fill("2020-02")
        page.locator("input[id^='end-field']").fill("2021-01")
        page.locator("input[id^='budget-field']").fill("900.000.000")
        choose(page, "status", "Đã nghiệm thu")
        choose(page, "acceptance", "52/QĐ")
        panel = save(page)
        assert panel.locator("h2").inner_text() == "Đã lưu; bài qua kiểm tra"
        href = panel.get_by_role("link").get_attribute("href")
    task = sample_copy / "nhiem-vu" / "dt-khcn-2020-07.md"
    assert read(task) == (
        "Code: ĐT.KHCN.2020.07\nTitle: Nghiên cứu giống chè mới\nLevel: tỉnh\nField: Nông nghiệp\n"
        "Host: Viện Chè\nLead: TS. Lê Văn C\nStart: 2020-02\nEnd: 2021-01\nBudget: 900.000.000\n"
        "Status: đã nghiệm thu\nAcceptance: 52/QĐ-KHCN\n\n"
    )
    check = check_content(sample_copy, load_settings(sample_copy))
    assert check.errors == []
    assert href == "http://127.0.0.1:1/nhiem-vu/dt-khcn-2020-07/"


@pytest.mark.parametrize(
    "body",
    [
        b"[1]",
        b'{"action": ["info"]}',
        b'{"action": "getEntry", "params": [1]}',
        b'{"action": "entriesByFiles", "params": {"files": "abc"}}',
        b'{"action": "entriesByFiles", "params": {"files": [1]}}',
        b'{"action": "persistEntry", "params": {"dataFiles": {"a": 1}, "assets": []}}',
        b'{"action": "persistEntry", "params": {"dataFiles": [{"path": "posts/a.md"}], "assets": {"a": 1}}}',
        b'{"action": "persistMedia", "params": {"asset": "x"}}',
        b'{"action": "getEntry", "params": {"path": "posts/\\ud800.md"}}',
        b'{"action": "deleteFiles", "params": {"paths": "posts"}}',
        b"not json",
        b"[" * 100_000,  # nested past Python's recursion limit
    ],
)
def test_a_malformed_request_gets_an_answer_not_a_crash(sample_copy, body):
    status, answer = site(sample_copy).forward(body)
    assert status in (400, 422) and json.loads(answer)["error"]


def test_deleting_never_reaches_outside_nor_takes_a_folder(sample_copy, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "0").write_text("của người khác")
    (sample_copy / ".dang-xoa").symlink_to(outside)  # a link planted where a helper folder might go
    gate = site(sample_copy)
    lone = "posts/2020-12-20-du-thao-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2021.md"
    body = {"action": "deleteFile", "params": {"branch": "main", "path": lone, "options": {}}}
    assert gate.forward(json.dumps(body).encode())[0] == 200
    assert (outside / "0").read_text() == "của người khác" and not (sample_copy / lone).exists()
    folder = {"action": "deleteFile", "params": {"path": "pages", "options": {}}}
    status, answer = gate.forward(json.dumps(folder).encode())
    assert status == 422 and "không xóa thư mục" in json.loads(answer)["error"]
    assert (sample_copy / "pages" / "gioi-thieu.md").exists()
    assert sorted(p.name for p in sample_copy.iterdir() if p.name.startswith(".")) == [".dang-xoa"]


def test_a_listing_with_a_named_pipe_or_a_link_is_refused_before_anything_reads_it(sample_copy):
    os.mkfifo(sample_copy / "posts" / "ong.md")
    listing = {"action": "entriesByFolder", "params": {"folder": "posts", "extension": "md", "depth": 1}}
    status, answer = site(sample_copy).forward(json.dumps(listing).encode())
    assert status == 422 and "posts/ong.md là liên kết hoặc tệp đặc biệt" in json.loads(answer)["error"]
    with pytest.raises(Refused, match="tệp đặc biệt"):
        site(sample_copy).vet({"action": "getEntry", "params": {"path": "posts/ong.md"}})


def test_the_gate_reads_writes_and_deletes_activities_as_posts(sample_copy):
    gate = site(sample_copy)
    saving = persist("hoat-dong/2020-05-06-giao-ban.md", "files/2020/bien-ban-giao-ban.pdf")
    assert gate.vet(saving) == ["hoat-dong/2020-05-06-giao-ban.md", "files/2020/bien-ban-giao-ban.pdf"]
    activity = (
        "Title: Giao ban\nDate: 2020-05-06 08:00\nUnit: van-phong\nForm: hoi-nghi-giao-ban\n\nGhi chép.\n"
    )
    saving["params"]["dataFiles"][0]["raw"] = activity
    saving["params"]["assets"][0]["content"] = base64.b64encode(PDF.read_bytes()).decode()
    assert gate.forward(json.dumps(saving).encode())[0] == 200
    assert read(sample_copy / "hoat-dong" / "2020-05-06-giao-ban.md") == activity
    listing = {"action": "entriesByFolder", "params": {"folder": "hoat-dong", "extension": "md", "depth": 1}}
    status, answer = gate.forward(json.dumps(listing).encode())
    assert status == 200 and "hoat-dong/2020-05-06-giao-ban.md" in [
        e["file"]["path"] for e in json.loads(answer)
    ]
    entry = {"action": "getEntry", "params": {"path": "hoat-dong/2020-05-06-giao-ban.md"}}
    assert json.loads(gate.forward(json.dumps(entry).encode())[1])["data"] == activity
    gone = {"action": "deleteFile", "params": {"path": "hoat-dong/2020-05-06-giao-ban.md", "options": {}}}
    assert gate.forward(json.dumps(gone).encode())[0] == 200
    assert not (sample_copy / "hoat-dong" / "2020-05-06-giao-ban.md").exists()
    with pytest.raises(Refused, match=r"tệp \.md"):
        gate.vet(persist("hoat-dong/a.html"))


def test_a_saved_activitys_problems_are_said_in_its_forms_words(sample_copy):
    path = "hoat-dong/2020-05-06-giao-ban.md"
    (sample_copy / "hoat-dong").mkdir(exist_ok=True)
    (sample_copy / path).write_text(
        "Title: Giao ban\nDate: 2020-05-06 08:00\nForm: hoi-nghi-giao-ban\nParticipants: bốn mươi\n\n",
        encoding="utf-8",
    )
    gate = site(sample_copy)
    gate.saved = [path]
    said = gate.last_save()
    assert said["noun"] == "hoạt động" and said["pages"] == []
    problems = {p["message"]: p for p in said["problems"]}
    count = problems["số người tham dự 'bốn mươi' không phải số nguyên"]
    assert count["where"] == "Ô «Số người tham dự»" and count["error"]
    missing = problems["thiếu đơn vị thực hiện"]
    assert missing["fix"] == "điền ô «Đơn vị thực hiện» (van-phong)"


@pytest.mark.browser
def test_an_activity_with_items_of_two_plans_and_its_evidence_is_counted_under_its_items(tmp_path):
    """A unit's activity from the form: unit and form from the plans, items of two plans that both
    count its day, participants, the minutes uploaded as evidence, the post that reported on it;
    the file is what `check` reads and the reports count it under each of its items."""
    from browser import chromium

    content = ContentDir(tmp_path / "content")
    add_plans(content, next_year=False)  # 118/KH-KHCN and 40/KH-KHCN both count 2020's days
    content.post(
        "p1",
        Title="Giao ban quý II bàn cải cách",
        Date="2020-06-10 15:00",
        Items="118/KH-KHCN: 1",
        Slug="giao-ban",
    )
    legal = check_content(content.path, load_settings(content.path)).plans.find(LEGAL)
    pdf = tmp_path / "Biên bản hội nghị.pdf"
    shutil.copy(PDF, pdf)
    with Editor(content.path, free_port(), "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
        open_editor(page, editor.url, "#/collections/activities/new")
        page.locator("input[id^='title-field']").fill("Hội nghị giao ban quý II năm 2020")
        page.locator("input[id^='date-field']").fill("2020-06-10T08:00")
        choose(page, "unit", "Văn phòng Sở")
        choose(page, "form", "Hội nghị giao ban")
        choose(page, "items", item_118(1))
        choose(page, "items", f"Mục 2: {legal.item(2).title} ({LEGAL})")
        choose(page, "items", item_118(4))
        page.locator("input[id^='participants-field']").fill("45")
        page.get_by_role("button", name="Thêm tệp minh chứng").click()
        upload(page, "Chọn một tập tin", pdf)
        choose(page, "posts", "Giao ban quý II")
        panel = save(page)
        assert panel.locator("h2").inner_text() == "Đã lưu; hoạt động qua kiểm tra"

    activity = content.path / "hoat-dong" / "2020-06-10-hoi-nghi-giao-ban-quy-ii-nam-2020.md"
    assert (
        activity.read_bytes()
        == (
            "Title: Hội nghị giao ban quý II năm 2020\n"
            "Date: 2020-06-10 08:00\n"
            "Unit: van-phong\n"
            "Form: hoi-nghi-giao-ban\n"
            f"Items: 118/KH-KHCN: 1, 4; {LEGAL}: 2\n"
            "Participants: 45\n"
            "Files: 2020/bien-ban-hoi-nghi.pdf\n"
            "Posts: giao-ban\n"
            "Public: no\n"
            "\n"
        ).encode()
    )
    assert (content.path / "files" / "2020" / "bien-ban-hoi-nghi.pdf").read_bytes() == PDF.read_bytes()
    check = run_invoke("check", "--content", str(content.path))
    assert check.returncode == 0 and "0 lỗi" in check.stdout and "1 hoạt động" in check.stdout, check.stdout
    for plan, numbers in (("118/KH-KHCN", (1, 4)), (LEGAL, (2,))):
        report = run_invoke(
            "report", "--content", str(content.path), "--plan", plan,
            "--from", "2020-06-10", "--to", "2020-06-10", "--format", "json",
        )  # fmt: skip
        assert report.returncode == 0, report.stderr
        data = json.loads(report.stdout)
        assert data["activity_count"] == 1
        counted = {i["number"]: [a["title"] for a in i["activities"]] for i in data["items"]}
        assert {n for n, titles in counted.items() if titles} == set(numbers)
        assert all(counted[n] == ["Hội nghị giao ban quý II năm 2020"] for n in numbers)
        assert {
            i["number"]: i["activity_count"] for i in data["items"] if i["activity_count"]
        } == dict.fromkeys(numbers, 1)


def test_the_editors_panel_speaks_of_the_forms_boxes_not_of_files_and_lines(content):
    """Issue 27: a save's problems come with where (the box, or the body's paragraph), what and
    how to fix it in the form's words: no header syntax ("Date: …"), no line, no file."""
    import re

    from editors.editor import EditorSite

    content.post(
        "loi",
        "Xem [đây](/tin-tuc/khong-co/) và ![](/images/khong.jpg).\n",
        Title="Bài nhiều lỗi",
        Date="2020-02-30",
        Form="khong-co",
        Unit="khong-co",
        Image="images/khong-co.jpg",
        Status="nhap",
    )
    site = EditorSite(content.path, backend="/nonexistent.sock", preview_url="http://127.0.0.1:1/")
    site.saved = ["posts/loi.md"]
    said = site.last_save()["problems"]
    assert len(said) >= 6
    header_syntax = re.compile(r"\b(?:Title|Date|Modified|Items|Form|Unit|Image|Image_alt|Status|Slug|Plan):")
    for problem in said:
        assert problem["where"].startswith("Ô «"), problem
        words = f"{problem['message']} {problem['fix']}"
        assert not header_syntax.search(words), problem
        assert not re.search(r"\b(?:trong tệp|tên tệp|sửa tệp|dòng \d)", words), problem  # the post's file


@pytest.mark.browser
def test_the_editor_fits_a_phone(sample_copy):
    """Issue 27: at 375 px the editor was 800 px wide and «Lưu» half off-screen."""
    from browser import chromium

    with Editor(sample_copy, free_port(), "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(editor.url)
        page.get_by_role("button", name="Đăng nhập").click()
        page.goto(editor.url + "#/collections/posts/new")
        page.locator("input[id^='title-field']").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        save_button = page.get_by_role("button", name="Lưu", exact=True).bounding_box()
        assert save_button["x"] >= 0 and save_button["x"] + save_button["width"] <= 375
        title = page.locator("input[id^='title-field']").bounding_box()
        assert title["x"] >= 0 and title["x"] + title["width"] <= 375

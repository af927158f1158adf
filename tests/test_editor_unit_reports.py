"""The units' period reports in the web editor (issue 25, DESIGN.md contract 14): a unit writes its
report in the browser and the file lands exactly where `check` reads it, as it reads it; the gate
writes nowhere else under bao-cao/; the editor's "Tình hình báo cáo" says what `invoke
report-status` says, computed by the same code, every word from the content shown as text."""

import json
import os
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import PLAN_118, ROOT, ContentDir, free_port, read, run_invoke

from builder.settings import load_settings
from editors.editor import Editor, EditorSite, Refused
from portal.checker import check_content
from portal.dates import now_local
from portal.report import ReportQuery, status_of

SIX = "bao-cao/118-kh-khcn-2020/6-thang"
SENT = """\
Unit: thanh-tra
Sent: 2020-05-27
Signer: Nguyễn Văn B, Chánh Thanh tra

## Kết quả nổi bật

Tổ chức hội nghị phổ biến Luật Phòng, chống tham nhũng cho 45 công chức.

## Khó khăn, vướng mắc

## Đề xuất, kiến nghị

## Phương hướng kỳ tới

## Kinh phí

Không phát sinh.
"""
# A unit's name and a signer are content: shown as text, never run.
HOSTILE_UNIT = 'Phòng <img src=x onerror="window.pwned=1">Quản lý & "công nghệ"'
HOSTILE_SIGNER = "<script>window.pwned=2</script>Trần Thị D"


@pytest.fixture
def cycle(tmp_path):
    """Plan 118 alone: Thanh tra Sở has sent its 6-month report, the Planning and Finance division
    is still writing its own (no Sent line), the rest have nothing."""
    content = ContentDir(tmp_path / "content", plans=())
    plan = PLAN_118.read_text(encoding="utf-8")
    named = "    name: Phòng Quản lý công nghệ và Thị trường công nghệ\n"
    assert named in plan
    (content.path / "plans" / PLAN_118.name).write_text(
        plan.replace(named, f"    name: '{HOSTILE_UNIT}'\n"), encoding="utf-8"
    )
    content.write(f"{SIX}/thanh-tra.md", SENT)
    content.write(
        f"{SIX}/phong-ke-hoach-tai-chinh.md",
        f"Unit: phong-ke-hoach-tai-chinh\nSigner: {HOSTILE_SIGNER}\n\n## Kết quả nổi bật\n\nĐang viết.\n",
    )
    assert check_content(content.path, load_settings(content.path)).errors == []
    return content


@pytest.fixture
def sample_copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


def site(root: Path) -> EditorSite:
    return EditorSite(root, backend="/nonexistent.sock", preview_url="http://127.0.0.1:1/")


def persist(path: str, raw: str = "Unit: thanh-tra\n\n## Kết quả nổi bật\n") -> dict:
    return {
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "dataFiles": [{"path": path, "slug": "x", "raw": raw}],
            "assets": [],
            "options": {"commitMessage": "x", "useWorkflow": False, "status": ""},
        },
    }


def forward(gate: EditorSite, body: dict) -> tuple[int, dict | list]:
    status, answer = gate.forward(json.dumps(body).encode())
    return status, json.loads(answer)


def tree(folder: Path) -> dict[str, object]:
    """Everything under a folder, never following a link."""
    found: dict[str, object] = {}
    for here, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(here, name)
            relative = path.relative_to(folder).as_posix()
            found[relative] = (
                ("link", os.readlink(path))
                if path.is_symlink()
                else path.read_bytes()
                if path.is_file()
                else "folder"
            )
    return found


# -- the gate --------------------------------------------------------------------------------------


def test_the_gate_reads_writes_and_deletes_unit_reports_where_the_checker_reads_them(sample_copy):
    gate = site(sample_copy)
    # A period no unit has written for yet: its folders are made, the file is what was sent.
    path = "bao-cao/25-kh-khcn-2021/6-thang/thanh-tra.md"
    raw = "Unit: thanh-tra\nSigner: Nguyễn Văn B\n\n## Kết quả nổi bật\n\nĐang viết.\n"
    assert gate.vet(persist(path, raw)) == [path]
    assert forward(gate, persist(path, raw))[0] == 200
    assert read(sample_copy / path) == raw
    listing = {
        "action": "entriesByFolder",
        "params": {"folder": "bao-cao/25-kh-khcn-2021/6-thang", "extension": "md", "depth": 1},
    }
    status, entries = forward(gate, listing)
    assert status == 200 and [(e["file"]["path"], e["data"]) for e in entries] == [(path, raw)]
    status, entries = forward(gate, {**listing, "params": {**listing["params"], "folder": SIX}})
    assert status == 200 and len(entries) == len(list((sample_copy / SIX).glob("*.md")))
    gate.saved = [path]
    assert gate.last_save()["noun"] == "báo cáo"
    check = check_content(sample_copy, load_settings(sample_copy))
    assert check.errors == [] and [r.unit.id for r in check.unit_reports if r.plan.id == "25/KH-KHCN"] == [
        "thanh-tra"
    ]
    assert forward(gate, {"action": "deleteFile", "params": {"path": path, "options": {}}})[0] == 200
    assert not (sample_copy / path).exists()


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("bao-cao/thanh-tra.md", "chỉ lưu ở bao-cao/<kế hoạch>/<kỳ báo cáo>/<mã đơn vị>.md"),
        (f"{SIX}/2020/thanh-tra.md", "chỉ lưu ở bao-cao/<kế hoạch>/<kỳ báo cáo>/<mã đơn vị>.md"),
        ("bao-cao/khong-co-ke-hoach/6-thang/thanh-tra.md", "không có kế hoạch 'khong-co-ke-hoach'"),
        ("bao-cao/118-kh-khcn-2020/quy-3/thanh-tra.md", "không có kỳ báo cáo 'quy-3'"),
        (f"{SIX}/phong-bi-mat.md", "'phong-bi-mat' không phải mã một đơn vị của kế hoạch 118/KH-KHCN"),
        # Decap names a second report of the same unit "thanh-tra-1": one report a unit a period.
        (f"{SIX}/thanh-tra-1.md", "Thanh tra Sở đã có báo cáo 6 tháng đầu năm 2020; mở báo cáo đó"),
        (f"{SIX}/thanh-tra.html", r"tệp \.md"),
        ("bao-cao/../plans/x.md", "chỉ được sửa trong"),
        ("bao-cao/./118-kh-khcn-2020/6-thang/thanh-tra.md", "chỉ được sửa trong"),
        ("plans/118-KH-KHCN-2020.yml", "chỉ được sửa trong"),
        ("../bao-cao/118-kh-khcn-2020/6-thang/thanh-tra.md", "chỉ được sửa trong"),
        ("baocao/118-kh-khcn-2020/6-thang/thanh-tra.md", "chỉ được sửa trong"),
    ],
)
def test_the_gate_refuses_a_unit_report_anywhere_the_checker_would_not_read_it(sample_copy, path, said):
    before = tree(sample_copy)
    with pytest.raises(Refused, match=said):
        site(sample_copy).vet(persist(path))
    status, answer = forward(site(sample_copy), persist(path))
    assert status == 422 and answer["error"]
    assert tree(sample_copy) == before


def test_the_gate_follows_no_link_under_bao_cao(sample_copy, tmp_path):
    """A plan's report folder swapped for a link to elsewhere: the write is refused, nothing lands
    there (the gate writes through folder handles that never follow a link)."""
    outside = tmp_path / "outside"
    (outside / "6-thang").mkdir(parents=True)
    (outside / "6-thang" / "thanh-tra.md").write_text("của người khác", encoding="utf-8")
    (sample_copy / "bao-cao" / "25-kh-khcn-2021").symlink_to(outside)
    before = tree(outside)
    gate = site(sample_copy)
    path = "bao-cao/25-kh-khcn-2021/6-thang/thanh-tra.md"
    with pytest.raises(Refused, match="liên kết"):
        gate.vet(persist(path))
    for asked in (
        persist(path),
        {"action": "getEntry", "params": {"path": path}},
        {
            "action": "entriesByFolder",
            "params": {"folder": "bao-cao/25-kh-khcn-2021/6-thang", "extension": "md", "depth": 1},
        },
        {"action": "deleteFile", "params": {"path": path, "options": {}}},
    ):
        status, answer = forward(gate, asked)
        assert status == 422 and "liên kết" in answer["error"], asked
    assert tree(outside) == before
    # …and after the look: the link swapped in between the gate's check and its write.
    (sample_copy / "bao-cao" / "25-kh-khcn-2021").unlink()
    looked = gate.vet(persist(path))
    (sample_copy / "bao-cao" / "25-kh-khcn-2021").symlink_to(outside)
    with pytest.raises(Refused, match="liên kết"):
        gate.write([(looked[0], b"Unit: thanh-tra\n")])
    assert tree(outside) == before


def test_a_saved_unit_reports_problems_are_said_in_its_forms_words(cycle):
    path = f"{SIX}/phong-quan-ly-khoa-hoc.md"
    cycle.write(
        path,
        "Unit: thanh-tra\nSent: 03/06/2020\n\nLời mở đầu.\n\n## Kết quả nổi bật\n\nx\n\n## Tồn tại\n\ny\n",
    )
    gate = site(cycle.path)
    gate.saved = [path]
    said = gate.last_save()
    assert said["noun"] == "báo cáo" and said["pages"] == []
    where = {p["message"]: (p["where"], p["error"]) for p in said["problems"]}
    assert where == {
        "giá trị 'thanh-tra' khác đơn vị của tên tệp (phong-quan-ly-khoa-hoc)": (
            "Ô «Đơn vị báo cáo»",
            True,
        ),
        "Sent '03/06/2020' không phải ngày hợp lệ": ("Ô «Ngày gửi Văn phòng»", True),
        "đoạn văn nằm trước mục đầu tiên nên không thuộc mục nào của báo cáo": (
            "Ô «Nội dung», đoạn «Lời mở đầu.»",
            True,
        ),
        "mục 'Tồn tại' không phải mục của báo cáo đơn vị": ("Ô «Nội dung», đoạn «Tồn tại»", True),
    }
    sent = next(p for p in said["problems"] if p["message"].startswith("Sent"))
    assert "bỏ ô này khi báo cáo còn là bản nháp" in sent["fix"]


# -- the cycle's status ----------------------------------------------------------------------------


def get(port: int, path: str, **headers: str) -> tuple[int, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as failed:
        return failed.code, json.loads(failed.read())


def status_lines(content: Path, today: str) -> list[str]:
    result = run_invoke(
        "report-status", "--content", str(content), "--plan", "118/KH-KHCN",
        "--period", "6 tháng", "--today", today,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def as_printed(status: dict) -> list[str]:
    """The endpoint's JSON laid out as `invoke report-status` lays out its table."""
    width = max(len(u["name"]) for u in status["units"])
    rows = [
        f"{u['name']:<{width}}  {u['deadline_text']:<10}  {u['label']}"
        + (f" · ký: {u['signer']}" if u["signer"] else "")
        for u in status["units"]
    ]
    header = [f"{'Đơn vị':<{width}}  {'Hạn':<10}  Tình trạng", "-" * (width + 40)]
    return [status["heading"], status["deadlines"], "", *header, *rows, "", status["summary"]]


@pytest.mark.server
def test_the_status_endpoint_says_what_report_status_prints(cycle):
    """One unit sent, one writing, the rest nothing: before the deadline, on it and after, the
    editor's JSON says unit for unit what the command prints, the Office last."""
    expected = {
        "2020-06-01": {"thanh-tra": "sent", "phong-ke-hoach-tai-chinh": "draft", "chi-cuc-tdc": "waiting"},
        "2020-06-05": {"thanh-tra": "sent", "phong-ke-hoach-tai-chinh": "draft", "chi-cuc-tdc": "waiting"},
        "2020-06-09": {"thanh-tra": "sent", "phong-ke-hoach-tai-chinh": "overdue", "chi-cuc-tdc": "overdue"},
    }
    port = free_port()
    with Editor(cycle.path, port, "http://127.0.0.1:1/").running():
        for today, states in expected.items():
            code, status = get(port, f"/api/report-status?plan=118%2FKH-KHCN&period=6-thang&today={today}")
            assert code == 200, status
            assert as_printed(status) == status_lines(cycle.path, today)
            by_unit = {u["id"]: u for u in status["units"]}
            assert {unit: by_unit[unit]["state"] for unit in states} == states
            assert status["units"][-1]["id"] == "van-phong" and status["units"][-1]["office"] is True
            assert by_unit["thanh-tra"]["label"] == "Đã gửi ngày 27/05/2020"
            assert by_unit["thanh-tra"]["file"] == f"{SIX}/thanh-tra.md"
            assert by_unit["phong-ke-hoach-tai-chinh"]["file"] == f"{SIX}/phong-ke-hoach-tai-chinh.md"
            assert by_unit["chi-cuc-tdc"]["file"] is None
            assert (status["sent_count"], status["unit_count"]) == (1, 7)
            assert status["collection"] == "bao-cao__118-kh-khcn-2020__6-thang"
            assert status["problems"] == []
        # The same object the command prints from (portal.report.status_of), as data.
        check = check_content(cycle.path, load_settings(cycle.path))
        query = ReportQuery(plan="118/KH-KHCN", period="6-thang", today="2020-06-09")
        computed = status_of(check, load_settings(cycle.path), query).as_json()
        assert {k: v for k, v in status.items() if k in computed} | {
            "units": [{k: v for k, v in u.items() if k != "file"} for u in status["units"]]
        } == computed
        # No period named: the one being filed on that day; the picker lists every plan's periods.
        code, status = get(port, "/api/report-status?today=2020-11-30")
        assert code == 200 and status["period"]["slug"] == "ca-nam" and status["plan"]["id"] == "118/KH-KHCN"
        assert [p["label"] for p in status["periods"]] == [
            "118/KH-KHCN · Báo cáo 6 tháng đầu năm 2020",
            "118/KH-KHCN · Báo cáo cả năm 2020",
        ]
        code, status = get(port, "/api/report-status?plan=khong-co&period=6-thang")
        assert code == 404 and status["error"].startswith("không có kế hoạch 'khong-co'")
        code, status = get(port, "/api/report-status?period=quy-3")
        assert code == 404 and "không có kỳ báo cáo 'quy-3'" in status["error"]
        # Only the editor's own page asks it (another site's page in the same browser is refused).
        assert get(port, "/api/report-status", Host=f"attacker.example:{port}")[0] == 403
        assert get(port, "/api/report-status", **{"Sec-Fetch-Site": "cross-site"})[0] == 403

        # A broken post elsewhere holds `report-status` (check first), not the editor's table; a
        # report file `check` refuses is named with its problem, and its unit still has its file.
        cycle.post("hong", Title="Hỏng", Date="2020-03-01 08:00", Items="99")
        cycle.write(f"{SIX}/chi-cuc-tdc.md", "Unit: chi-cuc-tdc\nSent: mùng 3\n\n## Kết quả nổi bật\n")
        code, status = get(port, "/api/report-status?plan=118%2FKH-KHCN&period=6-thang&today=2020-06-09")
        assert code == 200
        assert [(p["file"], p["message"]) for p in status["problems"]] == [
            (f"{SIX}/chi-cuc-tdc.md", "Sent 'mùng 3' không phải ngày hợp lệ")
        ]
        by_unit = {u["id"]: u for u in status["units"]}
        assert by_unit["chi-cuc-tdc"]["file"] == f"{SIX}/chi-cuc-tdc.md"
        assert by_unit["chi-cuc-tdc"]["state"] == "overdue"  # as the checker reads it: not sent


# -- in the browser --------------------------------------------------------------------------------


def open_list(page, url: str, collection: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{url}#/collections/{collection}")
    page.get_by_role("button", name="Tình hình báo cáo", exact=True).wait_for()


def dialog_rows(page) -> list[str]:
    """The dialog's table as the command prints it: name, deadline, state and signer."""
    rows = page.locator("#portal-status tbody tr")
    rows.first.wait_for()
    return [
        "  ".join(c for c in row.locator("th, td").all_inner_texts()[:3])
        + (f" · ký: {signer}" if (signer := row.locator("td").nth(2).inner_text()) else "")
        for row in rows.all()
    ]


def printed_rows(content: Path, today: str) -> list[str]:
    lines = status_lines(content, today)
    table = lines[lines.index("") + 3 : -2]
    return ["  ".join(part.strip() for part in line.split("  ") if part.strip()) for line in table]


def write_in(page, heading: str, text: str) -> None:
    """As an editor does: a click at the end of the section's heading, End, Enter, then the text.
    The rich text editor reads where the caret is a moment after it moves (a throttled selection
    event): a key pressed sooner acts where the caret was, so each move is given that moment."""
    title = page.locator("[data-slate-editor]").get_by_text(heading, exact=True)
    box = title.bounding_box()
    title.click(position={"x": box["width"] - 1, "y": box["height"] / 2})
    time.sleep(0.5)
    page.keyboard.press("End")
    time.sleep(0.5)
    page.keyboard.press("Enter")
    time.sleep(0.2)
    page.keyboard.type(text)


def save(page):
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("Lưu ngay", exact=True).click()
    panel = page.locator("#portal-check")
    panel.locator("h2").wait_for()
    return panel


@pytest.mark.browser
def test_a_unit_writes_its_report_in_the_editor_and_the_office_sees_it_sent(cycle):
    """The Office opens «Tình hình báo cáo» (what `invoke report-status` prints, names as text),
    a unit writes its report from its row: the file is what `check` reads, and the status says it
    was sent, in the command and in the editor."""
    from browser import chromium

    today = now_local().date().isoformat()  # the editor's own day
    with Editor(cycle.path, free_port(), "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        open_list(page, editor.url, "bao-cao__118-kh-khcn-2020__6-thang")
        page.get_by_role("button", name="Tình hình báo cáo", exact=True).click()
        dialog = page.get_by_role("dialog")
        dialog.locator("table").wait_for()
        assert dialog.get_by_role("combobox", name="Kỳ báo cáo").input_value() == "118-kh-khcn-2020/6-thang"
        assert dialog_rows(page) == printed_rows(cycle.path, today)
        assert HOSTILE_UNIT in dialog.inner_text() and HOSTILE_SIGNER in dialog.inner_text()
        assert dialog.locator("img, script").count() == 0
        assert page.evaluate("() => window.pwned") is None
        assert dialog.get_by_text("Đã gửi 1/7 đơn vị.").is_visible()

        row = dialog.locator("tr[data-unit='phong-quan-ly-khoa-hoc']")
        row.get_by_role("link", name="Viết báo cáo").click()  # the form opens with the unit chosen
        assert not dialog.is_visible()
        page.locator("input[id^='signer-field']").fill("Lê Văn E, Trưởng phòng")
        assert not page.get_by_role(
            "button", name="Tình hình báo cáo", exact=True
        ).is_visible()  # the form's screen
        page.locator("input[id^='sent-field']").fill("2020-06-04")
        write_in(page, "Kết quả nổi bật", "Thẩm định 12 nhiệm vụ khoa học; công khai kết quả trên trang.")
        write_in(page, "Đề xuất, kiến nghị", "Bố trí kinh phí in tờ gấp.")
        panel = save(page)
        assert panel.locator("h2").inner_text() == "Đã lưu; báo cáo qua kiểm tra"
        # Decap moves from the new entry's address to the saved one's: on a loaded machine after
        # the panel has spoken, and that move would take the list's address back.
        page.wait_for_url("**/entries/phong-quan-ly-khoa-hoc")

        page.goto(f"{editor.url}#/collections/bao-cao__118-kh-khcn-2020__6-thang")
        page.get_by_role("button", name="Tình hình báo cáo", exact=True).click()
        row = dialog.locator("tr[data-unit='phong-quan-ly-khoa-hoc']")
        row.get_by_text("Đã gửi ngày 04/06/2020").wait_for()
        assert dialog.get_by_text("Đã gửi 2/7 đơn vị.").is_visible()
        assert row.get_by_role("link", name="Mở báo cáo").get_attribute("href") == (
            "#/collections/bao-cao__118-kh-khcn-2020__6-thang/entries/phong-quan-ly-khoa-hoc"
        )
        assert dialog_rows(page) == printed_rows(cycle.path, today)
        # Another period, picked: the annual one, nobody has written.
        dialog.get_by_role("combobox", name="Kỳ báo cáo").select_option(
            label="118/KH-KHCN · Báo cáo cả năm 2020"
        )
        dialog.get_by_text("Đã gửi 0/7 đơn vị.").wait_for()
        assert errors == []

    written = cycle.path / SIX / "phong-quan-ly-khoa-hoc.md"
    assert (
        written.read_bytes()
        == (
            "Unit: phong-quan-ly-khoa-hoc\n"
            "Sent: 2020-06-04\n"
            "Signer: Lê Văn E, Trưởng phòng\n"
            "\n"
            "## Kết quả nổi bật\n"
            "\n"
            "Thẩm định 12 nhiệm vụ khoa học; công khai kết quả trên trang.\n"
            "\n"
            "## Khó khăn, vướng mắc\n"
            "\n"
            "## Đề xuất, kiến nghị\n"
            "\n"
            "Bố trí kinh phí in tờ gấp.\n"
            "\n"
            "## Phương hướng kỳ tới\n"
            "\n"
            "## Kinh phí\n"
        ).encode()
    )
    check = run_invoke("check", "--content", str(cycle.path), "--today", "2020-06-09")
    assert check.returncode == 0 and "0 lỗi" in check.stdout, check.stdout
    [line] = [line for line in status_lines(cycle.path, "2020-06-09") if "Phòng Quản lý khoa học" in line]
    assert line.endswith("05/06/2020  Đã gửi ngày 04/06/2020 · ký: Lê Văn E, Trưởng phòng")
    report = run_invoke(
        "report", "--content", str(cycle.path), "--plan", "118/KH-KHCN", "--period", "6 tháng",
        "--format", "json",
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    said = {r["unit"]["id"]: r for r in json.loads(report.stdout)["unit_reports"]}
    assert said["phong-quan-ly-khoa-hoc"]["sections"] == {
        "Kết quả nổi bật": "Thẩm định 12 nhiệm vụ khoa học; công khai kết quả trên trang.",
        "Khó khăn, vướng mắc": "",
        "Đề xuất, kiến nghị": "Bố trí kinh phí in tờ gấp.",
        "Phương hướng kỳ tới": "",
        "Kinh phí": "",
    }


@pytest.mark.browser
def test_the_check_panel_names_a_unit_reports_problem_after_its_save(cycle):
    """A report's unit changed after its first save: the file keeps its name, the panel says the
    two disagree, in the form's words, and the status does not count it as the other unit's."""
    from browser import chromium

    with Editor(cycle.path, free_port(), "http://127.0.0.1:1/").running() as editor, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
        page.goto(editor.url)
        page.get_by_role("button", name="Đăng nhập").click()
        page.goto(f"{editor.url}#/collections/bao-cao__118-kh-khcn-2020__6-thang/entries/thanh-tra")
        page.locator("input[id^='signer-field']").wait_for()
        box = page.locator("input[id^='unit-field']")
        box.click()
        box.fill("Văn phòng Sở")
        page.keyboard.press("Enter")
        panel = save(page)
        shown = panel.inner_text()
    assert "Đã lưu, nhưng còn 1 lỗi phải sửa" in shown
    assert "Ô «Đơn vị báo cáo»: giá trị 'van-phong' khác đơn vị của tên tệp (thanh-tra)" in shown
    assert read(cycle.path / SIX / "thanh-tra.md") == SENT.replace("Unit: thanh-tra", "Unit: van-phong")
    assert not list((cycle.path / SIX).glob("van-phong*"))


def test_the_guide_tells_a_unit_how_to_write_its_report_in_the_editor():
    guide = read(ROOT / "docs" / "huong-dan-bien-tap.md")
    section = guide.split("\n## 12. Báo cáo của đơn vị gửi Văn phòng")[1].split("\n## ")[0]
    for said in ("Báo cáo đơn vị · 118/KH-KHCN · 6 tháng", "Ngày gửi Văn phòng", "Tình hình báo cáo"):
        assert said in section, said
    assert "bao-cao/118-kh-khcn-2020/6-thang/thanh-tra.md" in section

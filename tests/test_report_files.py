"""The files `invoke report` writes for the Office: never over a file the clerk may have filled in
by hand (kept under a name with its time, unless --force), printed to PDF by LibreOffice, and
a unit that is the Office itself said to be the Office's own work."""

import json
import subprocess

import pytest
from conftest import ContentDir, run_invoke


@pytest.fixture
def content(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.post("tin", Title="Hội nghị giao ban", Date="2020-03-02", Items="1, 4", Unit="van-phong")
    content.post("tt", Title="Thanh tra tuyên truyền", Date="2020-04-02", Items="2", Unit="thanh-tra")
    return content


def report(content, *args):
    return run_invoke("report", "--content", str(content.path), "--period", "6 tháng", *args)


def test_an_existing_file_is_kept_under_a_name_with_its_time(content, tmp_path):
    target = tmp_path / "bao-cao.csv"
    target.write_text("đã điền tay", encoding="utf-8")
    result = report(content, "--output", str(target))
    assert result.returncode == 0, result.stderr
    (kept,) = list(tmp_path.glob("bao-cao.*.csv"))
    assert kept.read_text(encoding="utf-8") == "đã điền tay"
    assert f"{target} đã có: bản cũ được giữ lại thành {kept.name} (dùng --force để ghi đè)" in result.stderr
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the Vietnamese as UTF-8
    again = report(content, "--output", str(target))  # the same second: a second name, nothing lost
    assert again.returncode == 0 and len(list(tmp_path.glob("bao-cao.*.csv"))) == 2
    forced = report(content, "--output", str(target), "--force")
    assert forced.returncode == 0 and "giữ lại" not in forced.stderr
    assert len(list(tmp_path.glob("bao-cao.*.csv"))) == 2


def test_a_pdf_is_the_word_report_as_libreoffice_prints_it(content, tmp_path):
    target = tmp_path / "bao-cao.pdf"
    result = report(content, "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "BÁO CÁO" in text and "118/KH-KHCN" in text
    assert "Hội nghị giao ban" in text


def test_the_offices_own_report_says_what_it_is(content, tmp_path):
    result = report(content, "--unit", "van-phong", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Đây là số liệu phần việc riêng của Văn phòng Sở" in result.stderr
    assert "chạy lại không có --unit" in result.stderr
    other = report(content, "--unit", "thanh-tra", "--format", "json")
    assert "phần việc riêng" not in other.stderr and json.loads(other.stdout)["post_count"] == 1
    # As a paper, the Office's report is the department's: the Office sends no paper to itself.
    paper = report(content, "--unit", "van-phong", "--output", str(tmp_path / "vp.docx"))
    assert paper.returncode == 0, paper.stderr
    assert "tệp này là báo cáo chung của Sở" in paper.stderr
    # No period report of the Office's: the clerk is told before filing empty parts.
    assert "Chưa có báo cáo kỳ này của Văn phòng Sở (bao-cao/" in paper.stderr
    assert "/6-thang/van-phong.md)" in paper.stderr


def test_periods_and_plans_typed_without_tone_marks(content):
    for typed in ("6 thang", "6-thang", "6 tháng"):
        result = run_invoke("report", "--content", str(content.path), "--period", typed, "--format", "json")
        assert result.returncode == 0, (typed, result.stderr)
        assert json.loads(result.stdout)["period"] == {
            "from": "2020-01-01",
            "to": "2020-06-04",
            "label": "Báo cáo 6 tháng đầu năm 2020",
        }


def test_a_plan_plan_new_made_is_a_draft_until_the_office_writes_its_signing(tmp_path):
    from bs4 import BeautifulSoup
    from conftest import build, read

    content = ContentDir(tmp_path / "content")
    made = run_invoke("plan-new", "--content", str(content.path), "--id", "25/KH-KHCN")
    assert made.returncode == 0, made.stderr
    plan_file = content.path / "plans" / "25-kh-khcn-2021.yml"
    assert "\ndate:" not in plan_file.read_text(encoding="utf-8")
    checked = run_invoke("check", "--content", str(content.path))
    assert (
        "25-kh-khcn-2021.yml: CẢNH BÁO: kế hoạch 25/KH-KHCN chưa có ngày ký ('date'): trang web và báo "
        "cáo ghi kế hoạch là dự thảo, chưa ký" in checked.stdout
    ), checked.stdout
    site = build(content.path, tmp_path / "out")
    page = BeautifulSoup(read(site / "ke-hoach" / "25-kh-khcn-2021" / "index.html"), "html.parser")
    assert "Dự thảo của Sở Khoa học và Công nghệ tỉnh Sơn La, chưa ký" in page.get_text(" ", strip=True)


def test_the_table_says_whom_the_office_reports_to_and_adds_no_quantities_across_forms():
    result = run_invoke("report", "--content", "content", "--plan", "40/KH-KHCN", "--period", "6-thang")
    assert result.returncode == 0, result.stderr
    assert "Hạn Văn phòng Sở báo cáo Sở Tư pháp tỉnh Sơn La: trước ngày 10/06/2021" in result.stdout
    units = result.stdout.split("Theo đơn vị thực hiện:")[1].split("\n\n")[0]
    assert "Người tham dự" in units and "Số lượng" not in units


@pytest.mark.parametrize("name", ["bao-cao.doc", "bao-cao", "bao-cao.DOC"])
def test_an_output_name_that_names_no_format_is_refused(content, tmp_path, name):
    result = report(content, "--output", str(tmp_path / "out" / name))
    assert result.returncode == 2, result.stdout
    assert "tên tệp phải có đuôi cho biết định dạng" in result.stderr and "bao-cao.docx" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_plan_named_by_its_number_alone():
    result = run_invoke(
        "report", "--content", "content", "--plan", "118", "--period", "6-thang", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plan"]["id"] == "118/KH-KHCN"

"""The reporting cycle (DESIGN.md contract 14): units send their period reports to the Office as
content; `report-status` and `check` say who has sent, who is late, from seven days before each
deadline; the reports carry the units' own text."""

import json

import pytest
from conftest import ContentDir, run_invoke

SIX = "bao-cao/118-kh-khcn-2020/6-thang"
SENT_BY_A = """\
Unit: thanh-tra
Sent: 2020-05-27
Signer: Nguyễn Văn B

## Kết quả nổi bật

Tổ chức hội nghị phổ biến Luật Phòng, chống tham nhũng cho 45 công chức.

## Khó khăn, vướng mắc

Chưa có kinh phí in tài liệu.

## Đề xuất, kiến nghị

Bố trí kinh phí in tờ gấp năm 2021.

## Phương hướng kỳ tới

Tiếp tục lồng ghép tuyên truyền trong các cuộc thanh tra.

## Kinh phí

Không phát sinh.
"""


@pytest.fixture
def cycle(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.post("a", Title="Tin của Thanh tra", Date="2020-03-01", Items="4", Unit="thanh-tra")
    content.write(f"{SIX}/thanh-tra.md", SENT_BY_A)  # unit A has sent; B (phong-ke-hoach-tai-chinh) has not
    content.write(
        f"{SIX}/phong-ke-hoach-tai-chinh.md",
        "Unit: phong-ke-hoach-tai-chinh\n\n## Kết quả nổi bật\n\nĐang viết.\n",
    )
    return content


def status(content, today):
    result = run_invoke(
        "report-status",
        "--content",
        str(content.path),
        "--period",
        "6 tháng",
        "--plan",
        "118/KH-KHCN",
        "--today",
        today,
    )
    assert result.returncode == 0, result.stderr
    return {line.split("  ")[0].strip(): line for line in result.stdout.splitlines() if "  " in line}


def warnings(content, today):
    result = run_invoke("check", "--content", str(content.path), "--today", today)
    assert result.returncode == 0, result.stdout
    return [line for line in result.stdout.splitlines() if "gửi báo cáo" in line]


def test_status_and_check_before_on_and_after_the_units_deadline(cycle):
    assert warnings(cycle, "2020-05-28") == []  # eight days before 05/06: nothing yet
    week = warnings(cycle, "2020-05-29")
    assert len(week) == 1
    assert (
        "Báo cáo 6 tháng đầu năm 2020 (118/KH-KHCN): hạn các đơn vị gửi báo cáo là 05/06/2020, còn 7 ngày"
        in week[0]
    )
    assert "Phòng Kế hoạch - Tài chính" in week[0] and "Thanh tra Sở" not in week[0].split("chưa gửi:")[1]
    before = status(cycle, "2020-05-29")
    assert "Đã gửi ngày 27/05/2020 · ký: Nguyễn Văn B" in before["Thanh tra Sở"]
    assert before["Phòng Kế hoạch - Tài chính"].endswith("Đang soạn, chưa gửi")
    assert before["Phòng Quản lý khoa học"].endswith("Chưa gửi")

    on_the_day = warnings(cycle, "2020-06-05")
    assert any("hạn các đơn vị gửi báo cáo là hôm nay, 05/06/2020" in w for w in on_the_day)
    assert any("hạn Văn phòng gửi báo cáo tổng hợp là 10/06/2020, còn 5 ngày" in w for w in on_the_day)

    after = warnings(cycle, "2020-06-07")
    assert any("hạn các đơn vị gửi báo cáo là 05/06/2020, đã quá 2 ngày; chưa gửi: " in w for w in after)
    late = status(cycle, "2020-06-07")
    assert late["Phòng Kế hoạch - Tài chính"].endswith("Quá hạn, đang soạn, chưa gửi")
    assert late["Phòng Quản lý khoa học"].endswith("Quá hạn, chưa gửi")
    assert (
        "Đã gửi 1/7 đơn vị."
        in run_invoke(
            "report-status",
            "--content",
            str(cycle.path),
            "--period",
            "6-thang",
            "--plan",
            "118/KH-KHCN",
            "--today",
            "2020-06-07",
        ).stdout
    )


def test_a_report_sent_after_its_deadline_is_late(cycle):
    text = SENT_BY_A.replace("Sent: 2020-05-27", "Sent: 2020-06-08")
    cycle.write(f"{SIX}/thanh-tra.md", text)
    assert (
        status(cycle, "2020-06-09")["Thanh tra Sở"].startswith("Thanh tra Sở")
        and "Gửi muộn ngày 08/06/2020" in status(cycle, "2020-06-09")["Thanh tra Sở"]
    )


def test_the_report_json_carries_each_units_own_words(cycle):
    result = run_invoke(
        "report",
        "--content",
        str(cycle.path),
        "--plan",
        "118/KH-KHCN",
        "--period",
        "6 tháng",
        "--format",
        "json",
    )
    data = json.loads(result.stdout)
    by_unit = {row["unit"]["id"]: row for row in data["unit_reports"]}
    assert by_unit["thanh-tra"]["sent"] == "2020-05-27" and by_unit["thanh-tra"]["on_time"] is True
    assert by_unit["thanh-tra"]["sections"]["Khó khăn, vướng mắc"] == "Chưa có kinh phí in tài liệu."
    assert by_unit["phong-ke-hoach-tai-chinh"]["sent"] is None
    assert len(by_unit) == 8  # every unit of the plan, the Office too
    mine = json.loads(
        run_invoke(
            "report", "--content", str(cycle.path), "--plan", "118/KH-KHCN", "--period", "6 tháng",
            "--unit", "thanh-tra", "--format", "json",
        ).stdout
    )  # fmt: skip
    assert [row["unit"]["id"] for row in mine["unit_reports"]] == ["thanh-tra"]


def test_a_units_report_is_checked_where_it_is_and_what_it_says(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.write(
        "bao-cao/118-kh-khcn-2020/quy-3/van-phong.md", "Unit: van-phong\n\n## Kết quả nổi bật\n\nx\n"
    )
    content.write("bao-cao/khong-co/6-thang/van-phong.md", "Unit: van-phong\n\n## Kết quả nổi bật\n\nx\n")
    content.write(f"{SIX}/phong-khong-co.md", "Unit: phong-khong-co\n\n## Kết quả nổi bật\n\nx\n")
    content.write(
        f"{SIX}/thanh-tra.md",
        "Unit: van-phong\nSent: 03/06/2020\n\nViết trước mục.\n\n## Ket qua noi bat\n\nĐược.\n\n"
        "## Thành tích\n\nx\n\n## Kinh phí\n\na\n\n## Kinh phí\n\nb\n",
    )
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    out = result.stdout
    for expected in (
        (
            "quy-3/van-phong.md: LỖI: kế hoạch 118/KH-KHCN không có kỳ báo cáo 'quy-3' — "
            "đặt tệp trong thư mục của kỳ: 6-thang, ca-nam"
        ),
        "khong-co/6-thang/van-phong.md: LỖI: không có kế hoạch có slug 'khong-co'",
        "6-thang/phong-khong-co.md: LỖI: tên tệp 'phong-khong-co.md' không phải mã một đơn vị",
        "6-thang/thanh-tra.md:1: LỖI: dòng Unit 'van-phong' khác đơn vị của tên tệp (thanh-tra)",
        "6-thang/thanh-tra.md:2: LỖI: Sent '03/06/2020' không phải ngày hợp lệ",
        "6-thang/thanh-tra.md:4: LỖI: đoạn văn nằm trước mục đầu tiên",
        "6-thang/thanh-tra.md:10: LỖI: mục 'Thành tích' không phải mục của báo cáo đơn vị",
        "6-thang/thanh-tra.md:18: LỖI: mục '## Kinh phí' viết hai lần",
    ):
        assert expected in out, (expected, out)
    assert "Ket qua noi bat" not in out  # a heading typed without tone marks is the section


def test_a_sent_date_of_another_period_or_ahead_is_not_a_report_sent(cycle):
    cycle.write(f"{SIX}/thanh-tra.md", SENT_BY_A.replace("Sent: 2020-05-27", "Sent: 2019-12-03"))
    copied = run_invoke("check", "--content", str(cycle.path), "--today", "2020-06-01")
    assert copied.returncode != 0
    assert "ngày gửi 03/12/2019 trước khi kỳ báo cáo" in copied.stdout
    cycle.write(f"{SIX}/thanh-tra.md", SENT_BY_A.replace("Sent: 2020-05-27", "Sent: 2027-06-03"))
    ahead = run_invoke("check", "--content", str(cycle.path), "--today", "2020-06-01")
    assert ahead.returncode == 0, ahead.stdout
    assert "ngày gửi 03/06/2027 chưa đến (hôm nay 01/06/2020)" in ahead.stdout
    assert status(cycle, "2020-06-01")["Thanh tra Sở"].endswith("Đang soạn, chưa gửi · ký: Nguyễn Văn B")


def test_headings_as_the_papers_word_them_are_their_sections(cycle):
    cycle.write(
        f"{SIX}/thanh-tra.md",
        "Unit: thanh-tra\n\n## Tồn tại, hạn chế\n\nChưa đều.\n\n## Kinh phí thực hiện:\n\nKhông.\n\n"
        "## Phuong huong, nhiem vu\n\nTiếp tục.\n",
    )
    result = run_invoke(
        "report",
        "--content",
        str(cycle.path),
        "--plan",
        "118/KH-KHCN",
        "--period",
        "6-thang",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    (mine,) = [u for u in json.loads(result.stdout)["unit_reports"] if u["unit"]["id"] == "thanh-tra"]
    assert mine["sections"] == {
        "Khó khăn, vướng mắc": "Chưa đều.",
        "Phương hướng kỳ tới": "Tiếp tục.",
        "Kinh phí": "Không.",
    }

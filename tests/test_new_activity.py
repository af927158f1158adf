"""`invoke new-activity`: an activity file (DESIGN.md contract 10) with every line it can fill,
read by the checker's own ActivityReader before anything is written; a bad value names the option
to fix; never written over a file nor through a link."""

import json
import os

import pytest
from conftest import ROOT, run_invoke
from several_plans import LEGAL, add_plans

PDF = ROOT / "content" / "files" / "2020" / "van-ban" / "210-QD-KHCN.pdf"


@pytest.fixture
def site(content):
    """A content folder with the plan, a published post and a piece of evidence."""
    content.post(
        "p1", Title="Hội nghị giao ban quý II", Date="2020-06-10 15:00", Slug="giao-ban-quy-ii", Items="1"
    )
    (content.path / "files" / "2020").mkdir(parents=True)
    (content.path / "files" / "2020" / "Biên bản hội nghị.pdf").write_bytes(PDF.read_bytes())
    return content


def new_activity(content, *args):
    return run_invoke("new-activity", "--content", str(content.path), *args)


def test_an_activity_is_written_whole_and_check_reads_it_as_given(site):
    result = new_activity(
        site,
        "--title", "Hội nghị giao ban   quý II năm 2020",
        "--unit", "Văn phòng Sở",  # its name: written as the plan's id
        "--form", "hoi-nghi-giao-ban",
        "--date", "2020-06-10 08:00",
        "--items", "4,1",
        "--participants", "1.200",
        "--quantity", "3",
        "--files", "files/2020/Biên bản hội nghị.pdf",
        "--posts", "/tin-tuc/2020/giao-ban-quy-ii/",
        "--public", "Có",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = site.path / "hoat-dong" / "2020-06-10-hoi-nghi-giao-ban-quy-ii-nam-2020.md"
    assert result.stdout.startswith(f"Đã tạo {path}")
    assert path.read_text(encoding="utf-8") == (
        "Title: Hội nghị giao ban quý II năm 2020\n"
        "Date: 2020-06-10 08:00\n"
        "Unit: van-phong\n"
        "Form: hoi-nghi-giao-ban\n"
        "Plan: 118/KH-KHCN\n"
        "Items: 1, 4\n"
        "Participants: 1200\n"
        "Quantity: 3\n"
        "Files: 2020/Biên bản hội nghị.pdf\n"
        "Posts: giao-ban-quy-ii\n"
        "Public: yes\n"
        "Slug: hoi-nghi-giao-ban-quy-ii-nam-2020\n"
    )
    check = run_invoke("check", "--content", str(site.path))
    assert check.returncode == 0 and "0 lỗi, 0 cảnh báo" in check.stdout and "1 hoạt động" in check.stdout
    report = run_invoke(
        "report",
        "--content",
        str(site.path),
        "--from",
        "2020-06-10",
        "--to",
        "2020-06-10",
        "--format",
        "json",
    )
    items = {i["number"]: i for i in json.loads(report.stdout)["items"]}
    assert items[1]["activity_count"] == items[4]["activity_count"] == 1
    assert items[1]["activities"][0]["participants"] == 1200


def test_items_of_two_plans_are_written_each_with_its_plan(site):
    add_plans(site, next_year=False)  # 40/KH-KHCN counts 2020's days too: items name their plan
    site.post("p1", Title="Hội nghị giao ban quý II", Date="2020-06-10 15:00", Items="118/KH-KHCN: 1")
    result = new_activity(
        site,
        "--title", "Sinh hoạt chi bộ tháng 5",
        "--unit", "thanh-tra",
        "--form", "Sinh hoạt chi bộ",
        "--date", "2020-05-20",
        "--items", f"118/KH-KHCN: 2, 1; {LEGAL}: Mục 3",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = site.path / "hoat-dong" / "2020-05-20-sinh-hoat-chi-bo-thang-5.md"
    assert path.read_text(encoding="utf-8") == (
        "Title: Sinh hoạt chi bộ tháng 5\n"
        "Date: 2020-05-20 00:00\n"
        "Unit: thanh-tra\n"
        "Form: sinh-hoat-chi-bo\n"
        "Plan: 118/KH-KHCN\n"
        f"Items: 118/KH-KHCN: 1, 2; {LEGAL}: 3\n"
        "Public: no\n"
        "Slug: sinh-hoat-chi-bo-thang-5\n"
    )
    assert run_invoke("check", "--content", str(site.path)).returncode == 0


def test_every_bad_value_is_named_by_its_option_and_nothing_is_written(site):
    result = new_activity(
        site,
        "--title", "Hội nghị",
        "--unit", "phong-khong-co",
        "--date", "2020-02-30 08:00",
        "--items", "9",
        "--participants", "bốn mươi",
        "--quantity", "2,5",
        "--files", "2020/khong-co.pdf",
        "--posts", "khong-co-bai-nay",
        "--public", "có lẽ",
    )  # fmt: skip
    assert result.returncode == 2 and result.stdout == ""
    said = result.stderr.splitlines()
    assert [line.split(":", 1)[0] for line in said] == [  # every one at once, in the file's order
        "--date",
        "--unit",
        "--form",  # missing: it is required of an activity
        "--items",
        "--participants",
        "--quantity",
        "--files",
        "--posts",
        "--public",
    ]
    assert (
        said[0]
        == "--date: ngày '2020-02-30 08:00' không tồn tại trong lịch — ví dụ --date \"2020-02-10 08:30\""
    )
    assert "đơn vị 'phong-khong-co' không có trong kế hoạch" in said[1] and "van-phong" in said[1]
    assert said[2].startswith("--form: cần hình thức, ví dụ --form ") and "hoi-nghi-giao-ban" in said[2]
    assert "mục '9' không có trong kế hoạch 118/KH-KHCN" in said[3]
    participants = "số người tham dự 'bốn mươi' không phải số nguyên — ghi một số, ví dụ --participants 45"
    assert said[4] == f"--participants: {participants}"
    assert said[8] == "--public: Public 'có lẽ' không hợp lệ — ghi --public yes hoặc --public no"
    assert not (site.path / "hoat-dong").exists()


@pytest.mark.parametrize("planted", ["folder", "file"])
def test_a_planted_link_is_refused_and_nothing_is_written_through_it(site, tmp_path, planted):
    outside = tmp_path / "outside"
    outside.mkdir()
    if planted == "folder":
        (site.path / "hoat-dong").symlink_to(outside)
        shown = site.path / "hoat-dong"
    else:
        (site.path / "hoat-dong").mkdir()
        shown = site.path / "hoat-dong" / "2020-06-10-hoi-nghi.md"
        shown.symlink_to(outside / "bi-ghi-de.md")
    result = new_activity(
        site,
        "--title",
        "Hội nghị",
        "--unit",
        "van-phong",
        "--form",
        "hoi-nghi-giao-ban",
        "--date",
        "2020-06-10 08:00",
    )
    assert result.returncode == 2
    assert f"{shown} là một liên kết (symlink)" in result.stderr and "rm '" in result.stderr
    assert list(outside.iterdir()) == []
    assert os.path.islink(shown)


def test_an_existing_activity_is_never_overwritten(site):
    args = (
        "--title",
        "Hội nghị",
        "--unit",
        "van-phong",
        "--form",
        "hoi-nghi-giao-ban",
        "--date",
        "2020-06-10 08:00",
    )
    assert new_activity(site, *args).returncode == 0
    path = site.path / "hoat-dong" / "2020-06-10-hoi-nghi.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nGhi chép của đơn vị.\n", encoding="utf-8")
    before = path.read_bytes()
    again = new_activity(site, *args, "--participants", "30")
    assert again.returncode == 2
    assert f"tệp {path} đã có (cùng ngày và đường dẫn)" in again.stderr and "--slug" in again.stderr
    assert path.read_bytes() == before
    other = new_activity(site, *args, "--slug", "hoi-nghi-lan-2")
    assert other.returncode == 0, other.stderr
    assert (site.path / "hoat-dong" / "2020-06-10-hoi-nghi-lan-2.md").is_file()


def test_an_activity_no_report_counts_is_refused(site):
    """An activity exists to be counted: one dated where no plan applies is not written."""
    result = new_activity(
        site,
        "--title",
        "Hội nghị",
        "--unit",
        "van-phong",
        "--form",
        "hoi-nghi-giao-ban",
        "--date",
        "2019-03-10 08:00",
    )
    assert result.returncode == 2, result.stderr
    assert (
        "--date: không có kế hoạch nào áp dụng cho ngày 10/03/2019: hoạt động không được tính vào báo "
        "cáo nào" in result.stderr
    )
    assert not list((site.path / "hoat-dong").glob("2019-*"))

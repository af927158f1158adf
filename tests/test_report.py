"""`invoke report`: DESIGN.md contracts 2, 4 and 5, on sample and fixture content."""

import json

import pytest
from conftest import ROOT, run_invoke


def report_json(*args):
    result = run_invoke("report", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sample_content_covers_every_item_in_2020():
    report = report_json("--plan", "118/KH-KHCN", "--from", "2020-01-01", "--to", "2020-12-31")
    assert report["plan"] == {"id": "118/KH-KHCN", "title": report["plan"]["title"]}
    assert report["period"]["from"] == "2020-01-01" and report["period"]["to"] == "2020-12-31"
    assert [i["number"] for i in report["items"]] == [1, 2, 3, 4, 5, 6, 7]
    assert all(i["count"] >= 1 and i["count"] == len(i["posts"]) for i in report["items"])
    for item in report["items"]:
        # Contract 5's keys, and contract 12's activities.
        assert set(item) == {"number", "title", "count", "posts", "activity_count", "activities"}
        for post in item["posts"]:
            assert set(post) == {"title", "date", "url", "source"}
            assert post["date"].endswith("+07:00")
            assert post["url"].startswith("https://sokhcn.sonla.gov.vn/tin-tuc/2020/")
            assert post["source"].startswith("content/posts/")
    # The contracts' keys; the documents of the period; and a window reaching past the plan's last
    # report period (05/12 to 31/12) says so.
    assert set(report) == {
        *("plan", "period", "items", "untagged_count", "post_count", "documents"),
        *("activity_count", "forms", "units", "outside_plan"),
    }
    # 27 posts of 2020 counted before 2021's plan existed; the one of 05/12/2020 now belongs to it
    # (its first window opens that day).
    assert report["untagged_count"] == 2 and report["post_count"] == 26


def write_boundary_posts(content):
    content.post("last-minute", Title="Đăng lúc 23:59 ngày cuối kỳ", Date="2020-06-04 23:59", Items="1, 4")
    content.post("next-day", Title="Đăng lúc 0:00 ngày sau kỳ", Date="2020-06-05 00:00", Items="1")
    content.post("first", Title="Đăng lúc 0:00 ngày đầu kỳ", Date="2020-01-01 00:00", Items="4")
    content.post("untagged", Title="Tin không gắn mục", Date="2020-03-01")
    content.post("draft", Title="Nháp", Date="2020-03-02", Items="1", Status="draft")
    content.post("hidden", Title="Ẩn", Date="2020-03-03", Items="2", Status="hidden")
    content.post(
        "double", Title="Gắn mục 1 hai lần", Date="2020-03-04", Items="1, 1, y-nghia-cai-cach-hanh-chinh-papi"
    )


def counts(report):
    return {i["number"]: i["count"] for i in report["items"]}


def test_counting_rules_and_local_day_boundaries(content):
    write_boundary_posts(content)
    report = report_json("--content", str(content.path), "--period", "6 tháng")
    assert counts(report) == {1: 2, 2: 0, 3: 0, 4: 2, 5: 0, 6: 0, 7: 0}
    assert report["post_count"] == 4 and report["untagged_count"] == 1
    titles = [p["title"] for p in report["items"][0]["posts"]]
    assert titles == ["Gắn mục 1 hai lần", "Đăng lúc 23:59 ngày cuối kỳ"]

    whole_days = report_json("--content", str(content.path), "--from", "2020-06-05", "--to", "2020-06-05")
    assert counts(whole_days)[1] == 1 and whole_days["post_count"] == 1
    assert (
        report_json("--content", str(content.path), "--from", "2020-06-04", "--to", "2020-06-04")[
            "post_count"
        ]
        == 1
    )


def test_period_ids_and_slugs(content):
    write_boundary_posts(content)
    by_id = report_json("--content", str(content.path), "--period", "cả năm")
    by_slug = report_json("--content", str(content.path), "--period", "ca-nam", "--plan", "118/KH-KHCN")
    assert by_id == by_slug and by_id["period"]["to"] == "2020-12-04"
    assert counts(by_id)[1] == 3


def test_table_marks_gaps_and_prints_deadlines():
    result = run_invoke("report", "--plan", "118/KH-KHCN", "--period", "6 tháng")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Báo cáo 6 tháng đầu năm 2020 (01/01/2020 – 04/06/2020)" in out
    line_7 = next(line for line in out.splitlines() if line.strip().startswith("7 "))
    assert line_7.rstrip().endswith("0  ← chưa có tin bài")
    assert "Tổng số tin bài trong kỳ" in out and "trước ngày 05/06/2020" in out
    assert "trước ngày 10/06/2020" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--period", "quý 3"], "không có kỳ báo cáo 'quý 3'; các kỳ: '6 tháng' (6-thang), 'cả năm'"),
        (["--from", "2020-01-01"], "cần --period"),
        (["--from", "01/01/2020", "--to", "2020-02-01"], "--from '01/01/2020' không phải ngày hợp lệ"),
        (["--plan", "9/KH", "--period", "6 tháng"], "không có kế hoạch '9/KH'"),
        (["--period", "6 tháng", "--format", "odt"], "định dạng 'odt' không hỗ trợ"),
        (["--period", "6 tháng", "--format", "pdf"], "định dạng pdf cần --output"),
        (["--period", "6 tháng", "--csv-separator", "|"], "--csv-separator '|' không dùng được"),
        (["--period", "6 tháng", "--today", "2020-13-45"], "--today '2020-13-45' không phải ngày hợp lệ"),
        (["--period", "6 tháng", "--format", "csv", "--output", "docs"], "--output docs là một thư mục"),
        (
            ["--period", "6 tháng", "--format", "csv", "--output", "/proc/khong-ghi-duoc/x.csv"],
            "không ghi được",
        ),
    ],
)
def test_bad_arguments_are_explained_in_vietnamese(args, message):
    result = run_invoke("report", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_report_refuses_content_with_errors(content):
    content.post("bad", Title="Tin", Date="03/02/2020", Items="1")
    result = run_invoke("report", "--content", str(content.path), "--period", "6 tháng")
    assert result.returncode == 2
    assert "posts/bad.md:2" in result.stderr and "2020-02-03" in result.stderr


def test_report_links_are_the_pages_the_build_writes(published_sample):
    report = report_json("--period", "cả năm")
    site = published_sample
    urls = {p["url"] for item in report["items"] for p in item["posts"]}
    assert urls
    for url in urls:
        path = url.removeprefix("https://sokhcn.sonla.gov.vn/")
        assert (site / path / "index.html").is_file(), url


def test_unit_reports_add_up_with_the_by_unit_table():
    """Contract 7: `report --unit ID` keeps the JSON shape and limits it to one unit's posts; the
    units' tagged posts add up to the by-unit table of the whole report, where a post an activity
    reports on counts once, with the activity."""
    from builder.settings import load_settings
    from portal.coverage import unit_of
    from portal.report import ReportQuery, coverage_for

    settings = load_settings(ROOT / "content", settings_file="publishconf.py")
    whole = coverage_for(ROOT / "content", settings, ReportQuery(plan="118/KH-KHCN", period="cả năm"))
    # A post merges into an activity of its own unit: one piece of work in that unit's row.
    reported = {
        (post.path, unit_of(activity, whole.plan)) for activity in whole.activities for post in activity.posts
    }
    assert reported  # the sample's meetings and their posts
    alone = [p for p in whole.tagged if (p.path, unit_of(p, whole.plan)) not in reported]
    assert sum(row.post_count for row in whole.by_unit) == len(alone)
    for row in whole.by_unit:
        unit = row.choice
        mine = [p for p in whole.tagged if unit_of(p, whole.plan) == unit]
        assert row.post_count == len([p for p in mine if (p.path, unit) not in reported])
        data = report_json("--plan", "118/KH-KHCN", "--period", "cả năm", "--unit", unit.id)
        assert set(data) >= {"plan", "period", "items", "untagged_count", "post_count"}
        assert data["unit"] == {"id": unit.id, "name": unit.name}
        assert data["post_count"] - data["untagged_count"] == len(mine)
        assert data["activity_count"] == row.activity_count
        for item in data["items"]:
            mine = next(c for c in whole.items if c.item.number == item["number"])
            names = {p["source"].rsplit("/", 1)[-1] for p in item["posts"]}
            assert names <= {p.source.rsplit("/", 1)[-1] for p in mine.posts}
    bad = run_invoke("report", "--plan", "118/KH-KHCN", "--period", "cả năm", "--unit", "van-phog")
    assert bad.returncode == 2 and "có phải 'van-phong'?" in bad.stderr

"""The public coverage page, its JSON/CSV and `invoke report` agree on every number."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from conftest import build, read, run_invoke

RESULTS = "ke-hoach/118-kh-khcn-2020/ket-qua"


@pytest.fixture(scope="module")
def site(published_sample):
    return published_sample


def report(period):
    result = run_invoke("report", "--plan", "118/KH-KHCN", "--period", period, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_page_tables_equal_the_report(site):
    soup = BeautifulSoup(read(site / RESULTS / "index.html"), "html.parser")
    sections = soup.select(".coverage-period")
    assert len(sections) == 2
    for section, period in zip(sections, ("6 tháng", "cả năm"), strict=True):
        data = report(period)
        rows = section.select("tbody tr")
        assert [int(r.select("td")[2].get_text().split()[0]) for r in rows] == [
            i["count"] for i in data["items"]
        ]
        assert [int(r.select("td")[3].get_text()) for r in rows] == [
            i["activity_count"] for i in data["items"]
        ]
        untagged, total = [int(r.select_one(".num").get_text()) for r in section.select("tfoot tr")]
        assert (untagged, total) == (data["untagged_count"], data["post_count"])
        assert section.select("tfoot tr")[1].select(".num")[1].get_text() == str(data["activity_count"])
        assert data["period"]["label"] in section.select_one("h2").get_text()
        svg = section.select_one("svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.select_one(f"#{title_id}").name == "title"
        desc = svg.select_one(f"#{desc_id}").get_text()
        assert desc.split("; ") == [f"Mục {i['number']}: {i['count']} tin bài" for i in data["items"]]
        assert len(svg.select("rect")) == 7


def test_published_json_and_csv_equal_the_report(site):
    published = json.loads(read(site / RESULTS / "coverage.json"))
    for shown, full in zip(published["periods"], [report("6 tháng"), report("cả năm")], strict=True):
        # Every activity is counted; only the public ones are listed, and the rest said.
        listed = {a["source"] for item in shown["items"] for a in item["activities"]}
        assert shown.pop("unlisted_activity_count") == full["activity_count"] - len(listed)
        full.pop("unit_reports")  # the units' own reports to the Office stay the Office's
        for item, whole in zip(shown["items"], full["items"], strict=True):
            public = [a for a in whole.pop("activities") if a["source"] in listed]
            for activity in public:  # the site names only the posts it lists, without their status
                posts = [p for p in activity["posts"] if p.pop("status") == "published"]
                activity["posts"] = posts
            assert item.pop("activities") == public
        assert shown == full
    raw = (site / RESULTS / "coverage.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    half = report("6 tháng")
    assert rows[1] == [
        half["period"]["label"],
        "1",
        half["items"][0]["title"],
        str(half["items"][0]["count"]),
    ]
    assert len(rows) == 1 + 2 * 9


def test_page_links_the_data_files_and_is_in_the_navigation(site):
    soup = BeautifulSoup(read(site / RESULTS / "index.html"), "html.parser")
    hrefs = {a["href"] for a in soup.select("main a")}
    assert f"https://sokhcn.sonla.gov.vn/{RESULTS}/coverage.json" in hrefs
    assert f"https://sokhcn.sonla.gov.vn/{RESULTS}/coverage.csv" in hrefs
    nav = BeautifulSoup(read(site / "index.html"), "html.parser").select_one(".site-nav")
    assert "Kết quả thực hiện" in nav.get_text()


def test_gap_warnings_with_days_left(content, tmp_path):
    content.post("a", Title="Tin mục 1", Date="2020-03-01", Items="1, 2, 3, 4, 5")
    result = run_invoke("check", "--content", str(content.path), "--today", "2020-05-24")
    assert result.returncode == 0
    assert (
        "Mục 6 chưa có tin bài nào trong kỳ báo cáo 6 tháng; còn 12 ngày đến hạn 05/06/2020" in result.stdout
    )
    assert "Mục 7 chưa có tin bài nào" in result.stdout and "Mục 5 chưa" not in result.stdout
    late = run_invoke("check", "--content", str(content.path), "--today", "2020-06-05")
    assert "kỳ báo cáo cả năm; còn 183 ngày đến hạn 05/12/2020" in late.stdout
    after = run_invoke("check", "--content", str(content.path), "--today", "2021-01-10")
    assert "chưa có tin bài" not in after.stdout


def test_build_logs_gap_warnings_but_succeeds(content, tmp_path, caplog):
    import datetime as dt

    from portal.dates import LOCAL_TZ

    content.post("a", Title="Tin mục 1", Date="2020-03-01", Items="1")
    build(content.path, tmp_path / "out", PORTAL_NOW=dt.datetime(2020, 5, 24, tzinfo=LOCAL_TZ))
    assert "Mục 7 chưa có tin bài nào trong kỳ báo cáo 6 tháng" in caplog.text
    assert (tmp_path / "out" / RESULTS / "index.html").is_file()


def test_item_pages_say_which_window_each_count_is_for(site):
    """Issue 14: a page's count for the whole plan sits beside each report window's count, and
    those equal the report's."""
    half, year = report("6 tháng"), report("cả năm")
    plan_page = BeautifulSoup(read(site / "ke-hoach/118-kh-khcn-2020/index.html"), "html.parser")
    texts = [" ".join(p.get_text(" ", strip=True).split()) for p in plan_page.select(".plan-items .count")]
    assert len(texts) == 7
    for text, first, second in zip(texts, half["items"], year["items"], strict=True):
        assert "tin bài trong thời gian kế hoạch (01/01/2020 – 31/12/2020)" in text
        assert f"trong kỳ báo cáo 6 tháng đầu năm 2020 (01/01/2020 – 04/06/2020): {first['count']}" in text
        assert f"trong kỳ báo cáo cả năm 2020 (01/01/2020 – 04/12/2020): {second['count']}" in text

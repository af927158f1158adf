"""Activities and several plans (DESIGN.md contracts 10–12), against numbers counted by hand:
activities per item, form and unit with participants and quantity; two plans of one year each
counting exactly their own work; --all-plans counting each piece of work once; a post serving two
plans counted in both; the day after a plan stopped counting belongs to the next plan of its kind."""

import json

from conftest import PLAN_118, ContentDir, run_invoke

LEGAL = "40/KH-KHCN"
CCHC_2021 = "25/KH-KHCN"


def legal_plan_text() -> str:
    """A 2021 plan of another kind (legal education), shaped like 118."""
    text = PLAN_118.read_text(encoding="utf-8")
    for old, new in (
        ("id: 118/KH-KHCN", f"id: {LEGAL}"),
        ("kind: tuyen-truyen-cchc-papi", "kind: pho-bien-giao-duc-phap-luat"),
        ("slug: 118-kh-khcn-2020", "slug: 40-kh-khcn-2021"),
        ("date: 2020-02-07", "date: 2021-01-20"),
        ("2020-", "2021-"),
        ("năm 2020", "năm 2021"),
    ):
        text = text.replace(old, new)
    return text


def write_activity(content: ContentDir, name: str, **header) -> None:
    body = header.pop("body", "Ghi chép của đơn vị.")
    lines = "\n".join(f"{key}: {value}" for key, value in header.items())
    content.write(f"hoat-dong/{name}.md", f"{lines}\n\n{body}\n")


def two_plans_of_2021(content: ContentDir) -> None:
    assert run_invoke("plan-new", "--content", str(content.path), "--id", CCHC_2021).returncode == 0
    (content.path / "plans" / "40-kh-khcn-2021.yml").write_text(legal_plan_text(), encoding="utf-8")
    post = content.post
    post(
        "p1",
        Title="Tin phục vụ hai kế hoạch",
        Date="2021-02-01 08:00",
        Slug="p1",
        Items=f"{CCHC_2021}: 1, 4; {LEGAL}: 2",
        Form="trang-ttdt",
        Unit="van-phong",
    )
    post("p2", Title="Phổ biến luật", Date="2021-03-01", Slug="p2", Items=f"{LEGAL}: 3")
    post("p3", Title="Tin chung tháng 3", Date="2021-03-05", Slug="p3")  # two plans count the day
    post("p4", Title="Tin ngày 05/12/2020", Date="2020-12-05 00:00", Slug="p4", Items="1")
    post("p5", Title="Tin chung cuối năm 2020", Date="2020-12-20", Slug="p5")
    post("p6", Title="Tin của kế hoạch pháp luật", Date="2021-04-01", Slug="p6", Plan=LEGAL)
    post("p7", Title="Hội nghị giao ban quý I năm 2021", Date="2021-02-16", Slug="p7",
         Items=f"{CCHC_2021}: 1", Form="hoi-nghi-giao-ban", Unit="van-phong")  # fmt: skip
    activity = write_activity
    activity(
        content,
        "a1",
        Title="Hội nghị giao ban quý I",
        Date="2021-02-15 08:00",
        Unit="van-phong",
        Form="hoi-nghi-giao-ban",
        Items=f"{CCHC_2021}: 1",
        Participants="45",
        Posts="p7",
    )
    activity(
        content,
        "a2",
        Title="Sinh hoạt chi bộ tháng 3",
        Date="2021-03-10",
        Unit="thanh-tra",
        Form="sinh-hoat-chi-bo",
        Items=f"{CCHC_2021}: 2",
        Participants="12",
    )
    activity(
        content,
        "a3",
        Title="Ấn phẩm KH&CN số 1/2021",
        Date="2021-04-01",
        Unit="trung-tam-thong-tin",
        Form="an-pham-khcn",
        Items=f"{CCHC_2021}: 3; {LEGAL}: 1",
        Quantity="500",
    )
    activity(
        content,
        "a4",
        Title="Xử lý phản ánh về thủ tục",
        Date="2021-05-01",
        Unit="van-phong",
        Form="trang-ttdt",
        Items=f"{CCHC_2021}: 6",
        Quantity="7",
    )
    activity(content, "a5", Title="Khen thưởng giữa năm", Date="2021-06-05", Unit="van-phong",
             Form="hoi-nghi-giao-ban", Items=f"{CCHC_2021}: 7", Quantity="3")  # fmt: skip


def report(content: ContentDir, *args: str) -> dict:
    result = run_invoke("report", "--content", str(content.path), "--format", "json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def by_number(data: dict) -> dict:
    return {item["number"]: item for item in data["items"]}


def rows(data: dict, key: str) -> dict:
    return {row["id"]: row for row in data[key]}


def test_two_plans_of_one_year_each_count_exactly_their_own_work(tmp_path):
    content = ContentDir(tmp_path / "content")
    two_plans_of_2021(content)
    check = run_invoke("check", "--content", str(content.path))
    assert check.returncode == 0, check.stdout
    assert "5 hoạt động" in check.stdout

    cchc = report(content, "--plan", CCHC_2021, "--period", "6 tháng")
    assert cchc["period"] == {
        "from": "2020-12-05",
        "to": "2021-06-04",
        "label": "Báo cáo 6 tháng đầu năm 2021",
    }
    items = by_number(cchc)
    # p4 (05/12/2020, 'Items: 1' resolved to the plan counting that day), p1 and p7.
    assert {n: i["count"] for n, i in items.items()} == {1: 3, 2: 0, 3: 0, 4: 1, 5: 0, 6: 0, 7: 0}
    assert [p["source"].rsplit("/", 1)[-1] for p in items[1]["posts"]] == ["p4.md", "p1.md", "p7.md"]
    assert {n: i["activity_count"] for n, i in items.items()} == {1: 1, 2: 1, 3: 1, 4: 0, 5: 0, 6: 1, 7: 0}
    assert items[1]["activities"] == [
        {
            "title": "Hội nghị giao ban quý I",
            "date": "2021-02-15T08:00:00+07:00",
            "unit": "van-phong",
            "form": "hoi-nghi-giao-ban",
            "participants": 45,
            "quantity": None,
            "source": f"{content.path}/hoat-dong/a1.md",
            "files": [],
            "posts": [
                {
                    "title": "Hội nghị giao ban quý I năm 2021",
                    "date": "2021-02-16T00:00:00+07:00",
                    "url": "https://sokhcn.sonla.gov.vn/tin-tuc/2021/p7/",
                    "status": "published",
                }
            ],
        }
    ]
    # p5 is untagged and only this plan counts its day; p3's day is counted by both plans: neither.
    assert (cchc["post_count"], cchc["untagged_count"], cchc["activity_count"]) == (4, 1, 4)
    forms = rows(cchc, "forms")
    assert {
        k: (r["post_count"], r["activity_count"], r["participants"], r["quantity"]) for k, r in forms.items()
    } == {
        "trang-ttdt": (2, 1, 0, 7),  # p4 (the plan's default form) and p1; the feedback handled
        "hoi-nghi-giao-ban": (0, 1, 45, 0),  # the meeting and its post p7: one piece of work
        "hoi-nghi-tuyen-truyen": (0, 0, 0, 0),
        "sinh-hoat-chuyen-de": (0, 0, 0, 0),
        "sinh-hoat-chi-bo": (0, 1, 12, 0),
        "an-pham-khcn": (0, 1, 0, 500),
    }
    units = rows(cchc, "units")
    assert (units["van-phong"]["post_count"], units["van-phong"]["activity_count"]) == (1, 2)
    assert (units["van-phong"]["participants"], units["van-phong"]["quantity"]) == (45, 7)
    assert (units["trung-tam-thong-tin"]["post_count"], units["trung-tam-thong-tin"]["quantity"]) == (1, 500)
    assert units["thanh-tra"]["activity_count"] == 1 and units["thanh-tra"]["participants"] == 12

    legal = report(content, "--plan", LEGAL, "--period", "6 tháng")
    assert {n: i["count"] for n, i in by_number(legal).items() if i["count"]} == {2: 1, 3: 1}
    assert {n: i["activity_count"] for n, i in by_number(legal).items() if i["activity_count"]} == {1: 1}
    assert (legal["post_count"], legal["untagged_count"], legal["activity_count"]) == (3, 1, 1)  # p1, p2, p6

    annual = report(content, "--plan", CCHC_2021, "--period", "cả năm")
    assert annual["activity_count"] == 5 and by_number(annual)[7]["activity_count"] == 1

    everything = report(content, "--all-plans", "--period", "6 tháng")
    assert [p["plan"]["id"] for p in everything["plans"]] == [CCHC_2021, LEGAL]
    assert everything["period"]["from"] == "2020-12-05" and everything["period"]["to"] == "2021-06-04"
    assert everything["plans"][0] == cchc and everything["plans"][1] == legal
    # Each post and activity once: p1…p7 and a1…a4 (a5 is after the window).
    assert (everything["post_count"], everything["activity_count"]) == (7, 4)
    # p3 is untagged on a day both plans count: in the total, in neither plan.
    assert (everything["uncounted_post_count"], everything["uncounted_activity_count"]) == (1, 0)
    table = run_invoke("report", "--content", str(content.path), "--all-plans", "--period", "6 tháng")
    assert "Mọi kế hoạch · Báo cáo 6 tháng đầu năm 2021 (05/12/2020 – 04/06/2021)" in table.stdout
    assert f"- Kế hoạch {CCHC_2021} (Báo cáo 6 tháng đầu năm 2021): 4 tin, bài và 4 hoạt động" in table.stdout
    assert (
        "Tổng số trong khoảng thời gian (mỗi tin, bài và hoạt động tính một lần): 7 tin, bài; 4 hoạt động."
        in (table.stdout)
    )
    assert "Trong đó 1 tin, bài không được tính cho kế hoạch nào" in table.stdout
    refused = run_invoke("report", "--content", str(content.path), "--all-plans", "--output", "x.xlsx")
    assert refused.returncode == 2 and "--all-plans có dạng json và table" in refused.stderr


def test_the_unit_report_counts_the_units_activities(tmp_path):
    content = ContentDir(tmp_path / "content")
    two_plans_of_2021(content)
    whole = report(content, "--plan", CCHC_2021, "--period", "6 tháng")
    office = rows(whole, "units")["van-phong"]
    # a1, a4; p1 (a post on the website); p7 is a1's own post, one piece of work with it.
    assert (office["activity_count"], office["post_count"]) == (2, 1)
    inspectors = report(content, "--plan", CCHC_2021, "--period", "6 tháng", "--unit", "thanh-tra")
    assert (inspectors["activity_count"], inspectors["post_count"]) == (1, 0)  # a2
    # The Office's own work: p1, p7; a1, a4 (its row of the unit table merges p7 into a1).
    office = report(content, "--plan", CCHC_2021, "--period", "6 tháng", "--unit", "van-phong")
    assert office["activity_count"] == 2 and office["post_count"] == 2


def test_2020s_numbers_for_posts_are_what_they_were(tmp_path):
    """The sample's 2020 reports, as the portal wrote them before activities and several plans."""
    from conftest import FIXTURES

    for period, name in (("6 tháng", "report-2020-6-thang.json"), ("cả năm", "report-2020-ca-nam.json")):
        before = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        now = json.loads(
            run_invoke("report", "--content", "content", "--plan", "118/KH-KHCN", "--period",
                       period, "--format", "json").stdout
        )  # fmt: skip
        for key in ("plan", "period", "untagged_count", "post_count", "documents"):
            assert now[key] == before[key], key
        for old, new in zip(before["items"], now["items"], strict=True):
            assert {k: new[k] for k in old} == old


def test_a_post_or_activity_in_no_report_period_is_named_with_the_gap(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.post("late", Title="Tin ngày 20/12/2020", Date="2020-12-20", Items="1")
    write_activity(content, "late-meeting", Title="Giao ban tháng 12", Date="2020-12-22", Unit="van-phong",
                   Form="hoi-nghi-giao-ban", Items="4")  # fmt: skip
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 0  # a warning: the work is kept, and the Office is told
    for shown, day in (("posts/late.md:3", "20/12/2020"), ("hoat-dong/late-meeting.md:5", "22/12/2020")):
        assert (
            f"{shown}: CẢNH BÁO: ngày {day} không thuộc kỳ báo cáo nào của kế hoạch 118/KH-KHCN: "
            "từ 05/12/2020 đến 31/12/2020 chưa được tính vào báo cáo nào — Văn phòng tạo kế hoạch tiếp "
            "theo bằng 'invoke plan-new' (kỳ đầu bắt đầu 05/12/2020)"
        ) in result.stdout
    # The next plan of the kind opens on 05/12/2020: the warnings go, the work counts there.
    assert run_invoke("plan-new", "--content", str(content.path), "--id", CCHC_2021).returncode == 0
    result = run_invoke("check", "--content", str(content.path))
    assert "CẢNH BÁO: ngày" not in result.stdout, result.stdout
    counted = report(content, "--plan", CCHC_2021, "--period", "6 tháng")
    assert by_number(counted)[1]["count"] == 1 and by_number(counted)[4]["activity_count"] == 1


def test_an_adhoc_window_may_reach_outside_the_plan_and_says_so(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.post("late", Title="Tin ngày 20/12/2020", Date="2020-12-20", Items="1")
    data = report(content, "--plan", "118/KH-KHCN", "--from", "2020-12-05", "--to", "2020-12-31")
    assert data["post_count"] == 1 and by_number(data)[1]["count"] == 1
    assert "ngoài các kỳ báo cáo của kế hoạch 118/KH-KHCN" in data["outside_plan"]


def test_a_second_plan_never_turns_untagged_posts_into_errors(tmp_path):
    content = ContentDir(tmp_path / "content")
    assert run_invoke("plan-new", "--content", str(content.path), "--id", CCHC_2021).returncode == 0
    content.post("chung", Title="Tin chung", Date="2021-03-05")
    content.post("gan-muc", Title="Tin gắn mục", Date="2021-03-06", Items="1")
    (content.path / "plans" / "40-kh-khcn-2021.yml").write_text(legal_plan_text(), encoding="utf-8")
    result = run_invoke("check", "--content", str(content.path))
    assert "chung.md" not in result.stdout
    assert "gan-muc.md:3: LỖI: có 2 kế hoạch cùng áp dụng cho ngày 06/03/2021" in result.stdout
    assert f"'Items: {CCHC_2021}: 1; {LEGAL}: 1'" in result.stdout


def test_every_problem_of_an_activity_at_once_with_its_line_and_fix(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.post("nhap", Title="Bản nháp", Date="2020-03-01", Status="draft", Slug="nhap")
    write_activity(
        content,
        "bad",
        Title="Hội nghị",
        Date="2020-03-02",
        Items="1, 9",
        Participants="12,5",
        Quantity="nhiều",
        Files="2020/bien-ban.pdf",
        Posts="khong-co, nhap",
        Public="có lẽ",
    )
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    shown = "hoat-dong/bad.md"
    for expected in (
        f"{shown}:1: LỖI: thiếu đơn vị thực hiện — thêm dòng 'Unit: van-phong'",
        f"{shown}:1: LỖI: thiếu hình thức — thêm dòng 'Form: hoi-nghi-giao-ban'",
        f"{shown}:3: LỖI: mục '9' không có trong kế hoạch 118/KH-KHCN",
        f"{shown}:4: LỖI: số người tham dự '12,5' không phải số nguyên",
        f"{shown}:5: LỖI: số lượng 'nhiều' không phải số nguyên",
        f"{shown}:6: LỖI: không có tệp 'files/2020/bien-ban.pdf'",
        f"{shown}:7: LỖI: không có tin bài nào có đường dẫn (slug) 'khong-co'",
        f"{shown}:7: LỖI: tin bài 'nhap' là bản nháp, chưa đăng",
        f"{shown}:8: LỖI: Public 'có lẽ' không hợp lệ",
    ):
        assert expected in result.stdout, (expected, result.stdout)


def test_participants_and_quantities_as_people_write_them():
    from portal.activities import whole_number

    assert [whole_number(v) for v in ("45", "1.200", "1 200", "0", "12,5", "-3", "3 người", "")] == [
        45, 1200, 1200, 0, None, None, None, None,
    ]  # fmt: skip


def test_counts_are_bounded_and_never_crash_check_or_reports(tmp_path):
    """5,000 digits crashed check (Python's digit limit), 400 digits crashed the XLSX report."""
    from portal.activities import MAX_COUNT, whole_number

    assert whole_number("10.000.000") == MAX_COUNT
    assert whole_number("10.000.001") is None and whole_number("9" * 5000) is None
    content = ContentDir(tmp_path / "content")
    common = {"Unit": "van-phong", "Form": "hoi-nghi-giao-ban", "Items": "1"}
    write_activity(content, "a", Title="Hội nghị", Date="2020-03-02", Participants="9" * 5000, **common)
    write_activity(content, "b", Title="Ấn phẩm", Date="2020-03-03", Quantity="1" + "0" * 400, **common)
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "hoat-dong/a.md:3: LỖI: số người tham dự '9999999999" in result.stdout
    assert "…' quá lớn (tối đa 10.000.000)" in result.stdout
    assert "hoat-dong/b.md:3: LỖI: số lượng '1000" in result.stdout


def test_a_posts_slug_of_another_year_is_named_with_its_year(tmp_path):
    """Two posts of different years may share a slug: a bare slug is refused, 2020/slug is not."""
    content = ContentDir(tmp_path / "content")
    content.post("cu", Title="Giao ban 2020", Date="2020-04-01", Slug="giao-ban", Items="1")
    content.post("moi", Title="Giao ban 2021", Date="2021-04-01", Slug="giao-ban")
    common = {"Unit": "van-phong", "Form": "hoi-nghi-giao-ban", "Items": "1", "Participants": "30"}
    write_activity(content, "a", Title="Giao ban", Date="2020-03-31", Posts="giao-ban", **common)
    result = run_invoke("check", "--content", str(content.path))
    assert (
        "hoat-dong/a.md:4: LỖI: có 2 tin bài cùng đường dẫn (slug) 'giao-ban' (năm 2020, 2021) — ghi kèm "
        "năm của tin bài, ví dụ '2021/giao-ban'" in result.stdout
    ) or "ví dụ '2020/giao-ban'" in result.stdout, result.stdout
    for written in (
        "2020/giao-ban",
        "/tin-tuc/2020/giao-ban/",
        "https://sokhcn.sonla.gov.vn/tin-tuc/2020/giao-ban/",
    ):
        write_activity(content, "a", Title="Giao ban", Date="2020-03-31", Posts=written, **common)
        assert run_invoke("check", "--content", str(content.path)).returncode == 0, written
        data = report(content, "--period", "6 tháng")
        (activity,) = by_number(data)[1]["activities"]
        assert [p["url"] for p in activity["posts"]] == ["https://sokhcn.sonla.gov.vn/tin-tuc/2020/giao-ban/"]
    write_activity(content, "a", Title="Giao ban", Date="2020-03-31", Posts="2019/giao-ban", **common)
    assert "'giao-ban' trong năm 2019" in run_invoke("check", "--content", str(content.path)).stdout


def test_an_activity_no_plan_counts_is_refused_and_its_lines_still_checked(tmp_path):
    content = ContentDir(tmp_path / "content")
    write_activity(content, "cu", Title="Hội nghị 2019", Date="2019-03-10", Unit="van-phong",
                   Form="hoi-nghi-giao-ban", Participants="20")  # fmt: skip
    result = run_invoke("check", "--content", str(content.path))
    assert (
        "hoat-dong/cu.md:2: LỖI: không có kế hoạch nào áp dụng cho ngày 10/03/2019: hoạt động không được "
        "tính vào báo cáo nào" in result.stdout
    ), result.stdout
    two = ContentDir(tmp_path / "two")
    assert run_invoke("plan-new", "--content", str(two.path), "--id", CCHC_2021).returncode == 0
    (two.path / "plans" / "40-kh-khcn-2021.yml").write_text(legal_plan_text(), encoding="utf-8")
    write_activity(two, "chung", Title="Hội nghị", Date="2021-03-15", Unit="van-phong",
                   Form="hoi-nghi-giao-ban", Participants="77")  # fmt: skip
    result = run_invoke("check", "--content", str(two.path))
    assert "hoat-dong/chung.md:2: LỖI: có 2 kế hoạch cùng áp dụng cho ngày 15/03/2021" in result.stdout


def test_an_empty_plan_group_and_an_ignored_plan_line_are_refused(tmp_path):
    content = ContentDir(tmp_path / "content")
    two_plans_of_2021(content)
    content.post("rong", Title="Tin", Date="2021-03-07", Items=f"{CCHC_2021}: 1; {LEGAL}:")
    content.post("bo-qua", Title="Tin", Date="2021-03-08", Plan=LEGAL, Items=f"{CCHC_2021}: 1")
    result = run_invoke("check", "--content", str(content.path))
    assert f"rong.md:3: LỖI: Items ghi kế hoạch '{LEGAL}' mà không có số mục nào" in result.stdout
    assert (
        f"bo-qua.md:3: LỖI: dòng Plan ghi {LEGAL} nhưng Items chỉ ghi mục của kế hoạch khác" in result.stdout
    ), result.stdout


def test_an_activity_dated_after_now_is_neither_counted_nor_shown_until_its_day(tmp_path):
    """A conference entered ahead (or a year typed wrong) is not 'held' yet."""
    from builder.build import build_site

    content = ContentDir(tmp_path / "content")
    assert (
        run_invoke(
            "plan-new", "--content", str(content.path), "--id", "99/KH-KHCN", "--year", "2099"
        ).returncode
        == 0
    )
    write_activity(content, "sap-toi", Title="Hội nghị sắp tới", Date="2099-03-10", Unit="van-phong",
                   Form="hoi-nghi-giao-ban", Items="1", Participants="100", Public="yes")  # fmt: skip
    result = run_invoke("check", "--content", str(content.path))
    assert (
        "hoat-dong/sap-toi.md:2: CẢNH BÁO: hoạt động ngày 10/03/2099 chưa diễn ra: chưa được tính vào báo "
        "cáo, chưa có trang cho tới ngày đó" in result.stdout
    ), result.stdout
    data = report(content, "--plan", "99/KH-KHCN", "--from", "2099-01-01", "--to", "2099-12-31")
    assert data["activity_count"] == 0
    site = build_site(content.path, tmp_path / "out")
    assert not list(site.glob("hoat-dong/2099/*"))


def test_a_files_line_is_bounded_and_read_in_either_unicode_form(tmp_path):
    """18,000 missing names on one line made check guess a name for each against every file."""
    import unicodedata

    content = ContentDir(tmp_path / "content")
    folder = content.path / "files" / "2020"
    folder.mkdir(parents=True)
    composed = unicodedata.normalize("NFC", "biên-bản.pdf")
    (folder / composed).write_bytes(b"%PDF-1.4\n")
    common = {"Unit": "van-phong", "Form": "hoi-nghi-giao-ban", "Items": "1", "Participants": "9"}
    decomposed = unicodedata.normalize("NFD", f"2020/{composed}")
    write_activity(content, "dung", Title="Họp", Date="2020-03-02", Files=decomposed, **common)
    assert run_invoke("check", "--content", str(content.path)).returncode == 0
    many = ", ".join(f"2020/khong-co-{n}.pdf" for n in range(500))
    write_activity(content, "nhieu", Title="Họp", Date="2020-03-03", Files=many, **common)
    result = run_invoke("check", "--content", str(content.path))
    assert "hoat-dong/nhieu.md:3: LỖI: 500 tệp trên một dòng, quá 200" in result.stdout
    assert result.stdout.count("không có tệp 'files/2020/khong-co-") == 200
    assert result.stdout.count("có phải") <= 5


def test_units_reports_add_up_to_the_departments_unit_table(tmp_path):
    """A post one unit wrote about another unit's meeting is the writer's own work: the unit table
    gave the writer 0 while the writer's own report said 1."""
    content = ContentDir(tmp_path / "content")
    content.post("tin", Title="Tin về giao ban", Date="2020-04-02", Slug="tin", Items="1",
                 Unit="phong-ke-hoach-tai-chinh", Form="trang-ttdt")  # fmt: skip
    content.post("tin-vp", Title="Văn phòng đưa tin", Date="2020-04-03", Slug="tin-vp", Items="1",
                 Unit="van-phong", Form="hoi-nghi-giao-ban")  # fmt: skip
    write_activity(content, "giao-ban", Title="Giao ban", Date="2020-04-01", Unit="van-phong",
                   Form="hoi-nghi-giao-ban", Items="1", Participants="30", Posts="tin, tin-vp")  # fmt: skip
    whole = rows(report(content, "--period", "6 tháng"), "units")
    assert (whole["phong-ke-hoach-tai-chinh"]["post_count"], whole["van-phong"]["post_count"]) == (1, 0)
    assert whole["van-phong"]["activity_count"] == 1  # the meeting and its own post: one piece of work
    writer = report(content, "--period", "6 tháng", "--unit", "phong-ke-hoach-tai-chinh")
    assert (writer["post_count"], writer["activity_count"]) == (1, 0)


def test_a_meeting_post_of_this_period_with_no_activity_is_pointed_out(tmp_path):
    """The clerk found the count of people missing for meetings only a post reported."""
    import datetime as dt

    from portal.checker import check_content
    from portal.dates import LOCAL_TZ

    content = ContentDir(tmp_path / "content")
    content.post("hop", Title="Hội nghị", Date="2020-05-02", Slug="hop", Items="1", Form="hoi-nghi-giao-ban")
    content.post("ghi", Title="Giao ban", Date="2020-05-03", Slug="ghi", Items="1", Form="hoi-nghi-giao-ban")
    content.post("web", Title="Tin", Date="2020-05-04", Slug="web", Items="1")
    content.post("cu", Title="Hội nghị cũ", Date="2019-12-30", Slug="cu", Form="hoi-nghi-giao-ban")
    write_activity(content, "ghi", Title="Giao ban", Date="2020-05-03", Unit="van-phong",
                   Form="hoi-nghi-giao-ban", Items="1", Participants="20", Posts="ghi")  # fmt: skip
    from builder.settings import load_settings

    now = dt.datetime(2020, 5, 10, 9, 0, tzinfo=LOCAL_TZ)
    check = check_content(content.path, load_settings(content.path), now=now)
    found = [p for p in check.warnings if "chưa có hoạt động nào ghi lại" in p.message]
    assert [(p.path.rsplit("/", 1)[-1], p.line) for p in found] == [("hop.md", 5)]
    assert found[0].message == (
        "tin bài về 'Hội nghị giao ban' chưa có hoạt động nào ghi lại (ngày, đơn vị, số người dự hoặc số "
        "lượng), nên báo cáo kỳ 6 tháng chỉ đếm tin bài"
    )
    assert "'Posts: hop'" in found[0].fix
    later = dt.datetime(2021, 1, 10, tzinfo=LOCAL_TZ)  # the period is over: quiet
    assert not [
        p
        for p in check_content(content.path, load_settings(content.path), now=later).warnings
        if "chưa có hoạt động" in p.message
    ]


def test_a_meeting_post_two_plans_count_is_pointed_out_once():
    """The sample's 23/03/2021 post counts for both 2021 plans: one warning, not two."""
    result = run_invoke("check", "--today", "2021-03-25")
    found = [line for line in result.stdout.splitlines() if "chưa có hoạt động nào ghi lại" in line]
    named = [line for line in found if "2021-03-23-quan-triet" in line]
    assert len(named) == 1 and len(found) == len(set(found))


def test_a_window_without_plan_reports_the_plan_counting_those_days(tmp_path):
    """--from/--to with no --plan used to take today's plan, reporting 2021's plan on 2020's days."""
    content = ContentDir(tmp_path / "content")
    two_plans_of_2021(content)
    for start, end, expected in (
        ("2020-01-01", "2020-06-30", "118/KH-KHCN"),
        ("2021-01-01", "2021-03-31", CCHC_2021),  # the site's main kind, not the legal plan
        ("2020-11-01", "2021-01-31", CCHC_2021),  # more of its days than 118's
    ):
        data = report(content, "--from", start, "--to", end)
        assert data["plan"]["id"] == expected, (start, end)

"""Plans as data: the real plan file, a second plan, and malformed plan files."""

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES, PLAN_118, ContentDir, run_invoke

from portal.plans import load_plans


def load(directory):
    return load_plans(Path(directory), "plans")


def test_plan_118_is_transcribed_with_items_forms_units_and_periods():
    plans, problems = load(PLAN_118.parent)
    assert problems == []
    plan = plans.find("118/KH-KHCN")
    assert plan.date == dt.date(2020, 2, 7)
    assert (plan.start, plan.end) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert [i.number for i in plan.items] == [1, 2, 3, 4, 5, 6, 7]
    assert all(i.title and i.slug and len(i.text) > 80 for i in plan.items)
    assert plan.item(6).text.startswith("Kịp thời tiếp nhận, xử lý phản ánh, kiến nghị")
    assert {f.name for f in plan.forms} >= {
        "Hội nghị giao ban",
        "Sinh hoạt chi bộ",
        "Đăng tải trên Trang thông tin điện tử của Sở",
    }
    groups = {u.group for u in plan.units}
    assert groups == {"Văn phòng", "Phòng chuyên môn", "Đơn vị trực thuộc"}
    assert plan.unit("Trung tâm Thông tin và Ứng dụng KH&CN") is plan.default_unit
    half, year = plan.periods
    assert (half.id, half.start, half.end) == ("6 tháng", dt.date(2020, 1, 1), dt.date(2020, 6, 4))
    assert (half.unit_deadline, half.office_deadline) == (dt.date(2020, 6, 5), dt.date(2020, 6, 10))
    assert (year.id, year.end, year.unit_deadline, year.office_deadline) == (
        "cả năm",
        dt.date(2020, 12, 4),
        dt.date(2020, 12, 5),
        dt.date(2020, 12, 10),
    )
    assert plan.period("ca-nam") is year and plan.period("Cả năm") is year


def test_a_second_plan_is_one_more_file(tmp_path):
    content = ContentDir(tmp_path / "content", plans=(PLAN_118, FIXTURES / "plan-2021.yml"))
    content.post("a", Title="Tin năm 2020", Date="2020-03-01", Items="1")
    content.post("b", Title="Tin năm 2021 về phản ánh", Date="2021-03-01 08:00", Items="2")
    content.post(
        "c",
        Title="Tin năm 2021 chỉ định kế hoạch",
        Date="2021-04-01",
        Plan="05/KH-KHCN",
        Items="phan-anh-kien-nghi",
    )
    plans, problems = load(content.path / "plans")
    assert problems == [] and [p.id for p in plans] == ["118/KH-KHCN", "05/KH-KHCN"]
    assert plans.default(dt.date(2021, 5, 1)).id == "05/KH-KHCN"

    result = run_invoke(
        "report",
        "--content",
        str(content.path),
        "--plan",
        "05/KH-KHCN",
        "--period",
        "6 tháng",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    import json

    report = json.loads(result.stdout)
    assert report["plan"]["id"] == "05/KH-KHCN"
    assert [(i["number"], i["count"]) for i in report["items"]] == [(1, 0), (2, 2), (3, 0)]

    out = tmp_path / "out"
    result = run_invoke("build", "--content", str(content.path), "--output", str(out))
    assert result.returncode == 0, result.stderr
    item_page = out / "ke-hoach" / "05-kh-khcn-2021" / "phan-anh-kien-nghi" / "index.html"
    assert "Tin năm 2021 về phản ánh" in item_page.read_text(encoding="utf-8")


PLAN_TEMPLATE = (FIXTURES / "plan-2021.yml").read_text(encoding="utf-8")


def broken_plan(tmp_path, old, new, name="plan-2021.yml"):
    assert old in PLAN_TEMPLATE
    directory = tmp_path / "plans"
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(PLAN_TEMPLATE.replace(old, new, 1), encoding="utf-8")
    return load(directory)


def messages(problems):
    return "\n".join(map(str, problems))


def test_missing_key_names_file_and_key(tmp_path):
    plans, problems = broken_plan(tmp_path, "issuer: Sở Khoa học và Công nghệ tỉnh Sơn La\n", "")
    assert not plans
    assert "plans/plan-2021.yml" in messages(problems)
    assert "khóa 'issuer': thiếu khóa bắt buộc" in messages(problems)


def test_duplicate_item_number(tmp_path):
    plans, problems = broken_plan(tmp_path, "number: 2", "number: 1")
    assert not plans
    assert "khóa 'number': mục số 1 bị trùng" in messages(problems)
    assert any(p.line for p in problems)


def test_bad_date(tmp_path):
    plans, problems = broken_plan(tmp_path, "date: 2021-01-15", "date: 2021-02-30")
    assert not plans
    assert "khóa 'date': ngày '2021-02-30' không hợp lệ" in messages(problems)


def test_unknown_and_repeated_keys(tmp_path):
    _, problems = broken_plan(tmp_path, "kind:", "titel: x\nkind:")
    assert "khóa 'titel': khóa không được hỗ trợ" in messages(problems)
    _, problems = broken_plan(tmp_path, "kind:", "slug: x\nkind:")
    assert "khóa 'slug' được viết hai lần" in messages(problems)


def test_overlapping_plans_of_the_same_kind(tmp_path):
    broken_plan(tmp_path, "", "")
    _, problems = broken_plan(tmp_path, "id: 05/KH-KHCN\n", "id: 06/KH-KHCN\n", name="plan-2021-bis.yml")
    text = messages(problems)
    assert "slug '05-kh-khcn-2021' trùng" in text
    assert "trùng với kỳ báo cáo của kế hoạch cùng loại" in text and "một việc sẽ được tính hai lần" in text


def test_malformed_plan_stops_build_before_writing(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.post("a", Title="Tin", Date="2020-03-01", Items="1")
    (content.path / "plans" / "bad.yml").write_text(
        PLAN_TEMPLATE.replace("number: 2", "number: 1"), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run_invoke("build", "--content", str(content.path), "--output", str(out))
    assert result.returncode != 0
    assert "plans/bad.yml" in result.stderr and "mục số 1 bị trùng" in result.stderr
    assert not out.exists()


# --- hostile plan files: every one a problem with its line, never a traceback ----------------


@pytest.mark.parametrize(
    "replace, by, expected",
    [
        (
            "kind:",
            "bomb: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nkind:",
            "neo/bí danh YAML",
        ),
        ("kind:", "? [a, b]\n: x\nkind:", "khóa phức hợp"),
        ("kind:", "deep: " + "[" * 40 + "]" * 40 + "\nkind:", "lồng quá"),
        ("number: 1", "number: " + "9" * 5000, "phải là số nguyên dương"),
        ("title: ", 'title: "Kế hoạch\\vcó ký tự lạ" #', "ký tự điều khiển ẩn"),
        ("slug: 05-kh-khcn-2021", "slug: ../../x", "slug '../../x' không hợp lệ"),
        ("slug: y-nghia", "slug: ../y-nghia", "slug '../y-nghia' không hợp lệ"),
        ("id: van-phong", "id: Văn Phòng", "mã đơn vị 'Văn Phòng' không hợp lệ"),
        ("id: van-phong", "id: ../vp", "ví dụ 'vp'"),
        ("kind:", "x: !!python/object/apply:os.system ['echo hi']\nkind:", "không đọc được"),
        ("kind:", "1: x\n2020-01-01: y\nnull: z\nkind:", "khóa '1': khóa không được hỗ trợ"),
        ("title: ", 'title: "Kế hoạch\u202eđảo chiều" #', "ký tự điều khiển ẩn"),
        ("title: ", 'title: "Dòng một\\nDòng hai" #', "phải viết trên một dòng"),
    ],
)
def test_hostile_plan_yaml_is_a_problem_with_a_line(tmp_path, replace, by, expected):
    assert replace in PLAN_TEMPLATE
    plans, problems = broken_plan(tmp_path, replace, by)
    assert not plans
    assert expected in messages(problems)
    assert all(p.line for p in problems if expected in p.message or expected in str(p))


def test_alias_bomb_is_refused_without_expanding(tmp_path):
    import time

    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
    )
    content = ContentDir(tmp_path / "content")
    (content.path / "plans" / "bom.yml").write_text(bomb, encoding="utf-8")
    started = time.monotonic()
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "plans/bom.yml:1: LỖI: tệp kế hoạch dùng neo/bí danh YAML" in result.stdout
    assert time.monotonic() - started < 30  # expanded, it takes minutes and gigabytes


def test_plan_text_is_sanitised_like_posts(tmp_path):
    from bs4 import BeautifulSoup
    from conftest import build, injected_scripts, read

    content = ContentDir(tmp_path / "content")
    plan = content.path / "plans" / "118-KH-KHCN-2020.yml"
    text = plan.read_text(encoding="utf-8")
    probe = (
        '  <script>alert(1)</script><img src="x.png" onerror="alert(2)" alt="a">\n'
        '  <iframe src="https://evil.example/"></iframe>\n'
        '  <meta http-equiv="refresh" content="0;url=https://evil.example/">\n'
        "  [liên kết](javascript:alert(3))\n\n"
    )
    plan.write_text(text.replace("text: |\n", "text: |\n" + probe, 1), encoding="utf-8")
    assert "text: |\n" + probe in plan.read_text(encoding="utf-8")
    site = build(content.path, tmp_path / "out")
    soup = BeautifulSoup(read(site / "ke-hoach/118-kh-khcn-2020/van-ban/index.html"), "html.parser")
    body = soup.select_one(".plan-text")
    assert body.find("img")["alt"] == "a" and not body.find("img").get("onerror")
    assert not injected_scripts(soup) and not soup.find_all(["iframe", "meta"], attrs={"http-equiv": True})
    assert not soup.find_all("iframe") and "javascript:" not in str(body)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("unit_deadline: 2021-06-05", "unit_deadline: 2021-06-01", "không sau ngày chốt số liệu"),
        ("office_deadline: 2021-06-10", "office_deadline: 2021-06-04", "trước hạn các đơn vị"),
        ("date: 2021-01-15", "date: 2022-01-25", "sau ngày kết thúc kế hoạch"),
    ],
)
def test_dates_a_clerk_can_get_wrong(tmp_path, old, new, expected):
    _, problems = broken_plan(tmp_path, old, new)
    assert expected in messages(problems)


def test_a_recipient_line_with_a_colon_names_its_line_and_the_quotes(tmp_path):
    text = PLAN_118.read_text(encoding="utf-8").replace('    - "Lưu: VT, VP."', "    - Lưu: VT, VP.")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "p.yml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("    - Lưu: VT, VP.") + 1
    _, problems = load(tmp_path / "plans")
    assert f"p.yml:{line}: LỖI: khóa 'recipients': dòng '- Lưu: VT, VP.' có dấu hai chấm" in messages(
        problems
    )
    assert 'đặt cả dòng trong dấu ngoặc kép: - "Lưu: VT, VP."' in messages(problems)

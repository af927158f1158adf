"""Post metadata (DESIGN.md contract 3): resolution against plans, and every bad value reported."""

import datetime as dt

import pytest
from conftest import build, run_invoke

from builder.build import BuildFailed
from builder.settings import load_settings
from portal.checker import check_content
from portal.dates import LOCAL_TZ

NOW = dt.datetime(2026, 1, 1, tzinfo=LOCAL_TZ)


def check(content):
    return check_content(content.path, load_settings(content.path), now=NOW, shown_dir="content")


def only_post(content):
    result = check(content)
    assert result.errors == [], result.errors
    (post,) = result.posts
    return post


def test_plan_omitted_resolves_to_the_plan_covering_the_date(content):
    content.post("a", Title="Tin", Date="2020-03-01 08:00", Items="1, 4")
    post = only_post(content)
    assert post.plan.id == "118/KH-KHCN"
    assert [i.number for i in post.items] == [1, 4]
    assert post.form.id == "trang-ttdt" and post.unit.id == "trung-tam-thong-tin"


def test_item_slugs_names_and_repeats(content):
    content.post(
        "a",
        Title="Tin",
        Date="2020-03-01",
        Plan="118/kh-khcn",
        Items="phan-anh-kien-nghi-thu-tuc-hanh-chinh, 6, 2, 2",
        Form="Sinh hoạt chi bộ",
        Unit="van-phong",
    )
    post = only_post(content)
    assert [i.number for i in post.items] == [2, 6]
    assert post.form.id == "sinh-hoat-chi-bo" and post.unit.name == "Văn phòng Sở"


def test_untagged_post_still_belongs_to_the_covering_plan(content):
    content.post("a", Title="Tin", Date="2020-03-01")
    post = only_post(content)
    assert post.plan.id == "118/KH-KHCN" and post.items == ()


@pytest.mark.parametrize(
    "header, line, expected",
    [
        (
            {"Items": "1, 9"},
            3,
            ["mục '9' không có trong kế hoạch 118/KH-KHCN", "1 (y-nghia-cai-cach-hanh-chinh-papi)"],
        ),
        ({"Plan": "200/KH-KHCN", "Items": "1"}, 3, ["kế hoạch '200/KH-KHCN' không tồn tại", "118/KH-KHCN"]),
        (
            {"Items": "1", "Form": "báo in"},
            4,
            ["hình thức 'báo in' không có trong kế hoạch", "hoi-nghi-giao-ban (Hội nghị giao ban)"],
        ),
        (
            {"Items": "1", "Unit": "Phòng Tổ chức"},
            4,
            ["đơn vị 'Phòng Tổ chức' không có", "van-phong (Văn phòng Sở)"],
        ),
        ({"Items": ""}, 3, ["Items để trống"]),
    ],
)
def test_bad_values_name_file_line_value_and_choices(content, header, line, expected):
    content.post("bad", Title="Tin", Date="2020-03-01", **header)
    (error,) = check(content).errors
    assert (error.path, error.line) == ("content/posts/bad.md", line)
    for text in expected:
        assert text in str(error)


def test_items_on_a_post_no_plan_covers(content):
    content.post("old", Title="Tin cũ", Date="2019-12-31 23:59", Items="1")
    (error,) = check(content).errors
    assert error.line == 3
    assert "không có kế hoạch nào áp dụng cho ngày 31/12/2019" in str(error)
    # A Plan: line would not help (a plan's dates bound its posts): the date is to be corrected.
    assert error.fix.startswith("sửa ngày đăng") and "118/KH-KHCN (01/01/2020 – 31/12/2020)" in error.fix


def test_a_post_at_midnight_on_new_year_is_covered(content):
    content.post("new", Title="Tin đầu năm", Date="2020-01-01 00:00", Items="1")
    assert only_post(content).plan.id == "118/KH-KHCN"


@pytest.mark.parametrize(
    "header, expected",
    [
        ({"Items": "9"}, "mục '9' không có"),
        ({"Plan": "1/KH", "Items": "1"}, "kế hoạch '1/KH' không tồn tại"),
        ({"Items": "1", "Form": "x"}, "hình thức 'x'"),
        ({"Items": "1", "Unit": "x"}, "đơn vị 'x'"),
    ],
)
def test_each_bad_value_stops_the_build_before_writing(content, tmp_path, header, expected):
    content.post("good", Title="Tin tốt", Date="2020-03-02", Items="1")
    content.post("bad", Title="Tin", Date="2020-03-01", **header)
    out = tmp_path / "out"
    result = run_invoke("build", "--content", str(content.path), "--output", str(out))
    assert result.returncode == 1
    assert "posts/bad.md:" in result.stderr and expected in result.stderr
    assert "Dựng trang thất bại" in result.stderr
    assert not out.exists()


def test_failed_build_keeps_previous_output(content, tmp_path):
    content.post("good", Title="Tin tốt", Date="2020-03-02", Items="1")
    out = tmp_path / "out"
    build(content.path, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    content.post("bad", Title="Tin", Date="2020-03-01", Items="9")
    with pytest.raises(BuildFailed) as failure:
        build(content.path, out)
    assert "mục '9'" in str(failure.value)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"]

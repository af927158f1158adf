"""`invoke new`, `invoke publish` and `invoke rollback` on a local release directory."""

import os

import pytest
from conftest import PLAN_118, ContentDir, read, run_invoke


def current(target):
    return os.readlink(target / "current")


def publish(content, target):
    return run_invoke("publish", "--content", str(content.path), "--path", str(target))


def write_body(path):
    path.write_text(read(path).replace("Viết nội dung bài ở đây.", "Nội dung thật."), encoding="utf-8")


def test_new_post_passes_check_and_names_valid_choices(content):
    result = run_invoke(
        "new",
        "--content",
        str(content.path),
        "--title",
        "Sở tổ chức hội thảo về PAPI",
        "--items",
        "1,6",
        "--unit",
        "Văn phòng Sở",
        "--date",
        "2020-03-01 08:30",
    )
    assert result.returncode == 0, result.stderr
    path = content.path / "posts" / "2020-03-01-so-to-chuc-hoi-thao-ve-papi.md"
    assert read(path).startswith(
        "Title: Sở tổ chức hội thảo về PAPI\nDate: 2020-03-01 08:30\nSlug: so-to-chuc-hoi-thao-ve-papi\n"
        "Plan: 118/KH-KHCN\nItems: 1, 6\nForm: trang-ttdt\nUnit: van-phong\nStatus: published\n\n"
    )
    unwritten = run_invoke("check", "--content", str(content.path))
    assert unwritten.returncode == 1  # the placeholder must be replaced before publishing
    assert f"{path.name}:10: LỖI: còn câu mẫu 'Viết nội dung bài ở đây.'" in unwritten.stdout
    write_body(path)
    check = run_invoke("check", "--content", str(content.path))
    assert check.returncode == 0 and "0 lỗi, 0 cảnh báo" in check.stdout

    again = run_invoke(
        "new",
        "--content",
        str(content.path),
        "--title",
        "Sở tổ chức hội thảo về PAPI",
        "--date",
        "2020-03-01 08:30",
    )
    assert again.returncode == 2 and "đã có" in again.stderr
    wrong = run_invoke(
        "new",
        "--content",
        str(content.path),
        "--title",
        "Tin",
        "--items",
        "1",
        "--form",
        "báo in",
        "--date",
        "2020-03-01 08:30",
    )
    assert wrong.returncode == 2
    assert (
        "--form: hình thức 'báo in' không có" in wrong.stderr
        and "sinh-hoat-chi-bo (Sinh hoạt chi bộ)" in wrong.stderr
    )
    assert not (content.path / "posts" / "2020-03-01-tin.md").exists()


def test_new_post_gets_todays_local_date():
    import datetime as dt
    import tempfile
    from pathlib import Path

    from portal.dates import LOCAL_TZ

    content = ContentDir(Path(tempfile.mkdtemp()) / "c", plans=(PLAN_118,))
    before = dt.datetime.now(LOCAL_TZ).replace(second=0, microsecond=0)
    result = run_invoke("new", "--content", str(content.path), "--title", "Tin hôm nay")
    assert result.returncode == 0, result.stderr
    (path,) = (content.path / "posts").iterdir()
    date = read(path).splitlines()[1].removeprefix("Date: ")
    assert dt.datetime.strptime(date, "%Y-%m-%d %H:%M").replace(tzinfo=LOCAL_TZ) >= before
    write_body(path)
    assert run_invoke("check", "--content", str(content.path)).returncode == 0


@pytest.mark.slow
def test_publish_twice_rollback_and_failed_publish(content, tmp_path):
    target = tmp_path / "www"
    content.post("a", Title="Bản đầu tiên", Date="2020-03-01", Items="1")
    first = publish(content, target)
    assert first.returncode == 0, first.stderr
    first_release = current(target)
    assert "Bản đầu tiên" in read(target / "current" / "index.html")
    assert (target / "current" / "index.html.gz").is_file() and (
        target / "current" / "index.html.br"
    ).is_file()
    assert (target / "current" / "pagefind" / "pagefind.js").is_file()
    assert 'href="https://sokhcn.sonla.gov.vn/tin-tuc/2020/ban-dau-tien/"' in read(
        target / "current" / "index.html"
    )

    import time

    time.sleep(1.1)
    content.post("a", Title="Bản thứ hai", Date="2020-03-01", Items="1")
    second = publish(content, target)
    assert second.returncode == 0, second.stderr
    assert current(target) != first_release
    assert "Bản thứ hai" in read(target / "current" / "index.html")

    content.post("bad", Title="Tin lỗi", Date="2020-13-01")
    time.sleep(1.1)
    served = current(target)
    failed = publish(content, target)
    assert failed.returncode == 1 and "posts/bad.md:2" in failed.stderr
    assert "trang đang chạy giữ nguyên" in failed.stderr
    assert current(target) == served
    assert sorted(os.listdir(target / "releases")) == sorted(
        [first_release.split("/")[-1], served.split("/")[-1]]
    )

    back = run_invoke("rollback", "--path", str(target))
    assert back.returncode == 0, back.stderr
    assert current(target) == first_release
    assert "Bản đầu tiên" in read(target / "current" / "index.html")
    nothing_older = run_invoke("rollback", "--path", str(target))
    assert nothing_older.returncode == 2 and "không có bản phát hành cũ hơn" in nothing_older.stderr


@pytest.mark.slow
def test_old_releases_are_pruned(content, tmp_path):

    from builder.deploy import LocalTarget

    content.post("a", Title="Tin", Date="2020-03-01")
    target = LocalTarget(tmp_path / "www", keep=2)
    for name in ("20200101-000001", "20200101-000002", "20200101-000003"):
        target.publish(content.path, "publishconf.py", name)
    assert target.names() == ["20200101-000002", "20200101-000003"]
    assert target.current() == "20200101-000003"


def test_new_post_with_a_broken_plan_file_names_it(content):
    (content.path / "plans" / "hong.yml").write_text("id: 1/KH\n", encoding="utf-8")
    result = run_invoke(
        "new", "--content", str(content.path), "--title", "Tin", "--items", "1", "--date", "2020-03-01 08:30"
    )
    assert result.returncode == 2
    assert "plans/hong.yml" in result.stderr and "thiếu khóa bắt buộc" in result.stderr


def test_new_on_a_date_no_plan_covers_writes_an_untagged_post_and_warns(content):
    """Contract 7: the editors' guide's first command works in a year without a plan."""
    result = run_invoke(
        "new",
        "--content",
        str(content.path),
        "--title",
        "Tin năm 2026",
        "--items",
        "1,4",
        "--date",
        "2026-11-27 09:00",
    )
    assert result.returncode == 0, result.stderr
    assert "CẢNH BÁO: không có kế hoạch nào áp dụng cho ngày 27/11/2026" in result.stderr
    assert "đã bỏ qua --items/--form/--unit" in result.stderr
    (path,) = (content.path / "posts").iterdir()
    text = read(path)
    assert "Items:" not in text and "Plan:" not in text and "Date: 2026-11-27 09:00" in text
    write_body(path)
    assert run_invoke("check", "--content", str(content.path), "--today", "2026-11-28").returncode == 0

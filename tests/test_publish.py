"""`invoke new`, `invoke publish` and `invoke rollback` on a local release directory."""

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, PLAN_118, ROOT, ContentDir, read, run_invoke


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

    from publishing.deploy import LocalTarget

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


def test_new_in_a_year_whose_plan_is_not_made_yet_keeps_the_items_and_warns(content):
    """Contract 7: the editors' guide's first command works in a year without a plan (issue 27:
    the post keeps its items, counted once the Office makes the plan, which nothing blocks)."""
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
    assert "CẢNH BÁO: chưa có kế hoạch nào cho ngày 27/11/2026" in result.stderr
    assert "invoke plan-new --id <số hiệu> --year 2026" in result.stderr
    (path,) = (content.path / "posts").iterdir()
    text = read(path)
    assert "Items: 1,4" in text and "Plan:" not in text and "Date: 2026-11-27 09:00" in text
    write_body(path)
    checked = run_invoke("check", "--content", str(content.path), "--today", "2026-11-28")
    assert checked.returncode == 0 and "chưa có kế hoạch nào cho ngày 27/11/2026" in checked.stdout
    made = run_invoke("plan-new", "--content", str(content.path), "--id", "9/KH-KHCN", "--year", "2026")
    assert made.returncode == 0, made.stderr
    data = json.loads(
        run_invoke(
            "report", "--content", str(content.path), "--plan", "9/KH-KHCN", "--period", "ca-nam",
            "--format", "json",
        ).stdout
    )  # fmt: skip
    counted = {item["number"]: len(item["posts"]) for item in data["items"]}
    assert counted[1] == counted[4] == 1


# --- A publish or rollback killed at any point --------------------------------

RELEASES = {letter: f"202003{day:02d}-080000" for day, letter in enumerate("ABCDE", start=1)}

# What went live, oldest first, after a publish of D or a rollback, killed right after one
# step of the target, starting from A, B, C published and C rolled away from (live: A, B).
KILLS = {
    ("publish", "verify"): "AB",  # copied and verified, not yet complete
    ("publish", "complete"): "AB",  # complete, the history it makes not yet written
    ("publish", "write_history"): "AB",  # that history written, `current` not yet switched
    ("publish", "switch"): "ABD",  # switched, nothing after: the attacker's kill
    ("publish", "retire"): "ABD",  # pruning C, out of the listing, not yet deleted
    ("rollback", "write_history"): "AB",  # B to A written, `current` still B
    ("rollback", "switch"): "A",  # switched to A, nothing after
}


def publish_release(target, content, letter: str) -> str:
    content.post("a", Title=f"Bản {letter}", Date="2020-03-01", Items="1")
    return target.publish(content.path, "publishconf.py", RELEASES[letter])


def published_abc_then_rolled_back(target, content):
    """A, B and C published, then rolled back to B: A and B went live, C was withdrawn."""
    from publishing.deploy import rollback

    for letter in "ABC":
        publish_release(target, content, letter)
    assert rollback(target) == RELEASES["B"]


def kill_after(deploy: dict, step: str, action: str, *arguments) -> subprocess.CompletedProcess:
    """`action` in a process of its own, SIGKILLed right after `step` of its target."""
    return subprocess.run(
        [
            sys.executable,
            str(FIXTURES / "killed_deploy.py"),
            json.dumps(deploy),
            step,
            action,
            *map(str, arguments),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def check_a_killed_deploy(deploy: dict, content, action: str, step: str, first_rollback=None):
    """Kill `action` after `step` on a target holding A, B, C with C withdrawn; then rollback goes
    back along what went live, never to C nor to a D that never went live, and forgets none of
    it; a further publish goes on top of what is live, and releases that never can be rolled
    back to are the ones pruned."""
    from publishing.deploy import DeployError, rollback, target_from

    target = target_from(deploy)
    if action == "publish":
        content.post("a", Title="Bản D", Date="2020-03-01", Items="1")
        killed = kill_after(deploy, step, action, content.path, RELEASES["D"])
    else:
        killed = kill_after(deploy, step, action)
    assert killed.returncode == -signal.SIGKILL, (killed.returncode, killed.stderr)
    live = [RELEASES[letter] for letter in KILLS[action, step]]
    assert target.current() == live[-1] and target.history() == live

    # A further publish (on a copy of this state): on top of the live history, never behind it.
    copy = Path(deploy["PATH"] + "-copy")
    shutil.copytree(deploy["PATH"], copy, symlinks=True)
    further = target_from({**deploy, "PATH": str(copy)})
    assert publish_release(further, content, "E") == RELEASES["E"]
    assert further.current() == RELEASES["E"] and further.history() == [*live, RELEASES["E"]]
    # Kept: what can be rolled back to; gone: C, a D that never went live, half copies.
    assert sorted(os.listdir(further.releases)) == sorted([*live, RELEASES["E"]])
    assert rollback(further) == live[-1]
    assert further.history() == live

    # Rollback from the killed state: each release that went live, newest first, then none.
    walked = []
    again = functools.partial(rollback, target)
    with pytest.raises(DeployError, match="không có bản phát hành cũ hơn"):
        for roll_back in [first_rollback or again] + [again] * len(live):
            walked.append(roll_back())
            assert target.history() == live[: len(live) - len(walked)]
    assert walked == live[-2::-1] and RELEASES["C"] not in walked
    assert target.current() == RELEASES["A"]
    assert "Bản A" in read(target.root / "current" / "index.html")


@pytest.fixture(scope="module")
def local_abc(tmp_path_factory):
    """A local target with A, B, C published and rolled back to B, made once; each test copies it."""
    from publishing.deploy import LocalTarget

    place = tmp_path_factory.mktemp("abc")
    content = ContentDir(place / "content")
    published_abc_then_rolled_back(LocalTarget(place / "www", keep=5), content)
    return place / "www", content


def invoke_rollback(root: Path):
    from publishing.deploy import DeployError

    result = run_invoke("rollback", "--path", str(root))
    if result.returncode == 2:
        raise DeployError(result.stderr)
    assert result.returncode == 0, result.stderr
    return os.path.basename(os.readlink(root / "current"))


@pytest.mark.slow
@pytest.mark.parametrize(("action", "step"), list(KILLS))
def test_a_killed_publish_or_rollback_never_revives_a_withdrawn_release(local_abc, tmp_path, action, step):
    baseline, content = local_abc
    root = tmp_path / "www"
    shutil.copytree(baseline, root, symlinks=True)
    deploy = {"TARGET": "local", "PATH": str(root), "KEEP": 5}
    check_a_killed_deploy(deploy, content, action, step, first_rollback=lambda: invoke_rollback(root))


@pytest.mark.slow
def test_a_history_from_before_it_was_written_first_is_read_right(local_abc, tmp_path):
    """Targets an older version left: no history (releases by name), or one a publish killed
    after its switch did not write, or one a rollback killed after its switch did not cut."""
    from publishing.deploy import HISTORY, LocalTarget, rollback

    a, b, c = RELEASES["A"], RELEASES["B"], RELEASES["C"]
    for recorded, current, expected in (
        (None, b, [a, b]),  # no history: by name, up to the live one (C after it is not live)
        ([a, b], c, [a, b, c]),  # C went live, its publish killed before it wrote the history
        ([a, b, c], b, [a, b]),  # a rollback from C to B killed before it cut the history
    ):
        root = tmp_path / f"www-{len(recorded or [])}-{current}"
        shutil.copytree(local_abc[0], root, symlinks=True)
        (root / HISTORY).unlink()
        if recorded is not None:
            (root / HISTORY).write_text("".join(f"{n}\n" for n in recorded), encoding="utf-8")
        target = LocalTarget(root, keep=5)
        target.switch(current)
        assert target.history() == expected
        assert rollback(target) == expected[-2] and target.history() == expected[:-1]


@pytest.mark.slow  # four publishes
def test_an_address_once_published_keeps_leading_to_its_post(content, tmp_path):
    """Issue 27: links to a post go into social media and official letters. A title corrected
    after publishing moves the post; every address it had redirects to where it is now (through
    any number of corrections), and a publish names each address that will lead nowhere."""
    from publishing.deploy import LocalTarget

    def titled(title):
        return content.post("a", Title=title, Date="2020-03-01")

    target = LocalTarget(tmp_path / "www", keep=3)
    titled("Hội nghị giao ban quý 1")
    for n in range(4):
        content.post(f"khac-{n}", Title=f"Tin khác số {n}", Date="2020-03-02")
    said: list[str] = []
    target.publish(content.path, "publishconf.py", "20200302-000000", on_summary=said.append)
    live = target.root / "current"
    first, second = "tin-tuc/2020/hoi-nghi-giao-ban-quy-1/", "tin-tuc/2020/hoi-nghi-giao-ban-quy-i/"
    assert (live / first / "index.html").is_file()
    titled("Hội nghị giao ban quý I")
    target.publish(content.path, "publishconf.py", "20200302-000001", on_summary=said.append)
    titled("Hội nghị giao ban quý I năm 2020")
    target.publish(content.path, "publishconf.py", "20200302-000002", on_summary=said.append)
    now = "tin-tuc/2020/hoi-nghi-giao-ban-quy-i-nam-2020/"
    assert "Hội nghị giao ban quý I năm 2020" in read(live / now / "index.html")
    for old in (first, second):
        page = read(live / old / "index.html")
        assert f'<meta http-equiv="refresh" content="0; url=/{now}">' in page
        assert f'href="https://sokhcn.sonla.gov.vn/{now}"' in page and 'lang="vi"' in page
    assert not [line for line in said if "sẽ không còn" in line]

    (content.path / "posts" / "khac-0.md").unlink()
    target.publish(content.path, "publishconf.py", "20200302-000003", on_summary=said.append)
    gone = (
        "CẢNH BÁO: địa chỉ /tin-tuc/2020/tin-khac-so-0/ sẽ không còn trên trang (posts/khac-0.md "
        "không còn được đăng): liên kết đã chia sẻ tới bài này sẽ dẫn tới trang 404; nếu bài bị xóa hay "
        "chuyển nháp nhầm, khôi phục tệp (hoặc bỏ dòng Status: draft) rồi phát hành lại"
    )
    assert [line for line in said if "sẽ không còn" in line] == [gone]
    assert (live / first / "index.html").is_file()  # carried from release to release
    assert not (live / "tin-tuc" / "2020" / "tin-khac-so-0").exists()

"""A build replaces only what a build made, in one atomic step; a publish never goes backwards."""

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, read, run_invoke

from builder.build import STAMP, BuildFailed, OutputRefused, exchange, guard_output


def test_output_may_not_be_or_hold_the_content_or_a_repository(content, tmp_path):
    content.post("a", Title="Tin", Date="2020-03-01")
    project = content.path.parent
    (project / ".git").mkdir()
    for output, reason in (
        (content.path, "trùng, chứa hoặc nằm trong thư mục nội dung"),
        (project, "trùng, chứa hoặc nằm trong thư mục nội dung"),
        (content.path / "posts", "trùng, chứa hoặc nằm trong thư mục nội dung"),
    ):
        result = run_invoke("build", "--content", str(content.path), "--output", str(output))
        assert result.returncode == 1 and reason in result.stderr, result.stderr
    assert (content.path / "posts" / "a.md").is_file() and (project / ".git").is_dir()
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    with pytest.raises(OutputRefused, match="kho Git"):
        guard_output(repository, content.path)
    with pytest.raises(OutputRefused, match="mã nguồn"):
        guard_output(ROOT, content.path)  # `invoke build --output .` from the project root
    assert (repository / ".git").is_dir()


def test_a_folder_not_made_by_a_build_is_never_replaced(content, tmp_path):
    content.post("a", Title="Tin", Date="2020-03-01")
    documents = tmp_path / "tai-lieu"
    documents.mkdir()
    (documents / "bao-cao.docx").write_bytes(b"quan trong")
    result = run_invoke("build", "--content", str(content.path), "--output", str(documents))
    assert result.returncode == 1 and f"thiếu tệp đánh dấu {STAMP}" in result.stderr
    assert (documents / "bao-cao.docx").read_bytes() == b"quan trong"
    empty = tmp_path / "trong"
    empty.mkdir()
    site = build(content.path, empty)  # an empty folder is fine, and is stamped
    assert (site / STAMP).is_file() and (site / "index.html").is_file()
    assert build(content.path, site) == site  # and so is the folder a build made


def test_swap_is_one_exchange_and_stale_staging_is_cleaned(content, tmp_path):
    content.post("a", Title="Tin", Date="2020-03-01")
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    (first / "x").write_text("1"), (second / "x").write_text("2")
    assert exchange(first, second)
    assert (first / "x").read_text() == "2" and (second / "x").read_text() == "1"

    output = tmp_path / "out"
    build(content.path, output)
    inode = os.stat(output).st_ino
    dead = _dead_pid()
    stale = tmp_path / f".out-new-{dead}-abcd1234"
    stale.mkdir()
    (stale / "half.html").write_text("nửa")
    legacy = tmp_path / ".out-new-x1y2z3w4"  # made before staging names carried a process id
    legacy.mkdir()
    backups = [
        tmp_path / ".out-old-backup",
        tmp_path / ".out-new-2019-draft",
        tmp_path / ".out-old-1-notours",
    ]
    for backup in backups:  # someone's own folders, named alike: never touched
        backup.mkdir()
        (backup / "data.txt").write_text("giữ")
    build(content.path, output)
    assert os.stat(output).st_ino != inode  # a new directory took the old one's place
    deadline = time.monotonic() + 10
    while sorted(tmp_path.glob(".out-*")) != sorted(backups) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not stale.exists() and not legacy.exists()
    assert sorted(tmp_path.glob(".out-*")) == sorted(backups)
    assert all((backup / "data.txt").read_text() == "giữ" for backup in backups)


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


# --- publishing --------------------------------------------------------------


def publish(content, target, *extra):
    return run_invoke("publish", "--content", str(content.path), "--path", str(target), *extra)


@pytest.mark.slow  # a publish, end to end
def test_incomplete_releases_are_never_served_nor_rolled_back_to(content, tmp_path):
    from publishing.deploy import INCOMING, RELEASE, LocalTarget, rollback

    target = LocalTarget(tmp_path / "www", keep=5)
    content.post("a", Title="Tin một", Date="2020-03-01", Items="1")
    target.publish(content.path, "publishconf.py", "20200301-080000")
    # A copy that died half way (an older version wrote releases without a manifest),
    # and an incoming copy from a killed publish.
    half = target.releases / "20200302-080000"
    (half / "tin-tuc").mkdir(parents=True)
    (target.releases / f"{INCOMING}20200303-080000").mkdir()
    content.post("b", Title="Tin hai", Date="2020-03-02", Items="1")
    target.publish(content.path, "publishconf.py", "20200304-080000")
    assert target.names() == ["20200301-080000", "20200304-080000"]
    assert json.loads((target.releases / "20200304-080000" / RELEASE).read_text()) == {
        "posts": 2,
        "files": pytest.approx(
            sum(1 for p in (target.releases / "20200304-080000").rglob("*") if p.is_file()) - 2
        ),
    }
    assert not (target.releases / f"{INCOMING}20200303-080000").exists()  # pruned
    assert rollback(target) == "20200301-080000"  # not the half copy in between


@pytest.mark.slow  # a publish, end to end
def test_a_failed_copy_leaves_the_live_site_and_no_release(content, tmp_path, monkeypatch):
    from publishing.deploy import DeployError, LocalTarget

    target = LocalTarget(tmp_path / "www", keep=5)
    content.post("a", Title="Tin một", Date="2020-03-01")
    target.publish(content.path, "publishconf.py", "20200301-080000")

    def corrupt(self, name, files):
        raise DeployError("bản sao không khớp")

    monkeypatch.setattr(LocalTarget, "verify", corrupt)
    with pytest.raises(DeployError):
        target.publish(content.path, "publishconf.py", "20200302-080000")
    assert target.current() == "20200301-080000" and target.names() == ["20200301-080000"]
    assert sorted(os.listdir(target.releases)) == ["20200301-080000"]


@pytest.mark.slow  # a publish, end to end
def test_the_manifest_detects_a_changed_file(content, tmp_path):
    from publishing.deploy import DeployError, LocalTarget

    class Tampered(LocalTarget):
        def upload(self, site, name):
            (site / "index.html").write_text("đã bị sửa", encoding="utf-8")

    content.post("a", Title="Tin", Date="2020-03-01")
    target = Tampered(tmp_path / "www", keep=5)
    with pytest.raises(DeployError, match="không khớp"):
        target.publish(content.path, "publishconf.py", "20200301-080000")
    assert target.names() == [] and target.current() is None


@pytest.mark.slow
def test_a_publish_that_drops_many_posts_asks_for_force(content, tmp_path):
    target = tmp_path / "www"
    for number in range(5):
        content.post(f"p{number}", Title=f"Tin số {number}", Date=f"2020-03-0{number + 1}")
    assert publish(content, target).returncode == 0
    live = os.readlink(target / "current")
    for path in (content.path / "posts").iterdir():
        path.unlink()
    time.sleep(1.1)
    refused = publish(content, target)
    assert refused.returncode == 1
    assert "bản mới có 0 bài đăng" in refused.stderr and "có 5 bài" in refused.stderr
    assert "--force" in refused.stderr and os.readlink(target / "current") == live
    assert "Tin số 4" in read(target / "current" / "index.html")
    forced = publish(content, target, "--force")
    assert forced.returncode == 0, forced.stderr
    assert os.readlink(target / "current") != live


def test_building_the_sample_site_never_touches_the_project(tmp_path):
    before = sorted(p.name for p in ROOT.iterdir())
    result = run_invoke("build", "--output", ".", cwd=ROOT)
    assert result.returncode == 1 and "thư mục nội dung" in result.stderr
    assert sorted(p.name for p in ROOT.iterdir()) == before
    with pytest.raises(BuildFailed):
        build(ROOT / "content", ROOT / "content" / "out")


@pytest.mark.slow  # a publish, end to end
def test_rollback_goes_back_in_time_never_forward_to_a_withdrawn_release(content, tmp_path):
    from publishing.deploy import LocalTarget, rollback

    target = LocalTarget(tmp_path / "www", keep=5)
    for name, title in (("20200301-000000", "Bản A"), ("20200302-000000", "Bản B hỏng")):
        content.post("a", Title=title, Date="2020-03-01")
        target.publish(content.path, "publishconf.py", name)
    assert rollback(target) == "20200301-000000"
    content.post("a", Title="Bản C", Date="2020-03-01")
    target.publish(content.path, "publishconf.py", "20200303-000000")
    assert rollback(target) == "20200301-000000"  # not B, which was rolled away from
    assert "Bản A" in read(target.root / "current" / "index.html")
    with pytest.raises(Exception, match="không có bản phát hành cũ hơn"):
        rollback(target)


@pytest.mark.slow  # a publish, end to end
def test_targets_a_publish_would_damage_are_refused_before_building(content, tmp_path):
    content.post("a", Title="Tin", Date="2020-03-01")
    afile = tmp_path / "afile"
    afile.write_text("x")
    refused = publish(content, afile)
    assert refused.returncode == 1 and "không phải là thư mục" in refused.stderr
    inside = publish(content, content.path / "www")
    assert inside.returncode == 1 and "thư mục nội dung" in inside.stderr
    assert not (content.path / "www").exists()
    legacy = tmp_path / "cu"
    (legacy / "current").mkdir(parents=True)
    (legacy / "current" / "index.html").write_text("trang cũ")
    real = publish(content, legacy)
    assert real.returncode == 1 and "là thư mục thật" in real.stderr
    assert read(legacy / "current" / "index.html") == "trang cũ" and not (legacy / ".current-new").exists()
    under_a_file = run_invoke("build", "--content", str(content.path), "--output", str(afile / "out"))
    assert under_a_file.returncode == 1 and "không tạo được thư mục" in under_a_file.stderr
    assert "Traceback" not in refused.stderr + real.stderr + under_a_file.stderr


@pytest.mark.slow  # a publish, end to end
def test_a_killed_publishs_staging_is_pruned(content, tmp_path):
    from publishing.deploy import LocalTarget

    target = LocalTarget(tmp_path / "www", keep=5)
    leftover = target.releases / "..incoming-20200301-000000-new-99999999-abc"
    leftover.mkdir(parents=True)
    content.post("a", Title="Tin", Date="2020-03-01")
    target.publish(content.path, "publishconf.py", "20200302-000000")
    assert sorted(os.listdir(target.releases)) == ["20200302-000000"]


@pytest.mark.slow  # a publish, end to end
def test_one_publish_at_a_time(content, tmp_path):
    from publishing.deploy import DeployError, LocalTarget

    target = LocalTarget(tmp_path / "www", keep=5)
    content.post("a", Title="Tin", Date="2020-03-01")
    with target.locked(), pytest.raises(DeployError, match="đang chạy"):
        target.publish(content.path, "publishconf.py", "20200301-000000")
    assert target.names() == []
    # The lock is the publisher's own file in its cache folder, not one anyone may make in /tmp.
    locks = list((Path(os.environ["PORTAL_CACHE_DIR"]) / "publish-locks").glob("*.lock"))
    assert locks and all(lock.stat().st_mode & 0o777 == 0o600 for lock in locks)
    target.publish(content.path, "publishconf.py", "20200301-000000")
    assert target.names() == ["20200301-000000"]


def test_an_unreadable_content_cache_is_dropped_not_fatal(content, tmp_path):
    content.post("a", Title="Tin", Date="2020-03-01")
    cache = tmp_path / "cache"
    build(content.path, tmp_path / "out", CACHE_PATH=str(cache))
    for path in cache.rglob("*Readers"):
        path.write_bytes(b"")  # what a build killed while writing it leaves
    site = build(content.path, tmp_path / "out", CACHE_PATH=str(cache))
    assert (site / "tin-tuc/2020/tin/index.html").is_file()

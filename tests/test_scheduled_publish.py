"""Build and publish read main's tree of the shared editor's repository (DESIGN.md contract 13),
and `invoke publish --scheduled` puts an approved post with a future Date live at its time."""

import json

import pytest
from conftest import ContentDir, build, git, git_repository, read, run_invoke

from builder.build import BuildFailed
from builder.main_tree import editor_repository, export_tree
from portal.git_store import ZERO, GitStore, Person, entry_branch
from portal.workflow import PENDING_REVIEW, EntryRecord, WorkflowStore

LAN = Person("Nguyễn Thị Lan", "lan@editor")
BBT = Person("Ban biên tập", "bbt@editor")


def post(title, date, body="Nội dung bài."):
    return f"Title: {title}\nDate: {date}\nItems: 1\n\n{body}\n".encode()


@pytest.fixture
def repo(tmp_path):
    """A content folder as the shared editor keeps it: a git repository, main holding one post."""
    content = ContentDir(tmp_path / "content")
    content.post("cu", Title="Bài cũ đã đăng", Date="2020-03-01", Items="1")
    git_repository(content.path)
    return content


def titles(site):
    return sorted(p.parent.name for p in (site / "tin-tuc" / "2020").glob("*/index.html"))


def test_the_shared_editors_repository_is_built_from_main_only(repo, tmp_path):
    store = GitStore(repo.path)
    approved = entry_branch("posts", "duyet")
    store.commit(approved, {"posts/duyet.md": post("Bài đã duyệt", "2020-03-02")}, LAN, "Tạo", expected=ZERO)
    store.merge(approved, BBT, "Duyệt đăng posts/duyet")
    waiting = entry_branch("posts", "cho")
    store.commit(waiting, {"posts/cho.md": post("Bài chờ duyệt", "2020-03-03")}, LAN, "Tạo", expected=ZERO)
    WorkflowStore(store.git_dir / "portal-workflow.json").put(
        waiting, EntryRecord(PENDING_REVIEW, "lan", "", "posts")
    )
    # By hand in the working tree: a stray post, and an approved post's text changed.
    repo.post("tay", Title="Bài thêm tay", Date="2020-03-04", Items="1")
    (repo.path / "posts" / "duyet.md").write_bytes(post("Bài đã duyệt", "2020-03-02", "Sửa tay."))

    site = build(repo.path, tmp_path / "out")

    assert titles(site) == ["bai-cu-da-dang", "bai-da-duyet"]
    page = read(site / "tin-tuc" / "2020" / "bai-da-duyet" / "index.html")
    assert "Nội dung bài." in page and "Sửa tay." not in page
    assert "Bài chờ duyệt" not in read(site / "index.html")


def test_a_broken_post_on_main_is_named_as_the_repositorys_file(repo, tmp_path):
    git(repo.path, "config", "portal.editor-server", "true")
    store = GitStore(repo.path)
    branch = entry_branch("posts", "loi")
    store.commit(branch, {"posts/loi.md": post("Tin lỗi", "2020-13-01")}, LAN, "Tạo", expected=ZERO)
    store.merge(branch, BBT, "Duyệt đăng posts/loi")
    (repo.path / "posts" / "loi.md").write_bytes(post("Tin lỗi", "2020-03-01"))  # fixed by hand only

    result = run_invoke("build", "--content", str(repo.path), "--output", str(tmp_path / "out"))

    assert result.returncode == 1
    assert f"{repo.path}/posts/loi.md:2" in result.stderr and "nhánh main" in result.stderr
    assert "main-trees" not in result.stderr


def test_which_repositories_are_the_shared_editors(repo, tmp_path):
    assert editor_repository(repo.path) is None  # a git repository nobody's editor uses: as it is
    assert editor_repository(tmp_path) is None
    git(repo.path, "config", "portal.editor-server", "true")
    assert editor_repository(repo.path) == repo.path / ".git"
    git(repo.path, "config", "--unset", "portal.editor-server")
    GitStore(repo.path).commit(entry_branch("posts", "x"), {"posts/x.md": b"x"}, LAN, "x", expected=ZERO)
    assert editor_repository(repo.path) == repo.path / ".git"
    inside = ContentDir(repo.path / "posts" / "inner")
    assert editor_repository(inside.path) is None  # a folder inside the repository: read as it is


def test_a_repository_git_cannot_read_is_not_built_from_its_working_tree(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "nowhere"))  # as git refusing another user's repository
    with pytest.raises(BuildFailed, match="git không đọc được nó"):
        build(repo.path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_copy_of_main_follows_main_and_keeps_unchanged_files(repo, tmp_path):
    store = GitStore(repo.path)
    into = tmp_path / "copy"
    export_tree(repo.path, store.head("main"), into)
    kept = (into / "posts" / "cu.md").stat()
    (into / "posts" / "la.md").write_text("không thuộc main", encoding="utf-8")
    (into / "plans" / "118-KH-KHCN-2020.yml").write_text("đổi", encoding="utf-8")
    branch = entry_branch("posts", "moi")
    store.commit(branch, {"posts/moi.md": "Title: Mới\n".encode()}, LAN, "Tạo", expected=ZERO)
    store.merge(branch, BBT, "Duyệt")

    export_tree(repo.path, store.head("main"), into)

    files = sorted(p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file())
    assert files == sorted(store.read_folder("main", "."))
    assert (into / "posts" / "moi.md").read_bytes() == "Title: Mới\n".encode()
    assert (into / "plans" / "118-KH-KHCN-2020.yml").read_bytes() == store.read(
        "main", "plans/118-KH-KHCN-2020.yml"
    )
    assert (into / "posts" / "cu.md").stat().st_ino == kept.st_ino
    recorded = json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))
    assert recorded["posts/moi.md"][1] == git(repo.path, "rev-parse", "main:posts/moi.md").strip()


# --- scheduled publishing -------------------------------------------------------------------------


def publish(content, target, *options):
    return run_invoke("publish", "--content", str(content.path), "--path", str(target), *options)


def live(target):
    return (target / "current").resolve().name


@pytest.mark.slow
def test_a_scheduled_post_goes_live_at_its_time_and_only_once(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.post("cu", Title="Bài đã đăng", Date="2020-03-01", Items="1")
    content.post("hen", Title="Bài hẹn giờ", Date="2026-12-10 08:00")
    target = tmp_path / "www"
    page = target / "current" / "tin-tuc" / "2026" / "bai-hen-gio" / "index.html"

    nothing_live = publish(content, target, "--scheduled", "--now", "2026-12-01 08:00")
    assert nothing_live.returncode == 0 and "Chưa có bản phát hành nào" in nothing_live.stdout
    assert not (target / "releases").exists() or not list((target / "releases").iterdir())

    first = publish(content, target, "--now", "2026-12-01 08:00")
    assert first.returncode == 0, first.stderr
    assert live(target) == "20261201-080000" and not page.exists()

    early = publish(content, target, "--scheduled", "--now", "2026-12-10 07:59")
    assert early.returncode == 0, early.stderr
    assert "Chưa có bài nào đến giờ đăng" in early.stdout and "01/12/2026 08:00" in early.stdout
    assert live(target) == "20261201-080000"

    due = publish(content, target, "--scheduled", "--now", "2026-12-10 08:00")
    assert due.returncode == 0, due.stderr
    assert "Đến giờ đăng: bài «Bài hẹn giờ» (10/12/2026 08:00" in due.stdout
    assert live(target) == "20261210-080000" and "Bài hẹn giờ" in read(page)

    shown = json.loads(read(target / "current" / ".release-shown.json"))
    assert shown == ["posts/cu.md", "posts/hen.md"]

    again = publish(content, target, "--scheduled", "--now", "2026-12-10 08:05")
    assert again.returncode == 0 and "Chưa có bài nào đến giờ đăng" in again.stdout
    assert sorted(p.name for p in (target / "releases").iterdir()) == ["20261201-080000", "20261210-080000"]

    # Approved after that release, dated before it: not shown yet, so due now.
    content.post("muon", Title="Bài duyệt muộn", Date="2026-12-09 10:00")
    late = publish(content, target, "--scheduled", "--now", "2026-12-10 08:10")
    assert late.returncode == 0, late.stderr
    assert "Đến giờ đăng: bài «Bài duyệt muộn»" in late.stdout and "Bài hẹn giờ" not in late.stdout
    assert live(target) == "20261210-081000"

    backwards = publish(content, target, "--scheduled", "--now", "2026-12-09 08:00")
    assert backwards.returncode == 0 and "không phát hành lùi" in backwards.stdout
    assert live(target) == "20261210-081000"
    by_hand = publish(content, target, "--now", "2026-12-09 08:00")
    assert by_hand.returncode == 1 and "không phát hành lùi" in by_hand.stderr
    assert live(target) == "20261210-081000"


def test_now_must_be_a_local_time():
    result = run_invoke("publish", "--scheduled", "--now", "10/12/2026 08:00")
    assert result.returncode == 2 and "--now" in result.stderr and "2026-12-10" in result.stderr

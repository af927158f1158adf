"""The shared editor's git store (issue 26): saves on an entry's branch, authored by the person,
never in the working tree; approval merges into main and the working tree follows; a stale
writer is told, not obeyed."""

import pytest
from conftest import git, git_repository

from portal.git_store import ZERO, Conflict, GitError, GitStore, Person, entry_branch

LAN = Person("Nguyễn Thị Lan", "lan@editor")
MINH = Person("Trần Văn Minh", "minh@editor")
BBT = Person("Ban biên tập", "bbt@editor")


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "content"
    (repo / "posts").mkdir(parents=True)
    (repo / "posts" / "cu.md").write_text("Title: Cũ\n\nBài cũ.\n", encoding="utf-8")
    git_repository(repo, "đầu")
    return repo


def test_a_save_is_a_commit_of_its_author_on_the_entrys_branch_only(repo):
    store = GitStore(repo)
    branch = entry_branch("posts", "moi")
    head = store.commit(branch, {"posts/moi.md": "Title: Mới\n".encode()}, LAN, "Tạo bài mới", expected=ZERO)
    assert store.read(branch, "posts/moi.md") == "Title: Mới\n".encode()
    assert store.read("main", "posts/moi.md") is None and not (repo / "posts" / "moi.md").exists()
    assert git(repo, "log", "-1", "--format=%an <%ae>", head).strip() == "Nguyễn Thị Lan <lan@editor>"
    assert store.changed(branch) == [("A", "posts/moi.md")]
    assert store.commit(branch, {"posts/moi.md": "Title: Mới\n".encode()}, LAN, "lại", expected=head) == head


def test_a_writer_who_read_an_older_head_is_refused(repo):
    store = GitStore(repo)
    branch = entry_branch("posts", "moi")
    first = store.commit(branch, {"posts/moi.md": b"Title: A\n"}, LAN, "A", expected=ZERO)
    store.commit(branch, {"posts/moi.md": b"Title: B\n"}, MINH, "B", expected=first)
    with pytest.raises(Conflict, match="đã có thay đổi mới hơn"):
        store.commit(branch, {"posts/moi.md": b"Title: C\n"}, LAN, "C", expected=first)
    assert store.read(branch, "posts/moi.md") == b"Title: B\n"
    with pytest.raises(Conflict):
        store.commit(branch, {"posts/moi.md": b"Title: D\n"}, LAN, "D", expected=ZERO)


def test_approval_merges_as_the_approver_and_the_working_tree_follows(repo):
    store = GitStore(repo)
    branch = entry_branch("posts", "moi")
    store.commit(branch, {"posts/moi.md": b"Title: Moi\n", "posts/cu.md": None}, LAN, "Sửa", expected=ZERO)
    merged = store.merge(branch, BBT, "Duyệt đăng posts/moi")
    assert git(repo, "log", "-1", "--format=%an", merged).strip() == "Ban biên tập"
    assert (repo / "posts" / "moi.md").read_bytes() == b"Title: Moi\n" and not (
        repo / "posts" / "cu.md"
    ).exists()
    assert git(repo, "status", "--porcelain") == ""
    assert branch not in store.branches()
    authors = git(repo, "log", "--format=%an", "main").split("\n")
    assert "Nguyễn Thị Lan" in authors and "Ban biên tập" in authors
    (lan,) = [r for r, _ in store.file_log("posts/moi.md") if r.author == "Nguyễn Thị Lan"]
    assert "+Title: Moi" in lan.diff and lan.message == "Sửa"


def test_an_approval_that_collides_with_main_is_refused_and_main_stays(repo):
    store = GitStore(repo)
    one, two = entry_branch("posts", "cu-1"), entry_branch("posts", "cu-2")
    store.commit(one, {"posts/cu.md": "Title: Cũ\n\nMột.\n".encode()}, LAN, "1", expected=ZERO)
    store.commit(two, {"posts/cu.md": "Title: Cũ\n\nHai.\n".encode()}, MINH, "2", expected=ZERO)
    store.merge(one, BBT, "duyệt 1")
    before = store.head("main")
    with pytest.raises(Conflict, match="xung đột"):
        store.merge(two, BBT, "duyệt 2")
    assert store.head("main") == before and two in store.branches()


def test_branch_names_cannot_leave_the_entries_namespace():
    for collection, slug in (
        ("posts", "../main"),
        ("posts", "a..b"),
        ("posts", ".x"),
        ("posts", "a b"),
        ("p", "x.lock"),
    ):
        with pytest.raises(GitError):
            entry_branch(collection, slug)
    assert entry_branch("bao-cao__118-kh-khcn-2020__6-thang", "thanh-tra") == (
        "cms/bao-cao__118-kh-khcn-2020__6-thang/thanh-tra"
    )


def test_a_save_never_turns_a_file_into_a_folder_nor_replaces_a_folder(repo):
    store = GitStore(repo)
    branch = entry_branch("posts", "x")
    with pytest.raises(GitError, match=r"posts/cu\.md là tệp đã có"):
        store.commit(branch, {"posts/cu.md/x.md": b"x"}, LAN, "x", expected=ZERO)
    with pytest.raises(GitError, match="posts là thư mục đã có"):
        store.commit(branch, {"posts": b"x"}, LAN, "x", expected=ZERO)
    assert store.head(branch) is None


def test_a_folder_inside_another_repository_is_refused(tmp_path):
    project = tmp_path / "project"
    (project / "content" / "posts").mkdir(parents=True)
    (project / "content" / "posts" / "a.md").write_text("Title: A\n", encoding="utf-8")
    git_repository(project, "x", author="M")
    with pytest.raises(GitError, match="không phải gốc của một kho git riêng"):
        GitStore(project / "content")


def test_a_repository_begun_on_master_gets_main_checked_out(tmp_path):
    from portal.git_store import adopt_main

    repo = tmp_path / "content"
    (repo / "posts").mkdir(parents=True)
    (repo / "posts" / "a.md").write_text("Title: A\n", encoding="utf-8")
    git_repository(repo, "x", branch="master", author="M")
    adopt_main(repo)
    assert git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert git(repo, "rev-parse", "main") == git(repo, "rev-parse", "master")
    assert git(repo, "status", "--porcelain") == ""
    GitStore(repo)  # opens
    adopt_main(repo)  # and again: nothing to do


def test_a_folder_is_read_in_one_batch_as_each_file_reads(repo):
    store = GitStore(repo)
    branch = entry_branch("posts", "moi")
    store.commit(
        branch,
        {"posts/moi.md": "Title: Mới\n".encode(), "images/a.jpg": b"\xff\xd8"},
        LAN,
        "x",
        expected=ZERO,
    )
    found = store.read_folder(branch, "posts")
    assert found == {path: store.read(branch, path) for path in ("posts/cu.md", "posts/moi.md")}
    assert store.read_folder(branch, "images") == {"images/a.jpg": b"\xff\xd8"}
    assert store.read_folder("main", "van-ban") == {}

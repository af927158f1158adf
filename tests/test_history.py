"""`invoke history PATH`: who edited a post of the shared editor's repository, who approved it,
when (Vietnam's time) and what changed; an unapproved branch touching it is named."""

import pytest
from conftest import git_repository, run_invoke

from portal.git_store import ZERO, GitStore, Person, entry_branch
from portal.workflow import PENDING_REVIEW, EntryRecord, WorkflowStore

LAN = Person("Nguyễn Thị Lan", "lan@editor")
MINH = Person("Trần Văn Minh", "minh@editor")
BBT = Person("Ban biên tập", "bbt@editor")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """Lan writes a post, Minh corrects it, the board approves it; later Lan starts a new change."""
    repo = tmp_path / "content"
    (repo / "posts").mkdir(parents=True)
    (repo / "posts" / "khac.md").write_text("Title: Khác\n\nBài khác.\n", encoding="utf-8")
    git_repository(repo)
    store = GitStore(repo)
    branch = entry_branch("posts", "hoi-thao")

    def at(when):  # git records each commit at this moment (UTC): Vietnam is 7 hours later
        monkeypatch.setenv("GIT_AUTHOR_DATE", when)
        monkeypatch.setenv("GIT_COMMITTER_DATE", when)

    at("2026-12-09T08:30:00+00:00")
    first = store.commit(
        branch, {"posts/hoi-thao.md": "Title: Hội thảo\n\nHội thảo KH&CN.\n".encode()}, LAN, "Tạo bài", ZERO
    )
    at("2026-12-09T09:15:00+00:00")
    store.commit(
        branch,
        {"posts/hoi-thao.md": "Title: Hội thảo\n\nHội thảo khoa học.\n".encode()},
        MINH,
        "Sửa lời",
        first,
    )
    at("2026-12-09T17:45:00+00:00")
    store.merge(branch, BBT, "Duyệt đăng posts/hoi-thao")
    at("2026-12-10T01:00:00+00:00")
    store.commit(branch, {"posts/hoi-thao.md": "Title: Hội thảo (sửa)\n".encode()}, LAN, "Đổi tên", ZERO)
    WorkflowStore(store.git_dir / "portal-workflow.json").put(
        branch, EntryRecord(PENDING_REVIEW, "lan", "", "posts")
    )
    return repo


def history(repo, path, *options):
    return run_invoke("history", path, "--content", str(repo), *options)


def test_each_edit_and_the_approval_with_who_when_and_the_diff(repo):
    result = history(repo, "posts/hoi-thao.md")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Lịch sử của posts/hoi-thao.md")
    pending = "Chưa đăng: nhánh cms/posts/hoi-thao có thay đổi tệp này chưa được duyệt"
    assert f"{pending}, trạng thái: Chờ duyệt; sửa lần cuối: Nguyễn Thị Lan, 10/12/2026 08:00." in out
    approval = out.index("── 10/12/2026 00:45 · Ban biên tập · Duyệt đăng")
    edit = out.index("── 09/12/2026 16:15 · Trần Văn Minh · Sửa")
    start = out.index("── 09/12/2026 15:30 · Nguyễn Thị Lan · Sửa")
    assert approval < edit < start  # newest first, the approval above what it brought in
    assert "   Duyệt đăng posts/hoi-thao\n" in out and "   Sửa lời\n" in out and "   Tạo bài\n" in out
    assert "-Hội thảo KH&CN.\n+Hội thảo khoa học.\n" in out[edit:start]
    assert "+Hội thảo KH&CN.\n" in out[start:]
    assert "+Hội thảo khoa học.\n" in out[approval:edit]  # what went live
    assert "Đổi tên" not in out and "Nội dung đầu" not in out  # not on main / not this file


def test_limit_and_paths_from_the_working_folder(repo):
    whole = history(repo, str(repo / "posts" / "hoi-thao.md"), "--limit", "1")
    assert whole.returncode == 0, whole.stderr
    assert whole.stdout.count("── ") == 1 and "Duyệt đăng posts/hoi-thao" in whole.stdout
    assert "Chỉ hiện 1 lần thay đổi gần nhất" in whole.stdout
    other = history(repo, "posts/khac.md")
    assert other.returncode == 0 and other.stdout.count("── ") == 1 and "Chưa đăng" not in other.stdout


def test_a_post_only_on_a_branch_says_it_was_never_approved(repo):
    store = GitStore(repo)
    store.commit(entry_branch("posts", "moi"), {"posts/moi.md": b"Title: Moi\n"}, LAN, "Tạo", ZERO)
    result = history(repo, "posts/moi.md")
    assert result.returncode == 0, result.stderr
    assert "Chưa đăng: nhánh cms/posts/moi" in result.stdout
    assert "chưa từng được duyệt đăng" in result.stdout


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/etc/passwd", "nằm ngoài thư mục nội dung"),
        ("../khac.md", "nằm ngoài thư mục nội dung"),
        ("posts/khong-co.md", "không có trong lịch sử"),
    ],
)
def test_a_path_outside_or_unknown_is_refused(repo, path, said):
    result = history(repo, path)
    assert result.returncode == 2 and said in result.stderr and not result.stdout


def test_a_folder_that_is_not_a_repository(tmp_path):
    (tmp_path / "posts").mkdir()
    result = run_invoke("history", "posts/a.md", "--content", str(tmp_path))
    assert result.returncode == 2 and "không đọc được lịch sử từ kho git" in result.stderr

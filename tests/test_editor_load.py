"""The shared editor under load (issue 26): many people saving at once lose no save and meet no
5xx (bench/editor_load.py, bounded here: a few hundred posts, ~10 s; the figures are the bench's,
not the suite's), and the checker's answers under concurrency are each what a cold check of main
with that one entry says (editors/shared_check.py)."""

import argparse
import shutil
import sys
import threading

import pytest
from conftest import ROOT, git

from builder.main_tree import export_tree
from editors.editor import EditorSite
from editors.shared_check import CheckTree
from portal.git_store import ZERO, GitStore, Person

sys.path.insert(0, str(ROOT / "bench"))
import editor_load


@pytest.mark.slow  # ~25 s: a real server and 20 clients for 10 s
def test_twenty_editors_saving_lose_no_save_and_meet_no_5xx(tmp_path):
    options = argparse.Namespace(
        think=(0.5, 2.0), shared=0.25, published=0.2, alone=0, seed=118, no_baseline=True
    )
    result, wrong = editor_load.load_phase(
        "suite", 300, tmp_path, options, check=True, editors=20, seconds=10
    )
    assert wrong == []  # no lost save, every 409 explained, every check about its own save
    assert result["status_5xx"] == 0 and result["requests_by_status"].get("500") is None
    assert result["saves"] >= 20 and result["saved_200"] == result["saves"]  # own entries: never 409
    assert result["checks_with_errors"] == 0  # the simulated texts are valid: the check says so


POST = "Title: {title}\nDate: 2020-04-02 09:00\nItems: {items}\nUnit: thanh-tra\n\nNội dung {title}.\n"


def cold_answer(repo, tmp_path, branch, store):
    """What a cold check of main with this one entry's files says (a fresh folder and checker)."""
    folder = tmp_path / f"cold-{branch.replace('/', '-')}"
    shutil.rmtree(folder, ignore_errors=True)
    export_tree(repo, store.head("main"), folder)
    head = store.head(branch)
    saved = []
    for _, path in store.changed(head):
        data = store.read(head, path)
        (folder / path).unlink(missing_ok=True)
        if data is not None:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        if path.endswith(".md"):
            saved.append(path)
    site = EditorSite(folder, "", "http://127.0.0.1/")
    site.saved = saved
    return site.last_save() | {"pages": []}


def test_concurrent_checks_each_answer_as_a_cold_check_and_leave_mains_files(tmp_path):
    repo = editor_load.make_repo(40, tmp_path / "repo")
    store = GitStore(repo)
    someone = Person("Người thử", "thu@editor")
    # A post of main's linking to a post only an entry adds: its error comes and goes with the entry.
    linking = POST.format(title="Bài có liên kết", items=1) + "Xem [bài kia]({filename}/posts/kia.md).\n"
    store.commit(
        "main", {"posts/lien-ket.md": linking.encode()}, someone, "Đăng", expected=store.head("main")
    )
    existing = sorted(p.name for p in (repo / "posts").glob("*.md"))
    title_of_first = (repo / "posts" / existing[0]).read_text(encoding="utf-8").split("\n")[0][7:]
    entries = {
        "cms/posts/moi": {"posts/moi.md": POST.format(title="Bài mới", items=1)},
        "cms/posts/loi": {"posts/loi.md": POST.format(title="Bài lỗi", items=99)},  # no item 99
        "cms/posts/sua": {f"posts/{existing[1]}": POST.format(title="Bài sửa", items=2)},
        "cms/posts/xoa": {f"posts/{existing[2]}": None},  # an approval would delete a post
        "cms/posts/long": {"posts/2020/thang-4/long.md": POST.format(title="Bài trong thư mục", items=3)},
        "cms/posts/trung": {"posts/trung.md": POST.format(title=title_of_first, items=1)},  # same address
        "cms/posts/kia": {"posts/kia.md": POST.format(title="Bài kia", items=1)},
    }
    for branch, changes in entries.items():
        encoded = {path: (text.encode() if text is not None else None) for path, text in changes.items()}
        store.commit(branch, encoded, someone, "Lưu", expected=ZERO)
    expected = {branch: cold_answer(repo, tmp_path, branch, store) for branch in entries}
    assert any(p["error"] for p in expected["cms/posts/loi"]["problems"])
    assert expected["cms/posts/trung"] != expected["cms/posts/moi"]
    assert (
        expected["cms/posts/kia"]["other_error_count"] == expected["cms/posts/moi"]["other_error_count"] - 1
    )

    checks = CheckTree(store)
    checks.check_main()
    answers: dict[str, list[dict]] = {branch: [] for branch in entries}

    def ask(branch):
        answers[branch].append(checks.check_entry(branch))

    threads = [threading.Thread(target=ask, args=(b,)) for _ in range(3) for b in entries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for branch, got in answers.items():
        assert len(got) == 3 and all(answer == expected[branch] for answer in got), branch
    for branch in ["cms/posts/kia", "cms/posts/moi", "cms/posts/kia", "cms/posts/sua", "cms/posts/moi"]:
        assert checks.check_entry(branch) == expected[branch], branch  # each entry's memo its own

    # Between checks the folder holds exactly main's files, and no folder made for an entry.
    on_disk = {
        p.relative_to(checks.folder).as_posix(): p.read_bytes()
        for p in checks.folder.rglob("*")
        if p.is_file()
    }
    listed = git(repo, "ls-tree", "-r", "-z", "--name-only", "main").split("\0")
    assert on_disk == {path: store.read("main", path) for path in listed if path}
    assert not (checks.folder / "posts" / "2020").exists()

    # main moves (an approval): the next check sees main's new files.
    store.merge("cms/posts/moi", someone, "Duyệt")
    after = checks.check_entry("cms/posts/trung")
    assert after == cold_answer(repo, tmp_path, "cms/posts/trung", store)
    assert (checks.folder / "posts" / "moi.md").exists()

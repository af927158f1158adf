"""The task contract (DESIGN.md 2) on the sample content and on broken content."""

import pytest
from conftest import ROOT, run_invoke


def test_check_passes_on_the_sample_content():
    result = run_invoke("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 lỗi" in result.stdout


def test_check_lists_every_problem_and_fails(content):
    content.post("a", Title="Tin", Date="2020-03-01", Items="9")
    content.post("b", "\nTitle: Tin khác\nDate: 2020-03-01\n\nNội dung")
    content.post("c", Title="Tin thứ ba", Date="2020-02-30")
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    out = result.stdout
    assert "posts/a.md:3: LỖI: mục '9'" in out
    assert "posts/b.md:1: LỖI: có dòng trống trước phần thông tin" in out
    assert "posts/c.md:2: LỖI: Date: ngày '2020-02-30' không tồn tại" in out
    assert "3 lỗi, 0 cảnh báo." in out


def test_build_task_writes_the_sample_site(tmp_path):
    out = tmp_path / "site"
    result = run_invoke("build", "--content", str(ROOT / "content"), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "ke-hoach" / "118-kh-khcn-2020" / "index.html").is_file()
    from builder.settings import load_settings
    from portal.checker import check_content

    check = check_content(ROOT / "content", load_settings(ROOT / "content"))
    published_2020 = [p for p in check.posts if p.is_published and p.date.year == 2020]
    assert len(list((out / "tin-tuc" / "2020").iterdir())) == len(published_2020) == 28


@pytest.mark.slow  # an npm ci (from npm's cache once `make test` has installed the editor)
def test_the_editor_installs_itself_quietly_once(tmp_path, capfd):
    """`invoke edit` and `invoke editor-server` install the web editor's npm packages when they are
    missing (issue 27: an editor's first command failed on an install step it could do itself),
    saying one line, not npm's hundreds; and only once."""
    import shutil

    from invoke import Context

    import tasks

    editor = tmp_path / "editor"
    editor.mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / "editor" / name, editor / name)
    tasks._ensure_editor_packages(Context(), editor=editor, quiet=True)
    said = capfd.readouterr()
    assert said.out.strip().splitlines() == ["Cài trình soạn thảo lần đầu (khoảng một phút, chỉ một lần)…"]
    assert not said.err.strip()
    assert (editor / "node_modules" / "decap-server" / "dist" / "middlewares.js").is_file()
    tasks._ensure_editor_packages(Context(), editor=editor, quiet=True)
    assert capfd.readouterr().out == ""

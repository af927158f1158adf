"""portal.safe_writes: nothing written, read, moved or deleted through a link or outside the root."""

import os

import pytest

from portal.safe_writes import UnsafePath, entry_kind, move, read_regular, remove, replace, write_new


@pytest.fixture
def root(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    return content


def test_write_new_makes_folders_and_refuses_an_existing_name(root):
    write_new(root, "images/2020/a/anh.jpg", b"x")
    assert (root / "images/2020/a/anh.jpg").read_bytes() == b"x"
    with pytest.raises(FileExistsError):
        write_new(root, "images/2020/a/anh.jpg", b"y")
    assert (root / "images/2020/a/anh.jpg").read_bytes() == b"x"


def test_a_dangling_link_at_the_name_is_never_written_through(root, tmp_path):
    (root / "posts" / "bai.md").symlink_to(tmp_path / "outside" / "planted.md")
    with pytest.raises(FileExistsError):
        write_new(root, "posts/bai.md", b"x")
    assert not (tmp_path / "outside" / "planted.md").exists()
    replace(root, "posts/bai.md", b"new")  # replaces the link itself
    assert not (root / "posts" / "bai.md").is_symlink()
    assert (root / "posts" / "bai.md").read_bytes() == b"new"
    assert not (tmp_path / "outside" / "planted.md").exists()


def test_a_folder_link_on_the_way_is_refused(root, tmp_path):
    (root / "images").mkdir()
    (root / "images" / "2020").symlink_to(tmp_path / "outside")
    for action in (
        lambda: write_new(root, "images/2020/x.jpg", b"x"),
        lambda: replace(root, "images/2020/x.jpg", b"x"),
        lambda: read_regular(root, "images/2020/secret.txt"),
        lambda: remove(root, "images/2020/secret.txt"),
        lambda: move(root, "images/2020/secret.txt", root, "posts/stolen.txt"),
    ):
        with pytest.raises(UnsafePath):
            action()
    assert sorted(os.listdir(tmp_path / "outside")) == ["secret.txt"]
    assert entry_kind(root, "images/2020") == "link"


@pytest.mark.parametrize(
    "bad", ["../outside/secret.txt", "/etc/passwd", "posts/../../x", "posts//x", "", "a\\b"]
)
def test_paths_leaving_the_root_are_refused(root, bad):
    with pytest.raises(UnsafePath):
        write_new(root, bad, b"x")


def test_remove_deletes_a_link_not_its_target(root, tmp_path):
    (root / "posts" / "l.md").symlink_to(tmp_path / "outside" / "secret.txt")
    remove(root, "posts/l.md")
    assert (tmp_path / "outside" / "secret.txt").read_text() == "secret"
    with pytest.raises(UnsafePath):
        remove(root, "posts")


def test_move_never_overwrites(root, tmp_path):
    write_new(root, "posts/a.md", b"a")
    write_new(root, "posts/b.md", b"b")
    with pytest.raises(FileExistsError):
        move(root, "posts/a.md", root, "posts/b.md")
    move(root, "posts/a.md", tmp_path, "aside/1/a.md")
    assert (tmp_path / "aside/1/a.md").read_bytes() == b"a"
    assert entry_kind(root, "posts/a.md") is None


def test_a_hard_link_is_not_read(root, tmp_path):
    os.link(tmp_path / "outside" / "secret.txt", root / "posts" / "hl.md")
    with pytest.raises(UnsafePath, match="liên kết cứng"):
        read_regular(root, "posts/hl.md")

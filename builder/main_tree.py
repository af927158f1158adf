"""What a build reads when the content folder is the shared editor's repository (issue 26).

DESIGN.md contract 13: `invoke build` and `invoke publish` never show what no approver
published. The shared editor (editors/editor_server.py) keeps approved content on the branch
`main` and everything else on `cms/…` branches; its working tree follows main, but a file changed
by hand there, or an unmerged branch someone checked out, must never reach the site. So a build
of such a repository reads main's tree, written out byte for byte (no checkout, no git attributes
or filters) into a folder of its own, and builds that.

Which repository is the shared editor's: the content folder is the top of a git work tree (it
holds `.git`) and its git folder shows the server was there: the workflow's record
(`portal-workflow.json`, portal/workflow.py), an entry's branch (`refs/heads/cms/…`), or
`git config portal.editor-server true`. Any other folder, including the project's own
`content/` inside the project's repository, is built as it is on disk.

The copy of main lives in one folder per repository under the cache folder
(`PORTAL_CACHE_DIR`, else `cache/`), so the caches keyed on the content's path (Pelican's reader
cache, the checker's memo) are reused; builds of one repository take turns on it (a lock).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from portal.git_store import GitError, read_blobs

from .logs import shown_path
from .settings import cache_dir

MAIN = "main"
WORKFLOW_RECORD = "portal-workflow.json"
MARKER = "portal.editor-server"  # `git config portal.editor-server true`
ENTRY_REFS = "refs/heads/cms/"


class MainTreeError(Exception):
    """main's tree cannot be read, in words an administrator can act on."""


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, env=environment, check=False
    )


def editor_repository(content: str | Path) -> Path | None:
    """The git folder when `content` is the shared editor's repository, else None."""
    folder = Path(content).resolve()
    if not (folder / ".git").exists():
        return None  # a plain folder, or a folder inside another repository
    found = _git(folder, "rev-parse", "--absolute-git-dir", "--show-toplevel")
    if found.returncode != 0:
        # Never fall back to the working tree: it may hold what no approver published.
        raise MainTreeError(
            f"thư mục nội dung {shown_path(folder)} là một kho git nhưng git không đọc được nó "
            f"({found.stderr.decode(errors='replace').strip()}) — chạy lệnh bằng tài khoản sở hữu "
            f"kho, hoặc thêm kho vào safe.directory: git config --global --add safe.directory {folder}"
        )
    git_dir, top = found.stdout.decode().splitlines()[:2]
    if Path(top).resolve() != folder:
        return None
    git_dir_path = Path(git_dir)
    if (git_dir_path / WORKFLOW_RECORD).exists():
        return git_dir_path
    marker = _git(folder, "config", "--bool", "--get", MARKER)
    if marker.returncode == 0 and marker.stdout.strip() == b"true":
        return git_dir_path
    branches = _git(folder, "for-each-ref", "--count=1", "--format=%(refname)", ENTRY_REFS)
    if branches.returncode == 0 and branches.stdout.strip():
        return git_dir_path
    return None


def _cache_root() -> Path:
    return cache_dir() / "main-trees"


@contextlib.contextmanager
def published_tree(content: str | Path) -> Iterator[Path]:
    """The folder a build reads: `content` itself, or for the shared editor's repository a copy
    of main's tree, held (from other builds of that repository) until the block ends."""
    if editor_repository(content) is None:
        yield Path(content)
        return
    folder = Path(content).resolve()
    commit = _git(folder, "rev-parse", "--verify", "-q", f"refs/heads/{MAIN}^{{commit}}")
    if commit.returncode != 0:
        raise MainTreeError(
            f"kho nội dung {shown_path(folder)} chưa có nhánh {MAIN} (nội dung đã duyệt): "
            "chưa có gì để dựng — duyệt đăng ít nhất một bài, hoặc tạo nhánh main bằng git commit"
        )
    root = _cache_root()
    root.mkdir(parents=True, exist_ok=True)
    place = root / hashlib.sha256(str(folder).encode()).hexdigest()[:16]
    with (root / f"{place.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another build of this repository: wait for it
        export_tree(folder, commit.stdout.decode().strip(), place)
        yield place


def as_main(message: str, place: Path, content: str | Path) -> str:
    """A build's message about the copy of main at `place`, naming the repository's files
    instead, and saying they are main's."""
    shown = shown_path(content)
    for spelling in {str(place), shown_path(place)}:
        message = message.replace(spelling + os.sep, shown + os.sep).replace(spelling, shown)
    return (
        f"{message}\n(Dựng từ nhánh {MAIN} của kho {shown}: nội dung đã được duyệt đăng; sửa qua "
        f"trình soạn thảo dùng chung rồi duyệt lại, tệp sửa tay trong thư mục không được dùng.)"
    )


Stamp = tuple[int, int, int, int]  # (mtime_ns, size, inode, ctime_ns): changes with any write


def _stamp(path: Path) -> Stamp:
    info = os.lstat(path)
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


def _tree_entries(repo: Path, commit: str) -> dict[str, tuple[str, str]]:
    """path → (mode, blob) of every file and link of `commit`'s tree."""
    listed = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit)
    if listed.returncode != 0:
        raise MainTreeError(f"git ls-tree {commit}: {listed.stderr.decode(errors='replace').strip()}")
    entries: dict[str, tuple[str, str]] = {}
    for record in listed.stdout.split(b"\0"):
        if not record:
            continue
        info, _, name = record.partition(b"\t")
        mode, kind, blob = info.decode().split(" ")
        path = os.fsdecode(name)
        if any(part in ("", ".", "..", ".git") for part in path.split("/")):
            raise MainTreeError(f"nhánh {MAIN} có đường dẫn không hợp lệ: {path!r}")
        if kind == "blob":  # a submodule (commit) has no files here
            entries[path] = (mode, blob)
    links = {path for path, (mode, _) in entries.items() if mode == "120000"}
    for path in entries:
        parents = path.split("/")[:-1]
        if any("/".join(parents[: n + 1]) in links for n in range(len(parents))):
            raise MainTreeError(f"nhánh {MAIN}: {path} nằm sau một liên kết")
    return entries


def export_tree(repo: Path, commit: str, into: Path) -> int:
    """Make the folder `into` hold exactly the files of `commit`'s tree, their bytes as stored (no
    attributes, filters or line-ending conversion); a link stays a link (the checker refuses it).

    Incremental: `into`.json records each file's blob and its stamp as written; a file whose
    blob is the same and whose stamp did not change is left alone (so the caches keyed on stamps
    stay warm), anything else under `into` is removed or written again. Returns the file count."""
    entries = _tree_entries(repo, commit)
    record_path = into.with_name(into.name + ".json")
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        written = {path: (mode, blob, tuple(stamp)) for path, (mode, blob, stamp) in record.items()}
    except (OSError, ValueError, TypeError):
        written = {}
        shutil.rmtree(into, ignore_errors=True)
    if into.is_symlink() or (into.exists() and not into.is_dir()):
        into.unlink()
    into.mkdir(exist_ok=True)
    record_path.unlink(missing_ok=True)  # killed while syncing: the next sync starts afresh

    kept = _keep_unchanged(into, written, entries)
    missing = [path for path in entries if path not in kept]
    stamps = dict(kept)
    for path, data in zip(missing, _main_blobs(repo, [entries[p][1] for p in missing]), strict=True):
        mode = entries[path][0]
        target = into / path
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)  # was a folder, now a file
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            os.symlink(os.fsdecode(data), target)
        else:
            handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            if mode == "100755":
                os.chmod(target, 0o755)
        stamps[path] = _stamp(target)
    state = {path: [*entries[path], list(stamp)] for path, stamp in stamps.items()}
    temporary = record_path.with_name(record_path.name + ".new")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temporary, record_path)
    return len(entries)


def _keep_unchanged(
    into: Path, written: dict[str, tuple[str, str, Stamp]], entries: dict[str, tuple[str, str]]
) -> dict[str, Stamp]:
    """Remove from `into` every file or link that is not exactly as last written for the tree
    being exported, and every emptied folder; the stamps of the files kept."""
    kept: dict[str, Stamp] = {}
    for folder, dirs, files in os.walk(into, topdown=False):
        here = Path(folder)
        for name in files + [d for d in dirs if (here / d).is_symlink()]:
            path = here / name
            relative = path.relative_to(into).as_posix()
            before = written.get(relative)
            if before is not None and before[:2] == entries.get(relative) and before[2] == _stamp(path):
                kept[relative] = before[2]
            else:
                path.unlink()
        for name in dirs:
            path = here / name
            if not path.is_symlink() and not any(path.iterdir()):
                path.rmdir()
    return kept


def _main_blobs(repo: Path, blobs: list[str]) -> Iterator[bytes]:
    """Each blob's bytes from one git process (portal.git_store.read_blobs), in a build's words."""
    try:
        yield from read_blobs(repo, blobs)
    except GitError as error:
        raise MainTreeError(str(error)) from None

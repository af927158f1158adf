"""The content folder as a git repository, for the shared editor (issue 26, DESIGN.md contract 13).

Every save is a commit on the entry's own branch (`cms/<collection>/<slug>`, as Decap's git
backends name them), authored by the person logged in; an approval merges the entry's branch into
main as the approver. Main holds only approved content. Nothing here checks a branch out: commits
are made through a private index (git plumbing), so the content folder's working tree never shows
unapproved work; after each approval it follows main by a two-tree `read-tree -u`, which refuses
to overwrite a change made by hand.

A writer names the head it read (`expected`): if someone else's commit came in between, the
branch is not moved and Conflict says so, so no save silently replaces another.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ZERO = "0" * 40
BRANCH_PREFIX = "cms/"
_BATCH_HEADER = 3  # `<blob> blob <size>`
_SAFE_REF_PART = re.compile(r"^[A-Za-z0-9._\-/]+$")


class GitError(Exception):
    """git refused, in words an administrator can act on."""


class Conflict(GitError):
    """The branch moved after the writer read it, or an approval's changes collide with main's."""


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class Revision:
    """One commit that touched a file: who, when, what was said, the file's text then."""

    commit: str
    author: str
    email: str
    date: str  # ISO 8601 with the offset git recorded
    message: str
    diff: str


def entry_branch(collection: str, slug: str) -> str:
    """Decap's branch for an unpublished entry; refused when a name could leave refs/heads/cms/."""
    name = f"{BRANCH_PREFIX}{collection}/{slug}"
    parts = PurePosixPath(name).parts
    if (
        not _SAFE_REF_PART.match(name)
        or ".." in name
        or any(part.startswith(".") or part.endswith(".lock") for part in parts)
        or name.endswith("/")
    ):
        raise GitError(f"tên mục không hợp lệ: {collection}/{slug}")
    return name


def read_blobs(repo: str | Path, blobs: list[str]) -> Iterator[bytes]:
    """Each blob's bytes, in order, from one `git cat-file --batch`."""
    if not blobs:
        return
    reader = subprocess.Popen(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"},
    )
    assert reader.stdin is not None and reader.stdout is not None
    asking_for = reader.stdin

    def ask() -> None:
        try:
            for blob in blobs:
                asking_for.write(blob.encode() + b"\n")
        except BrokenPipeError:
            pass
        finally:
            with contextlib.suppress(BrokenPipeError):
                asking_for.close()

    asking = threading.Thread(target=ask, daemon=True)
    asking.start()
    try:
        for blob in blobs:
            header = reader.stdout.readline().split()
            if len(header) != _BATCH_HEADER or header[1] != b"blob":
                raise GitError(f"git cat-file không đọc được {blob}")
            data = reader.stdout.read(int(header[2]))
            reader.stdout.read(1)  # the newline after each object
            yield data
    finally:
        reader.stdout.close()
        if reader.poll() is None:
            reader.kill()
        asking.join()
        reader.wait()


def adopt_main(repo: str | Path, main: str = "main") -> None:
    """A repository whose first branch has another name (git's default `master`) gets `main` at
    the same commit and checked out: the shared editor's approved content is always on `main`."""
    folder = Path(repo)

    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)

    if git("rev-parse", "--verify", "-q", f"refs/heads/{main}").returncode == 0:
        return
    current = git("symbolic-ref", "-q", "HEAD").stdout.decode().strip()
    commit = git("rev-parse", "--verify", "-q", "HEAD^{commit}").stdout.decode().strip()
    if current.startswith("refs/heads/") and commit:
        git("update-ref", f"refs/heads/{main}", commit, ZERO)
        git("symbolic-ref", "HEAD", f"refs/heads/{main}")


class GitStore:
    """One repository; `main` is the branch the site is built from."""

    def __init__(self, repo: str | Path, main: str = "main") -> None:
        self.repo = Path(repo).resolve()
        self.main = main
        git_dir, top = (
            self._git("rev-parse", "--absolute-git-dir", "--show-toplevel").decode().split("\n")[:2]
        )
        if Path(top).resolve() != self.repo:  # a folder inside another repository (the project's own)
            raise GitError(
                f"{self.repo} không phải gốc của một kho git riêng (nó nằm trong kho {top}); tạo kho cho "
                f"thư mục nội dung: git -C {self.repo} init -b main && git -C {self.repo} add -A && "
                f"git -C {self.repo} commit -m 'Nội dung ban đầu'"
            )
        self.git_dir = Path(git_dir)
        if self.head(main) is None:
            raise GitError(
                f"kho {self.repo} chưa có nhánh {main}: tạo bằng 'git commit' đầu tiên trên {main}"
            )

    # -- reading ---------------------------------------------------------------------------------

    def _git(self, *args: str, data: bytes | None = None, env: Mapping[str, str] | None = None) -> bytes:
        environment = {
            **os.environ,
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_CONFIG_NOSYSTEM": "1",
            "LC_ALL": "C",
            **(env or {}),
        }
        result = subprocess.run(
            ["git", "-C", str(self.repo), "-c", "core.quotepath=false", *args],
            input=data,
            capture_output=True,
            env=environment,
            check=False,
        )
        if result.returncode != 0:
            raise GitError(f"git {args[0]}: {result.stderr.decode(errors='replace').strip()}")
        return result.stdout

    def head(self, branch: str) -> str | None:
        try:
            return (
                self._git("rev-parse", "--verify", "-q", f"refs/heads/{branch}^{{commit}}").decode().strip()
            )
        except GitError:
            return None

    def read(self, ref: str, path: str) -> bytes | None:
        """A file's bytes at `ref` (a branch or a commit), None when it has none there (or a folder)."""
        try:
            return self._git("cat-file", "blob", f"{ref}:{path}")
        except GitError:
            return None

    def read_folder(self, ref: str, folder: str) -> dict[str, bytes]:
        """Every file under `folder` at `ref` and its bytes, read in one batch (a listing of
        thousands of posts is one git process, not two a file)."""
        listed = self._git("ls-tree", "-r", "-z", ref, "--", folder)
        entries = []
        for record in listed.decode().split("\0"):
            info, _, path = record.partition("\t")
            if path and info.split(" ")[1:2] == ["blob"]:
                entries.append((path, info.split(" ")[2]))
        blobs = read_blobs(self.repo, [blob for _, blob in entries])
        return {path: data for (path, _), data in zip(entries, blobs, strict=True)}

    def branches(self) -> dict[str, str]:
        """The entries' branches and their heads."""
        listed = self._git(
            "for-each-ref", "--format=%(refname:strip=2) %(objectname)", f"refs/heads/{BRANCH_PREFIX}"
        )
        return dict(line.split(" ", 1) for line in listed.decode().splitlines() if line)

    def changed(self, branch: str) -> list[tuple[str, str]]:
        """What an entry's branch changes against main since they parted: (A/M/D, path)."""
        return self.diff_names(f"{self.main}...{branch}")

    def diff_names(self, *revisions: str) -> list[tuple[str, str]]:
        """What changed between `revisions` (an old and a new commit, or "a...b"): (A/M/D, path)."""
        listed = self._git("diff", "--name-status", "-z", "--no-renames", *revisions, "--")
        fields = [f for f in listed.decode().split("\0") if f]
        return [(fields[i][0], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]

    def date_of(self, ref: str) -> str:
        """When the commit at `ref` was made (ISO 8601 with git's recorded offset)."""
        return self._git("log", "-1", "--format=%aI", ref).decode().strip()

    # -- writing ---------------------------------------------------------------------------------

    def mark_as_editor_repository(self) -> None:
        """`git config portal.editor-server true`: builds of this folder read main's tree."""
        self._git("config", "portal.editor-server", "true")

    def commit(
        self,
        branch: str,
        changes: Mapping[str, bytes | None],
        author: Person,
        message: str,
        expected: str | None = None,
    ) -> str:
        """Commit `changes` (path → bytes, None to delete) on `branch` (started from main when it
        is new) as `author`; the new head. `expected`: the head the writer read (ZERO: the branch
        must not exist yet); a branch that moved since is Conflict, and nothing is written."""
        current = self.head(branch)
        if expected is not None and (current or ZERO) != expected:
            raise Conflict(f"nhánh {branch} đã có thay đổi mới hơn")
        parent = current or self.head(self.main)
        assert parent is not None  # main is there (checked when opened)
        for path, data in changes.items():
            if data is not None:
                self._no_file_becomes_a_folder(parent, path)
        with tempfile.TemporaryDirectory(prefix="portal-index-") as folder:
            env = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            self._git("read-tree", parent, env=env)
            lines = []
            for path, data in changes.items():
                if data is None:
                    lines.append(f"0 {ZERO}\t{path}")
                else:
                    blob = self._git("hash-object", "-w", "--stdin", data=data).decode().strip()
                    lines.append(f"100644 {blob}\t{path}")
            if lines:
                self._git(
                    "update-index", "-z", "--index-info", data="\0".join(lines).encode() + b"\0", env=env
                )
            tree = self._git("write-tree", env=env).decode().strip()
        if current and tree == self._git("rev-parse", f"{current}^{{tree}}").decode().strip():
            return current  # saved again as it was: no empty commit
        return self._advance(branch, tree, [parent], author, message, current)

    def _no_file_becomes_a_folder(self, commit: str, path: str) -> None:
        """Writing `path` must not turn a file above it into a folder (deleting that file) nor
        replace a folder: a save writes files, nothing else."""
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            here = "/".join(parts[:depth])
            try:
                kind = self._git("cat-file", "-t", f"{commit}:{here}").decode().strip()
            except GitError:
                return  # not there: nothing below it is either
            if (kind == "blob") != (depth == len(parts)):
                raise GitError(f"{path}: {here} là {'tệp' if kind == 'blob' else 'thư mục'} đã có")

    def merge(self, branch: str, approver: Person, message: str) -> str:
        """Approve: merge the entry's branch into main as `approver`, delete the branch and bring
        the working tree along when it has main checked out. Conflict when main changed the same
        lines since the entry's branch parted from it."""
        entry, before = self.head(branch), self.head(self.main)
        if entry is None:
            raise GitError(f"không có nhánh {branch}")
        assert before is not None
        try:
            tree = self._git("merge-tree", "--write-tree", "--no-messages", before, entry).decode().split()[0]
        except GitError as error:
            raise Conflict(f"nội dung của {branch} xung đột với bản đã đăng: {error}") from None
        after = self._advance(self.main, tree, [before, entry], approver, message, before)
        self._git("update-ref", "-d", f"refs/heads/{branch}", entry)
        self.follow_main(before, after)
        return after

    def delete_branch(self, branch: str) -> None:
        head = self.head(branch)
        if head is not None:
            self._git("update-ref", "-d", f"refs/heads/{branch}", head)

    def _advance(
        self, branch: str, tree: str, parents: list[str], author: Person, message: str, old: str | None
    ) -> str:
        who = {
            "GIT_AUTHOR_NAME": author.name,
            "GIT_AUTHOR_EMAIL": author.email,
            "GIT_COMMITTER_NAME": author.name,
            "GIT_COMMITTER_EMAIL": author.email,
        }
        arguments = [argument for parent in parents for argument in ("-p", parent)]
        commit = self._git("commit-tree", tree, *arguments, "-F", "-", data=message.encode(), env=who)
        new = commit.decode().strip()
        try:  # moved only from `old`: a writer in between makes this fail, not vanish
            self._git("update-ref", f"refs/heads/{branch}", new, old or ZERO)
        except GitError:
            raise Conflict(f"nhánh {branch} đã có thay đổi mới hơn") from None
        return new

    def follow_main(self, before: str, after: str) -> None:
        """The working tree of a non-bare repository with main checked out follows main."""
        if self._git("rev-parse", "--is-bare-repository").decode().strip() == "true":
            return
        try:
            checked_out = self._git("symbolic-ref", "-q", "HEAD").decode().strip()
        except GitError:
            return
        if checked_out == f"refs/heads/{self.main}":
            self._git("read-tree", "-m", "-u", before, after)

    # -- a file's whole story (invoke history) ---------------------------------------------------

    def file_log(self, path: str, ref: str | None = None, limit: int = 50) -> list[tuple[Revision, bool]]:
        """Every commit reachable from `ref` (main by default) that changed `path` (relative to
        the folder the store was opened on, taken literally), newest first, each approval just
        above the edits it brought in: (revision, True for an approval's merge). A merge's diff is
        what it brought into `ref`; a merge that brought nothing to this file is left out."""
        fmt = "%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f"
        listed = self._git(
            "log",
            "--full-history",
            "--topo-order",
            "--diff-merges=first-parent",
            "-p",
            "--no-color",
            "--no-ext-diff",
            f"--format={fmt}",
            ref or self.main,
            "--",
            f":(literal){path}",
        )
        found: list[tuple[Revision, bool]] = []
        for record in listed.decode(errors="replace").split("\x1e")[1:]:
            commit, parents, author, email, date, message, diff = record.split("\x1f", 6)
            merge = len(parents.split()) > 1
            if merge and not diff.strip():
                continue
            found.append((Revision(commit, author, email, date, message, diff.strip("\n")), merge))
            if len(found) >= limit:
                break
        return found

    def branches_changing(self, path: str) -> list[str]:
        """The entries' branches whose changes against main touch `path` (relative to the folder
        the store was opened on)."""
        prefix = self._git("rev-parse", "--show-prefix").decode().strip()
        return sorted(
            branch
            for branch in self.branches()
            if any(changed == prefix + path for _, changed in self.changed(branch))
        )

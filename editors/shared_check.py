"""The checker's word on an unpublished entry of the shared editor (issue 26): main as it would be
once the entry is approved.

The shared editor never writes an unapproved entry in the content folder. To check one, main's
files are kept in a private folder (`<git dir>/portal-check/content`, kept as main by the same
code that writes a build's copy, builder.main_tree.export_tree), the entry's files are laid over
them, the checker runs there (with its memo: only what changed is read again) and main's files
are put back. It is not the build's copy: a build never sees an entry laid over for a check. The answer is
the one `invoke edit` gives after a save (editors.editor.EditorSite.last_save), from the same
code, and the report status dialog reads the same folder.

Under load (many people saving at once, bench/editor_load.py) two things keep the wait short:

- The folder is walked and compared with main's tree (export_tree) only when main has moved since
  it was last made main's; after a check only the files laid over are put back (their bytes as
  they were, files that main has not removed, folders made for them removed), so a check at
  5,000 posts no longer pays two walks of the whole folder.
- Checks wait their turn in the order they were asked (one checker run at a time: the folder is
  one). Those of the same entry waiting together are answered by one run, made after all of them
  were asked, with the branch's head as it is then: the answer each would have had alone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import threading
from collections import OrderedDict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from builder.main_tree import export_tree
from portal.checker import CheckMemo, ContentCheck
from portal.content_files import ContentTree, scan
from portal.git_store import GitStore

from .editor import EditorSite

MEMOS = 32  # entries whose memo is kept (each shares main's values: ~2 MB of keys at 5,000 posts)


@dataclass
class _Waiting:
    """One entry's checks waiting together for one run of the checker."""

    branch: str
    done: bool = False
    answer: dict[str, Any] = field(default_factory=dict)
    error: Exception | None = None


@dataclass
class _Before:
    """A file of main's as it was before an entry's file was laid over it (data None: none)."""

    data: bytes | None
    mode: int = 0o644


class CheckTree:
    def __init__(self, store: GitStore, **overrides: Any) -> None:
        self.store = store
        self.root = store.git_dir / "portal-check"
        self.folder = self.root / "content"
        self.overrides = overrides
        self._site: EditorSite | None = None
        self.lock = threading.Lock()  # one checker run at a time on the folder; saves go on meanwhile
        self._synced: str | None = None  # the main commit the folder holds exactly, None: not known
        self._queue: deque[_Waiting] = deque()  # checks of entries, in the order they were asked
        self._turns = threading.Condition()
        self._running = False  # a thread is answering the oldest waiting checks
        self._dirty = False  # a put-back left the folder other than main's: export_tree it
        self._main_memo: CheckMemo | None = None  # the memo of checks of main alone
        self._tree: ContentTree | None = None  # the folder's scan while it holds main's files
        self._memos: OrderedDict[str, CheckMemo] = OrderedDict()  # each entry's, least recent first

    def site(self) -> EditorSite:
        """The checker over main's files (made once: its memo is what keeps it fast)."""
        self._follow_main()
        if self._site is None:
            self._site = EditorSite(self.folder, "", "http://127.0.0.1/", **self.overrides)
        return self._site

    def _follow_main(self) -> None:
        """The folder holds exactly main's files (builder.main_tree.export_tree, as a build's copy:
        incremental, and anything laid over it since is put back). Walked only when main moved
        since the folder was last made main's, or when a put-back may not have finished."""
        head = self.store.head(self.store.main)
        assert head is not None
        if head == self._synced and self.folder.is_dir():
            return
        self._synced = self._tree = None
        self.root.mkdir(exist_ok=True)
        export_tree(self.store.repo, head, self.folder)
        self._synced = head

    def _target(self, path: str) -> Path | None:
        parts = PurePosixPath(path).parts
        if not parts or any(p in ("", ".", "..") for p in parts):
            return None
        return self.folder.joinpath(*parts)

    def _clear_way(self, target: Path, made: list[Path]) -> None:
        """Real folders down to `target` and nothing but a regular file at it: a link or a file of
        main's where the entry needs a folder, or a link or folder where it has a file, is removed
        (and the whole folder made main's again afterwards, _dirty); folders made are recorded."""
        here = self.folder
        for part in target.relative_to(self.folder).parts[:-1]:
            here = here / part
            if here.is_symlink() or (here.exists() and not here.is_dir()):
                here.unlink()
                self._dirty = True
            if not here.exists():
                here.mkdir()
                made.append(here)
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.exists():
            shutil.rmtree(target)
            self._dirty = True

    def _lay_over(self, head: str, changed: list[str], before: dict[Path, _Before], made: list[Path]) -> None:
        """The entry's files written over main's, recording first what each replaced (a regular
        file's bytes and mode, or nothing) and the folders made, so _put_back undoes exactly this."""
        for path in changed:
            target = self._target(path)
            if target is None or target in before:
                continue
            data = self.store.read(head, path)
            try:
                info = os.lstat(target)
            except (FileNotFoundError, NotADirectoryError):
                before[target] = _Before(None)
            else:
                if stat.S_ISREG(info.st_mode):
                    before[target] = _Before(target.read_bytes(), stat.S_IMODE(info.st_mode))
                else:  # a link or a folder of main's: put back by export_tree
                    before[target] = _Before(None)
                    self._dirty = True
            if data is None:
                with contextlib.suppress(FileNotFoundError, NotADirectoryError, IsADirectoryError):
                    target.unlink()
                continue
            self._clear_way(target, made)
            _write_new(target, data, 0o644)

    def _put_back(self, before: dict[Path, _Before], made: list[Path]) -> None:
        """main's files as they were before _lay_over; the folders it made removed."""
        for target, was in before.items():
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                target.unlink()
            if was.data is not None:
                _write_new(target, was.data, was.mode)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                self._dirty = True  # not empty: export_tree knows what belongs there

    def _memo_of(self, branch: str, site: EditorSite) -> CheckMemo:
        """The entry's own memo: what its last check kept, else a copy of main's. Consecutive checks
        of different entries see different files and addresses, which makes one shared memo read
        every body again each time (~2 s at 5,000 posts); an entry checked again after an edit
        finds its own files and addresses as it left them."""
        memo = self._memos.pop(branch, None)
        if memo is None:
            memo = (self._main_memo if self._main_memo is not None else site.memo).fork()
        self._memos[branch] = memo  # the most recently used last
        while len(self._memos) > MEMOS:
            self._memos.popitem(last=False)
        return memo

    def _main_tree(self, site: EditorSite) -> ContentTree:
        """The scan of main's files in the folder, made once per main: only this code writes the
        folder, so after a check only the files it laid over are looked at again."""
        if self._tree is None:
            self._tree = scan(site.content, site.shown_dir, self._ignored(site))
        return self._tree

    def _rescanned(self, tree: ContentTree, changed: list[str], site: EditorSite) -> ContentTree | None:
        return None if self._dirty else tree.rescanned(changed, self._ignored(site))

    @staticmethod
    def _ignored(site: EditorSite) -> list[str]:
        return list(site.settings.get("IGNORE_FILES", [".*"]))

    def _answer(self, branch: str) -> dict[str, Any]:
        """One run of the checker on the entry's files laid over main's (self.lock held)."""
        site = self.site()  # the folder is main's (self._synced)
        main_tree = self._main_tree(site)
        if self._main_memo is None:
            self._main_memo = site.memo
        site.memo = self._memo_of(branch, site)
        head = self.store.head(branch) or ""
        changed = [path for _, path in self.store.changed(head)] if head else []
        before: dict[Path, _Before] = {}
        made: list[Path] = []
        synced, self._synced, self._dirty = self._synced, None, False  # until main's files are back
        try:
            self._lay_over(head, changed, before, made)
            site.tree = self._rescanned(main_tree, changed, site)
            site.saved = [p for p in changed if p.endswith(".md")]
            answer = site.last_save()
        finally:
            site.saved, site.tree = [], None
            site.memo = self._main_memo
            self._put_back(before, made)
            self._tree = self._rescanned(main_tree, changed, site)  # main's files, put back anew
            if not self._dirty:
                self._synced = synced
            self._follow_main()
        answer["pages"] = []  # no preview of an unpublished entry: it is seen once approved
        return answer

    def check_entry(self, branch: str) -> dict[str, Any]:
        """The checker's answer on the entry's files, as main would be with them approved."""
        with self._turns:
            waiting = next((w for w in self._queue if w.branch == branch), None)
            if waiting is None:
                waiting = _Waiting(branch)
                self._queue.append(waiting)
            while not waiting.done:
                if self._running:
                    self._turns.wait()
                    continue
                turn = self._queue.popleft()  # the oldest first, whoever asked for it
                self._running = True
                self._turns.release()
                try:
                    with self.lock:
                        turn.answer = self._answer(turn.branch)
                except Exception as error:  # noqa: BLE001 (raised in every thread it answers)
                    turn.error = error
                finally:
                    self._turns.acquire()
                    self._running = False
                    turn.done = True
                    self._turns.notify_all()
        if waiting.error is not None:
            raise waiting.error
        return dict(waiting.answer)

    def check_main(self) -> dict[str, Any]:
        """The checker's answer with nothing saved yet: main's own errors."""
        with self.lock, self._main_site() as site:
            return site.last_save() | {"pages": []}

    def main_check(self) -> ContentCheck:
        """The check of main alone (its documents for a post's pick-list, …)."""
        with self.lock, self._main_site() as site:
            return site.check()

    @contextlib.contextmanager
    def _main_site(self) -> Iterator[EditorSite]:
        """The checker over main's files, their scan known (self.lock held)."""
        site = self.site()
        site.tree = self._main_tree(site)
        try:
            yield site
        finally:
            site.tree = None

    def report_status_reply(self, query: str) -> tuple[int, bytes]:
        with self.lock:
            return self.site().report_status_reply(query)


def _write_new(target: Path, data: bytes, mode: int) -> None:
    """A new file (never a write through a link, nor into a file main's copy might share)."""
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.chmod(target, mode)  # as export_tree leaves it, whatever the umask

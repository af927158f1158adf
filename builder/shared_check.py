"""The checker's word on an unpublished entry of the shared editor (issue 26): main as it would be
once the entry is approved.

The shared editor never writes an unapproved entry in the content folder. To check one, main's
files are kept in a private folder (`<git dir>/portal-check/content`, kept as main by the same
code that writes a build's copy, builder.main_tree.export_tree), the entry's files are laid over
them, the checker runs there (with its memo: only what changed is read again) and main's files
are put back. It is not the build's copy: a build never sees an entry laid over for a check. The answer is
the one `invoke edit` gives after a save (builder.editor.EditorSite.last_save), from the same
code, and the report status dialog reads the same folder.
"""

from __future__ import annotations

import threading
from pathlib import PurePosixPath
from typing import Any

from portal.git_store import GitStore

from .editor import EditorSite
from .main_tree import export_tree


class CheckTree:
    def __init__(self, store: GitStore, **overrides: Any) -> None:
        self.store = store
        self.root = store.git_dir / "portal-check"
        self.folder = self.root / "content"
        self.overrides = overrides
        self._site: EditorSite | None = None
        self.lock = threading.Lock()  # one check at a time on the folder; saves go on meanwhile

    def site(self) -> EditorSite:
        """The checker over main's files (made once: its memo is what keeps it fast)."""
        self._follow_main()
        if self._site is None:
            self._site = EditorSite(self.folder, "", "http://127.0.0.1/", **self.overrides)
        return self._site

    def _follow_main(self) -> None:
        """The folder holds exactly main's files (builder.main_tree.export_tree, as a build's copy:
        incremental, and anything laid over it since is put back)."""
        head = self.store.head(self.store.main)
        assert head is not None
        self.root.mkdir(exist_ok=True)
        export_tree(self.store.repo, head, self.folder)

    def _put(self, path: str, data: bytes | None) -> None:
        parts = PurePosixPath(path).parts
        if not parts or any(p in ("", ".", "..") for p in parts):
            return
        target = self.folder.joinpath(*parts)
        if data is None:
            target.unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def check_entry(self, branch: str) -> dict[str, Any]:
        """The checker's answer on the entry's files, as main would be with them approved."""
        with self.lock:
            site = self.site()
            head = self.store.head(branch) or ""
            changed = [path for _, path in self.store.changed(head)] if head else []
            try:
                for path in changed:
                    self._put(path, self.store.read(head, path))
                site.saved = [p for p in changed if p.endswith(".md")]
                answer = site.last_save()
            finally:
                site.saved = []
                self._follow_main()
        answer["pages"] = []  # no preview of an unpublished entry: it is seen once approved
        return answer

    def check_main(self) -> dict[str, Any]:
        """The checker's answer with nothing saved yet: main's own errors."""
        with self.lock:
            return self.site().last_save() | {"pages": []}

    def report_status_reply(self, query: str) -> tuple[int, bytes]:
        with self.lock:
            return self.site().report_status_reply(query)

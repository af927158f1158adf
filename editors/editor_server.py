"""`invoke editor-server`: the web editor for the whole department (issue 26, DESIGN.md contract 13).

Many people, one content repository. A Starlette application (served by uvicorn) in front of the
same Decap CMS page as `invoke edit`, speaking Decap's proxy protocol with the editorial workflow
at `/api/v1`, answered here over the git store (portal.git_store), never by decap-server:

- **Accounts and sessions**: `POST /login` (form fields `login`, `password`) opens a session: a
  random token in an HttpOnly, Secure, SameSite=Strict cookie, forgotten after
  EDITOR_SESSION_IDLE_MINUTES without a request or EDITOR_SESSION_HOURS in all, and at once when
  the account is disabled. Failed logins are counted per login and per address (Throttle): after
  a few, each try must wait, and after LOCK_FAILURES the login is locked for a while.
- **Cross-site requests** are refused: every request that changes something carries the
  session's CSRF token (cookie `csrftoken`, echoed in the `X-CSRFToken` header) and, when the
  browser says where it comes from (Origin, Sec-Fetch-Site), comes from this site.
- **Roles** (portal.roles) are asked before every action: a contributor lists, reads and writes
  only its own unit's entries; only an approver (and the Office, for activities and period
  reports) publishes.
- **Workflow**: a save is a commit on the entry's branch authored by the person; publishing
  merges into main as the approver; main holds only approved content, so `invoke build` of the
  content folder (its working tree follows main) shows nothing unapproved. Notes on an entry
  (Decap's notes pane) carry an approver's reason for returning it.
- **No lost write**: the server remembers, per session, the text each person was shown; a save
  over a text that changed since is refused (409) and the person keeps what they wrote.

Without a session every path but the login page answers 401 (the API) or a redirect to it.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import html
import json
import logging
import mimetypes
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import anyio
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from builder.settings import load_settings
from portal.accounts import MIN_PASSWORD, Account, AccountError, AccountStore
from portal.activities import ACTIVITY_KEYS
from portal.cms_config import ACTIVITY_FOLDER, RESEARCH_FOLDER, editor_config, plan_days, spellings
from portal.content_files import publishing_rule
from portal.dates import now_local
from portal.documents import DEFAULT_TYPES
from portal.git_store import (
    BRANCH_PREFIX,
    ZERO,
    Conflict,
    GitError,
    GitStore,
    Person,
    adopt_main,
    entry_branch,
)
from portal.plans import PlanSet, load_plans
from portal.posts import POST_KEYS, parse_header
from portal.roles import (
    ACTIVITIES,
    DOCUMENTS,
    PAGES,
    POSTS,
    RESEARCH_TASKS,
    UNIT_KINDS,
    UNIT_REPORTS,
    kind_of,
    may_publish,
    may_read,
    may_see_drafts_of_everyone,
    may_write,
)
from portal.unit_reports import UNIT_REPORTS_FOLDER
from portal.workflow import (
    DRAFT,
    MAX_NOTES,
    PENDING_PUBLISH,
    PENDING_REVIEW,
    STATUSES,
    EntryRecord,
    WorkflowStore,
    new_note,
)

from .editor import (
    ADMIN,
    DECAP_DIST,
    EDITOR,
    ENTRY_FOLDERS,
    THEME_IMAGES,
    UPLOAD_FOLDERS,
    EditorSite,
    Limits,
    Refused,
    clean_path,
    sha256_hex,
    vet_unit_report,
)
from .history import local_time
from .shared_check import CheckTree

log = logging.getLogger("portal.editor_server")

SESSION_COOKIE = "portal_session"
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrftoken"
FREE_FAILURES = 5  # wrong passwords before each try must wait
LOCK_FAILURES = 10  # wrong passwords (within FAILURE_WINDOW) that lock the login
FAILURE_WINDOW = 15 * 60  # seconds a failure is remembered
LOCK_SECONDS = 15 * 60
ADDRESS_FAILURES = 50  # from one address, whatever logins it tries
FOLDER_KINDS = {
    "posts": POSTS,
    "pages": PAGES,
    "van-ban": DOCUMENTS,
    ACTIVITY_FOLDER: ACTIVITIES,
    UNIT_REPORTS_FOLDER: UNIT_REPORTS,
    RESEARCH_FOLDER: RESEARCH_TASKS,
}
# Folders whose web editor collection is named otherwise (portal.cms_config's names).
COLLECTIONS = {"van-ban": DOCUMENTS, ACTIVITY_FOLDER: ACTIVITIES, RESEARCH_FOLDER: RESEARCH_TASKS}
ENTRY_KEYS = POST_KEYS | ACTIVITY_KEYS
# The protocol's actions that change the repository or the workflow: one at a time (SharedEditor.lock).
CHANGES = {
    "persistEntry",
    "updateUnpublishedEntryStatus",
    "publishUnpublishedEntry",
    "deleteUnpublishedEntry",
    "deleteFile",
    "deleteFiles",
    "addNote",
    "updateNote",
    "deleteNote",
    "toggleNoteResolution",
}
VERIFYING_AT_ONCE = 2  # password checks at once, each holding argon2's 64 MiB
MAX_OPEN_ENTRIES = 200  # unpublished entries one person may have started


class Denied(Exception):
    """A request the person may not make: (HTTP status, Vietnamese message)."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


# --- sessions and throttling ------------------------------------------------------------------


@dataclass
class Session:
    token: str
    login: str
    csrf: str
    created: float
    seen: float
    password: str  # the account's password hash when it signed in: a changed password ends it
    # What this person was shown, path → sha256 (or None: shown that it is not there), per branch:
    # a save over a text that changed since is refused (no lost write).
    shown: dict[tuple[str, str], str | None] = field(default_factory=dict)
    last_saved: str | None = None  # the branch of this person's last save, for /api/check


class Sessions:
    def __init__(self, idle_seconds: float, lifetime_seconds: float, clock: Callable[[], float]) -> None:
        self.idle, self.lifetime, self.clock = idle_seconds, lifetime_seconds, clock
        self.by_token: dict[str, Session] = {}
        self.lock = threading.Lock()

    def open(self, account: Account) -> Session:
        now = self.clock()
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        session = Session(token, account.login, csrf, now, now, account.password_hash)
        with self.lock:
            self.by_token[session.token] = session
        return session

    def get(self, token: str | None) -> Session | None:
        if not token:
            return None
        now = self.clock()
        with self.lock:
            session = self.by_token.get(token)
            if session is None:
                return None
            if now - session.seen > self.idle or now - session.created > self.lifetime:
                del self.by_token[token]
                return None
            session.seen = now
            return session

    def close(self, token: str) -> None:
        with self.lock:
            self.by_token.pop(token, None)

    def close_others(self, login: str, keep: str) -> None:
        """Every session of `login` but the one `keep` (a changed password ends the others)."""
        with self.lock:
            for token in [t for t, s in self.by_token.items() if s.login == login and t != keep]:
                del self.by_token[token]


class Throttle:
    """Wrong passwords, counted before the password is even checked (so tries sent at once are
    counted at once). From one address, a login failing LOCK_FAILURES times is locked there for
    LOCK_SECONDS, even to the right password. Elsewhere, a login failing FREE_FAILURES times, or an
    address failing ADDRESS_FAILURES times, makes each next try wait (doubling, up to a minute):
    slowed, not locked, so nobody can lock another person out from elsewhere for long."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.failures: dict[str, deque[float]] = defaultdict(deque)
        self.lock = threading.Lock()

    def _window(self, key: str, now: float) -> deque[float]:
        times = self.failures[key]
        while times and now - times[0] > max(FAILURE_WINDOW, LOCK_SECONDS):
            times.popleft()
        return times

    def attempt(self, login: str, address: str) -> int:
        """0 and the try counted as a failure until `succeeded`; or the seconds to wait first."""
        now = self.clock()
        keys = (f"pair:{login}|{address}", f"login:{login}", f"address:{address}")
        with self.lock:
            pair, by_login, by_address = (self._window(key, now) for key in keys)
            waits = [0.0]
            recent = [t for t in pair if now - t <= FAILURE_WINDOW]
            if len(recent) >= LOCK_FAILURES:
                waits.append(pair[-1] + LOCK_SECONDS - now)
            for times, free in ((by_login, FREE_FAILURES), (by_address, ADDRESS_FAILURES)):
                window = [t for t in times if now - t <= FAILURE_WINDOW]
                if len(window) >= free:
                    waits.append(times[-1] + min(60, 2 ** (len(window) - free + 1)) - now)
            wait = max(0, int(max(waits) + 0.999))
            if not wait:
                for key in keys:
                    self.failures[key].append(now)
            return wait

    def succeeded(self, login: str, address: str) -> None:
        """The right password: this login's failures are forgotten (not the address's)."""
        with self.lock:
            self.failures.pop(f"pair:{login}|{address}", None)
            self.failures.pop(f"login:{login}", None)
            times = self.failures.get(f"address:{address}")
            if times:
                times.pop()  # this try, counted in advance


# --- the editor's content ---------------------------------------------------------------------


def entry_kind(path: str) -> str | None:
    return FOLDER_KINDS.get(path.split("/", 1)[0])


class SharedEditor:
    """What the server knows: the repository, the accounts, the workflow, the sessions."""

    def __init__(
        self,
        content: str | Path,
        accounts: str | Path,
        *,
        clock: Callable[[], float] = time.time,
        secure_cookies: bool = True,
        **overrides: Any,
    ) -> None:
        self.content = Path(content).resolve()
        adopt_main(self.content)  # a repository made with `git init` alone may start on master
        self.store = GitStore(self.content)
        # Marks the repository as the shared editor's from the start: builds then read main's tree
        # (builder.main_tree), even before the first save leaves a workflow record.
        self.store.mark_as_editor_repository()
        self.accounts = AccountStore(accounts)
        self.workflow = WorkflowStore(self.store.git_dir / "portal-workflow.json")
        self.settings = load_settings(self.content, **overrides)
        self.uploadable = publishing_rule(self.settings)
        self.limits = Limits.from_settings(self.settings)
        idle = float(self.settings.get("EDITOR_SESSION_IDLE_MINUTES", 60)) * 60
        lifetime = float(self.settings.get("EDITOR_SESSION_HOURS", 12)) * 3600
        self.sessions = Sessions(idle, lifetime, clock)
        self.throttle = Throttle(clock)
        self.verifying = anyio.Semaphore(VERIFYING_AT_ONCE)
        self.secure_cookies = secure_cookies
        self.lock = threading.RLock()  # one change of the repository at a time
        self.checks = CheckTree(self.store, **overrides)
        self._plans: tuple[str, PlanSet] | None = None

    # -- who is asking ---------------------------------------------------------------------------

    def account_of(self, request: Request) -> tuple[Session, Account] | None:
        session = self.sessions.get(request.cookies.get(SESSION_COOKIE))
        if session is None:
            return None
        try:
            account = self.accounts.get(session.login)
        except AccountError:
            return None
        if account is None or account.disabled or account.password_hash != session.password:
            self.sessions.close(session.token)
            return None
        return session, account

    def plans(self) -> PlanSet:
        """The plans on main, read again when main moves."""
        head = self.store.head(self.store.main) or ""
        if self._plans is None or self._plans[0] != head:
            self._plans = (head, load_plans(self.content / "plans")[0])
        return self._plans[1]

    def unit_of(
        self, kind: str | None, path: str, data: bytes | None, plans: PlanSet | None = None
    ) -> str | None:
        """The unit an entry belongs to: a period report's file name, else its `Unit:` line as the
        checker and the build read it (portal.posts.parse_header: a continuation line is part of
        the value above it), an id or a name of the plans' units, as id; None when it names none."""
        if kind == UNIT_REPORTS:
            return PurePosixPath(path).stem
        if kind not in UNIT_KINDS or data is None:
            return None
        header, _ = parse_header(data.decode("utf-8", errors="replace"), path, ENTRY_KEYS)
        value = header.values.get("unit")
        if not value:
            return None
        for plan in plans if plans is not None else self.plans():
            unit = plan.unit(value)
            if unit is not None:
                return unit.id
        return value

    # -- the protocol ----------------------------------------------------------------------------

    def api(self, session: Session, account: Account, body: Any) -> Any:
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            raise Denied("yêu cầu không hợp lệ", 400)
        params = body.get("params") or {}
        if not isinstance(params, dict):
            raise Denied("yêu cầu không hợp lệ", 400)
        handler = getattr(self, f"do_{body['action']}", None)
        if handler is None:
            raise Denied(f"thao tác không được phép: {body['action'][:40]!r}", 422)
        if body["action"] not in CHANGES:  # reading git needs no turn: refs move atomically
            return handler(session, account, params)
        with self.lock:
            return handler(session, account, params)

    def do_info(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        return {"repo": self.content.name, "publish_modes": ["editorial_workflow"], "type": "local_git"}

    def do_getDeployPreview(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        return None

    def _entry(
        self,
        session: Session,
        account: Account,
        ref: str,
        path: str,
        data: bytes | None,
        plans: PlanSet | None = None,
    ) -> dict[str, Any] | None:
        """{data, file} of an entry file (its bytes at `ref`, `data`) the account may read,
        remembered as shown."""
        kind = entry_kind(path)
        if kind is None or not may_read(account, kind, self.unit_of(kind, path, data, plans)):
            return None
        session.shown[(ref, path)] = sha256_hex(data) if data is not None else None
        return {
            "data": data.decode("utf-8", errors="replace") if data is not None else None,
            "file": {"path": path, "id": sha256_hex(data) if data is not None else None},
        }

    def do_entriesByFolder(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        folder = _clean(params.get("folder"), ENTRY_FOLDERS)
        extension = str(params.get("extension") or "")
        depth = int(params.get("depth") or 1)
        base = len(PurePosixPath(folder).parts)
        plans = self.plans()
        entries = []
        for path, data in self.store.read_folder(self.store.main, folder).items():
            if path.endswith(extension) and len(PurePosixPath(path).parts) - base <= depth:
                entry = self._entry(session, account, self.store.main, path, data, plans)
                if entry is not None:
                    entries.append(entry)
        return entries

    def do_entriesByFiles(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        files = _list(params.get("files"))
        entries = []
        for item in files:
            path = _clean(item.get("path") if isinstance(item, dict) else None, ENTRY_FOLDERS)
            entry = self._entry(
                session, account, self.store.main, path, self.store.read(self.store.main, path)
            )
            if entry is not None:
                entries.append(entry | {"file": entry["file"] | {"label": item.get("label")}})
        return entries

    def do_getEntry(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        path = _clean(params.get("path"), ENTRY_FOLDERS)
        entry = self._entry(session, account, self.store.main, path, self.store.read(self.store.main, path))
        if entry is None:
            raise Denied("bạn không được xem mục này")
        return entry

    def _record(
        self, account: Account, params: dict[str, Any], write: bool = False
    ) -> tuple[str, EntryRecord]:
        collection, slug = params.get("collection"), params.get("slug")
        if params.get("id") and not (collection and slug):
            collection, _, slug = str(params["id"]).partition("/")
        if not isinstance(collection, str) or not isinstance(slug, str):
            raise Denied("yêu cầu không hợp lệ", 400)
        branch = _branch(collection, slug)
        record = self.workflow.get(branch)
        if record is None or self.store.head(branch) is None:
            raise Denied("không có bài nào đang chờ với tên này", 404)
        allowed = may_write if write else may_read
        if not allowed(account, record.kind, record.unit) and not may_publish(account, record.kind):
            raise Denied("đây là bài của đơn vị khác hoặc ngoài phần việc của bạn")
        return branch, record

    def do_unpublishedEntries(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        heads = self.store.branches()
        keys = []
        for branch, record in self.workflow.records().items():
            if branch not in heads:
                continue
            readable = may_read(account, record.kind, record.unit) or may_publish(account, record.kind)
            if readable and (may_see_drafts_of_everyone(account) or record.unit == account.unit):
                keys.append(branch.removeprefix("cms/"))
        return keys

    def do_unpublishedEntry(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        branch, record = self._record(account, params)
        collection, _, slug = branch.removeprefix("cms/").partition("/")
        diffs = []
        for status, path in self.store.changed(branch):
            binary = path.split("/", 1)[0] in UPLOAD_FOLDERS
            diffs.append(
                {
                    "oldPath": path,
                    "newPath": path,
                    "status": {"A": "added", "D": "deleted"}.get(status, "modified"),
                    "newFile": status == "A",
                    "path": path,
                    "id": path,
                    "binary": binary,
                }
            )
        return {
            "collection": collection,
            "slug": slug,
            "status": record.status,
            "diffs": diffs,
            "updatedAt": self.store.date_of(branch),
        }

    def do_unpublishedEntryDataFile(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        branch, _ = self._record(account, params)
        path = _clean(params.get("path"), ENTRY_FOLDERS)
        if path != entry_path(branch):  # an entry's branch answers for its own file only
            raise Denied("tệp này không thuộc bài đang mở", 403)
        data = self.store.read(branch, path)
        session.shown[(branch, path)] = sha256_hex(data) if data is not None else None
        return {"data": data.decode("utf-8", errors="replace") if data is not None else None}

    def do_unpublishedEntryMediaFile(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        branch, _ = self._record(account, params)
        path = _clean(params.get("path"), UPLOAD_FOLDERS)
        if path not in {changed for _, changed in self.store.changed(branch)}:
            raise Denied("tệp này không thuộc bài đang mở", 403)
        data = self.store.read(branch, path)
        if data is None:
            raise Denied("không có tệp này", 404)
        return EditorSite.media_reply(path, data)

    def do_getMedia(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        if not any(may_read(account, kind, account.unit or None) for kind in FOLDER_KINDS.values()):
            raise Denied("bạn không được xem ảnh và tệp")
        folder = _clean(params.get("mediaFolder"), UPLOAD_FOLDERS)
        found = self.store.read_folder(self.store.main, folder)
        return [
            EditorSite.media_reply(p, data) for p, data in found.items() if "/" not in p[len(folder) + 1 :]
        ]

    def do_getMediaFile(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        if not any(may_read(account, kind, account.unit or None) for kind in FOLDER_KINDS.values()):
            raise Denied("bạn không được xem ảnh và tệp")
        path = _clean(params.get("path"), UPLOAD_FOLDERS)
        data = self.store.read(self.store.main, path)
        if data is None:
            raise Denied("không có tệp này", 404)
        return EditorSite.media_reply(path, data)

    def do_persistEntry(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        """A save: one entry's file (where its collection keeps it: the branch is named from the
        path, never from what the page says), and new pictures or attachments uploaded with it."""
        options = _dict(params.get("options"))
        if not options.get("useWorkflow"):
            raise Denied("mọi bài đều qua duyệt: lưu bài rồi gửi duyệt", 422)
        path, text, kind, unit = self._entry_file(_list(params.get("dataFiles"), params.get("entry")))
        collection, slug = _collection_and_slug(path)
        if str(options.get("collectionName") or "") != collection:
            raise Denied("bộ sưu tập không khớp với thư mục của bài", 422)
        branch = _branch(collection, slug)
        record, head = self.workflow.get(branch), self.store.head(branch)
        changes: dict[str, bytes | None] = {path: text}
        changes |= self._assets(params.get("assets"), head or self.store.main)
        self._within_limits(changes)
        self._refuse_unless_theirs(account, kind, unit, record if head is not None else None, options)
        if head is None and self._open_entries(account.login) >= MAX_OPEN_ENTRIES:
            raise Denied(
                f"bạn đang có {MAX_OPEN_ENTRIES} bài chưa đăng: gửi duyệt hoặc xóa bớt rồi viết tiếp", 422
            )
        self._unchanged_since_shown(session, branch, head, [path])
        message = str(options.get("commitMessage") or f"Lưu {path}")[:500]
        try:
            new_head = self.store.commit(branch, changes, _person(account), message, expected=head or ZERO)
        except Conflict:
            raise Denied(CONFLICT_MESSAGE, 409) from None
        except GitError as error:
            raise Denied(f"không lưu được {path}: {error}", 422) from None
        if record is None or head is None:
            status = str(options.get("status") or DRAFT)
            if status not in STATUSES or (status == PENDING_PUBLISH and not may_publish(account, kind)):
                status = DRAFT
            record = EntryRecord(status, account.login, unit or "", kind)
        else:
            record.unit = unit or record.unit
            if record.status == PENDING_PUBLISH and not may_publish(account, kind):
                record.status = PENDING_REVIEW  # changed after the board's review: reviewed again
        self.workflow.put(branch, record)
        session.shown[(branch, path)] = sha256_hex(text)
        session.last_saved = branch
        return {"message": "entry persisted", "head": new_head}

    def _refuse_unless_theirs(
        self,
        account: Account,
        kind: str,
        unit: str | None,
        record: EntryRecord | None,
        options: dict[str, Any],
    ) -> None:
        """Denied unless the person may save this kind of entry for this unit, and the open entry
        (its record, None for none yet) is one they may change."""
        if not may_write(account, kind, unit):
            if account.role == "contributor" and kind in UNIT_KINDS:
                raise Denied(f"bạn chỉ lưu được bài của đơn vị mình: ghi 'Unit: {account.unit}'")
            raise Denied("bạn không được sửa loại bài này")
        if record is not None and not may_write(account, record.kind, record.unit):
            if options.get("newEntry"):  # a new entry whose title and date another unit's draft has
                raise Denied(
                    "đã có một bài khác (của đơn vị khác) cùng tiêu đề và ngày đang chờ đăng: "
                    "đổi tiêu đề (hoặc ngày) để lưu thành bài mới",
                    409,
                )
            raise Denied("đây là bài của đơn vị khác")

    def _open_entries(self, login: str) -> int:
        return sum(1 for record in self.workflow.records().values() if record.owner == login)

    def _entry_file(self, files: list[Any]) -> tuple[str, bytes, str, str]:
        """A save's one Markdown file: its path (directly in its collection's folder), its bytes,
        its kind and the unit it belongs to."""
        if len(files) != 1 or not isinstance(files[0], dict):
            raise Denied("một lần lưu chỉ một bài", 422)
        data_file = files[0]
        if data_file.get("newPath"):
            raise Denied("trình soạn thảo không đổi tên hay chuyển tệp", 422)
        path = _clean(data_file.get("path"), ENTRY_FOLDERS)
        kind = entry_kind(path)
        depth = 4 if kind == UNIT_REPORTS else 2  # bao-cao/<plan>/<period>/<unit>.md, posts/<slug>.md
        if not path.endswith(".md") or len(PurePosixPath(path).parts) != depth or kind is None:
            raise Denied(f"bài, trang, văn bản, hoạt động là tệp .md ngay trong thư mục của nó: {path}", 422)
        if not isinstance(data_file.get("raw"), str):
            raise Denied("yêu cầu không hợp lệ", 400)
        if kind == UNIT_REPORTS:
            try:
                vet_unit_report(path, self.plans())
            except Refused as refusal:
                raise Denied(str(refusal), 422) from None
        text = data_file["raw"].encode("utf-8")
        return path, text, kind, self.unit_of(kind, path, text) or ""

    def _within_limits(self, changes: dict[str, bytes | None]) -> None:
        """Each file within EDITOR_MAX_FILE_MB, the save within EDITOR_MAX_SAVE_MB (as invoke edit)."""
        for path, data in changes.items():
            if data is not None and len(data) > self.limits.max_file:
                raise _denied(self.limits.too_big(path, len(data)))
        total = sum(len(data or b"") for data in changes.values())
        if total > self.limits.max_save:
            raise Denied(self.limits.too_big_request(total * 4 // 3), 413)

    def _assets(self, assets: Any, ref: str) -> dict[str, bytes | None]:
        """The pictures and files uploaded with an entry: kinds the site publishes, in images/ or
        files/, each a new file (or the same bytes again): never over another entry's file."""
        found: dict[str, bytes | None] = {}
        for asset in assets if isinstance(assets, list) else []:
            if not isinstance(asset, dict):
                raise Denied("yêu cầu không hợp lệ", 400)
            path = _clean(asset.get("path"), UPLOAD_FOLDERS)
            if not self.uploadable(path):
                raise Denied(f"{PurePosixPath(path).name}: trang không đăng loại tệp này", 422)
            try:
                data = base64.b64decode(str(asset.get("content") or ""), validate=True)
            except (binascii.Error, ValueError):
                raise Denied("tệp tải lên không đọc được", 400) from None
            there = self.store.read(ref, path)
            if there is not None and there != data:
                raise Denied(f"đã có tệp {path} (của bài khác): đổi tên tệp trên máy rồi tải lên lại", 409)
            found[path] = data
        return found

    def _unchanged_since_shown(
        self, session: Session, branch: str, head: str | None, paths: list[str]
    ) -> None:
        """Refuse a save over a text this person was not shown: another save on the entry's branch,
        or (the branch not started yet) an approval on main, since they opened it."""
        ref = branch if head else self.store.main
        for path in paths:
            data = self.store.read(ref, path)
            current = sha256_hex(data) if data is not None else None
            if (ref, path) in session.shown:
                if session.shown[(ref, path)] != current:
                    raise Denied(CONFLICT_MESSAGE, 409)
            elif head is not None:  # someone else's unpublished entry of this name
                raise Denied(CONFLICT_MESSAGE, 409)
            elif current is not None:
                raise Denied(f"đã có bài ở {path}: mở bài đó để sửa, hoặc đổi tiêu đề", 409)

    def do_updateUnpublishedEntryStatus(
        self, session: Session, account: Account, params: dict[str, Any]
    ) -> Any:
        branch, record = self._record(account, params, write=True)
        status = params.get("newStatus")
        if status not in STATUSES:
            raise Denied("trạng thái không hợp lệ", 400)
        if PENDING_PUBLISH in (status, record.status) and not may_publish(account, record.kind):
            raise Denied("chỉ Ban biên tập chuyển bài sang hoặc ra khỏi «Sẵn sàng đăng»")
        record.status = status
        self.workflow.put(branch, record)
        return {"message": f"{branch} description was updated to {status}"}

    def do_publishUnpublishedEntry(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        branch, record = self._record(account, params)
        if not may_publish(account, record.kind):
            raise Denied("chỉ Ban biên tập (Văn phòng với hoạt động và báo cáo đơn vị) được đăng")
        own = entry_path(branch)
        for status, path in self.store.changed(branch):
            if path != own and not (status == "A" and path.split("/", 1)[0] in UPLOAD_FOLDERS):
                raise Denied(
                    f"bài này còn thay đổi {path}, ngoài bài và tệp mới tải lên: không đăng được", 422
                )
        text = self.store.read(branch, own)
        if session.shown.get((branch, own), "") != (sha256_hex(text) if text is not None else None):
            raise Denied("bài vừa được sửa sau khi bạn xem: mở lại bài, đọc bản mới rồi đăng", 409)
        try:
            self.store.merge(
                branch, _person(account), f"Duyệt đăng {branch.removeprefix('cms/')} ({account.login})"
            )
        except Conflict as error:
            raise Denied(f"{error}: mở bài, sửa theo bản đã đăng rồi gửi duyệt lại", 409) from None
        self.workflow.forget(branch)
        return {"message": f"branch {branch} merged to {self.store.main}"}

    def do_deleteUnpublishedEntry(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        branch, _ = self._record(account, params, write=True)
        self.store.delete_branch(branch)
        self.workflow.forget(branch)
        return {"message": f"deleted branch: {branch}"}

    def do_deleteFiles(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        paths = _list(params.get("paths"), params.get("path"))
        cleaned = [_clean(p, (*ENTRY_FOLDERS, *UPLOAD_FOLDERS)) for p in paths]
        for path in cleaned:
            kind = entry_kind(path)
            if kind is None or not may_publish(account, kind):
                raise Denied("chỉ Ban biên tập xóa được bài đã đăng")
        message = str((params.get("options") or {}).get("commitMessage") or "Xóa bài")
        try:
            before = self.store.head(self.store.main)
            after = self.store.commit(
                self.store.main, dict.fromkeys(cleaned), _person(account), message, expected=before
            )
        except Conflict:
            raise Denied(CONFLICT_MESSAGE, 409) from None
        if before and after != before:
            self.store.follow_main(before, after)
        return {"message": f"deleted files {', '.join(cleaned)}"}

    do_deleteFile = do_deleteFiles

    def do_persistMedia(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        raise Denied("ảnh và tệp được lưu cùng bài: chèn ảnh hoặc tệp trong bài rồi lưu bài", 422)

    # -- notes -----------------------------------------------------------------------------------

    def do_getNotes(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        try:
            _, record = self._record(account, params)
        except Denied as refusal:
            if refusal.status == NOT_FOUND:  # a published entry: no notes
                return {"notes": []}
            raise
        return {"notes": [vars(note) for note in record.notes]}

    def do_addNote(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        branch, record = self._record(account, params)
        content = str((params.get("note") or {}).get("content") or "").strip()
        if not content:
            raise Denied("ghi chú trống", 422)
        if len(record.notes) >= MAX_NOTES:
            raise Denied("bài này đã có quá nhiều ghi chú", 422)
        note = new_note(account.login, content, now_local())
        record.notes.append(note)
        self.workflow.put(branch, record)
        return {"note": vars(note)}

    def _note(self, account: Account, params: dict[str, Any], own: bool) -> tuple[str, EntryRecord, Any]:
        branch, record = self._record(account, params)
        note = next((n for n in record.notes if n.id == params.get("noteId")), None)
        if note is None:
            raise Denied("không có ghi chú này", 404)
        if own and note.author != account.login:
            raise Denied("chỉ người viết ghi chú được sửa hay xóa")
        return branch, record, note

    def do_updateNote(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        updates = _dict(params.get("updates"))
        branch, record, note = self._note(account, params, own="content" in updates)
        if "content" in updates:
            note.content = str(updates["content"])[:4000]
        if "resolved" in updates:
            note.resolved = bool(updates["resolved"])
        self.workflow.put(branch, record)
        return {"note": vars(note)}

    def do_deleteNote(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        branch, record, note = self._note(account, params, own=True)
        record.notes.remove(note)
        self.workflow.put(branch, record)
        return {"message": "deleted"}

    def do_toggleNoteResolution(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        branch, record, note = self._note(account, params, own=False)
        note.resolved = not note.resolved
        self.workflow.put(branch, record)
        return {"note": vars(note)}

    def do_getPRMetadata(self, session: Session, account: Account, params: dict[str, Any]) -> Any:
        branch, record = self._record(account, params)
        return {"metadata": {"id": branch, "url": "", "author": record.owner, "createdAt": ""}}

    # -- the checker ---------------------------------------------------------------------------

    def last_check(self, session: Session, account: Account) -> dict[str, Any]:
        """The checker's word on this person's last save, as main would be with it approved."""
        # Not under the repository's lock: saves go on while the checker reads (CheckTree has its own).
        branch = session.last_saved
        if branch is None or self.store.head(branch) is None:
            answer = self.checks.check_main()
        else:
            answer = self.checks.check_entry(branch)
        if account.role != "approver":  # other files' errors quote files the role may not read
            answer["other_errors"] = []
        return answer

    def report_status(self, account: Account, query: str) -> tuple[int, Any]:
        """The units' report cycle (the dialog «Tình hình báo cáo»), as main has it."""
        if not may_read(account, UNIT_REPORTS, account.unit or None) and account.role != "editor":
            return 403, {"error": "bạn không được xem tình hình báo cáo"}
        status, body = self.checks.report_status_reply(query)
        data = json.loads(body)
        if account.role == "contributor" and "problems" in data:  # other units' files: their own
            data["problems"] = [p for p in data["problems"] if PurePosixPath(p["file"]).stem == account.unit]
        for unit in data.get("units", []) if status == 200 else []:  # noqa: PLR2004 (HTTP OK)
            # Written and saved but not approved yet: main has no file, the workflow has its entry.
            branch = _branch(str(data.get("collection", "")), str(unit.get("id", "")))
            record = self.workflow.get(branch)
            if not unit.get("file") and record is not None and self.store.head(branch):
                unit["label"] = f"{unit['label']} (đã viết, {STATUS_NAMES.get(record.status, 'chưa đăng')})"
                unit["file"] = f"cms:{branch}"  # the dialog opens it instead of offering a new one
        return status, data

    # -- history ---------------------------------------------------------------------------------

    def history(self, account: Account, path: object) -> dict[str, Any]:
        """A file's approved history (as `invoke history` reads it: GitStore.file_log), newest
        first, for the editor's «Lịch sử» dialog; with the text now in force, its id to restore over."""
        with self.lock:
            relative = _clean(path, ENTRY_FOLDERS)
            kind = entry_kind(relative)
            branch = _branch(*_collection_and_slug(relative))
            ref = branch if self.store.head(branch) else self.store.main
            current = self.store.read(ref, relative)
            if kind is None or not (
                may_read(account, kind, self.unit_of(kind, relative, current)) or may_publish(account, kind)
            ):
                raise Denied("bạn không được xem mục này")
            revisions = self.store.file_log(relative, limit=50)
        return {
            "path": relative,
            "current": sha256_hex(current) if current is not None else None,
            "unpublished": ref == branch,
            "revisions": [
                {
                    "commit": revision.commit,
                    "author": revision.author,
                    "when": local_time(revision.date),
                    "message": revision.message,
                    "approval": approval,
                    "diff": revision.diff,
                }
                for revision, approval in revisions
            ],
        }

    def restore(self, session: Session, account: Account, body: Any) -> dict[str, Any]:
        """Bring back a file's text as an earlier approved commit had it: a new save on the entry's
        branch, by this person, to be approved like any other; refused over a text they were not
        shown (`current`, the id the history dialog showed)."""
        request = _dict(body)
        with self.lock:
            relative = _clean(request.get("path"), ENTRY_FOLDERS)
            kind = entry_kind(relative)
            commit = str(request.get("commit") or "")
            approved = {r.commit: r for r, _ in self.store.file_log(relative, limit=200)}
            if kind is None or commit not in approved:
                raise Denied("không có bản này trong lịch sử của tệp", 404)
            old = self.store.read(commit, relative)
            if old is None:
                raise Denied("bản này là lúc tệp đã bị xóa: không có nội dung để khôi phục", 422)
            collection, slug = _collection_and_slug(relative)
            branch = _branch(collection, slug)
            head = self.store.head(branch)
            current = self.store.read(branch if head else self.store.main, relative)
            if (sha256_hex(current) if current is not None else None) != request.get("current"):
                raise Denied(CONFLICT_MESSAGE, 409)
            if old == current:
                raise Denied("bản này giống hệt nội dung hiện tại: không cần khôi phục", 422)
            for text in (old, current):
                if not may_write(account, kind, self.unit_of(kind, relative, text)):
                    raise Denied("bạn không được sửa mục này")
            when = local_time(approved[commit].date)
            try:
                self.store.commit(
                    branch,
                    {relative: old},
                    _person(account),
                    f"Khôi phục {relative} về bản {when} ({commit[:7]})",
                    expected=head or ZERO,
                )
            except Conflict:
                raise Denied(CONFLICT_MESSAGE, 409) from None
            record = self.workflow.get(branch) if head else None
            if record is None:
                record = EntryRecord(DRAFT, account.login, self.unit_of(kind, relative, old) or "", kind)
            self.workflow.put(branch, record)
            session.shown[(branch, relative)] = sha256_hex(old)
            session.last_saved = branch
        return {"collection": collection, "slug": slug, "message": "đã khôi phục thành bản nháp chờ duyệt"}

    # -- the page's configuration ----------------------------------------------------------------

    def page_config(self, account: Account) -> dict[str, Any]:
        """The CMS's configuration for this person: the collections their role reads, with the
        workflow and notes; a contributor's unit chosen in advance."""
        plans = self.plans()
        types = self.settings.get("DOCUMENT_TYPES") or DEFAULT_TYPES
        documents = self.checks.main_check().documents.documents
        cms = editor_config(plans, types, "/api/v1", documents=documents)
        cms["publish_mode"] = "editorial_workflow"
        collections = []
        for collection in cms["collections"]:
            kind = kind_of(collection["name"])
            if kind is None or not may_read(account, kind, account.unit or None):
                continue
            collection["editor"] = {**collection.get("editor", {}), "notes": True}
            if account.role == "contributor":
                for widget in collection.get("fields", []):
                    if str(widget.get("name", "")).lower() == "unit":
                        widget["default"] = account.unit
            collections.append(collection)
        cms["collections"] = collections
        return {
            "cms": cms,
            "spellings": spellings(plans, [], documents),
            "plans": plan_days(plans),
            "account": {
                "login": account.login,
                "name": account.name,
                "role": account.role,
                "unit": account.unit,
            },
        }


NOT_FOUND = 404
CONFLICT_MESSAGE = (
    "Người khác vừa lưu bài này trong lúc bạn sửa: bài của bạn chưa được lưu, nội dung bạn viết vẫn "
    "còn trên trang. Chép phần bạn viết, tải lại trang để xem bản mới, rồi dán lại và lưu."
)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: object, single: object = None) -> list[Any]:
    """A list parameter, or the older single one (Decap's `entry`, `path`) as a list of one."""
    return value if isinstance(value, list) else [single] if single is not None else []


def _collection_and_slug(path: str) -> tuple[str, str]:
    """The web editor's collection and entry slug of a content file (portal.cms_config's names):
    posts/x.md is ("posts", "x"), bao-cao/<plan>/<period>/<unit>.md its period's collection."""
    parts = PurePosixPath(path).parts
    stem = PurePosixPath(path).stem
    if parts[0] == UNIT_REPORTS_FOLDER and len(parts) == 4:  # noqa: PLR2004 (bao-cao/<plan>/<period>/<unit>.md)
        return f"{UNIT_REPORTS_FOLDER}__{parts[1]}__{parts[2]}", stem
    collection = COLLECTIONS.get(parts[0], parts[0])
    return collection, stem


def entry_path(branch: str) -> str:
    """The one file an entry's branch is for: cms/posts/x is posts/x.md, a period report's
    cms/bao-cao__<plan>__<period>/<unit> is bao-cao/<plan>/<period>/<unit>.md."""
    collection, _, slug = branch.removeprefix(BRANCH_PREFIX).partition("/")
    if collection.startswith(f"{UNIT_REPORTS_FOLDER}__"):
        return "/".join(collection.split("__")) + f"/{slug}.md"
    folder = {kind: folder for folder, kind in COLLECTIONS.items()}.get(collection, collection)
    return f"{folder}/{slug}.md"


def _branch(collection: str, slug: str) -> str:
    try:
        return entry_branch(collection, slug)
    except GitError as error:
        raise Denied(str(error), 400) from None


def _person(account: Account) -> Person:
    """The person git records for a save or an approval."""
    return Person(account.name or account.login, f"{account.login}@editor")


def _denied(refusal: Refused) -> Denied:
    return Denied(str(refusal), int(refusal.status))


def _clean(path: object, folders: tuple[str, ...]) -> str:
    try:
        return clean_path(path, folders)
    except Refused as refusal:
        raise _denied(refusal) from None


# --- HTTP -------------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{title} – Trình soạn thảo</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}}
label{{display:block;margin-top:1rem}}input{{width:100%;font-size:1rem;padding:.4rem}}
button{{margin-top:1.5rem;font-size:1rem;padding:.5rem 1.5rem}}.error{{color:#b3261e}}
.done{{color:#1e6b24}}</style></head>
<body><main><h1>{title}</h1>{message}{form}</main></body></html>"""
LOGIN_FORM = """<form method="post" action="/login"><input type="hidden" name="next" value="{next}">
<label for="login">Tên đăng nhập</label>
<input id="login" name="login" autocomplete="username" required autofocus>
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button></form>"""
PASSWORD_FORM = """<form method="post" action="/account/password">
<input type="hidden" name="csrftoken" value="{csrf}">
<label for="old">Mật khẩu hiện tại</label>
<input id="old" name="old" type="password" autocomplete="current-password" required autofocus>
<label for="new">Mật khẩu mới (ít nhất {minimum} ký tự)</label>
<input id="new" name="new" type="password" autocomplete="new-password" required minlength="{minimum}">
<label for="again">Nhập lại mật khẩu mới</label>
<input id="again" name="again" type="password" autocomplete="new-password" required minlength="{minimum}">
<button type="submit">Đổi mật khẩu</button></form>
<p><a href="/admin/">Quay lại trình soạn thảo</a></p>"""


def _page(title: str, form: str, message: str = "", status: int = 200, done: bool = False) -> HTMLResponse:
    shown = (
        f'<p class="{"done" if done else "error"}" role="alert">{html.escape(message)}</p>' if message else ""
    )
    return HTMLResponse(PAGE.format(title=title, message=shown, form=form), status)


# An entry's workflow status as the editor's board names it (editor/admin/vi-extra.js).
STATUS_NAMES = {DRAFT: "bản nháp", PENDING_REVIEW: "chờ duyệt", PENDING_PUBLISH: "sẵn sàng đăng"}


def _minutes(seconds: int) -> str:
    """A wait as people say it: "15 phút", "1 phút", "30 giây"."""
    if seconds < 60:  # noqa: PLR2004 (a minute)
        return f"{max(seconds, 1)} giây"
    return f"{-(-seconds // 60)} phút"


def _login_page(message: str = "", status: int = 200, next_path: str = "/admin/") -> HTMLResponse:
    return _page("Đăng nhập trình soạn thảo", LOGIN_FORM.format(next=html.escape(next_path)), message, status)


def _password_page(
    session: Session, message: str = "", status: int = 200, done: bool = False
) -> HTMLResponse:
    form = PASSWORD_FORM.format(csrf=html.escape(session.csrf), minimum=MIN_PASSWORD)
    return _page("Đổi mật khẩu", form, message, status, done)


def _own_path(value: str) -> str:
    """A `next` address on this site only (never '//elsewhere' or 'https://…')."""
    return value if value.startswith("/") and not value.startswith("//") and "\\" not in value else "/admin/"


def _cross_site(request: Request) -> bool:
    """A request a browser says came from another site (Sec-Fetch-Site, Origin)."""
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return False
    host = request.headers.get("host", "")
    return origin == "null" or urlsplit(origin).netloc != host


Handler = Callable[[Request, Session, Account], Awaitable[Response]]


def _editor(request: Request) -> SharedEditor:
    editor: SharedEditor = request.app.state.editor
    return editor


def guarded(
    handler: Handler, changes: bool = False, page: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    """Only with a session (else 401, or for a page the login); a change only from this site,
    with the session's CSRF token."""

    async def endpoint(request: Request) -> Response:
        who = _editor(request).account_of(request)
        if who is None:
            if page:
                return RedirectResponse(f"/login?next={request.url.path}", 303)
            return JSONResponse({"error": "chưa đăng nhập hoặc phiên đã hết hạn"}, 401)
        session, account = who
        if changes:
            if _cross_site(request):
                return JSONResponse({"error": "yêu cầu từ trang khác bị từ chối"}, 403)
            token = request.headers.get(CSRF_HEADER, "")
            if not hmac.compare_digest(token.encode(), session.csrf.encode()):
                return JSONResponse({"error": "thiếu mã chống giả mạo (CSRF): tải lại trang"}, 403)
        return await handler(request, session, account)

    return endpoint


async def login_form(request: Request) -> Response:
    next_path = _own_path(request.query_params.get("next", "/admin/"))
    if _editor(request).account_of(request) is not None:
        return RedirectResponse(next_path, 303)
    return _login_page(next_path=next_path)


async def login(request: Request) -> Response:
    editor = _editor(request)
    if _cross_site(request):
        return JSONResponse({"error": "yêu cầu từ trang khác bị từ chối"}, 403)
    form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
    login_name = str(form.get("login") or "").strip().lower()
    password = str(form.get("password") or "")
    next_path = _own_path(str(form.get("next") or "/admin/"))
    address = request.client.host if request.client else ""
    wait = editor.throttle.attempt(login_name, address)
    if wait:
        refused = _login_page(f"Đăng nhập sai nhiều lần: hãy thử lại sau {_minutes(wait)}.", 429, next_path)
        refused.headers["Retry-After"] = str(wait)
        return refused
    async with editor.verifying:  # each check holds 64 MiB (argon2): a few at a time
        account = await run_in_threadpool(editor.accounts.verify, login_name, password)
    if account is None:
        log.warning("đăng nhập sai: %r từ %s", login_name[:40], address)
        return _login_page("Sai tên đăng nhập hoặc mật khẩu (hoặc tài khoản đã bị khóa).", 401, next_path)
    editor.throttle.succeeded(login_name, address)
    session = editor.sessions.open(account)
    log.info("đăng nhập: %s (%s) từ %s", account.login, account.role, address)
    response = RedirectResponse(next_path, 303)
    _set_cookies(response, session, editor.secure_cookies)
    return response


async def password_form(request: Request, session: Session, account: Account) -> Response:
    return _password_page(session)


async def change_password(request: Request, session: Session, account: Account) -> Response:
    """The owner's own change: the current password first; the person's other sessions end."""
    editor = _editor(request)
    if _cross_site(request):
        return JSONResponse({"error": "yêu cầu từ trang khác bị từ chối"}, 403)
    form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
    if not hmac.compare_digest(str(form.get("csrftoken") or "").encode(), session.csrf.encode()):
        return _password_page(session, "Trang đã cũ: tải lại trang rồi nhập lại.", 403)
    new = str(form.get("new") or "")
    if new != str(form.get("again") or ""):
        return _password_page(session, "Hai lần nhập mật khẩu mới không giống nhau.", 422)
    try:
        await run_in_threadpool(
            editor.accounts.change_password, account.login, str(form.get("old") or ""), new
        )
    except AccountError as error:
        return _password_page(session, f"Chưa đổi được: {error}.", 422)
    changed = await run_in_threadpool(editor.accounts.get, account.login)
    session.password = changed.password_hash if changed else ""
    editor.sessions.close_others(account.login, session.token)
    log.info("đổi mật khẩu: %s", account.login)
    return _password_page(
        session, "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.", done=True
    )


async def logout(request: Request, session: Session, account: Account) -> Response:
    _editor(request).sessions.close(session.token)
    response = JSONResponse({"message": "đã đăng xuất"})
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response


async def _json_body(request: Request) -> Any:
    """The request's JSON, read no further than the editor's request limit; Denied otherwise."""
    limits = _editor(request).limits
    try:
        length = int(request.headers.get("content-length") or 0)
    except ValueError:
        length = -1
    if length < 0 or length > limits.max_request:
        raise Denied(limits.too_big_request(max(length, 0)), 413)
    raw = bytearray()
    async for chunk in request.stream():  # no Content-Length, or a lying one: read no further
        raw += chunk
        if len(raw) > limits.max_request:
            raise Denied(limits.too_big_request(len(raw)), 413)
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise Denied("yêu cầu không hợp lệ", 400) from None


async def _answer(request: Request, work: Callable[..., Any], *args: Any, body: bool = False) -> Response:
    """JSON from `work` done in a thread (given the request's JSON body first, with `body`); a
    refusal in its own words and status, a parameter of the wrong kind 400, git failing 500."""
    try:
        if body:
            args = (*args, await _json_body(request))
        return JSONResponse(await run_in_threadpool(work, *args))
    except Denied as refusal:
        return JSONResponse({"error": str(refusal)}, refusal.status)
    except (ValueError, TypeError, RecursionError):
        return JSONResponse({"error": "yêu cầu không hợp lệ"}, 400)
    except GitError:
        log.exception("git")
        return JSONResponse({"error": "kho nội dung không trả lời được; báo quản trị"}, 500)


async def api(request: Request, session: Session, account: Account) -> Response:
    return await _answer(request, _editor(request).api, session, account, body=True)


async def me(request: Request, session: Session, account: Account) -> Response:
    return JSONResponse(
        {"login": account.login, "name": account.name, "role": account.role, "unit": account.unit}
    )


async def check(request: Request, session: Session, account: Account) -> Response:
    return JSONResponse(await run_in_threadpool(_editor(request).last_check, session, account))


async def report_status(request: Request, session: Session, account: Account) -> Response:
    status, body = await run_in_threadpool(_editor(request).report_status, account, request.url.query)
    return JSONResponse(body, status)


async def history(request: Request, session: Session, account: Account) -> Response:
    return await _answer(request, _editor(request).history, account, request.query_params.get("path"))


async def restore(request: Request, session: Session, account: Account) -> Response:
    return await _answer(request, _editor(request).restore, session, account, body=True)


async def page_config(request: Request, session: Session, account: Account) -> Response:
    return JSONResponse(await run_in_threadpool(_editor(request).page_config, account))


async def admin_file(request: Request, session: Session, account: Account) -> Response:
    path = request.url.path
    if path in ("/", "/admin"):
        return RedirectResponse("/admin/", 303)
    if path.startswith("/admin/decap/"):
        return _file(DECAP_DIST, path.removeprefix("/admin/decap/"))
    if path == "/admin/emblem.svg":
        return _file(THEME_IMAGES, "emblem.svg")
    if path == "/admin/portal-format.js":
        return _file(EDITOR, "portal-format.js")
    if path.startswith("/admin/"):
        return _file(ADMIN, path.removeprefix("/admin/") or "index.html")
    return JSONResponse({"error": "không có"}, 404)


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def make_app(editor: SharedEditor) -> Starlette:
    app = Starlette(
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=security_headers)],
        routes=[
            Route("/login", login_form, methods=["GET"]),
            Route("/login", login, methods=["POST"]),
            Route("/logout", guarded(logout, changes=True), methods=["POST"]),
            Route("/account/password", guarded(password_form, page=True), methods=["GET"]),
            Route("/account/password", guarded(change_password), methods=["POST"]),
            Route("/api/v1", guarded(api, changes=True), methods=["POST"]),
            Route("/api/me", guarded(me), methods=["GET"]),
            Route("/api/check", guarded(check), methods=["GET"]),
            Route("/api/history", guarded(history), methods=["GET"]),
            Route("/api/restore", guarded(restore, changes=True), methods=["POST"]),
            Route("/api/report-status", guarded(report_status), methods=["GET"]),
            Route("/admin/portal-config.json", guarded(page_config), methods=["GET"]),
            Route("/{path:path}", guarded(admin_file, page=True), methods=["GET"]),
        ],
    )
    app.state.editor = editor
    return app


def _set_cookies(response: Response, session: Session, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE, session.token, httponly=True, secure=secure, samesite="strict", path="/"
    )
    # Read by the page's script and echoed in X-CSRFToken; useless to another site, which can
    # neither read it nor send this site's cookies (SameSite=Strict).
    response.set_cookie(CSRF_COOKIE, session.csrf, httponly=False, secure=secure, samesite="strict", path="/")


def _file(folder: Path, name: str) -> Response:
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return JSONResponse({"error": "không có"}, 404)
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if kind.startswith("text/") or kind.endswith("javascript"):
        kind += "; charset=utf-8"
    return Response(path.read_bytes(), media_type=kind)


def serve(
    content: str | Path, accounts: str | Path, host: str = "127.0.0.1", port: int = 8090, **options: Any
) -> None:
    """Run the server until interrupted (uvicorn, one process: the repository's lock is in it)."""
    editor = SharedEditor(content, accounts, **options)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    log.info("Trình soạn thảo dùng chung: http://%s:%s/admin/ (nội dung: %s)", host, port, editor.content)
    uvicorn.run(
        make_app(editor),
        host=host,
        port=port,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        log_level="info",
        access_log=True,
    )

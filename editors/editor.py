"""`invoke edit`: the web editor (Decap CMS) for the content folder, on 127.0.0.1 only.

One local server answers the editor's browser:

- `/admin/`: the CMS page (editor/admin/), its configuration made from the plans and the
  checker's keys on every start (portal.cms_config), the CMS bundle from editor/node_modules;
- `/api/v1`: Decap's file backend, answered as decap-server's file system middleware answers it
  (the same actions, the same replies), behind a gate that refuses any path outside the content
  folder's editable folders, links and special files, renames, uploads of kinds the site does not
  publish, a file over EDITOR_MAX_FILE_MB or a save over EDITOR_MAX_SAVE_MB (413), a write that
  would leave the content folder's disk under EDITOR_MIN_FREE_MB (507), and requests of other
  sites (403). The gate reads, writes and deletes itself, through folder handles that never follow
  a link (portal.safe_writes): a folder swapped for a link after a check reaches nothing, nor does
  the fresh hidden folder a delete sets its files aside in. Deleting is refused while another file
  still uses what would go. decap-server (editor/backend.mjs, on a Unix socket only this user can
  open) answers only `info` and `getDeployPreview`;
- `/images/…`, `/files/…`: the content's publishable files, for the CMS's thumbnails;
- `/api/check`: after each save, the checker's problems with the files that save wrote, in the
  form's words, for the editor's panel (editor/admin/portal-editor.js), with the page's address
  on the live preview (builder.preview, as `invoke livereload`), which runs beside it;
- `/api/report-status?plan=…&period=…[&today=YYYY-MM-DD]`: the units' report cycle of a period
  (the one being filed when none is named) as `invoke report-status` computes it
  (portal.report.status_of), with the report files of that period and their errors, for the
  editor's "Tình hình báo cáo" dialog.

The units' period reports (bao-cao/, DESIGN.md contract 14) are written only where the checker
reads them: bao-cao/<a plan's slug>/<one of its periods' slugs>/<one of its units' ids>.md.

A request must arrive whole (request line, headers, body) within EDITOR_TIMEOUT_SECONDS: a slow
or silent one is answered 408 or dropped, and the others are served meanwhile. Every refusal,
http.server's own included, is `{"error": "<Vietnamese message>"}`.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import ctypes
import errno
import hashlib
import http.client
import json
import mimetypes
import os
import posixpath
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from builder.settings import load_settings
from portal.activities import Activity
from portal.checker import CheckMemo, ContentCheck, Page, check_content
from portal.cms_config import (
    ACTIVITY_FOLDER,
    RESEARCH_FOLDER,
    editor_config,
    field_label,
    form_labels,
    in_form_words,
    plan_days,
    spellings,
    unit_report_collection_name,
)
from portal.content_files import MAX_PATH_BYTES, ContentTree, publishing_rule
from portal.documents import DEFAULT_TYPES, Document
from portal.folders import DEFAULT_FOLDERS
from portal.plans import PlanSet
from portal.posts import Post, read_text
from portal.problems import Problem
from portal.report import ReportError, ReportQuery, status_of
from portal.research import ResearchTask
from portal.safe_writes import UnsafePath, entry_kind, folder_handle, read_regular, replace
from portal.unit_reports import UNIT_REPORTS_FOLDER
from portal.urls import activity_url, document_url, page_url, post_url, research_task_url

EDITOR = Path(__file__).resolve().parent.parent / "editor"
ADMIN = EDITOR / "admin"
THEME_IMAGES = EDITOR.parent / "theme" / "static" / "img"
DECAP_DIST = EDITOR / "node_modules" / "decap-cms" / "dist"
DECAP_SERVER = EDITOR / "node_modules" / "decap-server" / "dist" / "middlewares.js"
BACKEND = EDITOR / "backend.mjs"  # decap-server's middlewares on a Unix socket

ENTRY_FOLDERS = (
    DEFAULT_FOLDERS.posts[0],
    DEFAULT_FOLDERS.pages[0],
    DEFAULT_FOLDERS.documents[0],
    ACTIVITY_FOLDER,
    UNIT_REPORTS_FOLDER,
    RESEARCH_FOLDER,
)
UPLOAD_FOLDERS = ("images", "files")
EVERYWHERE = (*ENTRY_FOLDERS, *UPLOAD_FOLDERS)
# The read actions, by the parameter that names a path and where it may point.
READS = {
    "entriesByFolder": ("folder", ENTRY_FOLDERS),
    "getEntry": ("path", EVERYWHERE),
    "getMediaFile": ("path", EVERYWHERE),
    "getMedia": ("mediaFolder", UPLOAD_FOLDERS),
}
# What the editor's page may ask the file backend; the editorial workflow's actions are not here.
ACTIONS = {
    "info",
    "entriesByFolder",
    "entriesByFiles",
    "getEntry",
    "persistEntry",
    "getMedia",
    "getMediaFile",
    "persistMedia",
    "deleteFile",
    "deleteFiles",
    "getDeployPreview",
}
PR_SET_PDEATHSIG = 1  # linux/prctl.h
MAX_NAME_BYTES = 200  # a file name may have 255 bytes; Pelican writes a folder of the slug too
MAX_LISTED = 5  # other files' errors named in the panel
MAX_DEPTH = 20  # folder levels a listing walks down
MiB = 1024 * 1024
GiB = 1024 * MiB
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
SMALLER = (
    "Hãy làm tệp nhỏ hơn rồi tải lên lại: ảnh thì thu nhỏ (rộng khoảng 2000 điểm ảnh là đủ cho "
    "trang tin) và lưu JPEG chất lượng khoảng 80%; PDF thì xuất lại ở chế độ giảm dung lượng "
    "(ảnh 150 dpi) hoặc tách thành nhiều tệp."
)


class EditorUnavailable(RuntimeError):
    """The editor cannot start (Node.js or its packages missing, decap-server failing)."""


class Refused(Exception):
    """A request the editor's server will not pass on; the message is for the editor."""

    def __init__(self, message: str, status: int = HTTPStatus.UNPROCESSABLE_ENTITY):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Limits:
    """What one request may carry and take: sizes in bytes, time in seconds (from the settings
    EDITOR_MAX_FILE_MB, EDITOR_MAX_SAVE_MB, EDITOR_MIN_FREE_MB and EDITOR_TIMEOUT_SECONDS)."""

    max_file: int  # one file written: a picture, a document, a post's text
    max_save: int  # all the files of one save
    min_free: int  # what the content folder's disk keeps free after a write
    timeout: float  # for a request to arrive whole

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Limits:
        return cls(
            max_file=int(float(settings["EDITOR_MAX_FILE_MB"]) * MiB),
            max_save=int(float(settings["EDITOR_MAX_SAVE_MB"]) * MiB),
            min_free=int(float(settings["EDITOR_MIN_FREE_MB"]) * MiB),
            timeout=float(settings["EDITOR_TIMEOUT_SECONDS"]),
        )

    @property
    def max_request(self) -> int:
        """A save's files as the CMS sends them (base64: a third larger), its text and the JSON."""
        return self.max_save * 4 // 3 + 2 * MiB

    def too_big(self, path: str, size: int) -> Refused:
        return Refused(
            f"«{PurePosixPath(path).name}» nặng {megabytes(size)}, quá giới hạn "
            f"{megabytes(self.max_file)} cho mỗi tệp. {SMALLER}",
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        )

    def too_big_request(self, length: int) -> str:
        return (
            f"lần lưu này gửi khoảng {megabytes(length * 3 // 4)} tệp, quá giới hạn "
            f"{megabytes(self.max_save)} mỗi lần lưu "
            f"(mỗi tệp tối đa {megabytes(self.max_file)}). {SMALLER}"
        )


def megabytes(size: float) -> str:
    """A size as editors read it: '1,5 MB', '30 MB', '12,3 GB'."""
    value, unit = (size / GiB, "GB") if size >= GiB else (size / MiB, "MB")
    digits = 1 if value >= 1 or value == 0 else 2
    return f"{value:.{digits}f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP to decap-server on its Unix socket."""

    def __init__(self, socket_path: str, timeout: float = 120):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = socket_path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def wait_for_socket(path: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorUnavailable(f"decap-server dừng ngay khi khởi động (mã {process.returncode})")
        with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as probe:
            probe.connect(path)
            return
        time.sleep(0.1)
    raise EditorUnavailable("decap-server không khởi động được sau 30 giây")


def clean_path(relative: object, folders: Iterable[str]) -> str:
    """`relative` as a path inside one of the content's `folders` ("/images/a.jpg" as decap-server
    joins it: from the content's root), else Refused; the string alone, nothing read."""
    if not isinstance(relative, str) or not relative or "\\" in relative or "\0" in relative:
        raise Refused(f"đường dẫn không hợp lệ: {relative!r}")
    parts = relative.removeprefix("/").split("/")
    if not parts or any(part in ("", ".", "..") for part in parts) or parts[0] not in folders:
        raise Refused(f"chỉ được sửa trong {', '.join(f'{f}/' for f in folders)}: {relative!r}")
    try:
        too_long = len(relative.encode()) > MAX_PATH_BYTES or any(
            len(p.encode()) > MAX_NAME_BYTES for p in parts
        )
    except UnicodeEncodeError as error:
        raise Refused(f"đường dẫn không hợp lệ: {relative!r}") from error
    if too_long:
        raise Refused("tên tệp quá dài: hãy rút ngắn tiêu đề hoặc điền ô Đường dẫn riêng")
    return "/".join(parts)


def safe_path(root: Path, relative: object, folders: Iterable[str]) -> str:
    """`relative` if it names a file or folder inside one of root's `folders`, reached without a
    link; otherwise Refused. A look, for the editor's message: reads, writes and deletes then go
    through folder handles (portal.safe_writes), so a link swapped in after it reaches nothing."""
    parts = clean_path(relative, folders).split("/")
    here = root
    for part in parts:
        here = here / part
        try:
            if here.is_symlink():
                raise Refused(f"{relative} đi qua liên kết (symlink); trình soạn thảo không theo liên kết")
            if not here.exists():
                break
        except OSError as error:
            raise Refused(f"{relative}: không đọc được ({error.strerror})") from error
    if here.exists() and not (here.is_file() or here.is_dir()):
        raise Refused(f"{relative} không phải tệp thường (tệp đặc biệt); trình soạn thảo không mở")
    if here.is_file() and here.stat().st_nlink > 1:
        # A hard link shares its bytes with a file elsewhere (a plan, say): writing it writes that.
        raise Refused(f"{relative} là liên kết cứng (hard link) tới một tệp khác; trình soạn thảo không sửa")
    return "/".join(parts)


def vet_unit_report(path: str, plans: PlanSet) -> None:
    """A unit's period report only where the checker reads one (portal.unit_reports):
    bao-cao/<a plan's slug>/<one of its periods' slugs>/<one of its units' ids>.md."""
    parts = path.split("/")
    shape = f"{UNIT_REPORTS_FOLDER}/<kế hoạch>/<kỳ báo cáo>/<mã đơn vị>.md"
    if len(parts) != 4:  # noqa: PLR2004 (bao-cao/<plan>/<period>/<unit>.md)
        raise Refused(f"báo cáo của đơn vị chỉ lưu ở {shape}: {path}")
    _, plan_slug, period_slug, name = parts
    plan = next((p for p in plans if p.slug == plan_slug), None)
    if plan is None:
        raise Refused(f"không có kế hoạch '{plan_slug}' để lưu báo cáo {path}")
    period = next((p for p in plan.periods if p.slug == period_slug), None)
    if period is None:
        raise Refused(f"kế hoạch {plan.id} không có kỳ báo cáo '{period_slug}': {path}")
    stem = name.removesuffix(".md")
    if any(u.id == stem for u in plan.units):
        return
    # Decap names a second entry of the same unit "thanh-tra-1": that unit has its report.
    base = stem.rsplit("-", 1)[0] if stem.rsplit("-", 1)[-1].isdigit() else ""
    unit = next((u for u in plan.units if u.id == base), None)
    if unit is not None:
        raise Refused(
            f"{unit.name} đã có {period.title.lower()}; mở báo cáo đó trong danh sách để sửa "
            "(mỗi đơn vị một báo cáo mỗi kỳ)"
        )
    raise Refused(f"'{stem}' không phải mã một đơn vị của kế hoạch {plan.id}: {path}")


def _through_link(relative: str) -> Refused:
    return Refused(
        f"{relative} đi qua liên kết (symlink) hoặc không phải tệp thường; "
        "trình soạn thảo không theo liên kết"
    )


def _special(relative: str) -> Refused:
    return Refused(f"{relative} là liên kết hoặc tệp đặc biệt; hãy xóa hoặc thay bằng tệp thật")


def sha256_hex(data: bytes) -> str:
    """A file's id as decap-server gives it."""
    return hashlib.sha256(data).hexdigest()


class EditorSite:
    """What the editor's server knows: the content folder, the file backend, the last save."""

    def __init__(
        self,
        content: str | Path,
        backend: str,
        preview_url: str,
        shown_dir: str = "content",
        **overrides: Any,
    ):
        self.content = Path(content).resolve()
        self.backend = backend  # decap-server's Unix socket
        self.preview_url = preview_url.rstrip("/") + "/"
        self.shown_dir = shown_dir
        self.settings = load_settings(self.content, **overrides)
        self.limits = Limits.from_settings(self.settings)
        self.memo = CheckMemo()
        self.lock = threading.RLock()  # one write or delete at a time, never during a check
        self.saved: list[str] = []  # the files the last save wrote, relative to the content folder
        # What portal.content_files.scan lists in the content now, when the caller knows it
        # without walking the folder (editors.shared_check); None: each check scans.
        self.tree: ContentTree | None = None
        self.uploadable = publishing_rule(self.settings)

    def config(self) -> dict[str, Any]:
        """The CMS's configuration, made from the plans as they are now."""
        check = self.check()
        types = self.settings.get("DOCUMENT_TYPES") or DEFAULT_TYPES  # what the checker accepts
        return {
            "cms": editor_config(check.plans, types, "/api/v1", check.posts, check.documents.documents),
            "spellings": spellings(check.plans, check.posts, check.documents.documents),
            "plans": plan_days(check.plans),
        }

    def check(self) -> ContentCheck:
        with self.lock:
            return check_content(
                self.content, self.settings, shown_dir=self.shown_dir, memo=self.memo, tree=self.tree
            )

    # -- the file backend ------------------------------------------------------------------------

    def vet(self, request: object) -> list[str]:
        """Refuse what the editor may not do; return the files the request would write."""
        if not isinstance(request, dict):
            raise Refused("yêu cầu không hợp lệ", HTTPStatus.BAD_REQUEST)
        action = request.get("action")
        params = request.get("params") or {}
        if not isinstance(action, str) or action not in ACTIONS:
            raise Refused(f"thao tác không được phép: {str(action)[:40]!r}")
        if not isinstance(params, dict):
            raise Refused("yêu cầu không hợp lệ")
        if action in READS:
            key, folders = READS[action]
            safe_path(self.content, params.get(key), folders)
        elif action == "entriesByFiles":
            for item in _records(params.get("files")):
                safe_path(self.content, item.get("path"), EVERYWHERE)
        elif action == "persistEntry":
            return self.vet_entry(params)
        elif action == "persistMedia":
            asset = params.get("asset")
            return [self.vet_upload(asset.get("path") if isinstance(asset, dict) else None)]
        elif action == "deleteFiles":
            return [self.vet_delete(path) for path in _items(params.get("paths"))]
        elif action == "deleteFile":
            return [self.vet_delete(params.get("path"))]
        return []

    def vet_entry(self, params: dict[str, Any]) -> list[str]:
        """The entry's files, then its assets'."""
        written = []
        for data in self.data_files(params):
            if "newPath" in data:
                # decap-server moves the whole folder with the file; this editor never renames.
                raise Refused("trình soạn thảo không đổi tên hay chuyển tệp")
            path = safe_path(self.content, data.get("path"), ENTRY_FOLDERS)
            if not path.endswith(".md"):
                raise Refused(f"bài, trang, văn bản, hoạt động và báo cáo là tệp .md: {path}")
            if path.startswith(f"{UNIT_REPORTS_FOLDER}/"):
                vet_unit_report(path, self.check().plans)
            written.append(path)
        return written + [self.vet_upload(asset.get("path")) for asset in _records(params.get("assets"))]

    @staticmethod
    def data_files(params: dict[str, Any]) -> list[dict[str, Any]]:
        """persistEntry's files: `dataFiles`, or the older single `entry`."""
        return _records(params["dataFiles"] if "dataFiles" in params else [params.get("entry")])

    def vet_upload(self, path: object) -> str:
        relative = safe_path(self.content, path, UPLOAD_FOLDERS)
        name = PurePosixPath(relative).name
        if not self.uploadable(relative):
            kinds = ", ".join(sorted({k.lower() for k in self.settings.get("STATIC_FILE_TYPES", [])}))
            raise Refused(f"{name}: trang không đăng loại tệp này; các loại được đăng: {kinds}")
        if name.startswith(".") or any(c.isspace() for c in name):
            raise Refused(f"{name}: tên tệp không được có khoảng trắng hay bắt đầu bằng dấu chấm")
        return relative

    def vet_delete(self, path: object) -> str:
        relative = safe_path(self.content, path, EVERYWHERE)
        kind = entry_kind(self.content, relative)
        if kind is None:
            raise Refused(f"{relative}: không có tệp này")
        if kind != "file":
            raise Refused(f"{relative}: chỉ xóa được từng tệp, không xóa thư mục")
        return relative

    def forward(self, body: bytes) -> tuple[int, bytes]:
        """One request of the CMS: vetted, then answered here (reads, writes, deletes) or, for
        `info` and `getDeployPreview`, by decap-server."""
        try:
            request = json.loads(body)
            written = self.vet(request)
            action, params = request["action"], request.get("params") or {}
            if action in (*READS, "entriesByFiles"):
                reply = self.read(action, params)
            elif action == "persistEntry":
                reply = self.persist_entry(params, written)
            elif action == "persistMedia":
                reply = self.persist_media(params["asset"], written[0])
            elif action == "deleteFile":
                self.delete(written)
                reply = _json({"message": f"deleted file {params['path']}"})
            elif action == "deleteFiles":
                self.delete(written)
                reply = _json({"message": f"deleted files {', '.join(params['paths'])}"})
            else:
                reply = self.call_backend(body)
        except Refused as refused:
            return refused.status, _json({"error": str(refused)})
        except UnsafePath as unsafe:  # a link swapped in after the look
            return HTTPStatus.UNPROCESSABLE_ENTITY, _json({"error": str(unsafe)})
        except (ValueError, RecursionError):  # not JSON, or nested past what a form ever sends
            return HTTPStatus.BAD_REQUEST, _json({"error": "yêu cầu không phải JSON"})
        except OSError as error:  # a path named in the request vanished meanwhile; the disk is full
            if error.errno in (errno.ENOSPC, errno.EDQUOT):
                return HTTPStatus.INSUFFICIENT_STORAGE, _json({"error": self.disk_full()})
            return HTTPStatus.UNPROCESSABLE_ENTITY, _json(
                {"error": f"không đọc hay ghi được tệp: {error.strerror}"}
            )
        return HTTPStatus.OK, reply

    def call_backend(self, body: bytes) -> bytes:
        backend = UnixHTTPConnection(self.backend)
        try:
            backend.request("POST", "/api/v1", body, {"Content-Type": "application/json"})
            answer = backend.getresponse()
            status, reply = answer.status, answer.read()
        except OSError as error:
            raise Refused(
                "máy chủ tệp (decap-server) không trả lời; khởi động lại 'invoke edit'",
                HTTPStatus.BAD_GATEWAY,
            ) from error
        finally:
            backend.close()
        if status != HTTPStatus.OK:  # decap-server's own words are English ("Unknown error")
            raise Refused("máy chủ tệp (decap-server) không làm được việc này; xem cửa sổ lệnh", status)
        return reply

    # -- reads: as decap-server answers them, never through a link ------------------------------

    def read(self, action: str, params: dict[str, Any]) -> bytes:
        if action == "entriesByFolder":
            folder = safe_path(self.content, params.get("folder"), ENTRY_FOLDERS)
            extension, depth = params.get("extension"), params.get("depth")
            if (
                not isinstance(extension, str)
                or not isinstance(depth, (int, float))
                or isinstance(depth, bool)
            ):
                raise Refused("yêu cầu không hợp lệ")
            return _json([self.entry(path, path) for path in self.listing(folder, extension, depth)])
        if action == "entriesByFiles":
            files = _records(params.get("files"))
            return _json(
                [
                    self.entry(safe_path(self.content, f.get("path"), EVERYWHERE), f["path"], f.get("label"))
                    for f in files
                ]
            )
        if action == "getEntry":
            return _json(self.entry(safe_path(self.content, params.get("path"), EVERYWHERE), params["path"]))
        if action == "getMedia":
            folder = safe_path(self.content, params.get("mediaFolder"), UPLOAD_FOLDERS)
            found = [(path, self.read_file(path)) for path in self.listing(folder, "", 1)]
            return _json([self.media_reply(path, data) for path, data in found if data is not None])
        path = safe_path(self.content, params.get("path"), EVERYWHERE)  # getMediaFile
        return _json(self.media_file(path, params["path"]))

    def read_file(self, relative: str) -> bytes | None:
        """A regular file's bytes, None when nothing is there; Refused for a link or anything else."""
        try:
            return read_regular(self.content, relative)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except UnsafePath as error:
            raise _through_link(relative) from error

    def entry(self, relative: str, shown: str, label: object = None) -> dict[str, Any]:
        """An entry as decap-server gives it: its text and SHA-256, or nulls when it is missing."""
        data = self.read_file(relative)
        file: dict[str, Any] = {"path": shown}
        if isinstance(label, str):
            file["label"] = label
        file["id"] = None if data is None else sha256_hex(data)
        return {"data": None if data is None else data.decode("utf-8", "replace"), "file": file}

    def media_file(self, relative: str, shown: str) -> dict[str, Any]:
        data = self.read_file(relative)
        if data is None:
            raise Refused(f"{relative}: không có tệp này", HTTPStatus.NOT_FOUND)
        return self.media_reply(shown, data)

    def listing(self, folder: str, extension: str, depth: float) -> list[str]:
        """decap-server's listing (files ending in `extension`, `depth` levels down, by name),
        walked through folder handles; a link or a special file anywhere below refuses it before
        any file is read (a named pipe would hang a reader). Hidden names are skipped, as the
        build skips them (a write's temporary file among them)."""
        found: list[str] = []
        try:
            if entry_kind(self.content, folder) is None:
                return []  # no such folder yet: an empty listing, as decap-server's
            with folder_handle(self.content, folder) as handle:
                self._walk(handle, folder, extension, depth, found, 0)
        except UnsafePath as error:
            raise _special(folder) from error
        return found

    def _walk(
        self, handle: int, shown: str, extension: str, depth: float, found: list[str], level: int
    ) -> None:
        if level > MAX_DEPTH:
            raise Refused(f"{shown}: thư mục lồng quá sâu")
        with os.scandir(handle) as listed:
            names = sorted(e.name for e in listed if not e.name.startswith("."))
        for name in names:
            try:
                mode = os.stat(name, dir_fd=handle, follow_symlinks=False).st_mode
            except FileNotFoundError:
                continue  # gone since it was listed
            relative = f"{shown}/{name}"
            try:
                name.encode()
            except UnicodeEncodeError:
                raise Refused(f"{shown}: có tên tệp không phải UTF-8; hãy đổi tên tệp đó") from None
            if stat.S_ISDIR(mode):
                try:
                    child = os.open(name, _FOLDER_FLAGS, dir_fd=handle)
                except OSError as error:  # swapped for a link since it was listed
                    raise _special(relative) from error
                try:
                    self._walk(child, relative, extension, depth - 1, found, level + 1)
                finally:
                    os.close(child)
            elif not stat.S_ISREG(mode):
                raise _special(relative)
            elif depth >= 1 and name.endswith(extension):
                found.append(relative)

    # -- writes: the gate's own, in one step per file, never through a link ---------------------

    def persist_entry(self, params: dict[str, Any], written: list[str]) -> bytes:
        data_files = self.data_files(params)
        entries = [
            (path, _text(data.get("raw"), path)) for path, data in zip(written, data_files, strict=False)
        ]
        assets = [
            (path, self.decoded(asset, path))
            for path, asset in zip(written[len(data_files) :], _records(params.get("assets")), strict=True)
        ]
        self.write([*assets, *entries])  # the files first: a preview of the post finds them
        with self.lock:
            self.saved = [path for path, _ in entries]
        return _json({"message": "entry persisted"})

    def persist_media(self, asset: dict[str, Any], path: str) -> bytes:
        data = self.decoded(asset, path)
        self.write([(path, data)])
        return _json(self.media_reply(asset["path"], data))

    @staticmethod
    def media_reply(shown: str, data: bytes) -> dict[str, Any]:
        return {
            "id": sha256_hex(data),
            "content": base64.b64encode(data).decode(),
            "encoding": "base64",
            "path": shown,
            "name": posixpath.basename(shown),
        }

    def decoded(self, asset: dict[str, Any], path: str) -> bytes:
        content = asset.get("content")
        if not isinstance(content, str) or asset.get("encoding") != "base64":
            raise Refused("yêu cầu không hợp lệ")
        if len(content) // 4 * 3 > self.limits.max_file + 3:  # too big, known before decoding
            raise self.limits.too_big(path, len(content) // 4 * 3)
        try:
            return base64.b64decode(content)
        except binascii.Error:
            raise Refused(
                f"{PurePosixPath(path).name}: tệp tải lên bị hỏng (không đúng mã base64); hãy tải lên lại",
                HTTPStatus.BAD_REQUEST,
            ) from None

    def write(self, files: list[tuple[str, bytes]]) -> None:
        """Write each file in one step (a new file renamed over its name, so a link there is
        replaced, never written through), reaching its folder through handles that never follow a
        link: within the upload limits and above the disk floor, or nothing."""
        for path, data in files:
            if len(data) > self.limits.max_file:
                raise self.limits.too_big(path, len(data))
        total = sum(len(data) for _, data in files)
        if total > self.limits.max_save:
            raise Refused(
                f"lần lưu này gửi {megabytes(total)} tệp, quá giới hạn {megabytes(self.limits.max_save)} "
                f"mỗi lần lưu. Hãy lưu từng tệp một (thêm một tệp, lưu, rồi thêm tệp tiếp theo). {SMALLER}",
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            )
        with self.lock:  # never while a delete has files set aside
            usage = os.statvfs(self.content)
            free = usage.f_bavail * usage.f_frsize
            if free - total < self.limits.min_free:
                raise Refused(self.disk_full(free, total), HTTPStatus.INSUFFICIENT_STORAGE)
            for path, data in files:
                try:
                    replace(self.content, path, data)
                except UnsafePath as error:
                    raise _through_link(path) from error

    def disk_full(self, free: int | None = None, total: int = 0) -> str:
        floor = megabytes(self.limits.min_free)
        said = "không lưu được: ổ đĩa chứa thư mục nội dung "
        if free is None:
            said += f"đã đầy; cần giữ trống ít nhất {floor}."
        else:
            said += (
                f"chỉ còn trống {megabytes(max(free, 0))}; lưu thêm {megabytes(total)} sẽ xuống dưới "
                f"mức {floor} phải giữ trống."
            )
        return (
            said
            + " Hãy xóa bớt tệp không dùng trên máy (hoặc nhờ người quản trị giải phóng ổ đĩa) rồi lưu lại."
        )

    # -- deletes: set aside, checked, then gone or put back ---------------------------------------

    def delete(self, paths: list[str]) -> None:
        """Delete files unless that breaks another: a document a post names, a picture or an
        attachment a page links. The files are set aside in a fresh hidden folder of this request
        (the build skips it), the content checked; new errors put them back and refuse, with the
        errors. Only a complete success deletes anything. Every step goes through folder handles
        held from the start, never a path looked up again: a folder swapped for a link after the
        look, or the hidden folder swapped, reaches nothing outside the content folder."""
        paths = list(dict.fromkeys(paths))
        with self.lock, contextlib.ExitStack() as handles:  # one delete at a time
            before = {str(p) for p in self.check().errors}
            root = handles.enter_context(folder_handle(self.content))
            aside_name, aside = _aside_folder(root, handles)
            moved: list[tuple[int, str, str]] = []  # (its folder's handle, its name, its name aside)
            try:
                self.set_aside(paths, aside, moved, handles)
                after = self.check()
                broken = [p for p in after.errors if str(p) not in before]
            except BaseException:
                _put_back(moved, aside)
                _remove_folder(aside_name, root)
                raise
            if broken:
                _put_back(moved, aside)
                _remove_folder(aside_name, root)
                titles = {p.source: p.title for p in after.posts} | {p.source: p.title for p in after.pages}
                titles |= {a.source: a.title for a in after.activities}
                users = [f"«{titles[p.path]}» ({p.path})" if p.path in titles else p.path for p in broken]
                raise Refused(
                    "không xóa, vì còn được dùng ở: "
                    + "; ".join(dict.fromkeys(users[:MAX_LISTED]))
                    + (f" và {len(users) - MAX_LISTED} chỗ khác" if len(users) > MAX_LISTED else "")
                    + ". Gỡ khỏi đó trước (sau khi xóa sẽ có lỗi: "
                    + broken[0].message
                    + ")."
                )
            for _, _, kept in moved:
                os.unlink(kept, dir_fd=aside)  # only the names set aside, never what they point to
            _remove_folder(aside_name, root)

    def set_aside(
        self, paths: list[str], aside: int, moved: list[tuple[int, str, str]], handles: contextlib.ExitStack
    ) -> None:
        """Each file renamed into the delete's hidden folder, from its folder's handle (reached
        without following a link) to the hidden folder's; `moved` says what went where."""
        folders: dict[str, int] = {}
        for number, path in enumerate(paths):
            folder, name = posixpath.split(path)
            if folder not in folders:
                try:
                    folders[folder] = handles.enter_context(folder_handle(self.content, folder))
                except UnsafePath as error:
                    raise _through_link(path) from error
            if not stat.S_ISREG(os.stat(name, dir_fd=folders[folder], follow_symlinks=False).st_mode):
                raise Refused(f"{path}: chỉ xóa được từng tệp, không xóa thư mục hay liên kết")
            os.rename(name, str(number), src_dir_fd=folders[folder], dst_dir_fd=aside)
            moved.append((folders[folder], name, str(number)))
            # The rename took whatever the name held at that instant, never following it: a link
            # or a folder swapped in since the look above goes back as it came.
            if not stat.S_ISREG(os.stat(str(number), dir_fd=aside, follow_symlinks=False).st_mode):
                raise _through_link(path)

    # -- the checker's word on the last save ------------------------------------------------------

    def last_save(self) -> dict[str, Any]:
        with self.lock:
            saved = list(self.saved)
        check = self.check()
        shown = {f"{self.shown_dir}/{path}": path for path in saved}
        problems = [p for p in check.problems if p.path in shown]
        others = [p for p in check.errors if p.path not in shown]
        read: dict[str, Post | Page | Document | Activity | ResearchTask] = (
            {p.path: p for p in check.posts}
            | {p.path: p for p in check.pages}
            | {d.path: d for d in check.documents.documents}
            | {a.path: a for a in check.activities}
            | {t.path: t for t in check.research_tasks}
        )
        links = []
        for path in saved:
            page = read.get(str(self.content / path))
            if page is None or getattr(page, "status", "") == "draft":
                continue
            if isinstance(page, Post):
                url = post_url(page, self.settings)
            elif isinstance(page, Document):
                url = document_url(page, self.settings)
            elif isinstance(page, ResearchTask):
                url = research_task_url(page, self.settings)
            elif isinstance(page, Activity):
                if not page.public:  # counted in the reports, no page of its own
                    continue
                url = activity_url(page, self.settings)
            else:
                url = page_url(page.slug, self.settings)
            links.append({"path": path, "title": page.title, "url": self.preview_url + url.lstrip("/")})
        activities = bool(saved) and all(path.startswith(f"{ACTIVITY_FOLDER}/") for path in saved)
        reports = bool(saved) and all(path.startswith(f"{UNIT_REPORTS_FOLDER}/") for path in saved)
        return {
            "files": saved,
            # as the panel names what was saved
            "noun": "hoạt động" if activities else "báo cáo" if reports else "bài",
            "problems": [
                self.problem_said(p, shown[p.path])
                for p in sorted(problems, key=lambda p: (p.path, p.line or 0))
            ],
            "other_errors": [
                f"{p.path}: {p.message}" + (f" — {self.fix_said(p)}" if p.fix else "")
                for p in others[:MAX_LISTED]
            ],
            "other_error_count": len(others),
            "pages": [] if any(p.is_error for p in problems) or others else links,
        }

    def report_status(self, query: dict[str, list[str]]) -> dict[str, Any]:
        """The units' report cycle of a period, as `invoke report-status` computes it (one code:
        portal.report.status_of), for the editor's dialog: with the collection each unit's report
        is edited in, the file of each unit that has one (a file the checker refuses included, so
        the dialog opens it rather than offering a second), that period's report files' problems
        and every plan's periods to pick from. Unlike the command, it answers while other content
        has errors (a broken post elsewhere changes nothing here); ReportError for a plan or a
        period that is not there."""

        def one(key: str) -> str | None:
            values = query.get(key) or [""]
            return values[-1].strip()[:200] or None

        check = self.check()
        ask = ReportQuery(plan=one("plan"), period=one("period"), today=one("today"))
        status = status_of(check, self.settings, ask, current=True)
        plan, period = status.plan, status.period
        folder = f"{UNIT_REPORTS_FOLDER}/{plan.slug}/{period.slug}"
        data = status.as_json()
        for unit in data["units"]:
            path = f"{folder}/{unit['id']}.md"
            unit["file"] = None
            if "/" not in unit["id"] and not unit["id"].startswith("."):  # a plan's ids are free text
                with contextlib.suppress(UnsafePath, OSError):
                    unit["file"] = path if entry_kind(self.content, path) is not None else None
        shown = f"{self.shown_dir}/{folder}/"
        data["problems"] = [
            {
                "file": p.path.removeprefix(f"{self.shown_dir}/"),
                "line": p.line,
                "message": p.message,
                "fix": p.fix,
                "error": p.is_error,
            }
            for p in check.problems
            if p.path.startswith(shown)
        ]
        data["collection"] = unit_report_collection_name(plan, period)
        data["periods"] = [
            {
                "plan": each.slug,
                "period": one_period.slug,
                "label": f"{each.id} · {one_period.title}",
            }
            for each in sorted(check.plans, key=lambda p: (p.start, p.end), reverse=True)
            for one_period in each.periods
        ]
        return data

    def report_status_reply(self, query: str) -> tuple[int, bytes]:
        """/api/report-status's answer: the cycle, or why not (a plan or period not there)."""
        try:
            return HTTPStatus.OK, _json(self.report_status(parse_qs(query)))
        except ReportError as error:
            return HTTPStatus.NOT_FOUND, _json({"error": str(error)})

    def problem_said(self, problem: Problem, path: str) -> dict[str, Any]:
        """A problem of a saved file as the editor's panel shows it: where (the form's box or the
        body's paragraph), what and the fix in the form's words; a message naming the box its
        place already names says "giá trị" (value) instead."""
        where = self.where(path, problem.line)
        message = self.said(problem.message, problem.path)
        if where.startswith("Ô «") and message.startswith(where.lower()[:1] + where[1:] + " "):
            message = "giá trị" + message[len(where) :]
        key = re.match(r"([A-Z][A-Za-z_]*): ", message)  # "Date: ngày … không có": its box names it
        if key and where.startswith("Ô «") and field_label(key[1].lower(), form_labels(path)):
            message = message[key.end() :]
        return {"where": where, "message": message, "fix": self.fix_said(problem), "error": problem.is_error}

    def fix_said(self, problem: Problem) -> str:
        """A problem's fix in the words of the form its file is edited in."""
        return self.said(problem.fix, problem.path)

    def said(self, text: str, path: str) -> str:
        """A checker's words in those of the form the file at `path` (as shown) is edited in."""
        return in_form_words(text, form_labels(path.removeprefix(f"{self.shown_dir}/")))

    def where(self, path: str, line: int | None) -> str:
        """Where a problem is, in the form's words: the field of its header line, or the body."""
        text, _ = read_text(self.content / path, path)  # lines numbered as the checker numbers them
        if not line or text is None:
            return f"Dòng {line}" if line else ""
        lines = text.split("\n")
        first = next((i for i, each in enumerate(lines) if each.strip()), 0)
        header_end = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
        if line > header_end:
            return paragraph_named(lines[line - 1])
        label = field_label(lines[line - 1].split(":", 1)[0].strip().lower(), form_labels(path))
        return f"Ô «{label}»" if label else f"Dòng {line}"


QUOTED_WORDS = 48  # of a paragraph, to name it


def paragraph_named(line: str) -> str:
    """Where a body line is, for the rich-text box, which has no line numbers: its paragraph, by
    its first words as the box shows them (without Markdown's heading, list or quote marks, nor
    Word's bullets)."""
    words = " ".join(re.sub(r"^\s*(?:#{1,6}|>|[-*+•●▪◦·§]|o(?=\t|\s\s)|\d+[.)])\s+", "", line).split())
    if not words:
        return "Ô «Nội dung»"
    return f"Ô «Nội dung», đoạn «{words[:QUOTED_WORDS] + '…' if len(words) > QUOTED_WORDS else words}»"


def _aside_folder(root: int, handles: contextlib.ExitStack) -> tuple[str, int]:
    """A fresh hidden folder in the content folder's root for a delete's files, and a handle on it
    (held to the end: whatever later takes its name is never used)."""
    name = f".dang-xoa-{secrets.token_hex(8)}"
    os.mkdir(name, 0o700, dir_fd=root)  # only this user may put anything in it
    try:
        handle = os.open(name, _FOLDER_FLAGS, dir_fd=root)
    except OSError as error:
        raise Refused("thư mục tạm để xóa bị thay bằng liên kết; không xóa gì") from error
    handles.callback(os.close, handle)
    if os.listdir(handle):
        raise Refused("thư mục tạm để xóa bị thay bằng một thư mục khác; không xóa gì")
    return name, handle


def _put_back(moved: list[tuple[int, str, str]], aside: int) -> None:
    """The files set aside, back under their names in the folders they came from (by handle)."""
    for folder, name, kept in reversed(moved):
        os.rename(kept, name, src_dir_fd=aside, dst_dir_fd=folder)


def _remove_folder(name: str, root: int) -> None:
    """The delete's hidden folder, once empty; nothing when another thing took its name."""
    with contextlib.suppress(OSError):
        os.rmdir(name, dir_fd=root)


def _records(value: object) -> list[dict[str, Any]]:
    """A request's list of objects (files, assets), or Refused."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise Refused("yêu cầu không hợp lệ")
    return value


def _items(value: object) -> list[object]:
    if not isinstance(value, list):
        raise Refused("yêu cầu không hợp lệ")
    return value


def _text(raw: object, path: str) -> bytes:
    """An entry's text as its file's UTF-8 bytes."""
    if not isinstance(raw, str):
        raise Refused("yêu cầu không hợp lệ")
    try:
        return raw.encode()
    except UnicodeEncodeError:
        raise Refused(f"{path}: nội dung có ký tự không hợp lệ; hãy dán lại đoạn vừa thêm") from None


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


# http.server's own refusals, in the gate's words.
HTTP_ERRORS: dict[int, str] = {
    HTTPStatus.BAD_REQUEST: "yêu cầu không hợp lệ",
    HTTPStatus.NOT_FOUND: "không có",
    HTTPStatus.REQUEST_TIMEOUT: "yêu cầu không đến đủ trong thời gian cho phép nên bị bỏ; hãy thử lại",
    HTTPStatus.REQUEST_URI_TOO_LONG: "địa chỉ yêu cầu quá dài",
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: "phần đầu yêu cầu quá dài",
    HTTPStatus.NOT_IMPLEMENTED: "máy chủ soạn thảo không làm thao tác HTTP này",
    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED: "phiên bản HTTP không được hỗ trợ",
}


class EditorRequestHandler(BaseHTTPRequestHandler):
    site: EditorSite
    port: int
    # `timeout` (set per server): seconds for the whole request to arrive; socketserver sets it on
    # the socket too, so no single read waits longer either.

    def setup(self) -> None:
        super().setup()
        if self.timeout:
            # The watchdog below answers a request that missed its time; the socket's own timeout
            # is only a backstop, later, or under load it could win the race and drop the
            # connection unanswered (http.server closes on TimeoutError without a word).
            self.connection.settimeout(self.timeout * 2 + 1)
        self.cut = False  # the watchdog shut the reading side: what was read may be cut short
        # The request line, headers and body must all arrive within the timeout: a client that
        # stalls or trickles has the socket's reading side shut, which ends the read waiting on it
        # (and it is answered 408, or dropped); this thread is then free, others never waited.
        self.watchdog = threading.Timer(self.timeout or 0, self.stop_reading)
        self.watchdog.daemon = True
        if self.timeout:
            self.watchdog.start()

    def stop_reading(self) -> None:
        self.cut = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RD)

    def finish(self) -> None:
        self.watchdog.cancel()
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def from_this_page(self) -> bool:
        """Only the editor's own page, by the loopback address it was opened at (a page of any
        other site, or a name re-pointed at 127.0.0.1, is refused)."""
        hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        if self.headers.get("Host") not in hosts:
            return False
        if self.headers.get("Sec-Fetch-Site") == "cross-site":  # a request another site's page made
            return False
        origin = self.headers.get("Origin")
        return origin is None or origin.split("://", 1)[-1] in hosts

    def send(self, status: int, body: bytes, kind: str = "application/json; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")  # no other page may frame the editor's buttons
        self.send_header("Content-Security-Policy", "frame-ancestors 'none'")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the tab was closed
            if self.command != "HEAD":
                self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own refusals (a malformed request line, a method it does not know,
        headers too long, a request timed out) in the gate's shape, in Vietnamese."""
        self.close_connection = True
        self.send(code, _json({"error": HTTP_ERRORS.get(code, "yêu cầu không hợp lệ")}))

    def refuse_unread(self, status: int, message: str) -> None:
        """Answer before reading the body, then read and drop what the client still sends (within
        the request's timeout), so it receives the answer rather than a reset connection."""
        self.close_connection = True
        self.send(status, _json({"error": message}))
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_WR)
            while self.connection.recv(1 << 16):
                pass

    def too_slow(self) -> None:
        self.close_connection = True
        self.send(
            HTTPStatus.REQUEST_TIMEOUT,
            _json(
                {
                    "error": f"yêu cầu không đến đủ trong {self.timeout:g} giây nên bị bỏ; "
                    "hãy bấm Lưu lại (tệp quá lớn thì làm nhỏ hơn trước)"
                }
            ),
        )

    def do_GET(self) -> None:
        if self.cut:  # its headers cut short
            self.too_slow()
            return
        if not self.from_this_page():
            self.send(403, _json({"error": "chỉ mở từ trang soạn thảo"}))
            return
        url = urlsplit(self.path)
        if url.path in ("/", "/admin"):
            self.send_response(302)
            self.send_header("Location", "/admin/")
            self.end_headers()
        elif url.path == "/admin/portal-config.json":
            self.send(200, _json(self.site.config()))
        elif url.path == "/api/check":
            self.send(200, _json(self.site.last_save()))
        elif url.path == "/api/report-status":
            self.send(*self.site.report_status_reply(url.query))
        elif url.path.startswith(("/images/", "/files/")):
            self.content_file(unquote(url.path))
        elif url.path.startswith("/admin/decap/"):
            self.file(DECAP_DIST, url.path.removeprefix("/admin/decap/"))
        elif url.path == "/admin/emblem.svg":
            self.file(THEME_IMAGES, "emblem.svg")
        elif url.path == "/admin/portal-format.js":
            self.file(EDITOR, "portal-format.js")
        elif url.path.startswith("/admin/"):
            self.file(ADMIN, url.path.removeprefix("/admin/") or "index.html")
        else:
            self.send(404, _json({"error": "không có"}))

    def file(self, folder: Path, name: str) -> None:
        """One of the editor's own files (the project's, not the content's)."""
        path = (folder / name).resolve()
        if not path.is_relative_to(folder.resolve()) or not path.is_file():
            self.send(404, _json({"error": "không có"}))
            return
        self.send_file(path.name, path.read_bytes())

    def send_file(self, name: str, data: bytes) -> None:
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("javascript"):
            kind += "; charset=utf-8"
        self.send(200, data, kind)

    def content_file(self, path: str) -> None:
        """A picture or attachment of the content folder, for the CMS's thumbnails and preview:
        only what the site publishes, read through folder handles, never through a link."""
        data = None
        with contextlib.suppress(Refused, UnsafePath, OSError):
            relative = safe_path(self.site.content, path, UPLOAD_FOLDERS)
            if self.site.uploadable(relative):
                data = read_regular(self.site.content, relative)
        if data is None:
            self.send(404, _json({"error": "không có"}))
            return
        self.send_file(path, data)

    def do_POST(self) -> None:
        if self.cut:  # its headers cut short
            self.too_slow()
            return
        if not self.from_this_page() or urlsplit(self.path).path != "/api/v1":
            self.refuse_unread(HTTPStatus.FORBIDDEN, "chỉ mở từ trang soạn thảo")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.refuse_unread(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "yêu cầu không cho biết đúng độ dài")
            return
        if length > self.site.limits.max_request:
            self.refuse_unread(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, self.site.limits.too_big_request(length))
            return
        try:
            body = self.rfile.read(length)
        except OSError:  # the socket's own timeout, or the connection lost
            body = b""
        if len(body) < length:  # stalled or too slow: the watchdog shut the reading side
            self.too_slow()
            return
        status, reply = self.site.forward(body)
        self.send(status, reply)


def _die_with_parent() -> None:
    """In the backend's process: ask Linux to end it when `invoke edit` ends, however it ends."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Editor:
    """The editor's server and its file backend, started and stopped together. `overrides`:
    settings for this run (load_settings's), e.g. EDITOR_TIMEOUT_SECONDS."""

    def __init__(self, content: str | Path, port: int, preview_url: str, **overrides: Any):
        self.content = Path(content)
        self.port = port
        self.preview_url = preview_url
        self.overrides = overrides
        self.backend: subprocess.Popen[bytes] | None = None
        self.server: ThreadingHTTPServer | None = None
        self.site: EditorSite | None = None
        self.socket_dir: str | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/admin/"

    def start(self) -> None:
        node = shutil.which("node")
        if node is None or not DECAP_SERVER.exists():
            raise EditorUnavailable(
                "chưa cài trình soạn thảo: chạy 'make edit' (hoặc '.venv/bin/invoke edit'), lệnh tự cài"
            )
        # decap-server on a Unix socket in a folder only this user can open: no web page and no
        # other user of the machine reaches it, only the gate.
        self.socket_dir = tempfile.mkdtemp(prefix="portal-editor-")
        backend = os.path.join(self.socket_dir, "decap-server.sock")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PORTAL_SOCKET": backend,
            "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(self.content.resolve()),
            "LOG_LEVEL": "error",
        }
        self.backend = subprocess.Popen(
            [node, str(BACKEND)],
            cwd=EDITOR,
            env=env,
            stdout=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - started before any thread of ours
        )
        try:
            wait_for_socket(backend, self.backend)
        except EditorUnavailable:
            self.stop()  # no backend process or socket folder left behind
            raise
        self.site = EditorSite(self.content, backend, self.preview_url, **self.overrides)
        handler = type(
            "Handler",
            (EditorRequestHandler,),
            {"site": self.site, "port": self.port, "timeout": self.site.limits.timeout},
        )
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        if self.backend is not None and self.backend.poll() is None:
            self.backend.terminate()
            try:
                self.backend.wait(5)
            except subprocess.TimeoutExpired:
                self.backend.kill()
        if self.socket_dir is not None:
            shutil.rmtree(self.socket_dir, ignore_errors=True)

    @contextlib.contextmanager
    def running(self) -> Iterator[Editor]:
        self.start()
        try:
            yield self
        finally:
            self.stop()

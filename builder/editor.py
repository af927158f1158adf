"""`invoke edit`: the web editor (Decap CMS) for the content folder, on 127.0.0.1 only.

One local server answers the editor's browser:

- `/admin/`: the CMS page (editor/admin/), its configuration made from the plans and the
  checker's keys on every start (portal.cms_config), the CMS bundle from editor/node_modules;
- `/api/v1`: Decap's file backend. decap-server reads and writes the files; it listens on a Unix
  socket only this user can open (editor/backend.mjs), reached only through this server's gate,
  which refuses any path outside the content folder's editable folders, links and special files,
  renames, uploads of kinds the site does not publish, and requests of other sites. Deleting is
  the gate's own: refused while another file still uses what would go;
- `/images/…`, `/files/…`: the content's publishable files, for the CMS's thumbnails;
- `/api/check`: after each save, the checker's problems with the files that save wrote, in the
  form's words, for the editor's panel (editor/admin/portal-editor.js), with the page's address
  on the live preview (builder.preview, as `invoke livereload`), which runs beside it.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import json
import mimetypes
import os
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from portal.checker import CheckMemo, ContentCheck, Page, check_content
from portal.cms_config import editor_config, field_label, in_form_words, spellings
from portal.content_files import publishing_rule
from portal.documents import DEFAULT_TYPES, Document
from portal.posts import Post, read_text
from portal.urls import document_url, page_url, post_url

from .settings import load_settings

EDITOR = Path(__file__).resolve().parent.parent / "editor"
ADMIN = EDITOR / "admin"
THEME_IMAGES = EDITOR.parent / "theme" / "static" / "img"
DECAP_DIST = EDITOR / "node_modules" / "decap-cms" / "dist"
DECAP_SERVER = EDITOR / "node_modules" / "decap-server" / "dist" / "middlewares.js"
BACKEND = EDITOR / "backend.mjs"  # decap-server's middlewares on a Unix socket

ENTRY_FOLDERS = ("posts", "pages", "van-ban")
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
MAX_PATH_BYTES = 1000
MAX_LISTED = 5  # other files' errors named in the panel
MAX_REQUEST = 55 * 1024 * 1024  # decap-server's own JSON limit: 50 MB of base64, ~37 MB of files


class EditorUnavailable(RuntimeError):
    """The editor cannot start (Node.js or its packages missing, decap-server failing)."""


class Refused(Exception):
    """A request the editor's server will not pass on; the message is for the editor."""

    def __init__(self, message: str, status: int = HTTPStatus.UNPROCESSABLE_ENTITY):
        super().__init__(message)
        self.status = status


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


def safe_path(root: Path, relative: object, folders: Iterable[str]) -> str:
    """`relative` if it names a file or folder inside one of root's `folders`, reached without a
    link; otherwise Refused."""
    if not isinstance(relative, str) or not relative or "\\" in relative or "\0" in relative:
        raise Refused(f"đường dẫn không hợp lệ: {relative!r}")
    # "/images/2020/a.jpg": from the content folder's root, as decap-server joins it.
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


def plain_folder(folder: Path) -> None:
    """Refused if a folder decap-server will list holds a link or a special file (a named pipe
    would hang its reader); `invoke check` refuses both too."""
    if not folder.is_dir():
        return
    for here, folders, files in os.walk(folder):  # links to folders are listed, not entered
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in [*folders, *(f for f in files if not f.startswith("."))]:
            path = Path(here) / name
            mode = path.lstat().st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                shown = path.relative_to(folder.parent).as_posix()
                raise Refused(f"{shown} là liên kết hoặc tệp đặc biệt; hãy xóa hoặc thay bằng tệp thật")


class EditorSite:
    """What the editor's server knows: the content folder, the file backend, the last save."""

    def __init__(self, content: str | Path, backend: str, preview_url: str, shown_dir: str = "content"):
        self.content = Path(content).resolve()
        self.backend = backend  # decap-server's Unix socket
        self.preview_url = preview_url.rstrip("/") + "/"
        self.shown_dir = shown_dir
        self.settings = load_settings(self.content)
        self.memo = CheckMemo()
        self.lock = threading.RLock()
        self.saved: list[str] = []  # the files the last save wrote, relative to the content folder
        self.uploadable = publishing_rule(self.settings)

    def config(self) -> dict[str, Any]:
        """The CMS's configuration, made from the plans as they are now."""
        check = self.check()
        types = self.settings.get("DOCUMENT_TYPES") or DEFAULT_TYPES  # what the checker accepts
        return {
            "cms": editor_config(check.plans, types, "/api/v1"),
            "spellings": spellings(check.plans),
        }

    def check(self) -> ContentCheck:
        with self.lock:
            return check_content(self.content, self.settings, shown_dir=self.shown_dir, memo=self.memo)

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
            path = safe_path(self.content, params.get(key), folders)
            if key != "path":  # a listing: decap-server reads every file in it
                plain_folder(self.content / path)
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
        written = []
        files = params["dataFiles"] if "dataFiles" in params else [params.get("entry")]
        for data in _records(files):
            if "newPath" in data:
                # decap-server moves the whole folder with the file; this editor never renames.
                raise Refused("trình soạn thảo không đổi tên hay chuyển tệp")
            path = safe_path(self.content, data.get("path"), ENTRY_FOLDERS)
            if not path.endswith(".md"):
                raise Refused(f"bài, trang và văn bản là tệp .md: {path}")
            written.append(path)
        return written + [self.vet_upload(asset.get("path")) for asset in _records(params.get("assets"))]

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
        if not (self.content / relative).exists():
            raise Refused(f"{relative}: không có tệp này")
        if not stat.S_ISREG((self.content / relative).lstat().st_mode):
            raise Refused(f"{relative}: chỉ xóa được từng tệp, không xóa thư mục")
        return relative

    def forward(self, body: bytes) -> tuple[int, bytes]:
        """One request of the CMS: vetted, then answered here (deletes) or by decap-server."""
        try:
            request = json.loads(body)
            written = self.vet(request)
            if request["action"] in ("deleteFile", "deleteFiles"):
                return HTTPStatus.OK, _json({"message": f"deleted files {', '.join(self.delete(written))}"})
            reply = self.without_links(request["action"], self.call_backend(body))
        except Refused as refused:
            return refused.status, _json({"error": str(refused)})
        except ValueError:
            return HTTPStatus.BAD_REQUEST, _json({"error": "yêu cầu không phải JSON"})
        except OSError as error:  # a path named in the request vanished meanwhile
            return HTTPStatus.UNPROCESSABLE_ENTITY, _json({"error": f"không đọc được tệp: {error.strerror}"})
        if request["action"] == "persistEntry":
            with self.lock:
                self.saved = [p for p in written if p.startswith(tuple(f"{f}/" for f in ENTRY_FOLDERS))]
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

    def delete(self, paths: list[str]) -> list[str]:
        """Delete files unless that breaks another: a document a post names, a picture or an
        attachment a page links. The files are set aside in a fresh hidden folder of this request
        (the build skips it), the content checked; new errors put them back and refuse, with the
        errors. Only a complete success deletes anything."""
        with self.lock:  # one delete at a time, and no check of a half-moved folder
            before = {str(p) for p in self.check().errors}
            aside = Path(tempfile.mkdtemp(prefix=".dang-xoa-", dir=self.content))
            moved: list[tuple[Path, Path]] = []
            try:
                for number, path in enumerate(paths):
                    target = aside / str(number)
                    os.replace(self.content / path, target)
                    moved.append((self.content / path, target))
                after = self.check()
                broken = [p for p in after.errors if str(p) not in before]
            except BaseException:
                _put_back(moved)
                aside.rmdir()
                raise
            if broken:
                _put_back(moved)
                aside.rmdir()
                titles = {p.source: p.title for p in [*after.posts, *after.pages]}
                users = [f"«{titles[p.path]}» ({p.path})" if p.path in titles else p.path for p in broken]
                raise Refused(
                    "không xóa, vì còn được dùng ở: "
                    + "; ".join(dict.fromkeys(users[:MAX_LISTED]))
                    + (f" và {len(users) - MAX_LISTED} chỗ khác" if len(users) > MAX_LISTED else "")
                    + ". Gỡ khỏi đó trước (sau khi xóa sẽ có lỗi: "
                    + broken[0].message
                    + ")."
                )
            shutil.rmtree(aside)
        return paths

    def without_links(self, action: object, reply: bytes) -> bytes:
        """Listings name no file reached through a link (the checker refuses those anyway)."""
        if action not in ("entriesByFolder", "entriesByFiles", "getMedia"):
            return reply
        entries = json.loads(reply)
        kept = []
        for entry in entries:
            path = (entry.get("file") or {}).get("path") or entry.get("path")
            with contextlib.suppress(Refused):
                safe_path(self.content, path, EVERYWHERE)
                kept.append(entry)
        return _json(kept)

    # -- the checker's word on the last save ------------------------------------------------------

    def last_save(self) -> dict[str, Any]:
        with self.lock:
            saved = list(self.saved)
        check = self.check()
        shown = {f"{self.shown_dir}/{path}": path for path in saved}
        problems = [p for p in check.problems if p.path in shown]
        others = [p for p in check.errors if p.path not in shown]
        read: dict[str, Post | Page | Document] = (
            {p.path: p for p in check.posts}
            | {p.path: p for p in check.pages}
            | {d.path: d for d in check.documents.documents}
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
            else:
                url = page_url(page.slug, self.settings)
            links.append({"path": path, "title": page.title, "url": self.preview_url + url.lstrip("/")})
        return {
            "files": saved,
            "problems": [
                {
                    "where": self.where(shown[p.path], p.line),
                    "message": p.message,
                    "fix": in_form_words(p.fix),
                    "error": p.is_error,
                }
                for p in sorted(problems, key=lambda p: (p.path, p.line or 0))
            ],
            "other_errors": [
                f"{p.path}: {p.message}" + (f" — {in_form_words(p.fix)}" if p.fix else "")
                for p in others[:MAX_LISTED]
            ],
            "other_error_count": len(others),
            "pages": [] if any(p.is_error for p in problems) or others else links,
        }

    def where(self, path: str, line: int | None) -> str:
        """Where a problem is, in the form's words: the field of its header line, or the body."""
        text, _ = read_text(self.content / path, path)  # lines numbered as the checker numbers them
        if not line or text is None:
            return f"Dòng {line}" if line else ""
        lines = text.split("\n")
        first = next((i for i, each in enumerate(lines) if each.strip()), 0)
        header_end = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
        if line > header_end:
            return f"Nội dung, dòng {line - header_end - 1} của phần nội dung"
        label = field_label(lines[line - 1].split(":", 1)[0].strip().lower())
        return f"Ô «{label}»" if label else f"Dòng {line}"


def _put_back(moved: list[tuple[Path, Path]]) -> None:
    for original, target in reversed(moved):
        os.replace(target, original)


def _records(value: object) -> list[dict[str, Any]]:
    """A request's list of objects (files, assets), or Refused."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise Refused("yêu cầu không hợp lệ")
    return value


def _items(value: object) -> list[object]:
    if not isinstance(value, list):
        raise Refused("yêu cầu không hợp lệ")
    return value


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


class EditorRequestHandler(BaseHTTPRequestHandler):
    site: EditorSite
    port: int

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
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the tab was closed
            self.wfile.write(body)

    def do_GET(self) -> None:
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
        path = (folder / name).resolve()
        if not path.is_relative_to(folder.resolve()) or not path.is_file():
            self.send(404, _json({"error": "không có"}))
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("javascript"):
            kind += "; charset=utf-8"
        self.send(200, path.read_bytes(), kind)

    def content_file(self, path: str) -> None:
        """A picture or attachment of the content folder, for the CMS's thumbnails and preview:
        only what the site publishes, never through a link."""
        try:
            relative = safe_path(self.site.content, path, UPLOAD_FOLDERS)
        except Refused:
            relative = ""
        if not relative or not self.site.uploadable(relative) or not (self.site.content / relative).is_file():
            self.send(404, _json({"error": "không có"}))
            return
        self.file(self.site.content, relative)

    def do_POST(self) -> None:
        if not self.from_this_page() or urlsplit(self.path).path != "/api/v1":
            self.send(403, _json({"error": "chỉ mở từ trang soạn thảo"}))
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_REQUEST:
            self.send(413, _json({"error": "yêu cầu quá lớn: mỗi lần lưu tối đa khoảng 40 MB tệp tải lên"}))
            return
        status, reply = self.site.forward(self.rfile.read(length))
        self.send(status, reply)


def _die_with_parent() -> None:
    """In the backend's process: ask Linux to end it when `invoke edit` ends, however it ends."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Editor:
    """The editor's server and its file backend, started and stopped together."""

    def __init__(self, content: str | Path, port: int, preview_url: str):
        self.content = Path(content)
        self.port = port
        self.preview_url = preview_url
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
                "chưa cài trình soạn thảo: cần Node.js và 'npm ci --prefix editor' (make test tự cài)"
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
        self.site = EditorSite(self.content, backend, self.preview_url)
        handler = type("Handler", (EditorRequestHandler,), {"site": self.site, "port": self.port})
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

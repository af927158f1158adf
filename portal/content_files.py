"""The one way into a content directory: its files listed and read without ever leaving it.

Many hands write the content folder, so nothing in it may make the build read
or write outside it. `scan` lists every regular file under the content root
without following a link; a symbolic link, a hard link (a file with another
name, maybe outside), a special file (FIFO, device) or an over-large source
is a Problem naming the file, and the checker stops the
build on it before Pelican reads anything (Pelican itself follows links). The
checker and the Markdown reader read a source through `read_source`, so both
see the same text; `resolve_link` turns a `{static}`/`{attach}`/`{filename}`
target into a path inside the root, or None when it would leave it.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import posixpath
import re
import stat
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .problems import Problem

# A news post is a few kilobytes; a megabyte of Markdown is a pasted file, not a post.
MAX_SOURCE_BYTES = 1_000_000
# A path in the content folder, as shown (a file system takes 4,096 bytes, the output folder's
# name and a picture's copy suffix come on top).
MAX_PATH_BYTES = 1000


class SourceError(Exception):
    """A content file that may not be read; the message is for the editor."""


@dataclass
class ContentTree:
    """Every regular file of a content directory, as posix paths relative to its root."""

    root: Path
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # (mtime_ns, size, inode, ctime_ns) of each file, as scanned: what CheckMemo keys on.
    stamps: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._set = set(self.files)
        self._composed: dict[str, dict[str, str]] = {}
        self._under: dict[tuple[str, ...], list[str]] = {}  # a check asks for the same folders often

    def has(self, relative: str) -> bool:
        return relative in self._set

    def under(self, folders: Collection[str]) -> list[str]:
        """Files below any of the folders (relative to the root), in sorted order."""
        key = tuple(folders)
        found = self._under.get(key)
        if found is None:
            prefixes = tuple(f"{f.strip('/')}/" for f in folders if f.strip("/"))
            if any(not f.strip("/") for f in folders):
                found = list(self.files)
            else:
                found = [f for f in self.files if f.startswith(prefixes)]
            self._under[key] = found
        return list(found)

    def rescanned(self, changed: Collection[str], ignore: Collection[str]) -> ContentTree | None:
        """What `scan` would list now, when only the files at `changed` were written, replaced or
        removed since this tree was scanned (the shared editor's check folder, which only it
        writes); None when one of them needs the whole scan: a name or folder the scan would skip
        or refuse, or a file that is not a plain one. A tree with problems is always scanned again:
        what a link's problem says depends on what it points at, which may be among the changes."""
        if self.problems:
            return None
        skip = _ignore_pattern(tuple(ignore)).match
        files, stamps = set(self.files), dict(self.stamps)
        for relative in changed:
            parts = relative.split("/")
            if len(relative) > MAX_PATH_BYTES // 4 or any(
                part in ("", ".", "..")
                or not (part.isascii() and part.isprintable())
                or skip(os.path.normcase(part))
                for part in parts
            ):
                return None
            try:
                info = os.lstat(self.root / relative)
            except (FileNotFoundError, NotADirectoryError):
                if any(f.startswith(f"{relative}/") for f in files):
                    return None  # a folder removed with what it held
                files.discard(relative)
                stamps.pop(relative, None)
                continue
            if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
                return None
            folder = self.root
            for depth, part in enumerate(parts[:-1]):  # a link on the way would not be walked into
                folder = folder / part
                if not stat.S_ISDIR(os.lstat(folder).st_mode) or "/".join(parts[: depth + 1]) in files:
                    return None  # a file of the tree's gave way to a folder
            files.add(relative)
            stamps[relative] = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
        return ContentTree(self.root, sorted(files), list(self.problems), stamps)

    def composed(self, folder: str) -> dict[str, str]:
        """The files below `folder` by their composed (NFC) name, worked out once: Unikey's
        "Unicode tổ hợp" and macOS write decomposed names, people type composed ones."""
        if folder not in self._composed:
            self._composed[folder] = {unicodedata.normalize("NFC", f): f for f in self.under([folder])}
        return self._composed[folder]


def publishing_rule(settings: dict[str, Any]) -> Callable[[str], bool]:
    """`publishable` for many files: the settings read once."""
    folders = tuple(f"{p.strip('/')}/" for p in settings.get("STATIC_PATHS", []))
    kinds = {e.lower().lstrip(".") for e in settings.get("STATIC_FILE_TYPES", [])}

    def rule(relative: str) -> bool:
        if not relative.startswith(folders):
            return False
        name = relative.rpartition("/")[2]
        dot = name.rfind(".")
        return 0 < dot < len(name) - 1 and name[dot + 1 :].lower() in kinds  # pathlib's suffix

    return rule


def publishable(relative: str, settings: dict[str, Any]) -> bool:
    """Whether a content file is published as a file: under STATIC_PATHS and of a
    STATIC_FILE_TYPES kind (pictures and documents; nothing a browser would run)."""
    return publishing_rule(settings)(relative)


@functools.cache
def _ignore_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(fnmatch.translate(p.rsplit("/", 1)[-1]) for p in patterns) or "(?!)")


def ignored(name: str, patterns: Collection[str]) -> bool:
    """Pelican's IGNORE_FILES rule: a pattern matches a file or folder name."""
    return _ignore_pattern(tuple(patterns)).match(os.path.normcase(name)) is not None


def scan(root: Path, shown_dir: str, ignore: Collection[str] = (".*",)) -> ContentTree:
    """List root's files the way Pelican will, with a Problem for each one that must not be read.

    Walked as os.walk walks it (top down, a folder's entries before its subfolders', a link to a
    folder never entered, an unreadable folder skipped) with os.scandir's entries, whose names and
    kinds come with the listing: a check of 5,000 posts in the shared editor scans on every save."""
    root = Path(root)
    shown_dir = shown_dir.rstrip("/")
    files: list[str] = []
    problems: list[Problem] = []
    stamps: dict[str, tuple[int, int, int, int]] = {}
    skip = _ignore_pattern(tuple(ignore)).match
    normcase = os.path.normcase

    def walk(folder: str, prefix: str) -> None:
        folders, others = _listing(folder)
        kept = []
        for entry in folders:
            name = entry.name
            if skip(normcase(name)):
                continue
            if bad_name(name):
                problems.append(name_problem(f"{shown_dir}/{prefix}{name}", name))
            elif entry.is_symlink():
                problems.append(link_problem(f"{shown_dir}/{prefix}{name}", Path(entry.path), folder=True))
            else:
                kept.append(entry)
        for entry in others:
            name = entry.name
            if skip(normcase(name)):
                continue
            relative = prefix + name
            info = entry.stat(follow_symlinks=False)
            if (
                stat.S_ISREG(info.st_mode)
                and info.st_nlink == 1
                and len(relative) <= MAX_PATH_BYTES // 4  # four UTF-8 bytes at most a character
                and name.isascii()
                and name.isprintable()
            ):
                problem = None  # the common case, decided without _file_problem's work
            else:
                problem = _file_problem(f"{shown_dir}/{relative}", relative, entry.path, info)
            if problem:
                problems.append(problem)
            else:
                files.append(relative)
                stamps[relative] = (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)
        for entry in kept:
            walk(entry.path, f"{prefix}{entry.name}/")

    walk(str(root), "")
    return ContentTree(root, sorted(files), problems, stamps)


def _listing(folder: str) -> tuple[list[os.DirEntry[str]], list[os.DirEntry[str]]]:
    """A folder's subfolders and other entries, each sorted by name; none if it cannot be read."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=_name)
    except OSError:
        return [], []
    folders: list[os.DirEntry[str]] = []
    others: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_folder = entry.is_dir()  # follows a link, as os.walk: scan refuses the link
        except OSError:
            is_folder = False
        (folders if is_folder else others).append(entry)
    return folders, others


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _file_problem(shown: str, relative: str, path: str, info: os.stat_result) -> Problem | None:
    """Why a file found by the scan must not be read, or None."""
    name = relative.rpartition("/")[2]
    if bad_name(name):
        return name_problem(shown, name)
    if len(relative.encode()) > MAX_PATH_BYTES:
        return Problem(
            shown[:200] + "…",
            None,
            f"đường dẫn trong thư mục nội dung dài {len(relative.encode())} byte, quá {MAX_PATH_BYTES}: "
            "khi dựng trang máy chủ không ghi được",
            "chuyển tệp lên thư mục ngắn hơn hoặc đặt tên thư mục, tên tệp ngắn hơn",
        )
    if stat.S_ISLNK(info.st_mode):
        return link_problem(shown, Path(path), folder=False)
    if not stat.S_ISREG(info.st_mode):
        return Problem(
            shown,
            None,
            "không phải tệp thông thường (FIFO, thiết bị hoặc socket)",
            "xóa mục này khỏi thư mục nội dung",
        )
    if info.st_nlink > 1:
        return Problem(
            shown,
            None,
            f"là liên kết cứng (hard link): cùng một tệp với {info.st_nlink - 1} tên khác, có thể nằm "
            "ngoài thư mục nội dung; sửa tệp kia là sửa luôn tệp được đăng",
            "xóa mục này và chép tệp thật vào đây (cp, không dùng ln)",
        )
    return None


CONTROL_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f]")


def bad_name(name: str) -> bool:
    """A name that is not UTF-8 (Windows-1258, TCVN3 zips) or holds control characters."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return bool(CONTROL_IN_NAME.search(name))


def name_problem(shown: str, name: str) -> Problem:
    readable = shown.encode("utf-8", "backslashreplace").decode("utf-8")
    return Problem(
        readable,
        None,
        "tên tệp hoặc thư mục có ký tự không đọc được (không phải UTF-8, "
        "hoặc có ký tự điều khiển như xuống dòng)",
        "đổi tên, chỉ dùng chữ, số, dấu gạch ngang",
    )


def link_problem(shown: str, path: Path, folder: bool) -> Problem:
    target = os.readlink(path)
    what = "thư mục" if folder else "tệp"
    return Problem(
        shown,
        None,
        f"là liên kết tượng trưng (symlink) tới '{target}'; trang web không đọc {what} "
        "qua liên kết, để không lộ hay ghi đè tệp nằm ngoài thư mục nội dung",
        f"xóa liên kết và chép {what} thật vào đây",
    )


def read_source(path: str | Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """A content file's bytes, refusing a link or an over-large file (raises SourceError)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise SourceError(f"không mở được tệp ({error.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("không phải tệp thông thường")
        if info.st_size > limit:
            raise SourceError(
                f"tệp lớn {info.st_size // 1000} KB, quá giới hạn {limit // 1000} KB cho một bài viết"
            )
        return handle.read(limit + 1)


@dataclass(frozen=True)
class LinkTarget:
    """What a `{static}`/`{attach}`/`{filename}` link names: a path (percent-decoded, relative to
    the linking file's folder, or to the content root with a leading `/`), and the query and
    fragment that follow it, as a browser would read them (not percent-decoded)."""

    path: str
    query: str
    fragment: str


def read_link_target(value: str, *, html: bool) -> LinkTarget:
    """The one reading of a link target, for the build and the checker. `html`: the value is an
    attribute of rendered HTML, whose entities are decoded first (`KH&amp;CN.jpg` names
    `KH&CN.jpg`); otherwise it is text as written in Markdown."""
    parts = urlsplit(unescape(value) if html else value)
    return LinkTarget(unquote(parts.path), parts.query, parts.fragment)


def link_candidates(target: str) -> list[str]:
    """The spellings of a link target Pelican tries: as written, percent-decoded, HTML-unescaped."""
    path = urlsplit(target).path
    found = []
    for candidate in (path, unquote(path), urlsplit(unescape(target)).path, path.replace("%20", " ")):
        if candidate not in found:
            found.append(candidate)
    return found


def resolve_link(source_relative: str, target_path: str) -> str | None:
    """`{static}`-style target → path relative to the content root; None if it leaves the root.

    As Pelican does: a leading `/` starts at the root, anything else at the source's folder.
    """
    if target_path.startswith("/"):
        joined = target_path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(source_relative), target_path)
    normal = posixpath.normpath(joined) if joined else "."
    if normal in {".", ".."} or normal.startswith(("../", "/")):
        return None
    return normal


def human_size(size: int) -> str:
    """A file's size in Vietnamese notation: a decimal comma, KB under a megabyte."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")

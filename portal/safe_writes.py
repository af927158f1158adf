"""Writing, moving and deleting inside a content folder without ever following a link.

Many hands write the content folder, and a link planted in it (or swapped in
between a check and a write) must not let a task write or delete outside it.
Every operation here walks from a handle on the content root one folder at a
time with `O_NOFOLLOW | O_DIRECTORY`, then acts on the last name relative to
that folder's handle (`openat`, `unlinkat`, `renameat`): a link anywhere on
the way is refused (`UnsafePath`), and whatever is swapped in after a check is
never followed, because nothing is looked up by path twice.
"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


class UnsafePath(Exception):
    """A path that leaves the folder, passes through a link, or names something not a regular file;
    the message is for the editor (Vietnamese)."""


def split_relative(relative: str) -> list[str]:
    """The parts of a relative posix path, refusing absolute paths, `..`, `.` and empty parts."""
    if not relative or relative.startswith("/") or "\x00" in relative or "\\" in relative:
        raise UnsafePath(f"đường dẫn '{relative}' không hợp lệ")
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise UnsafePath(f"đường dẫn '{relative}' không hợp lệ (không dùng '..', '.' hay '//')")
    return parts


@contextlib.contextmanager
def folder_handle(root: str | Path, relative_folder: str = "", *, create: bool = False) -> Iterator[int]:
    """A handle on `root/relative_folder`, reached without following a link (made when `create`)."""
    fd = os.open(root, _FOLDER_FLAGS & ~os.O_NOFOLLOW)  # the root itself is the caller's to trust
    try:
        for part in split_relative(relative_folder) if relative_folder else []:
            try:
                child = os.open(part, _FOLDER_FLAGS, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, 0o755, dir_fd=fd)
                child = _open_folder(part, fd, relative_folder)
            except OSError as error:
                raise _refused(error, relative_folder) from None
            os.close(fd)
            fd = child
        yield fd
    finally:
        os.close(fd)


def _open_folder(name: str, parent: int, shown: str) -> int:
    try:
        return os.open(name, _FOLDER_FLAGS, dir_fd=parent)
    except OSError as error:
        raise _refused(error, shown) from None


def _refused(error: OSError, shown: str) -> Exception:
    if error.errno in (errno.ELOOP, errno.ENOTDIR):
        return UnsafePath(f"'{shown}' đi qua một liên kết hoặc không phải thư mục; không ghi qua liên kết")
    return error


def write_new(root: str | Path, relative: str, data: bytes) -> None:
    """Write a file that must not exist yet (FileExistsError if anything, a link included, is there)."""
    folder, name = _folder_and_name(relative)
    with folder_handle(root, folder, create=True) as fd:
        try:
            out = os.open(
                name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=fd
            )
        except FileExistsError:
            raise
        except OSError as error:
            raise _refused(error, relative) from None
        try:
            _write_all(out, data)
        except BaseException:
            os.close(out)
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=fd)
            raise
        os.close(out)


def replace(root: str | Path, relative: str, data: bytes) -> None:
    """Write a file in one atomic step: a new file renamed over the name, so a link planted there is
    replaced, never written through; a folder at the name is refused."""
    folder, name = _folder_and_name(relative)
    with folder_handle(root, folder, create=True) as fd:
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISDIR(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode):
                raise UnsafePath(f"'{relative}' là một thư mục")
        temporary = f".{name[:100]}.{secrets.token_hex(6)}.tmp"
        out = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=fd
        )
        try:
            _write_all(out, data)
            os.fsync(out)
        finally:
            os.close(out)
        try:
            os.rename(temporary, name, src_dir_fd=fd, dst_dir_fd=fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=fd)
            raise


def read_regular(root: str | Path, relative: str, limit: int | None = None) -> bytes:
    """A regular file's bytes, never through a link, symbolic or hard (UnsafePath for a link or
    anything else)."""
    folder, name = _folder_and_name(relative)
    with folder_handle(root, folder) as fd:
        try:
            handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=fd)
        except OSError as error:
            raise _refused(error, relative) from None
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UnsafePath(f"'{relative}' không phải tệp thông thường")
            if info.st_nlink > 1:  # the same file as another name, maybe outside the folder
                raise UnsafePath(f"'{relative}' là liên kết cứng (hard link); không đọc qua liên kết")
            return stream.read() if limit is None else stream.read(limit + 1)


def entry_kind(root: str | Path, relative: str) -> str | None:
    """'file', 'folder', 'link' or 'other' for what the name is (not what a link points to); None
    when nothing is there."""
    folder, name = _folder_and_name(relative)
    try:
        with folder_handle(root, folder) as fd:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISLNK(info.st_mode):
        return "link"
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    return "file" if stat.S_ISREG(info.st_mode) else "other"


def move(root: str | Path, relative: str, target_root: str | Path, target_relative: str) -> None:
    """Rename `root/relative` (whatever it is, never followed) to `target_root/target_relative`,
    the target's folders made; the target must not exist."""
    folder, name = _folder_and_name(relative)
    target_folder, target_name = _folder_and_name(target_relative)
    with (
        folder_handle(root, folder) as source,
        folder_handle(target_root, target_folder, create=True) as target,
    ):
        with contextlib.suppress(FileNotFoundError):
            os.stat(target_name, dir_fd=target, follow_symlinks=False)
            raise FileExistsError(errno.EEXIST, "đã có", target_relative)
        os.rename(name, target_name, src_dir_fd=source, dst_dir_fd=target)


def remove(root: str | Path, relative: str) -> None:
    """Delete a file or a link itself (never what it points to); a folder is refused."""
    folder, name = _folder_and_name(relative)
    with folder_handle(root, folder) as fd:
        try:
            os.unlink(name, dir_fd=fd)
        except IsADirectoryError:
            raise UnsafePath(f"'{relative}' là một thư mục") from None


def _folder_and_name(relative: str) -> tuple[str, str]:
    split_relative(relative)
    folder, name = posixpath.split(relative)
    return folder, name


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]

"""One build: Pelican run in-process into a fresh directory, swapped in only on success.

Any error, whether ours (a ContentError listing every problem) or one that
Pelican only logs, fails the build and leaves the previous output untouched.
A build replaces only what a build made: the output folder must be new,
empty or stamped by an earlier build (STAMP), and may not be, hold or sit in
the content folder or a Git checkout. The new site takes the old one's place
in one atomic exchange (renameat2), so the output never is missing or half.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import logging
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import blinker
from blinker import Signal
from jinja2 import TemplateError
from pelican import Pelican
from pelican.contents import Article, Content
from pelican.log import console
from pelican.plugins import signals as pelican_signals

from portal.dates import LOCAL_TZ
from portal.problems import ContentError, Problem

from .logs import shown_path
from .main_tree import MainTreeError, as_main, published_tree
from .output import PAGE_FINGERPRINTS
from .settings import ROOT, load_settings
from .signals import build_summary

STAMP = ".portal-build"  # in every output folder a build made
_LEGACY_STAMPS = (PAGE_FINGERPRINTS,)  # what builds wrote before STAMP existed


class BuildFailed(Exception):
    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


class _ErrorCounter(logging.Handler):
    """Pelican logs a post it cannot read and goes on; we count and fail instead."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(
    content_dir: str | os.PathLike[str] = "content",
    output_dir: str | os.PathLike[str] = "output",
    settings_file: str = "pelicanconf.py",
    on_summary: Callable[[str], object] | None = None,
    **overrides: Any,
) -> Path:
    """Build content_dir into output_dir atomically; raise BuildFailed on any problem.

    on_summary, if given, receives the Vietnamese summary line of the build. The shared editor's
    repository is built from its main branch, never its working tree (builder/main_tree.py).
    PORTAL_NOW (a datetime), if given, is the build's clock: a post dated after it is scheduled.
    """
    output = Path(output_dir).resolve()
    guard_output(output, Path(content_dir))
    with reading(content_dir) as source:
        return _build(source, output, settings_file, on_summary, overrides)


@contextlib.contextmanager
def reading(content_dir: str | os.PathLike[str]) -> Iterator[Path]:
    """The folder a build of content_dir reads: itself, or main's tree of the shared editor's
    repository (builder/main_tree.py), whose BuildFailed names the repository's files."""
    content_dir = Path(content_dir)
    try:
        with published_tree(content_dir) as source:
            if source == content_dir:
                yield source
                return
            try:
                yield source
            except BuildFailed as error:
                raise type(error)(as_main(str(error), source, content_dir), error.problems) from error
    except MainTreeError as error:
        raise BuildFailed(str(error)) from None


def _build(
    content_dir: Path,
    output: Path,
    settings_file: str,
    on_summary: Callable[[str], object] | None,
    overrides: dict[str, Any],
) -> Path:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputRefused(
            f"không tạo được thư mục {output.parent} ({error.strerror}); chọn thư mục kết quả khác (--output)"
        ) from None
    _remove_stale_staging(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-{os.getpid()}-", dir=output.parent))
    try:
        if output.is_dir():
            overrides.setdefault("PORTAL_PREVIOUS_OUTPUT", str(output))  # plugins/page_cache
        settings = load_settings(content_dir, staging, settings_file, **overrides)
        try:
            summary = run_pelican(settings)
        except BuildFailed as error:
            # Pelican writes its content cache in place: a build killed while writing it, or
            # another build writing it now, leaves a file that cannot be read. The cache only
            # saves time, so start without it.
            if not isinstance(error.__cause__, (EOFError, pickle.UnpicklingError)):
                raise
            shutil.rmtree(settings["CACHE_PATH"], ignore_errors=True)
            summary = run_pelican(settings)
        if settings.get("SEARCH_INDEX"):
            index_for_search(staging)
        (staging / STAMP).write_text(
            "Thư mục do 'invoke build' tạo; lần dựng sau sẽ thay toàn bộ.\n", encoding="utf-8"
        )
        _swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if on_summary and summary:
        on_summary(summary)
    return output


def run_pelican(settings: dict[str, Any]) -> str | None:
    """One Pelican run; the build's summary line, or BuildFailed for any error, even one Pelican
    only logs."""
    counter = _ErrorCounter()
    summaries: list[str] = []

    def keep(summary: str) -> None:
        summaries.append(summary)

    logging.getLogger().addHandler(counter)
    build_summary.connect(keep)
    console.quiet = True  # Pelican's own English summary; ours replaces it
    connected = _plugin_receivers()
    held_back = _future_after(settings.get("PORTAL_NOW"))
    if held_back is not None and not settings.get("WITH_FUTURE_DATES"):
        # Pelican holds a post back by its own clock (datetime.now()); the build's is PORTAL_NOW.
        settings = {**settings, "WITH_FUTURE_DATES": True}
        pelican_signals.content_object_init.connect(held_back)
    try:
        Pelican(settings).run()
    except ContentError as error:
        raise BuildFailed(str(error), error.problems) from None
    except Exception as error:  # a template or plugin fault, or content the checker let through
        logging.getLogger(__name__).debug("build failed", exc_info=True)
        source = _content_being_made(error.__traceback__)
        if isinstance(error, TemplateError):  # the theme's fault, whichever page it was making
            where = f" khi dựng trang từ {shown_path(source)}" if source else ""
            raise BuildFailed(
                f"Lỗi trong giao diện (mẫu trang){where}, không phải lỗi của bài viết: "
                f"{type(error).__name__}: {error}. Báo cho nhóm kỹ thuật."
            ) from error
        if source is not None:
            problem = Problem(
                shown_path(source),
                None,
                f"không dựng được trang từ tệp này ({type(error).__name__}: {error})",
                "sửa hoặc tạm bỏ tệp này rồi chạy 'invoke check'; nếu check không báo gì, "
                "báo cho nhóm kỹ thuật kèm tệp này",
            )
            raise BuildFailed(str(ContentError([problem])), [problem]) from error
        raise BuildFailed(
            f"Lỗi khi dựng trang (giao diện hoặc plugin), không phải lỗi của "
            f"bài viết: {type(error).__name__}: {error}. Báo cho nhóm kỹ thuật."
        ) from error
    finally:
        console.quiet = False
        build_summary.disconnect(keep)
        logging.getLogger().removeHandler(counter)
        _disconnect_plugins_since(connected)
    if counter.messages:
        raise BuildFailed("Pelican báo lỗi khi dựng trang:\n" + "\n".join(counter.messages))
    return summaries[-1] if summaries else None


def _future_after(now: dt.datetime | None) -> Callable[[Any], None] | None:
    """Pelican's WITH_FUTURE_DATES = False by another clock: a receiver of content_object_init
    that makes a post dated after `now` a draft, as Pelican does one dated after its own now
    (and as the checker calls it 'scheduled'); None without a clock."""
    if now is None:
        return None
    if now.tzinfo is None:
        now = now.replace(tzinfo=LOCAL_TZ)

    def hold_back(instance: Any) -> None:
        date = getattr(instance, "date", None)
        if not isinstance(instance, Article) or date is None:
            return
        if (date if date.tzinfo else date.replace(tzinfo=LOCAL_TZ)) > now:
            instance.status = "draft"

    return hold_back


def _content_being_made(trace: TracebackType | None) -> str | None:
    """The source file of the post, page or file whose making raised: the innermost frame of the
    traceback holding one (a plugin's loop variable, the writer's `article`, …)."""
    frames = []
    while trace is not None:
        frames.append(trace.tb_frame)
        trace = trace.tb_next
    for frame in reversed(frames):
        for value in frame.f_locals.values():
            if isinstance(value, Content) and getattr(value, "source_path", None):
                return str(value.source_path)
    return None


def _plugin_signals() -> list[Signal]:
    """Pelican's signals, and the named ones plugins make for each other (blinker.signal(…),
    e.g. pelican-granular-signals' "compress")."""
    found = [value for value in vars(pelican_signals).values() if isinstance(value, Signal)]
    return found + [s for s in list(blinker.default_namespace.values()) if s not in found]


def _plugin_receivers() -> dict[Signal, set[Any]]:
    return {signal: set(signal.receivers) for signal in _plugin_signals()}


def _disconnect_plugins_since(connected: dict[Signal, set[Any]]) -> None:
    """Pelican connects each run's plugins to its signals and never disconnects them: in one
    process, a build with publishconf.py's plugins (precompression) would leave them running in
    every later build (the preview's, a test's). Each run's plugins leave with it."""
    for signal in _plugin_signals():  # a signal a plugin made during the run: all of it goes
        for receiver_id in set(signal.receivers) - connected.get(signal, set()):
            held = signal.receivers[receiver_id]
            receiver = held() if isinstance(held, weakref.ref) else held
            if receiver is not None:
                signal.disconnect(receiver)


# What people search: post, document and page bodies (the templates mark them
# data-pagefind-body); Pagefind need not even parse the listing pages under tin-tuc/, luu-tru/…
SEARCH_GLOB = (
    "{tin-tuc/*/*/index.html,van-ban/*/*/index.html,hoat-dong/*/*/index.html,nhiem-vu/*/index.html,"
    "*/index.html}"
)


def pagefind_command(site: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", SEARCH_GLOB, "--quiet", *options]


def index_for_search(site: Path) -> None:
    """Pagefind's index under site/pagefind/, read by the search page."""
    result = subprocess.run(
        pagefind_command(site),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BuildFailed("Không tạo được chỉ mục tìm kiếm (Pagefind):\n" + result.stderr + result.stdout)


class OutputRefused(BuildFailed):
    """An output folder a build must not replace."""


def guard_output(output: Path, content: Path) -> None:
    """Raise OutputRefused unless replacing `output` can only replace an earlier build."""
    output = output.resolve()
    content = content.resolve()
    fix = "chọn một thư mục mới hoặc thư mục do lần dựng trước tạo, ví dụ --output output"
    if output == content or content.is_relative_to(output) or output.is_relative_to(content):
        raise OutputRefused(
            f"thư mục kết quả {output} trùng, chứa hoặc nằm trong thư mục nội dung "
            f"{content}: dựng trang sẽ xóa bài viết — {fix}"
        )
    if ROOT.is_relative_to(output) or (output / ".git").exists():
        raise OutputRefused(
            f"thư mục kết quả {output} chứa mã nguồn hoặc một kho Git: dựng trang sẽ xóa nó — {fix}"
        )
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise OutputRefused(f"{output} không phải là thư mục — {fix}")
    if (
        output.is_dir()
        and any(output.iterdir())
        and not any((output / name).is_file() for name in (STAMP, *_LEGACY_STAMPS))
    ):
        raise OutputRefused(
            f"thư mục kết quả {output} có sẵn tệp không do 'invoke build' tạo "
            f"(thiếu tệp đánh dấu {STAMP}); dựng trang sẽ xóa chúng — {fix}"
        )


def _remove_stale_staging(output: Path) -> None:
    """Staging and old folders left by builds that were killed (their process is gone), named
    exactly as build_site names them: `.NAME-new-PID-XXXXXXXX` (or, from before process ids
    were in the name, `.NAME-new-XXXXXXXX`), never a folder someone else named alike."""
    ours = re.compile(rf"\.{re.escape(output.name)}-(?:new|old)-(?:(?P<pid>\d+)-)?[a-z0-9_]{{8}}")
    for path in output.parent.iterdir():
        match = ours.fullmatch(path.name)
        if not match or not path.is_dir() or path.is_symlink():
            continue
        if match.group("pid") and _alive(int(match.group("pid"))):
            continue
        _delete_in_background(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _delete_in_background(path: Path) -> None:
    # Thousands of unlinks nobody needs to wait for: the OS deletes the folder.
    subprocess.Popen(
        ["rm", "-rf", "--", str(path)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where the system cannot."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not on this filesystem
            return False
        raise OSError(errno, os.strerror(errno), str(first))
    return True


def _swap_in(staging: Path, output: Path) -> None:
    """Put staging where output was in one step, so readers never see a missing or half site."""
    os.chmod(staging, 0o755)
    if not output.exists():
        os.rename(staging, output)
        return
    if not exchange(staging, output):
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-{os.getpid()}-", dir=output.parent))
        os.rmdir(old)
        os.rename(output, old)
        os.rename(staging, output)
        staging = old
    old = staging.with_name(staging.name.replace("-new-", "-old-", 1))
    os.rename(staging, old)
    _delete_in_background(old)


class BackgroundJob:
    """One child process at a time, run without holding the caller back: starting another
    stops the one before, and `then` runs only after a run that succeeded and was not stopped."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.finisher: threading.Thread | None = None
        self.lock = threading.Lock()

    def start(self, command: list[str], then: Callable[[], object] | None = None, **popen: Any) -> None:
        self.stop()
        with self.lock:
            self.process = subprocess.Popen(command, **popen)
            self.finisher = threading.Thread(target=self._finish, args=(self.process, then), daemon=True)
            self.finisher.start()

    def wait(self) -> int | None:
        """Wait for the current run and what follows it; its exit status (None: nothing ran)."""
        with self.lock:
            process, finisher = self.process, self.finisher
        if process is None or finisher is None:
            return None
        finisher.join()
        return process.returncode

    def _finish(self, process: subprocess.Popen[bytes], then: Callable[[], object] | None) -> None:
        if process.wait() != 0:
            return
        with self.lock:
            if process is self.process and then is not None:
                then()

    def stop(self) -> None:
        with self.lock:
            process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def index_in_background(job: BackgroundJob, site: Path) -> None:
    """The preview's search index, made without holding the page back.

    `invoke livereload` builds without the index (every save would otherwise wait for
    Pagefind, ~40 % of a build), then runs Pagefind on the finished site into
    `.pagefind-next/` and swaps it in as `pagefind/`; a new save stops an unfinished run
    first. Publishing always builds the index in the build itself."""
    staging = site / ".pagefind-next"
    job.stop()
    shutil.rmtree(staging, ignore_errors=True)

    def swap_in() -> None:
        if not staging.is_dir():
            return
        target = site / "pagefind"
        if target.is_dir():
            exchange(staging, target)  # one rename: the search page never sees half an index
            shutil.rmtree(staging, ignore_errors=True)
        else:
            staging.rename(target)

    job.start(
        pagefind_command(site, "--output-path", str(staging)),
        then=swap_in,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

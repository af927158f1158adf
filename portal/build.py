"""One build: Pelican run in-process into a fresh directory, swapped in only on success.

Any error, whether ours (a ContentError listing every problem) or one that
Pelican only logs, fails the build and leaves the previous output untouched.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import Pelican
from pelican.log import console
from pelican.settings import read_settings

from .problems import ContentError, Problem

ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


class _ErrorCounter(logging.Handler):
    """Pelican logs a post it cannot read and goes on; we count and fail instead."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def render_code_version() -> str:
    """A short hash of the code that turns Markdown into cached HTML."""
    digest = hashlib.sha256()
    for path in (ROOT / "plugins" / "markdown_reader" / "markdown_reader.py",
                 ROOT / "portal" / "sanitize.py", ROOT / "portal" / "slugs.py",
                 ROOT / "requirements.txt"):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_settings(content_dir, output_dir=None, settings_file="pelicanconf.py", **overrides):
    settings_path = Path(settings_file)
    if not settings_path.is_absolute():
        settings_path = ROOT / settings_path
    values = {"PATH": os.path.abspath(content_dir)}
    if output_dir is not None:
        values["OUTPUT_PATH"] = os.path.abspath(output_dir)
    explicit_cache = "CACHE_PATH" in overrides
    values.update(overrides)
    settings = read_settings(str(settings_path), override=values)
    if not explicit_cache:
        # One cache per content directory: a cache holds one site's files.
        key = hashlib.sha256(os.path.abspath(content_dir).encode()).hexdigest()[:12]
        settings["CACHE_PATH"] = os.path.join(settings["CACHE_PATH"], key)
    return settings


def build_site(content_dir="content", output_dir="output", settings_file="pelicanconf.py",
               on_summary=None, **overrides) -> Path:
    """Build content_dir into output_dir atomically; raise BuildFailed on any problem.

    on_summary, if given, receives the Vietnamese summary line of the build.
    """
    output = Path(output_dir).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    counter = _ErrorCounter()
    pelican_logger = logging.getLogger()
    pelican_logger.addHandler(counter)
    try:
        if output.is_dir():
            overrides.setdefault("PORTAL_PREVIOUS_OUTPUT", str(output))  # plugins/page_cache
        settings = load_settings(content_dir, staging, settings_file, **overrides)
        pelican = Pelican(settings)
        console.quiet = True  # Pelican's own English summary; ours replaces it
        try:
            pelican.run()
        except ContentError as error:
            raise BuildFailed(str(error), error.problems) from None
        except Exception as error:  # a template or plugin fault, not the editor's
            logging.getLogger(__name__).debug("build failed", exc_info=True)
            raise BuildFailed(f"Lỗi khi dựng trang (giao diện hoặc plugin), không phải lỗi của "
                              f"bài viết: {type(error).__name__}: {error}. Báo cho nhóm kỹ thuật.") from error
        finally:
            console.quiet = False
        if counter.messages:
            raise BuildFailed("Pelican báo lỗi khi dựng trang:\n" + "\n".join(counter.messages))
        if settings.get("SEARCH_INDEX"):
            index_for_search(staging)
        _swap_in(staging, output)
        if on_summary:
            on_summary(pelican.portal_summary)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        pelican_logger.removeHandler(counter)
    return output


def write_output_file(output_path, relative: str, data: bytes):
    """A file a plugin adds to the site (feeds, data files), its folders made as needed."""
    path = os.path.join(output_path, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def index_for_search(site: Path):
    """Pagefind's index under site/pagefind/, read by the search page."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildFailed("Không tạo được chỉ mục tìm kiếm (Pagefind):\n" + result.stderr + result.stdout)


def _swap_in(staging: Path, output: Path):
    """Replace output by staging with renames only, so readers never see a half site."""
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        os.rmdir(old)
        os.rename(output, old)
    os.rename(staging, output)
    os.chmod(output, 0o755)
    if old:
        # Thousands of unlinks nobody needs to wait for: the OS deletes the old site.
        subprocess.Popen(["rm", "-rf", "--", str(old)], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

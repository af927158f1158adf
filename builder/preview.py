"""The editor's preview: the saved page in about a second, the rest of the site after.

`invoke livereload` keeps one `Preview` while it runs. After each save:

1. If only posts or pages were edited (no file added or removed; no plan, document,
   picture, setting or theme changed), Pelican runs here, in this long-lived process, with
   PORTAL_PREVIEW_SOURCES naming the edited files: it reads and checks the whole site as
   any build does, but writes only those files' own pages (plugins/preview_pages), into a
   scratch folder; each page then replaces its copy in the site by one rename. What the
   previous runs kept (`PreviewMemo`: the checker's per-file results, the posts Pelican made
   from unchanged files) spares re-reading thousands of files. Such a page is byte for byte
   the page a full build writes (tests/test_preview.py). A content problem stops it with
   every problem listed, and nothing is written.
2. Then, always, the full build (`build_site` without the search index) runs in a child
   process, started again by the next save, and swaps in the whole site; the search index
   follows in the background (`BackgroundIndex`).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from portal.body import MARKDOWN_EXTENSIONS
from portal.checker import CheckMemo
from portal.content_files import ignored

from .build import BackgroundJob, BuildFailed, build_site, index_in_background, run_pelican
from .logs import quiet_pelican_logs
from .output import PLACEHOLDER, PREVIEW_SOURCES, articles_read, forget_fingerprints
from .settings import ROOT, load_settings

Stamp = tuple[int, int, int, int]
HIDDEN = (".*",)  # Pelican's IGNORE_FILES


def stamp(path: str) -> Stamp | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


class PreviewMemo:
    """What one preview run keeps for the next, valid for one set of settings and theme.

    `check`: the checker's per-file results (portal.checker.CheckMemo). `posts`: the
    Articles Pelican made, by source file, with the file's stamp: handed back to Pelican's
    ArticlesGenerator as its cache (plugins/preview_pages), so an unchanged file is not
    read and made into an Article again. A post whose body links other content by
    placeholder, or dated in the future, is always made again: its HTML or its status
    depends on more than its file.
    """

    def __init__(self) -> None:
        self.check = CheckMemo()
        self.posts: dict[str, tuple[Stamp | None, object]] = {}
        self.templates = _Templates()

    def lend(self, generator: Any) -> None:
        """Give an ArticlesGenerator the posts kept from the last run, as its content cache."""
        base = generator.path
        generator._cache = dict(self.posts)
        generator._cache_data_policy = True
        generator._get_file_stamp = lambda relative: stamp(os.path.join(base, relative))
        generator.save_cache = lambda: None  # kept here, never pickled

    def keep(self, generator: Any) -> None:
        """After the run has read every post: keep those that can be lent next time."""
        now = dt.datetime.now(dt.UTC)
        read = {id(article) for article in articles_read(generator)}
        self.posts = {}
        for relative, (file_stamp, article) in generator._cache.items():
            if id(article) not in read:
                continue  # a file gone since it was lent
            if article.date > now or PLACEHOLDER.search(article._content or ""):
                continue
            article._context = generator.context  # this run's, as if just read
            self.posts[relative] = (file_stamp, article)


class _Templates(BytecodeCache):
    """Compiled templates kept in memory (Jinja checks each against its source's checksum)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _tree(folder: Path) -> dict[str, Stamp]:
    """Every file below folder a build reads (links not followed, no hidden files), with its stamp."""
    found = {}
    for directory, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not ignored(name, HIDDEN)]
        for name in names:
            if ignored(name, HIDDEN):
                continue  # an editor's swap or lock file
            path = os.path.join(directory, name)
            file_stamp = stamp(path)
            if file_stamp:
                found[path] = file_stamp
    return found


class Preview:
    """The preview server's builds: see the module's docstring."""

    def __init__(
        self,
        content: str,
        output: str,
        settings_file: str = "pelicanconf.py",
        report: Callable[[str], object] = print,
    ):
        self.content = Path(content).resolve()
        self.output = Path(output).resolve()
        self.settings_file = settings_file
        self.report = report  # where the Vietnamese summary and problems go
        self.memo = PreviewMemo()
        self.full_build = BackgroundJob()
        self.search = BackgroundJob()
        self.files: dict[str, Stamp] = {}

    def inputs(self) -> dict[str, Stamp]:
        """Every file a build reads: content, theme and settings."""
        found = _tree(self.content) | _tree(ROOT / "theme")
        for name in {self.settings_file, "pelicanconf.py"}:
            path = str(ROOT / name)
            file_stamp = stamp(path)
            if file_stamp:
                found[path] = file_stamp
        return found

    def start(self) -> bool:
        """The first build, in this process, which also fills the memo; False on a problem."""
        self.files = self.inputs()
        try:
            build_site(
                self.content,
                self.output,
                self.settings_file,
                on_summary=self.report,
                SEARCH_INDEX=False,
                PORTAL_PREVIEW_MEMO=self.memo,
            )
        except BuildFailed as error:
            self.report(f"{error}\nChưa dựng được trang; sửa lỗi rồi lưu lại tệp.")
            return False
        self.index()
        return True

    def changes(self) -> tuple[set[str], set[str]]:
        """Files changed or added since the last look, and files removed."""
        before, self.files = self.files, self.inputs()
        changed = {path for path, file_stamp in self.files.items() if before.get(path) != file_stamp}
        return changed, before.keys() - self.files.keys()

    def edited_sources(self, changed: set[str]) -> set[str] | None:
        """The posts and pages among `changed`, if that is all it holds; else None."""
        settings = load_settings(self.content, settings_file=self.settings_file)
        folders = [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]
        prefixes = tuple(str(self.content / folder.strip("/")) + os.sep for folder in folders)
        if all(path.startswith(prefixes) and path.endswith(MARKDOWN_EXTENSIONS) for path in changed):
            return changed
        return None

    def refresh(self) -> None:
        """After a save: the edited pages first (if that is all that changed), then the whole site."""
        changed, removed = self.changes()
        if not (changed or removed):
            # A file the build does not read (an editor's backup), or one more file of a save
            # the running build already took in (livereload calls once per changed file).
            return
        self.full_build.stop()
        self.search.stop()
        if any(not path.startswith(str(self.content) + os.sep) for path in changed | removed):
            self.memo = PreviewMemo()  # a setting or the theme: nothing kept is known to hold
        if not self.output.is_dir():
            self.start()
            return
        edited = None if removed else self.edited_sources(changed)
        if edited:
            try:
                self.render_pages(edited)
            except BuildFailed as error:
                self.report(f"{error}\nChưa dựng lại được; trang xem trước vẫn là bản dựng đúng gần nhất.")
                return
        self.rebuild()

    def render_pages(self, sources: set[str]) -> list[str]:
        """Write the pages of `sources` into the site, as a full build would; their names."""
        scratch = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-pages-", dir=self.output.parent))
        try:
            settings = load_settings(
                self.content,
                scratch,
                self.settings_file,
                SEARCH_INDEX=False,
                CACHE_CONTENT=False,  # the full build that follows keeps the content cache
                LOAD_CONTENT_CACHE=not self.memo.posts,
                PORTAL_PREVIEW_MEMO=self.memo,
                **{PREVIEW_SOURCES: frozenset(sources)},
            )
            settings["JINJA_ENVIRONMENT"] = {
                **settings["JINJA_ENVIRONMENT"],
                "bytecode_cache": self.memo.templates,
            }
            run_pelican(settings)
            pages = sorted(
                Path(directory, name).relative_to(scratch).as_posix()
                for directory, _, names in os.walk(scratch)
                for name in names
                if name.endswith(".html")  # not the sitemap of a few pages, and the like
            )
            # Before the pages change: the site's fingerprints would vouch for pages they no longer
            # describe, and a later build would keep them (page_cache).
            forget_fingerprints(self.output, pages)
            written = []
            for relative in pages:
                target = self.output / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(scratch / relative, target)  # one rename: a reader never sees half a page
                written.append(relative)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        self.report(
            f"Đã dựng lại {', '.join(sorted(written))}; các trang còn lại (danh sách, mục, nguồn tin) "
            "đang được dựng lại."
            if written
            else "Đã lưu (bài nháp hoặc bài hẹn giờ không có trang riêng); các trang khác đang được dựng lại."
        )
        return written

    def rebuild(self) -> None:
        """The whole site, in a child process a newer save stops; then its search index."""
        command = [
            sys.executable,
            "-m",
            "builder.preview",
            str(self.content),
            str(self.output),
            self.settings_file,
        ]
        self.full_build.start(command, then=self.index, cwd=ROOT)

    def index(self) -> None:
        index_in_background(self.search, self.output)

    def wait(self) -> int | None:
        """Wait for the full build and its search index; the build's exit status (None: none ran)."""
        status = self.full_build.wait()
        self.search.wait()
        return status

    def stop(self) -> None:
        self.full_build.stop()
        self.search.stop()


def main(argv: list[str]) -> int:
    """The preview's full build, as its own process: `python -m builder.preview CONTENT OUTPUT SETTINGS`."""
    # Stopped by a newer save: unwind, so build_site removes its unfinished folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    quiet_pelican_logs()
    content, output, settings_file = argv
    try:
        build_site(content, output, settings_file, on_summary=print, SEARCH_INDEX=False)
    except BuildFailed as error:
        sys.stderr.write(f"{error}\nChưa dựng lại được; trang xem trước vẫn là bản dựng đúng gần nhất.\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

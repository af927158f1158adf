"""The one content checker: every problem of a content directory, found in one pass.

`invoke check`, `invoke report` and every build (builder.site_model) call
`check_content`; it reads headers only, never renders Markdown.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, cast

from .activities import ACTIVITY_KEYS, Activity, ActivityReader
from .body import (
    DEFAULT_INTRASITE_LINK,
    MARKDOWN_EXTENSIONS,
    Linkable,
    alt_text_problems,
    embed_problems,
    featured_image_problems,
    internal_link_problems,
    intrasite_link_pattern,
    link_problems,
    markdown_limit_problems,
    may_link,
    rendered_link_problems,
    unfinished_problems,
)
from .compliance import compliance_warnings
from .content_files import ContentTree, publishable, publishing_rule, scan
from .coverage import gap_warnings, uncounted_problems, unrecorded_warnings
from .dates import LOCAL_TZ, now_local, vn_date
from .department import DEPARTMENT_FILE, Department, load_department
from .documents import DOCUMENT_KEYS, Document, DocumentIndex, DocumentReader, library_problems
from .folders import ContentFolders
from .images import is_picture, kind_of, name_problem, picture_cache, prepare
from .plans import PlanSet, load_plans
from .posts import (
    PAGE_KEYS,
    POST_KEYS,
    STATUSES,
    Header,
    Post,
    parse_header,
    read_date,
    read_text,
    resolve_plan,
    slug_problem,
)
from .problems import WARNING, Problem
from .render import PLAN_TEXT_SETTINGS, RENDER_FIX, Renderer, RenderFailed
from .research import (
    RESEARCH_KEYS,
    ResearchTask,
    ResearchTaskReader,
    research_problems,
)
from .safe_writes import UnsafePath, read_regular
from .slugs import make_slug
from .unit_reports import (
    UNIT_REPORT_KEYS,
    UNIT_REPORTS_FOLDER,
    UnitReport,
    UnitReportReader,
    cycle_warnings,
)
from .urls import (
    activity_save_as,
    activity_url,
    agency_addresses,
    dated,
    page_url,
    post_save_as,
    research_addresses,
    research_task_url,
    site_addresses,
    url_setting,
)

T = TypeVar("T")
Item = TypeVar("Item")

# Files whose memo entries are kept and found together (_Checker.in_chunks): at 5,000 posts a
# check looks up 40 chunks instead of 10,000 entries; a changed file reads its chunk's again.
CHUNK = 128


@dataclass(frozen=True)
class Page:
    source: str
    path: str
    title: str
    slug: str
    status: str
    lines: dict[str, int]


# Written whatever the settings say: the search index, feeds, the feeds page, the sitemap, the icon.
_SITE_FOLDERS = {"theme", "pagefind", "feeds", "theo-doi", "sitemap.xml", "robots.txt", "favicon.ico"}


def site_folders(settings: dict[str, Any]) -> set[str]:
    """First path segments of what the site writes besides posts and pages, which a page slug must avoid."""
    folders = set(_SITE_FOLDERS) | {str(settings.get("THEME_STATIC_DIR", "theme"))}
    values = [
        v
        for k, v in settings.items()
        if isinstance(v, str)
        and ((k.endswith("_SAVE_AS") and not k.startswith(("PAGE", "DRAFT_PAGE"))) or "FEED" in k)
    ]
    values += [*settings.get("TEMPLATE_PAGES", {}).values(), *settings.get("STATIC_PATHS", [])]
    for value in values:
        first = value.strip("/").split("/")[0]
        if first and "{" not in first and "://" not in value:
            folders.add(first)
    return folders


@dataclass
class ContentCheck:
    plans: PlanSet
    posts: list[Post]
    pages: list[Page]
    problems: list[Problem]
    files: frozenset[str] = frozenset()  # every file under the content root, relative, links refused
    documents: DocumentIndex = field(default_factory=lambda: DocumentIndex(()))
    activities: list[Activity] = field(default_factory=list)  # held: dated now or before
    unit_reports: list[UnitReport] = field(default_factory=list)
    # Dated after now: neither counted nor shown until the day comes (as a scheduled post).
    scheduled_activities: list[Activity] = field(default_factory=list)
    research_tasks: list[ResearchTask] = field(default_factory=list)  # nhiệm vụ KH&CN, contract 15
    department: Department | None = None  # co-quan/to-chuc.yml, when the site has it

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def published_posts(self) -> list[Post]:
        return [p for p in self.posts if p.is_published]

    def post_at(self, path: str | Path) -> Post | None:
        if not hasattr(self, "_by_path"):
            self._by_path = {os.path.abspath(p.path): p for p in self.posts}
        found = self._by_path.get(os.path.abspath(path))
        if found is None:  # the same file named through a link (a content folder given as one)
            if not hasattr(self, "_by_realpath"):
                self._by_realpath = {os.path.realpath(p.path): p for p in self.posts}
            found = self._by_realpath.get(os.path.realpath(path))
        return found


def _stands_alone(text: str, header: Header) -> bool:
    """Whether a source's body problems depend on nothing but its own text and the settings: no
    link of any kind (Markdown, HTML attribute, placeholder) and no featured picture."""
    return "](" not in text and "=" not in text and not may_link(text) and "image" not in header.values


class CheckMemo:
    """What one check keeps for the next: the preview process keeps it in memory, and
    `check_content` keeps it on disk under CACHE_PATH (`invoke check`, `invoke report`, builds).

    Each file's header, its post and the problems found in its body are reused while the file
    is unchanged (same mtime, ctime, size and inode) and so is everything else they depend on,
    compared by value: the plans and documents for a post; every site address, file and
    source for a body. A chunk of files read together is kept whole too (`_Checker.in_chunks`),
    with its files' own entries, so an unchanged folder costs one look-up per chunk. A memo
    serves one content folder, as shown, and one settings (CACHE_PATH is per settings and code;
    the preview starts a new memo when settings change). Entries of files not seen in a run are
    dropped.
    """

    _recording: dict[tuple[Any, ...], Any] | None = None  # CheckMemo.recording's, while it lasts

    def __init__(self) -> None:
        self.scope: tuple[str, str] | None = None  # (content folder, as shown in problems)
        self._reset()

    def _reset(self) -> None:
        self._previous: dict[tuple[Any, ...], Any] = {}
        self._current: dict[tuple[Any, ...], Any] = {}
        self.post_inputs: Any = None
        self.body_inputs: Any = None
        self.hits = 0
        self.changed = True  # since it was loaded or saved: whether saving it again is worth it
        self._recording = None

    def fork(self) -> CheckMemo:
        """A copy that goes its own way: checks of one variant of the content (the shared editor's
        entry laid over main) keep their own results without spoiling this memo's."""
        fork = copy.copy(self)
        fork._previous = dict(self._previous)
        fork._current = dict(self._current)
        return fork

    def begin(self, root: Path, shown_dir: str) -> None:
        if self.scope != (str(root), shown_dir):
            self._reset()
            self.scope = (str(root), shown_dir)

    def get(self, key: tuple[Any, ...]) -> Any:
        """The value kept under key, or None; key is (kind, file, the file's stamp, …)."""
        if key[2] is None:  # a file the scan did not stamp: never reused
            return None
        value = self._current.get(key)
        if value is None:
            value = self._previous.get(key)
            if value is not None:
                self._current[key] = value
        if value is not None:
            self.hits += 1
            if self._recording is not None:
                self._recording[key] = value
        return value

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        self._current[key] = value
        self.changed = True
        if self._recording is not None:
            self._recording[key] = value

    @contextlib.contextmanager
    def recording(self) -> Iterator[dict[tuple[Any, ...], Any]]:
        """The entries found or kept meanwhile (a chunk's files' own, kept alive with it)."""
        outer, self._recording = self._recording, {}
        try:
            yield self._recording
        finally:
            found, self._recording = self._recording, outer
            if outer is not None:
                outer.update(found)

    def revive(self, entries: dict[tuple[Any, ...], Any]) -> None:
        """Entries a chunk found whole still in use: kept for the next run as if looked up."""
        self._current.update(entries)
        if self._recording is not None:
            self._recording.update(entries)

    def forget(self, kind: str) -> None:
        self._previous = {k: v for k, v in self._previous.items() if k[0] != kind}

    def finish(self) -> None:
        if len(self._current) != len(self._previous):
            self.changed = True  # files gone
        self._previous, self._current = self._current, {}

    @classmethod
    def load(cls, path: Path) -> CheckMemo:
        """The memo saved at path; an empty one if there is none or it cannot be read."""
        try:
            with open(path, "rb") as handle:
                memo = pickle.load(handle)
        # Missing, cut short by a killed process, or from other code: start afresh.
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return cls()
        if not isinstance(memo, cls):
            return cls()
        memo.changed = False
        return memo

    def save(self, path: Path) -> None:
        """Write the memo in one rename, so a concurrent check reads the old one or the new."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
                pickle.dump(self, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, path)
            self.changed = False
        except OSError:
            pass  # only time is lost


_KEY_NAMES: dict[int, tuple[str, ...]] = {}


def _key_names(allowed: set[str]) -> tuple[str, ...]:
    """A header key set as a value that means the same in every process (for the memo's keys)."""
    names = _KEY_NAMES.get(id(allowed))
    if names is None:
        names = _KEY_NAMES[id(allowed)] = tuple(sorted(allowed))
    return names


class _Checker:
    def __init__(
        self,
        content_dir: Path,
        settings: dict[str, Any],
        now: dt.datetime,
        shown_dir: str,
        memo: CheckMemo | None = None,
        tree: ContentTree | None = None,
    ):
        self.known_tree = tree
        self.memo = memo or CheckMemo()
        self.memo.begin(content_dir, shown_dir)
        self.root = content_dir
        self._root_text = str(content_dir / "-")[:-1]  # "" for ".", as pathlib joins
        self.settings = settings
        self.now = now
        self.shown_dir = shown_dir.rstrip("/")
        self.problems: list[Problem] = []
        self.tree = ContentTree(content_dir)
        # (relative path, shown path, whole text): the summary is rendered and linked too.
        self.texts: list[tuple[str, str, str, Header]] = []
        self.notes: set[str] = set()  # documents and activities, whose bodies may be empty
        self.renderer: Renderer | None = None  # made for the first body that may link
        self.data_renderer: Renderer | None = None  # for Markdown held in data files
        self.addresses: set[str] = set()  # what the build makes (check_bodies), for those texts' links
        self.site_urls: set[str] = set()
        self.linkable: Linkable | None = None

    def relative(self, path: Path) -> str:
        """path (root / a relative path, as sources() gives) relative to the root, in posix form."""
        text, root = str(path), str(self.root)
        if text.startswith(root + os.sep) and os.sep == "/":
            return text[len(root) + 1 :]  # pathlib's relative_to is slow in a loop of thousands
        return path.relative_to(self.root).as_posix()

    def path_of(self, relative: str) -> str:
        """str(root / relative), as Posts, Pages and Documents name their files, made without pathlib."""
        return self._root_text + relative

    def run(self) -> ContentCheck:
        if not self.root.is_dir():
            self.problems.append(
                Problem(
                    self.shown_dir, None, "thư mục nội dung không tồn tại", "kiểm tra lại tùy chọn --content"
                )
            )
            return ContentCheck(PlanSet(), [], [], self.problems)
        ignore = self.settings.get("IGNORE_FILES", [".*"])
        self.tree = self.known_tree or scan(self.root, self.shown_dir, ignore)
        self.problems += self.tree.problems
        plan_files = [
            self.root / f for f in self.tree.under(["plans"]) if f.lower().endswith((".yml", ".yaml"))
        ]
        plans, plan_problems = load_plans(self.root / "plans", f"{self.shown_dir}/plans", plan_files)
        self.problems += plan_problems
        folders = ContentFolders.of(self.settings)
        post_dirs, page_dirs, document_dirs = (
            list(folders.posts),
            list(folders.pages),
            list(folders.documents),
        )
        documents = [d for d in (self.read_document(f) for f in self.sources(document_dirs)) if d]
        self.problems += library_problems(documents)
        index = DocumentIndex(documents)
        if self.memo.post_inputs != (plans, documents):
            self.memo.post_inputs = (plans, documents)
            self.memo.forget("post")
        posts = [
            self.as_of_now(p)
            for p in self.in_chunks(
                "post", list(self.sources(post_dirs)), lambda f: self.read_post(f, plans, index), self.stamped
            )
            if p
        ]
        pages = [
            p
            for p in self.in_chunks("page", list(self.sources(page_dirs)), self.read_page, self.stamped)
            if p
        ]
        activity_dirs = list(folders.activities)
        every_activity = [
            a for a in (self.read_activity(f, plans, posts) for f in self.sources(activity_dirs)) if a
        ]
        activities = [a for a in every_activity if a.date <= self.now]
        scheduled = [a for a in every_activity if a.date > self.now]
        report_dirs = [UNIT_REPORTS_FOLDER]
        unit_reports = [r for r in (self.read_unit_report(f, plans) for f in self.sources(report_dirs)) if r]
        research_dirs = list(folders.research)
        tasks = self.read_tasks(research_dirs, index, posts)
        department = self.read_department()
        self.check_stray_markdown(
            post_dirs + page_dirs + document_dirs + activity_dirs + report_dirs + research_dirs
        )
        self.check_output_paths(posts, pages, every_activity)
        self.check_plan_pages(plans)
        self.check_plan_texts(plans)
        self.check_plan_signatures(plans)
        # may be empty
        self.notes = set(self.tree.under(document_dirs + activity_dirs + report_dirs + research_dirs))
        every = {
            *self.tree.under(post_dirs),
            *self.tree.under(page_dirs),
            *self.tree.under(document_dirs),
            *self.tree.under(research_dirs),
        }
        unpublished = {self.relative(Path(p.path)) for p in posts if p.status not in ("published", "hidden")}
        unpublished |= {self.relative(Path(p.path)) for p in pages if p.status == "draft"}
        agency = self.agency_pages(department)
        self.check_bodies(every - unpublished, posts, pages, plans, index, activities, tasks, agency)
        self.check_procedure(department)
        self.check_static_types()
        self.check_pictures()
        self.problems += gap_warnings(plans, posts, self.now, activities)
        self.problems += unrecorded_warnings(plans, posts, self.now, activities)
        self.problems += cycle_warnings(plans, unit_reports, self.now.astimezone(LOCAL_TZ).date())
        self.memo.finish()
        files = frozenset(self.tree.files)
        result = ContentCheck(
            plans,
            posts,
            pages,
            self.problems,
            files,
            index,
            activities,
            unit_reports,
            scheduled,
            tasks,
            department,
        )
        today = self.now.astimezone(LOCAL_TZ).date()
        result.problems += compliance_warnings(result, self.settings, today, self.shown_dir)
        return result

    def check_static_types(self) -> None:
        """Only pictures and documents are published as files: an .html, .js or .svg there would
        run script on the site's own address."""
        allowed = {e.lower().lstrip(".") for e in self.settings.get("STATIC_FILE_TYPES", ())}
        for relative in self.tree.under(self.settings.get("STATIC_PATHS", [])):
            extension = Path(relative).suffix.lower().lstrip(".")
            if not publishable(relative, self.settings):
                self.problems.append(
                    Problem(
                        f"{self.shown_dir}/{relative}",
                        None,
                        f"loại tệp '.{extension}' không được đăng lên trang"
                        if extension
                        else "tệp không có phần mở rộng nên không được đăng lên trang",
                        "chỉ đăng ảnh và tài liệu: " + ", ".join(sorted(allowed)),
                    )
                )

    def check_pictures(self) -> None:
        """Every published picture is prepared as the build will publish it (portal.images): one
        that is cut short, not what its name says, or too big to decode stops here, not there."""
        cache = picture_cache(self.settings)
        rule = publishing_rule(self.settings)
        for relative in self.tree.under(self.settings.get("STATIC_PATHS", [])):
            if not (is_picture(relative) and rule(relative)):
                continue
            key = ("picture", relative, self.tree.stamps.get(relative))
            problem = self.memo.get(key)
            if problem is None and name_problem(relative):
                problem = name_problem(relative)
            elif problem is None:
                try:
                    prepared = prepare(read_regular(self.root, relative), kind_of(relative), cache)
                    problem = prepared.problem or ()
                except (OSError, UnsafePath) as error:
                    problem = (f"không đọc được ảnh ({error})", "chép lại ảnh vào thư mục nội dung")
                self.memo.put(key, problem)
            if problem:
                self.problems.append(Problem(f"{self.shown_dir}/{relative}", None, *problem))

    def sources(self, subdirs: Collection[str]) -> Iterator[str]:
        """The Markdown files below subdirs, relative to the root (a Path is made only for a file
        read again: thousands of them per check add up)."""
        for relative in self.tree.under(subdirs):
            name = relative.rpartition("/")[2]
            dot = name.rfind(".")
            suffix = name[dot:] if 0 < dot < len(name) - 1 else ""  # as pathlib's suffix
            if suffix in MARKDOWN_EXTENSIONS:
                yield relative
            elif suffix.lower() in MARKDOWN_EXTENSIONS:
                self.problems.append(
                    Problem(
                        f"{self.shown_dir}/{relative}",
                        None,
                        f"phần mở rộng '{suffix}' viết hoa nên Pelican không đọc tệp này",
                        f"đổi tên thành '{name[:dot]}{suffix.lower()}'",
                    )
                )
            else:
                self.problems.append(
                    Problem(
                        f"{self.shown_dir}/{relative}",
                        None,
                        "tệp không phải Markdown nên sẽ không được đăng",
                        "đổi tên thành .md nếu đây là bài viết hay văn bản; ảnh để trong images/, "
                        "tài liệu trong files/",
                    )
                )

    def check_stray_markdown(self, subdirs: Collection[str]) -> None:
        """Markdown outside the post and page folders would be silently ignored by Pelican."""
        inside = set(self.tree.under(subdirs))
        for relative in self.tree.files:
            if relative.lower().endswith(MARKDOWN_EXTENSIONS) and relative not in inside:
                self.problems.append(
                    Problem(
                        f"{self.shown_dir}/{relative}",
                        None,
                        "tệp Markdown nằm ngoài thư mục bài viết và trang nên sẽ không được đăng",
                        "chuyển tệp vào " + " hoặc ".join(f"{self.shown_dir}/{d}/" for d in subdirs),
                    )
                )

    def check_bodies(
        self,
        sources: set[str],
        posts: list[Post],
        pages: list[Page],
        plans: PlanSet,
        documents: DocumentIndex,
        activities: list[Activity],
        tasks: list[ResearchTask],
        agency: set[str],
    ) -> None:
        published = [p.slug for p in pages if p.status != "draft"]
        files = list(filter(publishing_rule(self.settings), self.tree.files))
        addresses = site_addresses(
            self.settings,
            posts,
            published,
            plans,
            files,
            documents.documents,
            activities,
            research_addresses(tasks, self.settings) | agency,
        )
        site_urls = {self.settings.get("SITEURL", ""), self.settings.get("CANONICAL_SITEURL", "")} - {""}
        article_url = self.settings["ARTICLE_URL"]
        own_urls = {p.path: dated(article_url, p.date, p.slug).lstrip("/") for p in posts}
        own_urls |= {p.path: page_url(p.slug, self.settings) for p in pages}
        own_urls |= {a.path: activity_url(a, self.settings) for a in activities if a.public}
        own_urls |= {t.path: research_task_url(t, self.settings) for t in tasks}
        self.addresses, self.site_urls = addresses, site_urls  # for text held in data files
        inputs = (addresses, site_urls, self.tree.files, sources)
        if self.memo.body_inputs != inputs:
            self.memo.body_inputs = inputs
            self.memo.forget("body")

        def key_of(entry: tuple[str, str, str, Header]) -> tuple[str, Any, str] | None:
            stamp = self.tree.stamps.get(entry[0])
            return None if stamp is None else (entry[0], stamp, own_urls.get(self.path_of(entry[0]), ""))

        def check(entry: tuple[str, str, str, Header]) -> None:
            relative, shown, text, header = entry
            own_url = own_urls.get(self.path_of(relative), "")
            # A body that links nowhere and shows no picture has problems of its own only: kept as
            # "body-alone", they outlive a change of the site's addresses or files (a post added
            # elsewhere). Which kind a body is, is worked out only when neither is kept.
            stamp = self.tree.stamps.get(relative)
            key = ("body", relative, stamp, own_url)
            alone_key = ("body-alone", relative, stamp, own_url)
            known = self.memo.get(key)
            if known is None:
                known = self.memo.get(alone_key)
            if known is None:
                known = self.body_problems(
                    relative, shown, text, header, own_url, addresses, site_urls, sources
                )
                self.memo.put(alone_key if _stands_alone(text, header) else key, known)
            self.problems += known

        # Chunks of "body": forgotten with the bodies' entries when the site's addresses change.
        self.in_chunks("body", list(self.texts), check, key_of)

    def body_problems(
        self,
        relative: str,
        shown: str,
        text: str,
        header: Header,
        own_url: str,
        addresses: set[str],
        site_urls: set[str],
        sources: set[str],
    ) -> list[Problem]:
        problems = internal_link_problems(
            header.body,
            header.body_line,
            shown,
            own_url=own_url,
            addresses=addresses,
            site_urls=site_urls,
        )
        optional = relative in self.notes  # a document's or an activity's notes
        unfinished = header.values.get("status", "published").lower() == "draft"  # a draft may be
        if not unfinished and not (optional and not header.body.strip()):
            problems += unfinished_problems(header.body, header.body_line, shown)
        source_links = link_problems(text, 1, relative, shown)
        problems += source_links
        limits = markdown_limit_problems(text, 1, shown)
        problems += limits
        fields = self.settings.get("FORMATTED_FIELDS", ())
        formatted = [header.values[key] for key in fields if key in header.values]
        if not limits and any(may_link(text) for text in (header.body, *formatted)):
            problems += self.rendered_links(
                relative, shown, header, sources, outside_named=bool(source_links)
            )
        problems += alt_text_problems(header.body, header.body_line, shown)
        problems += featured_image_problems(header.values, header.lines, shown, self.tree, self.settings)
        problems += embed_problems(text, 1, shown, self.settings.get("SAFE_HTML_IFRAME_HOSTS", ()))
        return problems

    def rendered_links(
        self, relative: str, shown: str, header: Header, sources: set[str], *, outside_named: bool
    ) -> list[Problem]:
        """The body rendered as the build renders it, and its placeholder links checked as the build
        will replace them; a body that cannot be rendered in bounds is named as the build names it."""
        if self.renderer is None:
            self.renderer = Renderer(self.settings)
            self.linkable = Linkable(
                self.tree,
                tuple(self.settings.get("STATIC_PATHS", [])),
                set(),
                intrasite_link_pattern(self.settings.get("INTRASITE_LINK_REGEX", DEFAULT_INTRASITE_LINK)),
            )
        linkable = replace(cast(Linkable, self.linkable), sources=sources)
        problems = []
        # The body, and the formatted header fields (Summary) whose links Pelican replaces too.
        texts = [(header.body, header.body_line)] if may_link(header.body) else []
        texts += [
            (header.values[key], header.line(key))
            for key in self.settings.get("FORMATTED_FIELDS", ())
            if key in header.values and may_link(header.values[key])
        ]
        for text, first_line in texts:
            try:
                html = self.renderer.render(text)
            except RenderFailed as error:
                problems.append(Problem(shown, None, str(error), RENDER_FIX))
                continue
            problems += rendered_link_problems(
                html, text, first_line, relative, shown, linkable=linkable, outside_named=outside_named
            )
        return problems

    def read_header(
        self, relative: str, allowed: set[str], statuses: bool = True
    ) -> tuple[str, Header | None]:
        shown = f"{self.shown_dir}/{relative}"
        key = ("header", relative, self.tree.stamps.get(relative), _key_names(allowed), statuses)
        known = self.memo.get(key)
        if known is None:
            known = self._read_header(self.root / relative, shown, allowed, statuses)
            self.memo.put(key, known)
        text, header, problems = known
        self.problems += problems
        if header is not None:
            self.texts.append((relative, shown, text, header))
        return shown, header

    def _read_header(
        self, path: Path, shown: str, allowed: set[str], statuses: bool
    ) -> tuple[str | None, Header | None, list[Problem]]:
        text, problems = read_text(path, shown)
        if text is None:
            return None, None, problems
        header, header_problems = parse_header(text, shown, allowed)
        problems += header_problems
        title = header.values.get("title", "")
        if not title and "title" in allowed:  # a unit's report has no title: its place names it
            problems.append(
                Problem(
                    shown,
                    header.lines.get("title", 1),
                    "thiếu tiêu đề" if "title" not in header.values else "tiêu đề để trống",
                    "thêm dòng 'Title: …' ở đầu tệp",
                )
            )
        status = header.values.get("status", "published").lower()
        if statuses and status not in STATUSES:
            problems.append(
                Problem(
                    shown,
                    header.line("status"),
                    f"trạng thái '{header.values['status']}' không hợp lệ",
                    "dùng một trong: " + ", ".join(STATUSES),
                )
            )
        return text, header, problems

    def slug(self, header: Header, shown: str, problems: list[Problem] | None = None) -> str:
        slug = header.values.get("slug") or make_slug(header.values.get("title", ""), self.settings)
        problem = slug_problem(header, slug, shown) if header.values.get("title") else None
        if problem:
            (self.problems if problems is None else problems).append(problem)
        return slug

    def read_document(self, relative: str) -> Document | None:
        shown, header = self.read_header(relative, DOCUMENT_KEYS, statuses=False)
        if header is None:
            return None
        reader = DocumentReader(
            header, shown, self.path_of(relative), self.settings, self.tree, self.now.date()
        )
        document = reader.read()
        self.problems += reader.problems
        return document

    def read_post(self, relative: str, plans: PlanSet, documents: DocumentIndex) -> Post | None:
        shown, header = self.read_header(relative, POST_KEYS)
        if header is None:
            return None
        key = ("post", relative, self.tree.stamps.get(relative))
        known = self.memo.get(key)
        if known is None:
            known = self._read_post(self.path_of(relative), shown, header, plans, documents)
            self.memo.put(key, known)
        post: Post | None = known[0]
        self.problems += known[1]
        return post

    def as_of_now(self, post: Post) -> Post:
        """The post as read today: Pelican keeps a post dated in the future as a draft."""
        if post.status in ("published", "hidden") and post.date > self.now:
            return replace(post, status="scheduled")
        return post

    def in_chunks(
        self, kind: str, items: list[Item], read: Callable[[Item], T], key_of: Callable[[Item], Any]
    ) -> list[T]:
        """read(item) for each item in order, with the problems and texts it adds; CHUNK items at a
        time, a chunk whose items' keys (key_of: the file, its stamp and whatever else its reading
        depends on; None: not to be kept) are those of a run that read it is taken whole from the
        memo, with its files' own entries, kept alive for the next run. The memo's entries of
        `kind` are forgotten when what they all depend on changes: so are its chunks."""
        found: list[T] = []
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            keys = tuple(map(key_of, chunk))
            key = (kind, "chunk", None if None in keys else keys)
            known = self.memo.get(key)
            if known is None:
                problems, texts = len(self.problems), len(self.texts)
                with self.memo.recording() as used:
                    values = [read(item) for item in chunk]
                known = (values, self.problems[problems:], self.texts[texts:], used)
                self.memo.put(key, known)
            else:
                values, chunk_problems, chunk_texts, used = known
                self.problems += chunk_problems
                self.texts += chunk_texts
                self.memo.revive(used)
            found += values
        return found

    def stamped(self, relative: str) -> tuple[str, tuple[int, int, int, int]] | None:
        """A file's key in a chunk: its path and stamp (None for a file the scan did not stamp)."""
        stamp = self.tree.stamps.get(relative)
        return None if stamp is None else (relative, stamp)

    def _read_post(
        self, path: str, shown: str, header: Header, plans: PlanSet, documents: DocumentIndex
    ) -> tuple[Post | None, list[Problem]]:
        """The post and its problems, as of any day: 'scheduled' is read_post's."""
        problems: list[Problem] = []
        values = header.values
        date = modified = None
        if "date" not in values:
            problems.append(
                Problem(
                    shown,
                    1,
                    "thiếu ngày đăng",
                    "thêm dòng 'Date: YYYY-MM-DD HH:MM', ví dụ 'Date: 2020-02-10 08:30'",
                )
            )
        else:
            date, found = read_date(header, "date", shown)
            problems += found
        if "modified" in values:
            modified, found = read_date(header, "modified", shown)
            problems += found
            if modified and date and modified < date:
                problems.append(
                    Problem(
                        shown,
                        header.line("modified"),
                        "ngày cập nhật (Modified) trước ngày đăng",
                        "sửa Modified thành ngày sau Date",
                        WARNING,
                    )
                )
        if date is None:
            # No post without its date, but its plan lines are still checked: every problem at once.
            problems += resolve_plan(header, None, plans, shown).problems
            return None, problems
        resolved = resolve_plan(header, date, plans, shown)
        problems += resolved.problems
        named, found = documents.resolve(header, shown, date)
        problems += found
        post = Post(
            source=shown,
            path=path,
            title=values.get("title", ""),
            date=date,
            modified=modified,
            status=values.get("status", "published").lower(),
            slug=self.slug(header, shown, problems),
            summary=values.get("summary", ""),
            plan=resolved.plan,
            items=resolved.items,
            form=resolved.form,
            unit=resolved.unit,
            lines=dict(header.lines),
            documents=tuple(d.number for d in named),
            tags=resolved.tags,
        )
        return post, problems + uncounted_problems(resolved.tags, date, shown, header.line("items"))

    def read_activity(self, relative: str, plans: PlanSet, posts: list[Post]) -> Activity | None:
        shown, header = self.read_header(relative, ACTIVITY_KEYS, statuses=False)
        if header is None:
            return None
        reader = ActivityReader(header, shown, self.root / relative, self.settings, self.tree, plans, posts)
        problems: list[Problem] = []
        activity = reader.read(self.slug(header, shown, problems))
        self.problems += reader.problems + problems
        if activity is not None:
            self.problems += uncounted_problems(activity.tags, activity.date, shown, header.line("items"))
        if activity is not None and activity.date > self.now:
            self.problems.append(
                Problem(
                    shown,
                    header.line("date"),
                    f"hoạt động ngày {vn_date(activity.date)} chưa diễn ra: chưa được tính vào báo cáo"
                    + (", chưa có trang" if activity.public else "")
                    + " cho tới ngày đó",
                    "nếu ghi nhầm ngày, sửa dòng Date",
                    WARNING,
                )
            )
        return activity

    def agency_pages(self, department: Department | None) -> set[str]:
        """The department's pages as the build makes them; a department file with errors (which
        stop the build) counts as whole, so links to its pages are not named dead besides."""
        if department is not None:
            return agency_addresses(self.settings, department.access is not None)
        return agency_addresses(self.settings, True) if self.tree.has(DEPARTMENT_FILE) else set()

    def check_procedure(self, department: Department | None) -> None:
        """How to ask for information, shown on the access section as a post's body is."""
        if department is not None and department.access is not None:
            self.check_data_text(
                department.access.procedure,
                department.source,
                "phần 'procedure' (cách thức yêu cầu cung cấp thông tin)",
                url_setting(self.settings, "INFORMATION_ACCESS_URL"),
            )

    def read_department(self) -> Department | None:
        department, problems = load_department(self.root, self.shown_dir, self.tree, self.settings)
        self.problems += problems
        return department

    def read_tasks(
        self, folders: list[str], documents: DocumentIndex, posts: list[Post]
    ) -> list[ResearchTask]:
        tasks = [t for t in (self.read_task(f, documents, posts) for f in self.sources(folders)) if t]
        self.problems += research_problems(tasks)
        return tasks

    def read_task(self, relative: str, documents: DocumentIndex, posts: list[Post]) -> ResearchTask | None:
        shown, header = self.read_header(relative, RESEARCH_KEYS, statuses=False)
        if header is None:
            return None
        reader = ResearchTaskReader(
            header, shown, self.path_of(relative), self.settings, self.tree, documents, posts, self.now.date()
        )
        task = reader.read()
        self.problems += reader.problems
        return task

    def read_unit_report(self, relative: str, plans: PlanSet) -> UnitReport | None:
        shown, header = self.read_header(relative, UNIT_REPORT_KEYS, statuses=False)
        if header is None:
            return None
        reader = UnitReportReader(header, shown, self.path_of(relative), relative, plans)
        report = reader.read()
        self.problems += reader.problems
        return report

    def read_page(self, relative: str) -> Page | None:
        shown, header = self.read_header(relative, PAGE_KEYS)
        if header is None:
            return None
        return Page(
            shown,
            self.path_of(relative),
            header.values.get("title", ""),
            self.slug(header, shown),
            header.values.get("status", "published").lower(),
            dict(header.lines),
        )

    def check_output_paths(self, posts: list[Post], pages: list[Page], activities: list[Activity]) -> None:
        by_path: defaultdict[str, list[Post | Page | Activity]] = defaultdict(list)
        for post in posts:
            if post.status != "draft" and post.slug:
                by_path[post_save_as(post, self.settings)].append(post)
        for activity in activities:
            if activity.public and activity.slug and self.settings.get("ACTIVITY_SAVE_AS"):
                by_path[activity_save_as(activity, self.settings)].append(activity)
        taken = site_folders(self.settings)
        for page in pages:
            if page.status != "draft" and page.slug:
                save_as = self.settings["PAGE_SAVE_AS"].format(slug=page.slug)
                if save_as.split("/")[0] in taken:
                    self.problems.append(
                        Problem(
                            page.source,
                            page.lines.get("slug", page.lines.get("title", 1)),
                            f"trang được ghi ra '{save_as}', trùng với một phần sẵn có của trang web "
                            f"('{save_as.split('/')[0]}/')",
                            "thêm hoặc sửa dòng 'Slug: …' thành một slug khác",
                        )
                    )
                    continue
                by_path[save_as].append(page)
        for output, owners in by_path.items():
            for other in owners[1:]:
                self.problems.append(
                    Problem(
                        other.source,
                        other.lines.get("title", 1),
                        f"bài này và {owners[0].source} cùng được ghi ra '{output}' (tiêu đề chỉ "
                        "khác nhau ở dấu thanh hoặc trùng nhau)",
                        f"thêm dòng 'Slug: {other.slug}-2' (hoặc một slug khác) vào một trong hai bài",
                    )
                )

    def check_plan_signatures(self, plans: PlanSet) -> None:
        """A plan plan-new made is a draft until the Office writes when and by whom it was signed."""
        for plan in plans:
            if not plan.signed:
                self.problems.append(
                    Problem(
                        plan.source,
                        None,
                        f"kế hoạch {plan.id} chưa có ngày ký ('date'): trang web và báo cáo ghi kế hoạch "
                        "là dự thảo, chưa ký",
                        "khi kế hoạch đã ký, thêm 'date: YYYY-MM-DD' và 'signer: …' theo văn bản đã ký",
                        WARNING,
                    )
                )

    def check_plan_texts(self, plans: PlanSet) -> None:
        """A plan's full text is rendered on its page as posts are: what would take minutes or
        overflow the stack is refused here, as in a post."""
        for plan in plans:
            self.check_data_text(plan.text, plan.source, "phần 'text' (toàn văn kế hoạch)")

    def check_data_text(self, text: str, source: str, part: str, own_url: str | None = None) -> None:
        """Markdown held in a data file (a plan's text, the department's procedure), rendered on
        the site as posts are (portal.render's plan-text settings): what would take minutes or
        overflow the stack is refused, and with `own_url` (the page it is shown on) a link to a
        page of this site the build does not make."""
        key = ("data-text", source, text)  # the text is all the rendering is given
        found = self.memo.get(key)
        if found is None:
            found = markdown_limit_problems(text, 1, source)
            if not found:
                try:
                    self.data_renderer = self.data_renderer or Renderer(PLAN_TEXT_SETTINGS)
                    self.data_renderer.render(text)
                except RenderFailed as error:
                    found = [Problem(source, None, str(error), RENDER_FIX)]
            self.memo.put(key, found)
        if own_url is not None and not found:
            found = internal_link_problems(
                text, 1, source, own_url=own_url, addresses=self.addresses, site_urls=self.site_urls
            )
        self.problems += [
            Problem(
                p.path,
                None,
                f"{part}, dòng {p.line}: {p.message}" if p.line else f"{part}: {p.message}",
                p.fix,
            )
            for p in found
        ]

    def check_plan_pages(self, plans: PlanSet) -> None:
        """An item's page may not be written where its plan's own pages are (an item with the slug
        'ket-qua' would overwrite the plan's results page and stop the build)."""
        own = ("PLAN_SAVE_AS", "PLANTEXT_SAVE_AS", "PLANRESULTS_SAVE_AS")
        item_pattern = self.settings.get("PLANITEM_SAVE_AS")
        if not item_pattern:
            return
        for plan in plans:
            taken = {self.settings[key].format(slug=plan.slug): key for key in own if self.settings.get(key)}
            for item in plan.items:
                save_as = item_pattern.format(plan_slug=plan.slug, slug=item.slug)
                if save_as in taken:
                    self.problems.append(
                        Problem(
                            plan.source,
                            None,
                            f"mục {item.number} có slug '{item.slug}', trùng địa chỉ '{save_as}' của một "
                            "trang sẵn có của kế hoạch",
                            f"đổi slug của mục {item.number}, ví dụ '{item.slug}-muc-{item.number}'",
                        )
                    )


def check_content(
    content_dir: str | Path,
    settings: dict[str, Any],
    now: dt.datetime | None = None,
    shown_dir: str | None = None,
    memo: CheckMemo | None = None,
    tree: ContentTree | None = None,
) -> ContentCheck:
    """Check every plan, post and page under content_dir; paths are shown under shown_dir.

    tree: what `scan` lists in content_dir now, when the caller knows it without walking the
    folder (the shared editor's check folder, editors.shared_check); else the folder is scanned.

    memo: what an earlier check kept (the preview's, in memory); without one, the memo saved
    under CACHE_PATH is used and saved again (LOAD_CONTENT_CACHE, CACHE_CONTENT, as Pelican's
    content cache). The result is the same with or without it."""
    content_dir = Path(content_dir)
    saved = None
    if memo is None and settings.get("CACHE_PATH"):
        shown = shown_dir or str(content_dir)
        scope = hashlib.sha256(f"{content_dir.resolve()}\0{shown}".encode()).hexdigest()[:12]
        saved = Path(settings["CACHE_PATH"]) / f"check-memo-{scope}.pickle"
        memo = CheckMemo.load(saved) if settings.get("LOAD_CONTENT_CACHE") else CheckMemo()
    result = _Checker(
        content_dir, settings, now or now_local(), shown_dir or str(content_dir), memo, tree
    ).run()
    if saved and memo is not None and memo.changed and settings.get("CACHE_CONTENT"):
        memo.save(saved)
    return result

"""The one content checker: every problem of a content directory, found in one pass.

`invoke check`, `invoke report` and every build (plugins/content_check) call
`check_content`; it reads headers only, never renders Markdown.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .coverage import gap_warnings
from .dates import now_local
from .plans import PlanSet, load_plans
from .posts import (PAGE_KEYS, POST_KEYS, STATUSES, Post, decode, parse_header,
                    read_date, resolve_plan, slug_problem)
from .problems import WARNING, Problem
from .sanitize import find_control_characters, strip_control_characters
from .slugs import make_slug

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


@dataclass(frozen=True)
class Page:
    source: str
    path: str
    title: str
    slug: str
    status: str


@dataclass
class ContentCheck:
    plans: PlanSet
    posts: list[Post]
    pages: list[Page]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def published_posts(self) -> list[Post]:
        return [p for p in self.posts if p.is_published]

    def post_at(self, path) -> Post | None:
        if not hasattr(self, "_by_path"):
            self._by_path = {os.path.realpath(p.path): p for p in self.posts}
        return self._by_path.get(os.path.realpath(path))


def post_save_as(post: Post, settings: dict) -> str:
    return settings["ARTICLE_SAVE_AS"].format(slug=post.slug, date=post.date)


def post_url(post: Post, settings: dict) -> str:
    """The post's address as Pelican writes it; absolute when SITEURL is set."""
    return f"{settings.get('SITEURL', '')}/{settings['ARTICLE_URL'].format(slug=post.slug, date=post.date)}"


def _markdown_files(root: Path, subdirs: list[str], ignore: list[str]):
    for subdir in subdirs:
        base = root / subdir
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not _ignored(d, ignore))
            for name in sorted(filenames):
                if not _ignored(name, ignore):
                    yield Path(dirpath) / name


def _ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, p.rsplit("/", 1)[-1]) for p in patterns)


class _Checker:
    def __init__(self, content_dir: Path, settings: dict, now: dt.datetime, shown_dir: str):
        self.root = content_dir
        self.settings = settings
        self.now = now
        self.shown_dir = shown_dir.rstrip("/")
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        return f"{self.shown_dir}/{path.relative_to(self.root).as_posix()}"

    def run(self) -> ContentCheck:
        plans, plan_problems = load_plans(self.root / "plans", f"{self.shown_dir}/plans")
        self.problems += plan_problems
        ignore = self.settings.get("IGNORE_FILES", [".*"])
        post_dirs = self.settings.get("ARTICLE_PATHS", ["posts"])
        page_dirs = self.settings.get("PAGE_PATHS", ["pages"])
        posts = [p for p in (self.read_post(f, plans) for f in
                             self.sources(post_dirs, ignore)) if p]
        pages = [p for p in (self.read_page(f) for f in self.sources(page_dirs, ignore)) if p]
        self.check_stray_markdown(post_dirs + page_dirs, ignore)
        self.check_output_paths(posts, pages)
        self.problems += gap_warnings(plans, posts, self.now)
        return ContentCheck(plans, posts, pages, self.problems)

    def sources(self, subdirs, ignore):
        for path in _markdown_files(self.root, subdirs, ignore):
            if path.suffix.lower() in MARKDOWN_EXTENSIONS:
                yield path
            else:
                self.problems.append(Problem(
                    self.shown(path), None, "tệp không phải Markdown nên sẽ không được đăng",
                    "đổi tên thành .md nếu đây là bài viết; ảnh và tệp đính kèm để trong images/"))

    def check_stray_markdown(self, subdirs, ignore):
        """Markdown outside the post and page folders would be silently ignored by Pelican."""
        known = {self.root / d for d in subdirs}
        for dirpath, dirnames, filenames in os.walk(self.root):
            here = Path(dirpath)
            if here in known:
                dirnames[:] = []
                continue
            dirnames[:] = [d for d in dirnames if not _ignored(d, ignore)]
            for name in filenames:
                if name.lower().endswith(MARKDOWN_EXTENSIONS) and not _ignored(name, ignore):
                    self.problems.append(Problem(
                        self.shown(here / name), None,
                        "tệp Markdown nằm ngoài thư mục bài viết và trang nên sẽ không được đăng",
                        "chuyển tệp vào " + " hoặc ".join(f"{self.shown_dir}/{d}/" for d in subdirs)))

    def read_header(self, path: Path, allowed: set[str]):
        shown = self.shown(path)
        text, problems = decode(path.read_bytes(), shown)
        self.problems += problems
        if text is None:
            return shown, None
        lines = sorted({line for line, _ in find_control_characters(text)})
        for line in lines:
            self.problems.append(Problem(shown, line, "có ký tự điều khiển ẩn (thường do dán từ "
                                         "Word); ký tự này được tự động xóa khi dựng trang",
                                         "gõ lại đoạn này hoặc dán dưới dạng văn bản thuần",
                                         WARNING))
        text = strip_control_characters(text)
        header, problems = parse_header(text, shown, allowed)
        self.problems += problems
        title = header.values.get("title", "")
        if not title:
            self.problems.append(Problem(shown, header.lines.get("title", 1),
                                         "thiếu tiêu đề" if "title" not in header.values
                                         else "tiêu đề để trống", "thêm dòng 'Title: …' ở đầu tệp"))
        status = header.values.get("status", "published").lower()
        if status not in STATUSES:
            self.problems.append(Problem(shown, header.line("status"),
                                         f"trạng thái '{header.values['status']}' không hợp lệ",
                                         "dùng một trong: " + ", ".join(STATUSES)))
        return shown, header

    def slug(self, header, shown) -> str:
        slug = header.values.get("slug") or make_slug(header.values.get("title", ""), self.settings)
        problem = slug_problem(header, slug, shown) if header.values.get("title") else None
        if problem:
            self.problems.append(problem)
        return slug

    def read_post(self, path: Path, plans: PlanSet) -> Post | None:
        shown, header = self.read_header(path, POST_KEYS)
        if header is None:
            return None
        values = header.values
        date = modified = None
        if "date" not in values:
            self.problems.append(Problem(shown, 1, "thiếu ngày đăng",
                                         "thêm dòng 'Date: YYYY-MM-DD HH:MM', ví dụ 'Date: 2020-02-10 08:30'"))
        else:
            date, problems = read_date(header, "date", shown)
            self.problems += problems
        if "modified" in values:
            modified, problems = read_date(header, "modified", shown)
            self.problems += problems
            if modified and date and modified < date:
                self.problems.append(Problem(shown, header.line("modified"),
                                             "ngày cập nhật (Modified) trước ngày đăng",
                                             "sửa Modified thành ngày sau Date", WARNING))
        if date is None:
            return None
        plan, items, form, unit, problems = resolve_plan(header, date, plans, shown)
        self.problems += problems
        status = values.get("status", "published").lower()
        if status == "published" and date > self.now:
            status = "scheduled"
        return Post(source=shown, path=str(path), title=values.get("title", ""), date=date, modified=modified,
                    status=status, slug=self.slug(header, shown),
                    summary=values.get("summary", ""), plan=plan, items=items, form=form,
                    unit=unit, lines=dict(header.lines))

    def read_page(self, path: Path) -> Page | None:
        shown, header = self.read_header(path, PAGE_KEYS)
        if header is None:
            return None
        return Page(shown, str(path), header.values.get("title", ""), self.slug(header, shown),
                    header.values.get("status", "published").lower())

    def check_output_paths(self, posts: list[Post], pages: list[Page]):
        by_path = defaultdict(list)
        for post in posts:
            if post.status != "draft" and post.slug:
                by_path[post_save_as(post, self.settings)].append(post)
        for page in pages:
            if page.status != "draft" and page.slug:
                by_path[self.settings["PAGE_SAVE_AS"].format(slug=page.slug)].append(page)
        for output, owners in by_path.items():
            for other in owners[1:]:
                self.problems.append(Problem(
                    other.source, getattr(other, "lines", {}).get("title", 1),
                    f"bài này và {owners[0].source} cùng được ghi ra '{output}' (tiêu đề chỉ "
                    "khác nhau ở dấu thanh hoặc trùng nhau)",
                    f"thêm dòng 'Slug: {other.slug}-2' (hoặc một slug khác) vào một trong hai bài"))


def check_content(content_dir, settings: dict, now: dt.datetime | None = None,
                  shown_dir: str | None = None) -> ContentCheck:
    """Check every plan, post and page under content_dir; paths are shown under shown_dir."""
    content_dir = Path(content_dir)
    return _Checker(content_dir, settings, now or now_local(),
                    shown_dir or str(content_dir)).run()

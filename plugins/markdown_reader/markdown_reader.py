"""Pelican's Markdown reader, made safe, bounded and fast.

Safe: a file is read and its header split from its body by the same code as
the content checker (`portal.posts.read_text` and `parse_header`), so what
was checked is what is rendered; control characters pasted from Word are
stripped (the checker warns about each, with its line), and every body and
summary is cleaned with nh3 against an allowlist fit for news: no
`<script>`, `<style>`, event handlers or `javascript:` URLs; `<iframe>` only
from SAFE_HTML_IFRAME_HOSTS (default none).

Bounded: a file whose Markdown takes longer than MARKDOWN_TIME_LIMIT seconds
(default 10) or nests too deep fails the build naming the file (the checker
refuses the known slow shapes first).

Fast: one Markdown instance per process, reset between files, instead of one
per file; and before Pelican reads anything, every file its content cache
cannot answer is rendered in parallel on MARKDOWN_WORKERS processes (default:
all cores). The result is the same HTML a serial read gives; a test checks
that the parallel and cached builds write byte-identical sites.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

from pelican import signals
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category

from builder.logs import shown_path
from builder.signals import content_problem
from portal.dates import parse_local_datetime
from portal.posts import PAGE_KEYS, POST_KEYS, parse_header, read_text
from portal.problems import ContentError, Problem
from portal.render import RENDER_FIX, Renderer, RenderFailed
from portal.slugs import make_slug

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()
# The preview lends the posts it kept before this plugin prerenders, which then renders only
# what neither cache holds (both on article_generator_init).
AFTER = frozenset({"preview_pages"})

DRAFT_CATEGORY = "Bản nháp"  # never shown: category pages are off
PARALLEL_MINIMUM = 64  # fewer files render faster than a pool starts

DATE_KEYS = ("date", "modified")


class SafeMarkdownReader(MarkdownReader):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._renderer = Renderer(self.settings)  # the checker's, so both see the same HTML
        self.prerendered: dict[str, tuple[str, dict[str, str]] | RenderFailed] = {}

    def _convert(self, text: str) -> str:
        return self._renderer.render(text)

    def render(self, source_path: Any) -> tuple[str, dict[str, str]]:
        """Clean HTML of the body, and the header's values as the checker read them."""
        text, _ = read_text(source_path, source_path)
        if text is None:  # the checker has already stopped the build on this file
            raise RenderFailed("không đọc được tệp")
        header, _ = parse_header(text, source_path, POST_KEYS | PAGE_KEYS)
        return self._convert(header.body), header.values

    def read(self, source_path: Any) -> tuple[str, dict[str, Any]]:
        self._source_path = source_path
        done = self.prerendered.pop(source_path, None)
        try:
            if isinstance(done, RenderFailed):
                raise done
            content, values = done or self.render(source_path)
        except RenderFailed as error:
            problem = Problem(
                shown_path(source_path),
                None,
                str(error),
                RENDER_FIX,
            )
            content_problem.send(problem)
            raise ContentError([problem]) from None
        metadata = self.metadata(values)
        if "slug" not in metadata and "title" in metadata:
            # Pelican would slugify the title through unidecode; the same slug, computed fast.
            metadata["slug"] = make_slug(metadata["title"], self.settings)
        return content, metadata

    def metadata(self, values: dict[str, str]) -> dict[str, Any]:
        """Pelican's metadata from the header's values; formatted fields (summary) as clean HTML,
        dates read by the checker's own parser (local time), so both see the same instant."""
        output: dict[str, Any] = {}
        for name, value in values.items():
            if name in DATE_KEYS:
                output[name] = parse_local_datetime(value)
                continue
            formatted = self._convert(value) if name in self.settings["FORMATTED_FIELDS"] else value
            output[name] = self.process_metadata(name, formatted)
        return output


class _Worker:
    """The reader of one pool process, made once when the process starts."""

    reader: SafeMarkdownReader | None = None


def _start_worker(settings: Any) -> None:
    _Worker.reader = SafeMarkdownReader(settings)


def _render_in_worker(path: Any) -> tuple[Any, tuple[str, dict[str, str]] | RenderFailed]:
    reader = _Worker.reader
    assert reader is not None  # set by _start_worker, the pool's initializer
    try:
        return path, reader.render(path)
    except RenderFailed as error:  # raised again in the parent, which names the file
        return path, error


def use_safe_reader(readers: Any) -> None:
    for extension in SafeMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = SafeMarkdownReader


def _cached(generator: Any, relative: str) -> bool:
    """Whether the content cache (or a preview's posts, plugins/preview_pages) answers for a file."""
    if relative in generator._cache and generator.get_cached_data(relative, None) is not None:
        return True
    return generator.readers.get_cached_data(os.path.join(generator.path, relative), None) is not None


def prerender(generator: Any, paths_key: Any, excludes_key: Any) -> None:
    """Render in parallel every Markdown file the content cache cannot answer."""
    settings = generator.settings
    workers = settings.get("MARKDOWN_WORKERS") or os.cpu_count() or 1
    reader = generator.readers.readers.get("md")
    if workers == 1 or not isinstance(reader, SafeMarkdownReader):
        return
    files = [
        f
        for f in generator.get_files(settings[paths_key], exclude=settings[excludes_key])
        if f.lower().endswith(tuple(f".{e}" for e in SafeMarkdownReader.file_extensions))
    ]
    pending = [os.path.join(generator.path, f) for f in files if not _cached(generator, f)]
    if len(pending) < PARALLEL_MINIMUM:
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(settings,)) as pool:
        reader.prerendered.update(pool.imap_unordered(_render_in_worker, pending, chunksize=32))


def prerender_articles(generator: Any) -> None:
    prerender(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def prerender_pages(generator: Any) -> None:
    prerender(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def categorise_drafts(generator: Any) -> None:
    """Posts carry no category (category pages are off), so Pelican need not group thousands of
    posts by one category, a pass over every pair of them; but Pelican 4.12 reads a draft's
    category unguarded when writing drafts, and a post dated in the future is a draft too."""
    for draft in [*generator.drafts, *generator.drafts_translations]:
        if not hasattr(draft, "category"):
            draft.category = Category(DRAFT_CATEGORY, generator.settings)


def register() -> None:
    signals.article_generator_pretaxonomy.connect(categorise_drafts)
    signals.readers_init.connect(use_safe_reader)
    signals.article_generator_init.connect(prerender_articles)
    signals.page_generator_init.connect(prerender_pages)

"""Pelican's Markdown reader, made safe and fast.

Safe: control characters pasted from Word are stripped (the checker warns
about each, with its line), and every body and summary is cleaned with nh3
against an allowlist fit for news: no `<script>`, `<style>`, event handlers
or `javascript:` URLs; `<iframe>` only from SAFE_HTML_IFRAME_HOSTS (default
none).

Fast: one Markdown instance per process, reset between files, instead of one
per file; and before Pelican reads anything, every file its content cache
cannot answer is rendered in parallel on MARKDOWN_WORKERS processes (default:
all cores). The result is the same HTML a serial read gives; a test checks
that the parallel and cached builds write byte-identical sites.
"""

from __future__ import annotations

import multiprocessing
import os

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader

from portal.sanitize import clean_html, strip_control_characters
from portal.slugs import make_slug

PARALLEL_MINIMUM = 64  # fewer files render faster than a pool starts


class SafeMarkdownReader(MarkdownReader):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._markdown = None
        self.prerendered: dict[str, tuple[str, dict]] = {}

    def render(self, source_path) -> tuple[str, dict]:
        """Clean HTML of the body, and the raw header lines as Markdown's meta extension read them."""
        if self._markdown is None:
            self._markdown = Markdown(**self.settings["MARKDOWN"])
        markdown = self._markdown
        markdown.reset()
        with open(source_path, encoding="utf-8-sig") as handle:
            html = markdown.convert(strip_control_characters(handle.read()))
        return clean_html(html, self.settings.get("SAFE_HTML_IFRAME_HOSTS", ())), dict(markdown.Meta)

    def read(self, source_path):
        self._source_path = source_path
        content, meta = self.prerendered.pop(source_path, None) or self.render(source_path)
        metadata = self.metadata(meta)
        if "slug" not in metadata and "title" in metadata:
            # Pelican would slugify the title through unidecode; the same slug, computed fast.
            metadata["slug"] = make_slug(metadata["title"], self.settings)
        return content, metadata

    def metadata(self, meta: dict) -> dict:
        """Pelican's metadata from the header; a continued line joins with a space, as the checker reads it."""
        output = {}
        for name, lines in meta.items():
            name = name.lower()
            if name in self.settings["FORMATTED_FIELDS"]:
                self._markdown.reset()
                value = clean_html(self._markdown.convert("\n".join(lines)),
                                   self.settings.get("SAFE_HTML_IFRAME_HOSTS", ()))
            else:
                value = " ".join(line.strip() for line in lines)
            output[name] = self.process_metadata(name, value)
        return output


_worker_reader: SafeMarkdownReader | None = None


def _start_worker(settings):
    global _worker_reader
    _worker_reader = SafeMarkdownReader(settings)


def _render_in_worker(path):
    return path, _worker_reader.render(path)


def use_safe_reader(readers):
    for extension in SafeMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = SafeMarkdownReader


def prerender(generator, paths_key, excludes_key):
    """Render in parallel every Markdown file the content cache cannot answer."""
    settings = generator.settings
    workers = settings.get("MARKDOWN_WORKERS") or os.cpu_count() or 1
    reader = generator.readers.readers.get("md")
    if workers < 2 or not isinstance(reader, SafeMarkdownReader):
        return
    paths = [os.path.join(generator.path, f)
             for f in generator.get_files(settings[paths_key], exclude=settings[excludes_key])
             if f.lower().endswith(tuple(f".{e}" for e in SafeMarkdownReader.file_extensions))]
    pending = [p for p in paths if generator.readers.get_cached_data(p, None) is None]
    if len(pending) < PARALLEL_MINIMUM:
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(settings,)) as pool:
        reader.prerendered.update(pool.imap_unordered(_render_in_worker, pending, chunksize=32))


def prerender_articles(generator):
    prerender(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def prerender_pages(generator):
    prerender(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def register():
    signals.readers_init.connect(use_safe_reader)
    signals.article_generator_init.connect(prerender_articles)
    signals.page_generator_init.connect(prerender_pages)

"""Rebuilds render only the post pages whose inputs changed.

A post's page depends on the post itself and what it links (every attribute of
both, read by type, not by name: builder.page_inputs), and on what every page shares:
every file of the theme, every setting, every field of every plan, the
pages' titles, and the code that renders (portal/, builder/, plugins/, every folder of
PLUGIN_PATHS, the pinned requirements). The writer records a fingerprint of those inputs for every
post page in `.page-fingerprints.json` inside the output;
on the next build of the same site, a page whose fingerprint is unchanged is
hard-linked from the previous output (PORTAL_PREVIOUS_OUTPUT, set by
builder.build) instead of being rendered again. Listing pages, feeds and data
files are always rendered. A test checks that such a rebuild is
byte-identical to a cold serial build.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.writers import Writer

from builder.documents import documents
from builder.output import PAGE_FINGERPRINTS, PLACEHOLDER, previewed, previewing
from builder.page_inputs import PageInputs
from builder.pictures import pictures
from builder.plans import current_plan, plans
from builder.research import research_tasks
from builder.settings import code_version, folders_digest, settings_fingerprint
from builder.signals import page_cache_run
from builder.site_model import site_model

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()

FINGERPRINTS = PAGE_FINGERPRINTS


class FingerprintWriter(Writer):
    def __init__(self, output_path: Any, settings: Any = None) -> None:
        super().__init__(output_path, settings=settings)
        self.fingerprints: dict[str, str] = {}
        previous = settings.get("PORTAL_PREVIOUS_OUTPUT")
        self.previous = Path(previous) if previous else None
        self.previous_fingerprints = {}
        if self.previous and (self.previous / FINGERPRINTS).is_file():
            self.previous_fingerprints = json.loads((self.previous / FINGERPRINTS).read_text())
        self.shared: str | None = None
        self.page_inputs = PageInputs()
        self.reused = 0
        _run.writer = self

    def shared_inputs(self, context: Any) -> str:
        if self.shared is None:
            digest = hashlib.sha256(code_version().encode())
            # The theme, and every plugin folder the site loads plugins from (PLUGIN_PATHS: the
            # project's own are in code_version too, a department's own would not be).
            folders = [Path(self.settings["THEME"]), *map(Path, self.settings.get("PLUGIN_PATHS", []))]
            digest.update(folders_digest(folders).encode())
            settings = settings_fingerprint(self.settings)
            # Every field of every plan (dataclass repr): a renamed unit shows on post pages.
            plan_fields = [
                [
                    repr(p.data),
                    p.url,
                    p.results_page.url if hasattr(p, "results_page") else "",
                    [[i.number, i.name, i.url] for i in p.items],
                ]
                for p in plans(context)
            ]
            current = current_plan(context)
            department = site_model(context).department
            pages = [[p.title, p.url] for p in context.get("pages", [])]
            picture_fields = sorted(repr(p) for p in pictures(context).values())
            digest.update(
                json.dumps(
                    [
                        settings,
                        plan_fields,
                        pages,
                        picture_fields,
                        current.url if current else None,
                        bool(documents(context)),  # the menu's "Văn bản"
                        bool(research_tasks(context)),  # the menu's "Nhiệm vụ KH&CN"
                        department is not None,  # the footer's "Cơ cấu tổ chức"
                        bool(department and department.access),  # the footer's "Tiếp cận thông tin"
                        # The site feed's links in every page's head: its paths and title are
                        # settings (PORTAL_FEED_*, SITENAME), in `settings` above.
                    ],
                    sort_keys=True,
                    default=str,
                ).encode()
            )
            self.shared = digest.hexdigest()
        return self.shared

    def fingerprint(self, article: Any, context: Any) -> str:
        # The stored body, unless it links other content by {filename}-style
        # placeholders, whose addresses may have changed since.
        body = article.content if PLACEHOLDER.search(article._content) else article._content
        inputs = [self.shared_inputs(context), body, self.page_inputs.of(article)]
        return hashlib.sha256(json.dumps(inputs, default=str).encode()).hexdigest()

    def write_file(
        self,
        name: Any,
        template: Any,
        context: Any,
        relative_urls: Any = False,
        paginated: Any = None,
        template_name: Any = None,
        override_output: Any = False,
        url: Any = None,
        **kwargs: Any,
    ) -> Any:  # Pelican's Writer.write_file: the page's context, or None
        if previewing(self.settings) and (
            paginated or not previewed(self.settings, kwargs.get("article") or kwargs.get("page"))
        ):
            return None
        article = kwargs.get("article")
        if article is None or paginated or not name:
            return super().write_file(
                name,
                template,
                context,
                relative_urls,
                paginated,
                template_name,
                override_output,
                url,
                **kwargs,
            )
        fingerprint = self.fingerprint(article, context)
        self.fingerprints[name] = fingerprint
        previous = self.previous / name if self.previous else None
        target = os.path.join(self.output_path, name)
        if (
            previous
            and self.previous_fingerprints.get(name) == fingerprint
            and previous.is_file()
            and target not in self._written_files
        ):
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(previous, target)
            self._written_files.add(target)
            self.reused += 1
            signals.content_written.send(target, context={**context, **kwargs})
            return None
        return super().write_file(
            name, template, context, relative_urls, paginated, template_name, override_output, url, **kwargs
        )


class _Run:
    """This run's writer, set when Pelican makes it; reset at the start of every run."""

    writer: FingerprintWriter | None = None


_run = _Run()


def get_writer(pelican: Any) -> type[Any]:
    _run.writer = None
    return FingerprintWriter


def save_fingerprints(pelican: Any) -> None:
    """Store the fingerprints beside the pages they describe, so both are swapped in together."""
    writer, _run.writer = _run.writer, None
    if previewing(pelican.settings):
        return  # a preview's few pages have no place in the site's fingerprints
    if writer is not None and os.path.samefile(writer.output_path, pelican.output_path):
        Path(writer.output_path, FINGERPRINTS).write_text(json.dumps(writer.fingerprints, sort_keys=True))
        page_cache_run.send({"reused": writer.reused, "rendered": len(writer.fingerprints) - writer.reused})


def register() -> None:
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(save_fingerprints)

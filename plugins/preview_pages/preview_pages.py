"""Preview runs: the edited pages only, rendered from what the previous run kept.

`builder.preview` runs Pelican in the preview process after an editor saves a
post or page, with PORTAL_PREVIEW_SOURCES naming the edited files. Such a run
reads and checks the whole site as any build does (so each page shows its
real neighbours, items and menus), but writes only those files' own pages:
page_cache's writer skips every other page, the feeds, coverage and
picture plugins skip their files, and this plugin keeps Pelican's static
files from being copied. PORTAL_PREVIEW_MEMO (a `builder.preview.PreviewMemo`)
carries between runs the posts and pages Pelican made from unchanged files,
so such a run does not make thousands of them again.
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.generators import StaticGenerator

from builder.output import previewing

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()


def lend_posts(generator: Any) -> None:
    memo = generator.settings.get("PORTAL_PREVIEW_MEMO")
    if memo is not None:
        memo.lend(generator)


def keep_posts(generator: Any) -> None:
    memo = generator.settings.get("PORTAL_PREVIEW_MEMO")
    if memo is not None:
        memo.keep(generator)


def skip_static_files(generators: Any) -> None:
    for generator in generators:
        if isinstance(generator, StaticGenerator) and previewing(generator.settings):
            generator.generate_output = lambda writer: None  # the files are in the site already


def register() -> None:
    # Before markdown_reader's prerendering (its AFTER names this plugin), which then renders
    # only what neither cache holds.
    signals.article_generator_init.connect(lend_posts)
    signals.article_generator_finalized.connect(keep_posts)
    signals.all_generators_finalized.connect(skip_static_files)

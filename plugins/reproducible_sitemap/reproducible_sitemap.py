"""pelican-sitemap, made reproducible and restartable, as a small subclass registered in its place.

pelican-sitemap stamps listing pages with the time the build ran, and keeps
its queue across runs in one process until the run that started first
finishes. `ReproducibleSitemap` changes two things and nothing else:
- `now` (the stamp of pages without a date) is the newest post's date or
  modification date, so rebuilding unchanged content rewrites no byte;
- every run starts from a fresh generator state, so a run that failed before
  `finalized` never blocks the sitemap of the preview server's next run.

PLUGINS lists `reproducible_sitemap` instead of `pelican.plugins.sitemap`; the
SITEMAP setting is read as pelican-sitemap documents it.
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.plugins.sitemap.sitemap import SitemapGenerator

from portal.dates import newest_change

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()


class ReproducibleSitemap(SitemapGenerator):
    def init(self, pelican: Any) -> None:
        SitemapGenerator.__init__(self)  # a new run: the parent's own fresh state
        super().init(pelican)

    def pin_clock(self, generators: Any) -> None:
        newest = newest_change(a for g in generators for a in getattr(g, "articles", []))
        if newest:
            self.now = newest


generator = ReproducibleSitemap()


def register() -> None:
    signals.get_generators.connect(generator.init)
    signals.content_written.connect(generator.queue_page)
    signals.all_generators_finalized.connect(generator.pin_clock)
    signals.finalized.connect(generator.finalize)

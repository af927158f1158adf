"""Same content, same bytes: build-time clocks replaced by the content's own dates.

pelican-sitemap stamps listing pages with the build time; this sets that
stamp to the newest post's date (or modification date) instead, so
rebuilding unchanged content rewrites no file and caches stay valid. It also
forgets a previous run that failed before the sitemap was written: otherwise
pelican-sitemap waits for that run forever and no later build in the same
process (the preview server's) gets a sitemap.
"""

from pelican import signals
from pelican.plugins.sitemap import sitemap


def pin_sitemap_clock(generators):
    articles = [a for g in generators for a in getattr(g, "articles", [])]
    if articles:
        newest = max(getattr(a, "modified", None) or a.date for a in articles)
        sitemap.generator.now = newest


def forget_failed_runs(pelican):
    sitemap.generator._main_pelican = None
    sitemap.generator.page_queue = []


def register():
    signals.initialized.connect(forget_failed_runs)
    signals.all_generators_finalized.connect(pin_sitemap_clock)

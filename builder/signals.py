"""The project's own signals between plugins and the build (blinker, as Pelican's own are).

Plugins talk to each other and to `builder.build` only through these and through settings.
"""

from blinker import signal

# sender: the run's Vietnamese summary line (plugins/content_check, after writing).
build_summary = signal("portal-build-summary")
# sender: a portal.problems.Problem for a file the Markdown reader could not render in bounds
# (plugins/markdown_reader); Pelican itself only logs such a failure.
content_problem = signal("portal-content-problem")
# sender: {"reused": n, "rendered": m} post pages of the finished run (plugins/page_cache).
page_cache_run = signal("portal-page-cache-run")

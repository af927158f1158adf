"""The project's own signals between plugins and the build (blinker, as Pelican's own are).

Plugins talk to `builder.build` through these. Between themselves they also hand on data in
Pelican's context and on content objects; each plugin declares what it hands on (PROVIDES) and
what of other plugins' it reads (USES), and tests/test_plugin_data.py holds both to the code.
"""

from blinker import signal

# sender: the run's Vietnamese summary line (builder.site_model, after writing).
build_summary = signal("portal-build-summary")
# sender: a portal.problems.Problem for a file the Markdown reader could not render in bounds
# (plugins/markdown_reader); Pelican itself only logs such a failure.
content_problem = signal("portal-content-problem")
# sender: {"reused": n, "rendered": m} post pages of the finished run (plugins/page_cache).
page_cache_run = signal("portal-page-cache-run")

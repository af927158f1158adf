"""The project's own signals between plugins and the build (blinker, as Pelican's own are).

Plugins talk to `builder.build` through these. They share no data with each other: what
several need is the site model's (builder.site_model), and tests/test_plugin_data.py sees that
no plugin reads a context key or attribute another plugin hands on.
"""

from blinker import signal

# sender: the run's Vietnamese summary line (builder.site_model, after writing).
build_summary = signal("portal-build-summary")
# sender: a portal.problems.Problem for a file the Markdown reader could not render in bounds
# (plugins/markdown_reader); Pelican itself only logs such a failure.
content_problem = signal("portal-content-problem")
# sender: {"reused": n, "rendered": m} post pages of the finished run (plugins/page_cache).
page_cache_run = signal("portal-page-cache-run")

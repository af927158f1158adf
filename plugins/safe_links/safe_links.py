"""Safe intrasite links: every post and page gets `builder.links.SafeLinks`' link handling.

Pelican makes posts and pages as plain Articles and Pages, whose `{static}`,
`{attach}` and `{filename}` replacement runs after the sanitiser and wrote
back HTML-unescaped text (see builder/links.py). As each one is made
(`content_object_init`), it becomes the SafeLinks kind of itself: one reading
of each target, shared with `invoke check`, and addresses percent-encoded and
HTML-escaped. Content classes of other plugins derive from SafeLinks.
"""

from pelican import signals

from builder.links import make_links_safe

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()


def register() -> None:
    signals.content_object_init.connect(make_links_safe)

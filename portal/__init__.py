"""The portal's domain: plans, posts, the content checker, coverage and reports.

Nothing here renders Markdown or depends on a running Pelican build, so the
same code serves the Pelican plugins (plugins/), `invoke check` and
`invoke report`.
"""

"""The Pelican layer: settings, builds into a staged folder, output files, theme filters, deploys.

Everything that imports Pelican (or renders Markdown) outside the plugins lives here; the
domain package `portal` never does. Tasks and plugins use both.
"""

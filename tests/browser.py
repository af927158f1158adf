"""Real headless Chromium (Debian's) against a built site served on loopback: the same helpers the
site's own accessibility audit uses (builder/accessibility.py)."""

from builder.accessibility import CHROMIUM, CHROMIUM_ARGS, chromium, served as serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium", "serve"]

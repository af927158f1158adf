"""Real headless Chromium (Debian's) against a built site served on loopback."""

import threading
from contextlib import contextmanager

from pelican.server import RootedHTTPServer
from playwright.sync_api import sync_playwright

from builder.serve import SiteRequestHandler

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class _QuietHandler(SiteRequestHandler):  # as `invoke serve`: a missing page is the site's 404
    def log_message(self, *args):
        pass


@contextmanager
def serve(site):
    """The site on http://127.0.0.1:<free port>, for the length of the block."""
    server = RootedHTTPServer(str(site), ("127.0.0.1", 0), _QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()

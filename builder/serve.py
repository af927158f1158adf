"""The local server of `invoke serve`: Pelican's, answering a missing address as the published
site does (deploy/nginx.conf): the site's own 404 page, with status 404."""

from __future__ import annotations

import os

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

NOT_FOUND_PAGE = "404.html"


class SiteRequestHandler(ComplexHTTPRequestHandler):
    def do_GET(self):
        if self.get_path_that_exists(self.path.split("?", 1)[0]) is None:
            self.not_found()
            return
        super().do_GET()

    def do_HEAD(self):
        if self.get_path_that_exists(self.path.split("?", 1)[0]) is None:
            self.not_found(body=False)
            return
        super().do_HEAD()

    def not_found(self, body: bool = True) -> None:
        page = os.path.join(self.base_path, NOT_FOUND_PAGE)
        try:
            with open(page, "rb") as handle:
                content = handle.read()
        except OSError:  # a site without its 404 page: the standard one
            self.send_error(404)
            return
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if body:
            self.wfile.write(content)


def site_server(output: str, host: str, port: int) -> RootedHTTPServer:
    return RootedHTTPServer(output, (host, port), SiteRequestHandler)

"""The local server of `invoke serve`: Pelican's, answering as the published site does
(deploy/nginx.conf): a missing address with the site's own 404 page, status 404, and every answer
with the site's Content-Security-Policy, so a page seen locally runs no more than it would online."""

from __future__ import annotations

import os
from collections.abc import Sequence

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

from portal.sanitize import content_security_policy

NOT_FOUND_PAGE = "404.html"


class SiteRequestHandler(ComplexHTTPRequestHandler):
    policy = content_security_policy()  # set per server: the site's iframe hosts

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def do_GET(self) -> None:
        if self.get_path_that_exists(self.path.split("?", 1)[0]) is None:
            self.not_found()
            return
        super().do_GET()

    def do_HEAD(self) -> None:
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


def site_server(output: str, host: str, port: int, iframe_hosts: Sequence[str] = ()) -> RootedHTTPServer:
    handler = type("Handler", (SiteRequestHandler,), {"policy": content_security_policy(iframe_hosts)})
    return RootedHTTPServer(output, (host, port), handler)

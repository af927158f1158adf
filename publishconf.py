"""Production settings: development settings plus the public address."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: F403

SITEURL = "https://sokhcn.sonla.gov.vn"
FEED_DOMAIN = SITEURL

# Precompressed copies beside every text file, served by nginx's gzip_static
# and brotli_static (deploy/nginx.conf).
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]  # noqa: F405
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_ZSTANDARD = False
PRECOMPRESS_TEXT_EXTENSIONS = {".html", ".css", ".js", ".xml", ".xsl", ".json", ".csv", ".txt", ".svg"}

# Where `invoke publish` deploys: the one place to change it.
# "local": a directory on this machine; "ssh": HOST is user@host, PATH on that
# host, SSH_OPTIONS extra ssh arguments (e.g. ["-p", "2222", "-i", "~/.ssh/deploy"]).
# Each publish is a new directory under PATH/releases/, and PATH/current (what
# nginx serves) is switched to it atomically; the last KEEP releases are kept.
DEPLOY = {"TARGET": "local", "PATH": "/var/www/sokhcn", "HOST": "", "SSH_OPTIONS": [], "KEEP": 5}

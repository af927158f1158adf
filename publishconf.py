"""Production settings: development settings plus the public address."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pelicanconf import *  # noqa: E402,F403

SITEURL = "https://sokhcn.sonla.gov.vn"
FEED_DOMAIN = SITEURL

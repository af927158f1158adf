"""One timed build for the benchmarks: our full build, optionally with a given content cache.

    python bench/build_once.py CONTENT OUTPUT [--cache DIR] [--workers N] [--search]

The search index is left out unless --search (then: exactly what `invoke build` does).
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.build import build_site  # noqa: E402
from builder.logs import quiet_pelican_logs  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("content")
parser.add_argument("output")
parser.add_argument("--cache", help="CACHE_PATH (default: pelicanconf's)")
parser.add_argument("--workers", type=int, help="MARKDOWN_WORKERS (default: all cores)")
parser.add_argument("--search", action="store_true", help="build the search index too, as invoke build does")
args = parser.parse_args()
overrides = {"SEARCH_INDEX": args.search}
if args.cache:
    overrides["CACHE_PATH"] = args.cache
if args.workers:
    overrides["MARKDOWN_WORKERS"] = args.workers
quiet_pelican_logs()
build_site(args.content, args.output, **overrides)

"""Times our tasks against bare Pelican on the same generated corpus, in the same run.

    .venv/bin/python bench/run.py --posts 10000 --runs 3

Each measurement runs in a fresh process; runs alternate between commands so
machine noise is shared. Prints median wall time, peak memory (max RSS) and
the ratio of each command to a bare Pelican build (no plugins, default theme).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate_corpus import generate  # noqa: E402

BIN = Path(sys.executable).parent
BARE_CONF = """
PATH = {path!r}
OUTPUT_PATH = {output!r}
ARTICLE_PATHS = ["posts"]
TIMEZONE = "Asia/Ho_Chi_Minh"
READERS = {{"rst": None}}
SITEURL = "https://example.invalid"
DELETE_OUTPUT_DIRECTORY = True
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-pelican", action="store_true",
                        help="leave out the bare Pelican build (no ratios)")
    args = parser.parse_args()
    corpus = generate(args.posts, ROOT / "bench" / "corpus" / str(args.posts))
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    bare_conf = work / "bareconf.py"
    bare_conf.write_text(BARE_CONF.format(path=str(corpus), output=str(work / "bare")))
    commands = {
        "invoke report (json)": [str(BIN / "invoke"), "report", "--content", str(corpus),
                                 "--period", "cả năm", "--format", "json"],
        "invoke check": [str(BIN / "invoke"), "check", "--content", str(corpus)],
    }
    if not args.skip_pelican:
        commands["bare Pelican build"] = [str(BIN / "pelican"), "-s", str(bare_conf), "-q"]
    results = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            results[name].append(measure(command))
    base = statistics.median(t for t, _ in results.get("bare Pelican build", [(0, 0)]))
    print(f"{args.posts} posts, {args.runs} runs each, median wall time and peak memory")
    print(f"{'command':<24} {'median s':>9} {'peak MB':>8} {'× bare Pelican':>15}")
    for name, samples in results.items():
        median = statistics.median(t for t, _ in samples)
        peak = max(m for _, m in samples)
        ratio = f"{median / base:.3f}" if base else "-"
        print(f"{name:<24} {median:>9.2f} {peak:>8.0f} {ratio:>15}")


if __name__ == "__main__":
    main()

"""Our build, check and report against bare Pelican and Hugo on the same generated corpus.

    .venv/bin/python bench/run.py --posts 1000 5000 10000 --runs 3

For each corpus size, every command runs in a fresh process, alternating, at
least three times; printed: median wall time, peak memory (max RSS of the
process tree's largest process) and the ratio to bare Pelican's cold build.
Commands:
  ours full       `invoke build` as a user runs it: empty content cache, search index included
  ours cold       the same build without the search index
  ours rebuild    our build (no search index) after editing one post, content cache warm
  bare Pelican    Pelican 4.12, default theme, as a competent user sets it up: pagination on
                  (DEFAULT_PAGINATION = 10) and PLUGINS = [] (Pelican would otherwise load every
                  `pelican.plugins` package installed in the environment, ours among them)
  Hugo            the same posts with Hugo front matter and minimal templates
  check, report   `invoke check`, `invoke report --period "cả năm"`: cold (no memo), and after
                  editing one post with the memo their last run kept (portal.checker.CheckMemo)
  search index    Pagefind on our output
  preview         `invoke livereload`: seconds from saving an edited post to its rebuilt page
                  on disk (the server already running, its first build done; builder.preview)

First, for each size, the figures as the project is judged from outside, taken their way
(--outside, default ../shared/bench beside the checkout; see outside_figures).
"""

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate_corpus import generate  # noqa: E402
from hugo_site import convert  # noqa: E402

BIN = Path(sys.executable).parent
BARE_CONF = """PATH = {path!r}
OUTPUT_PATH = {output!r}
ARTICLE_PATHS = ["posts"]
TIMEZONE = "Asia/Ho_Chi_Minh"
READERS = {{"rst": None}}
SITEURL = "https://example.invalid"
DELETE_OUTPUT_DIRECTORY = True
DEFAULT_PAGINATION = 10
PLUGINS = []
"""


def settle(work: Path, limit: float = 120.0):
    """Wait until old outputs that builds hand to a background `rm -rf` are gone,
    so their disk work is not counted in the next measurement."""
    deadline = time.monotonic() + limit
    while any(work.glob(".*-old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)


def measure(command, before=None, work=None):
    """Wall seconds and peak RSS (MB) of one fresh process; `before` runs untimed first."""
    if work is not None:
        settle(work)
    if before:
        before()
    # A file, not a pipe: a build's warnings (hundreds on the outside corpus) would fill a
    # pipe nobody reads until the process ends, and stop it.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"failed: {' '.join(map(str, command))}\n{errors.read().decode()[-4000:]}")
    return elapsed, usage.ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def preview_latency(content: Path, output: Path, runs: int) -> tuple[float, float]:
    """Median seconds from saving one post to its page on disk with the new text, under
    `invoke livereload` (started once, first build finished); and the server's peak RSS (MB)."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "invoke"),
            "livereload",
            "--content",
            str(content),
            "--output",
            str(output),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    post = sorted((content / "posts").iterdir())[len(list((content / "posts").iterdir())) // 3]
    original = post.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:  # the first build, then the server
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        title = original.split("\n", 1)[0].removeprefix("Title: ")
        page = next(p for p in output.glob("tin-tuc/*/*/index.html") if _holds(p, f"<h1>{title}</h1>"))
        samples = []
        for run in range(runs):
            marker = f"Đoạn sửa để đo xem trước số {run} {time.time_ns()}"
            post.write_text(original + f"\n{marker}\n", encoding="utf-8")
            start = time.perf_counter()
            while not _holds(page, marker) and time.perf_counter() - start < 300:
                time.sleep(0.05)
            samples.append(time.perf_counter() - start)
        with open(f"/proc/{server.pid}/status", encoding="ascii") as status:
            peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
        return statistics.median(samples), peak
    finally:
        post.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)


def _holds(page: Path, marker: str) -> bool:
    try:
        return marker in page.read_text(encoding="utf-8")
    except OSError:  # swapped out between listing and reading
        return False


def bench_size(posts: int, runs: int, work: Path) -> dict:
    corpus = generate(posts, ROOT / "bench" / "corpus" / str(posts))
    edited = work / "edited"  # a copy whose one post is edited between rebuilds
    shutil.rmtree(edited, ignore_errors=True)
    shutil.copytree(corpus, edited)
    victim = sorted((edited / "posts").iterdir())[posts // 2]
    original = victim.read_text(encoding="utf-8")
    hugo = convert(corpus, ROOT / "bench" / "corpus" / f"hugo-{posts}")
    (work / "bare.py").write_text(BARE_CONF.format(path=str(corpus), output=str(work / "bare")))
    warm_cache = work / "warm-cache"

    def cold_cache():
        shutil.rmtree(work / "cold-cache", ignore_errors=True)

    def edit_one_post():
        victim.write_text(original + f"\nSửa lúc {time.time()}.\n", encoding="utf-8")

    def check(content):
        return [str(BIN / "invoke"), "check", "--content", str(content)]

    def report(content):
        return [
            str(BIN / "invoke"),
            "report",
            "--content",
            str(content),
            "--period",
            "cả năm",
            "--format",
            "json",
        ]

    cold_env = f"PORTAL_CACHE_DIR={work / 'cold-cache'}"
    python = sys.executable
    ours_output = str(work / "ours")
    # Warm the rebuild's cache and output, and the check's and report's memos, once, untimed.
    measure([python, "bench/build_once.py", str(edited), str(work / "rebuild"), "--cache", str(warm_cache)])
    measure(["env", f"PORTAL_CACHE_DIR={warm_cache}", *check(edited)])
    measure(["env", f"PORTAL_CACHE_DIR={warm_cache}", *report(edited)])
    commands = {
        "ours full (invoke build, with search)": (
            [
                python,
                "bench/build_once.py",
                str(corpus),
                ours_output,
                "--cache",
                str(work / "cold-cache"),
                "--search",
            ],
            cold_cache,
        ),
        "ours cold": (
            [python, "bench/build_once.py", str(corpus), ours_output, "--cache", str(work / "cold-cache")],
            cold_cache,
        ),
        "ours rebuild (1 post edited)": (
            [python, "bench/build_once.py", str(edited), str(work / "rebuild"), "--cache", str(warm_cache)],
            edit_one_post,
        ),
        "bare Pelican": ([str(BIN / "pelican"), "-s", str(work / "bare.py"), "-q"], None),
        "Hugo": ([str(BIN / "hugo"), "--quiet", "-s", str(hugo), "-d", str(work / "hugo")], None),
        "invoke check (cold)": (
            ["env", cold_env, *check(corpus)],
            cold_cache,
        ),
        "invoke check (1 post edited; memo of the last check)": (
            ["env", f"PORTAL_CACHE_DIR={warm_cache}", *check(edited)],
            edit_one_post,
        ),
        "invoke report (cold)": (
            ["env", cold_env, *report(corpus)],
            cold_cache,
        ),
        "invoke report (1 post edited; memo of the last report)": (
            ["env", f"PORTAL_CACHE_DIR={warm_cache}", *report(edited)],
            edit_one_post,
        ),
        "search index (Pagefind)": ([python, "-m", "pagefind", "--site", ours_output, "--quiet"], None),
    }
    samples = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, before) in commands.items():
            samples[name].append(measure(command, before, work))
    results = {
        name: (statistics.median(t for t, _ in s), max(m for _, m in s)) for name, s in samples.items()
    }
    settle(work)
    results["preview: save → page written (livereload)"] = preview_latency(edited, work / "preview", runs)
    return results


def outside_figures(posts: int, runs: int, work: Path, outside: Path) -> dict[str, str]:
    """The figures as they are judged from outside (`../shared/bench/README.md`), taken the
    same way: its seeded corpus beside the sample's plans, `invoke build` against Pelican with
    its bare settings, each a whole process with both outputs and the project's `cache/`
    removed first; rounds alternating, ratio of the medians. Preview latency by its own
    script at 5,000 posts; at 10,000 the largest process's peak memory during `invoke build`."""
    plan_text = outside.parent / "reference" / "ke-hoach-118-KH-KHCN-2020.txt"
    content = work / "outside-content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(ROOT / "content" / "plans", content / "plans")
    subprocess.run(
        [
            sys.executable,
            str(outside / "gen_corpus.py"),
            str(posts),
            str(content / "posts"),
            str(plan_text),
            "plain",
        ],
        check=True,
    )
    ours_out, bare_out = work / "outside-ours", work / "outside-bare"

    def cold(output: Path):
        def remove():
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(ROOT / "cache", ignore_errors=True)
            settle(work)

        return remove

    ours = [str(BIN / "invoke"), "build", "--content", str(content), "--output", str(ours_out)]
    bare = [
        str(BIN / "pelican"),
        str(content),
        "-s",
        str(outside / "bare_pelicanconf.py"),
        "-o",
        str(bare_out),
        "-q",
        "--ignore-cache",
    ]
    samples: dict[str, list[tuple[float, float]]] = {"ours": [], "bare": []}
    for _ in range(runs):
        samples["ours"].append(measure(ours, cold(ours_out)))
        samples["bare"].append(measure(bare, cold(bare_out)))
    ours_s = statistics.median(t for t, _ in samples["ours"])
    bare_s = statistics.median(t for t, _ in samples["bare"])
    figures = {
        "invoke build (with search), median s": f"{ours_s:.2f}",
        "bare Pelican (shared settings), median s": f"{bare_s:.2f}",
        "full build ratio (goal ≤ 0.8 at 2,000 and 5,000)": f"{ours_s / bare_s:.2f}",
        "invoke build peak MB (largest process)": f"{max(m for _, m in samples['ours']):.0f}",
    }
    if posts == 5000:
        preview_work = work / "outside-preview"
        preview_work.mkdir(exist_ok=True)
        result = subprocess.run(
            [
                sys.executable,
                str(outside / "preview_latency.py"),
                str(preview_work),
                str(posts),
                str(plan_text),
            ],
            check=False,  # its FAIL lines are the figure when the goal is missed
            cwd=ROOT,
            env={**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"},
            capture_output=True,
            text=True,
        )
        figures["preview latency (goal ≤ 1 s at 5,000)"] = " / ".join(result.stdout.strip().splitlines())
    return figures


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--outside",
        type=Path,
        default=ROOT.parent / "shared" / "bench",
        help="the judges' bench folder (gen_corpus.py, bare_pelicanconf.py, preview_latency.py)",
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; runs: {args.runs}, alternating")
    for posts in args.posts:
        work = Path(tempfile.mkdtemp(prefix=f"bench-{posts}-"))
        if (args.outside / "gen_corpus.py").is_file():
            print(f"\n{posts} posts, measured as from outside ({args.outside}/README.md)")
            for name, value in outside_figures(posts, args.runs, work, args.outside).items():
                print(f"- {name}: {value}")
        else:
            print(f"\n(no {args.outside}/gen_corpus.py: the outside figures are not measured)")
        results = bench_size(posts, args.runs, work)
        bare = results["bare Pelican"][0]
        cold = results["ours cold"][0]
        print(f"\n{posts} posts")
        print("| command | median s | peak MB | × bare Pelican | × ours cold |")
        print("|---|---:|---:|---:|---:|")
        for name, (median, peak) in results.items():
            print(f"| {name} | {median:.2f} | {peak:.0f} | {median / bare:.2f} | {median / cold:.2f} |")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

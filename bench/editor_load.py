"""Load test of the shared editor (issue 26): simulated editors saving over HTTP on loopback.

    .venv/bin/python bench/editor_load.py --posts 5000 --editors 20 --seconds 60

A git content repository is made from bench/generate_corpus.py's posts (seed 118) and every
plan of content/plans, with one account per simulated editor (editors and contributors of
several units). The server is `invoke editor-server` started as its own process on 127.0.0.1,
as an administrator runs it (its CPU apart from the clients'; its log in the work folder).

Each simulated editor is a thread with its own session, as a browser speaks to the server (a new
connection per request, cookies, the X-CSRFToken header). In a loop: open an entry (its own new
post the first time, then that post again with unpublishedEntryDataFile, now and then a
published post of its own share of the corpus with getEntry, or unpublishedEntryDataFile once it
has a branch), change its text, save it (persistEntry), ask GET /api/check, then think (a random
2–5 s by default, seeded: `--think 2,5`). Recorded per save: the save's and the check's HTTP
status, and the seconds from sending the save to receiving the checker's answer.

A few editors (role editor) now and then edit one shared published post at the same time
(`--shared`): a save over a text the person was not shown is refused 409, which is the correct
answer; those saves are counted apart, and every 409 must be explained by another person's save
of the shared post between this person's read and save.

At the end, with git: for every save answered 200, the commit the server answered holds exactly
the text sent and is in the history of the entry's branch, whose head holds the last text its
editor saved (no lost save); no answer at all may be a 5xx.

Baselines in the same run (like the other bench scripts, read the ratios): one editor alone on
the idle server (the latency nobody else's work adds to), the same load against the same server
code whose checker is skipped (`--serve-without-check`: HTTP, sessions and git alone), and a cold
`invoke check` of the same corpus in a fresh process.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
from generate_corpus import generate, post_text  # noqa: E402

from portal.accounts import AccountStore  # noqa: E402

BIN = Path(sys.executable).parent
PASSWORD = "mật-khẩu-tải-thử"
UNITS = [  # units of plan 118/KH-KHCN the corpus writes posts for
    "van-phong",
    "thanh-tra",
    "phong-quan-ly-khoa-hoc",
    "chi-cuc-tdc",
    "trung-tam-thong-tin",
]
SHARED_POST = "posts/tin-00001.md"  # the published post some editors edit at the same time


# --- the content repository and the accounts --------------------------------------------------


def git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], input=data, capture_output=True, check=True).stdout


def make_repo(posts: int, folder: Path, seed: int = 118) -> Path:
    """A git repository (branch main) of the corpus's posts and every plan of content/plans."""
    corpus = generate(posts, ROOT / "bench" / "corpus" / str(posts), seed)
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(corpus, folder, ignore=shutil.ignore_patterns(".complete"))
    for plan in (ROOT / "content" / "plans").iterdir():
        shutil.copy(plan, folder / "plans" / plan.name)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "-c", "user.name=Máy", "-c", "user.email=may@x", "commit", "-q", "-m", "Nội dung đầu")
    return folder


@dataclass(frozen=True)
class Person:
    login: str
    role: str  # editor or contributor
    unit: str  # a contributor's unit; for an editor, the unit its new posts name


def people(editors: int) -> list[Person]:
    """A mix: every third an editor (any post), the others contributors of the corpus's units."""
    found = []
    for number in range(editors):
        unit = UNITS[number % len(UNITS)]
        role = "editor" if number % 3 == 0 else "contributor"
        found.append(Person(f"tai-{number:02d}", role, unit))
    return found


def make_accounts(path: Path, everyone: list[Person]) -> Path:
    path.unlink(missing_ok=True)
    store = AccountStore(path)
    for person in everyone:
        unit = person.unit if person.role == "contributor" else ""
        store.add(person.login, person.role, PASSWORD, unit=unit, name=f"Người thử {person.login}")
    return path


def published_posts(repo: Path) -> dict[str, str]:
    """path → unit of every published post of the corpus that names a unit."""
    found = {}
    for path in sorted((repo / "posts").glob("*.md")):
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        unit = re.search(r"^Unit: (.+)$", header, re.M)
        if unit and "Status: draft" not in header:
            found[f"posts/{path.name}"] = unit[1]
    return found


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(content: Path, accounts: Path, log: Path, *, check: bool = True, timeout: float = 60):
    """`invoke editor-server` on a free port (or, check=False, the same server with its checker
    skipped), in its own process; yields (port, process)."""
    port = free_port()
    if check:
        command = [str(BIN / "invoke"), "editor-server", "--content", str(content), "--port", str(port)]
        command += ["--accounts", str(accounts)]
    else:
        command = [sys.executable, __file__, "--serve-without-check", str(content), str(accounts), str(port)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not start: see {log}") from None
                time.sleep(0.1)
        yield port, process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve_without_check(content: str, accounts: str, port: str) -> None:
    """The editor server as `invoke editor-server` runs it, its checker answering at once."""
    from editors import editor_server, shared_check  # noqa: PLC0415 (the server's process only)

    def skipped(self: Any, *args: Any) -> dict[str, Any]:
        return {"files": [], "problems": [], "other_errors": [], "other_error_count": 0, "pages": []}

    shared_check.CheckTree.check_entry = skipped  # type: ignore[method-assign]
    shared_check.CheckTree.check_main = skipped  # type: ignore[method-assign]
    editor_server.serve(content, accounts, port=int(port))


def process_figures(pid: int) -> dict[str, float]:
    """CPU seconds and peak resident MB of a running process (Linux /proc)."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    status = Path(f"/proc/{pid}/status").read_text()
    peak = re.search(r"VmHWM:\s+(\d+) kB", status)
    return {
        "cpu_s": (int(stat[11]) + int(stat[12])) / ticks,
        "peak_mb": int(peak[1]) / 1024 if peak else 0.0,
    }


# --- one simulated editor ---------------------------------------------------------------------


class Client:
    """A browser's session: cookies, the CSRF token echoed, a new connection per request."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, {}
        self.statuses: list[int] = []

    def request(self, method: str, path: str, body: Any = None, form: Any = None) -> tuple[int, Any]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = {"Host": f"127.0.0.1:{self.port}", "Origin": f"http://127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        self.statuses.append(response.status)
        try:
            return response.status, json.loads(raw) if raw else None
        except ValueError:
            return response.status, raw

    def api(self, action: str, **params: Any) -> tuple[int, Any]:
        return self.request("POST", "/api/v1", {"action": action, "params": params})


@dataclass
class Save:
    editor: str
    kind: str  # own (its new post), published (a post of main it opened), shared
    path: str
    branch: str
    text: str
    sent: float  # seconds since the start, when the entry was read (shared) or the save sent
    read_at: float
    save_status: int = 0
    check_status: int = 0
    head: str = ""
    first: bool = False  # the entry's first save (a new branch: its check reads every body again)
    save_s: float = 0.0
    save_to_check_s: float = 0.0
    check_files: list[str] = field(default_factory=list)
    check_errors: int = 0
    done: float = 0.0


def new_post(person: Person, rng: random.Random, number: int) -> str:
    body = post_text(rng, number, __import__("datetime").date(2020, 1, 1), 366).split("\n\n", 1)[1]
    return (
        f"Title: Tin tải thử của {person.login} số {number}\nDate: 2020-0{rng.randrange(1, 10)}-1"
        f"{rng.randrange(10)} 09:00\nItems: {rng.randrange(1, 8)}\nUnit: {person.unit}\n"
        f"Form: trang-ttdt\n\n{body}"
    )


def edited(text: str, person: Person, number: int) -> str:
    """The text with its last line replaced by this edit's own line (each save differs)."""
    kept = re.sub(r"\n\nSửa lần [^\n]*\n$", "\n", text)
    return kept.rstrip("\n") + f"\n\nSửa lần {number} của {person.login} lúc {time.time():.6f}.\n"


class Editor(threading.Thread):
    def __init__(
        self,
        person: Person,
        port: int,
        start: float,
        until: float,
        options: argparse.Namespace,
        mine: list[str],
        seed: int,
    ) -> None:
        super().__init__(daemon=True, name=person.login)
        self.person, self.port, self.start_at, self.until, self.options = person, port, start, until, options
        self.mine = mine  # published posts this editor may open (no other editor opens them)
        self.rng = random.Random(seed)
        self.saves: list[Save] = []
        self.client = Client(port)
        self.error: BaseException | None = None

    def now(self) -> float:
        return time.monotonic() - self.start_at

    def run(self) -> None:
        try:
            self.work()
        except Exception as error:  # noqa: BLE001 (reported by run_load, never swallowed)
            self.error = error

    def work(self) -> None:
        status, _ = self.client.request(
            "POST", "/login", form={"login": self.person.login, "password": PASSWORD}
        )
        if status != 303:
            raise RuntimeError(f"{self.person.login}: login answered {status}")
        slug = f"tai-thu-{self.person.login}"
        own = f"posts/{slug}.md"
        branches: set[str] = set()  # entries this editor has a branch of
        number = 0
        low, high = self.options.think
        time.sleep(self.rng.uniform(0, high))  # people do not all start in the same second
        while time.monotonic() < self.until:
            number += 1
            draw = self.rng.random()
            if number == 1 or not (self.mine or self.person.role == "editor"):
                kind, path = "own", own
            elif self.person.role == "editor" and draw < self.options.shared:
                kind, path = "shared", SHARED_POST
            elif self.mine and draw < self.options.shared + self.options.published:
                kind, path = "published", self.rng.choice(self.mine)
            else:
                kind, path = "own", own
            self.one_save(kind, path, number, branches)
            time.sleep(self.rng.uniform(low, high))

    def one_save(self, kind: str, path: str, number: int, branches: set[str]) -> None:
        slug = Path(path).stem
        branch = f"cms/posts/{slug}"
        read_at = self.now()
        if number == 1 and kind == "own":
            text = new_post(self.person, self.rng, number)
        else:
            status, found = (404, None)
            if branch in branches or kind == "shared":
                status, found = self.client.api(
                    "unpublishedEntryDataFile", collection="posts", slug=slug, path=path
                )
            if status == 404:
                status, found = self.client.api("getEntry", path=path)
            if status != 200 or not isinstance(found, dict) or found.get("data") is None:
                raise RuntimeError(f"{self.person.login}: reading {path} answered {status}: {found}")
            text = edited(found["data"], self.person, number)
            if kind == "shared":
                time.sleep(self.rng.uniform(0.2, 1.0))  # typing, while others may save it
        save = Save(self.person.login, kind, path, branch, text, sent=self.now(), read_at=read_at)
        save.first = branch not in branches
        started = time.monotonic()
        save.save_status, reply = self.client.api(
            "persistEntry",
            dataFiles=[{"path": path, "raw": text, "slug": slug}],
            assets=[],
            options={
                "useWorkflow": True,
                "collectionName": "posts",
                "status": "draft",
                "commitMessage": f"Lưu {slug} lần {number}",
            },
        )
        save.save_s = time.monotonic() - started
        if save.save_status == 200:
            branches.add(branch)
            save.head = reply.get("head", "")
            save.check_status, answer = self.client.request("GET", "/api/check")
            save.save_to_check_s = time.monotonic() - started
            if isinstance(answer, dict):
                save.check_files = list(answer.get("files") or [])
                save.check_errors = sum(1 for p in answer.get("problems") or [] if p.get("error"))
        save.done = self.now()
        self.saves.append(save)


# --- a run, its verification and its figures --------------------------------------------------


def run_load(
    port: int, everyone: list[Person], repo: Path, options: argparse.Namespace, seconds: float
) -> tuple[list[Save], list[int], float]:
    """Every editor saving for `seconds`; the saves, every HTTP status and the wall time."""
    published = published_posts(repo)
    published.pop(SHARED_POST, None)
    shares: dict[str, list[str]] = {p.login: [] for p in everyone}
    for number, (path, unit) in enumerate(sorted(published.items())):
        person = everyone[number % len(everyone)]
        if person.role == "editor" or person.unit == unit:
            shares[person.login].append(path)
    start = time.monotonic()
    threads = [
        Editor(p, port, start, start + seconds, options, shares[p.login], options.seed * 1000 + n)
        for n, p in enumerate(everyone)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - start
    for thread in threads:
        if thread.error is not None:
            raise RuntimeError(f"{thread.name}: {thread.error!r}") from thread.error
    saves = [s for t in threads for s in t.saves]
    statuses = [s for t in threads for s in t.client.statuses]
    return saves, statuses, wall


def verify(saves: list[Save], repo: Path, checked: bool = True) -> list[str]:
    """What went wrong: a save lost or answered 5xx, a 409 nobody caused, a check about another
    save. Empty when all is well."""
    wrong = []
    last: dict[tuple[str, str], Save] = {}
    for save in sorted(saves, key=lambda s: s.done):
        if save.save_status >= 500 or save.check_status >= 500:
            wrong.append(f"{save.editor} {save.path}: 5xx ({save.save_status}, {save.check_status})")
        if save.save_status == 200:
            if save.kind != "shared":
                last[(save.editor, save.branch)] = save
            wrong += _saved_wrong(save, repo, checked)
        elif save.save_status == 409:
            wrong += _refused_wrong(save, saves)
        else:
            wrong.append(f"{save.editor} {save.path}: save answered {save.save_status}")
    for (editor, branch), save in last.items():
        if git(repo, "cat-file", "blob", f"{branch}:{save.path}").decode() != save.text:
            wrong.append(f"{editor} {save.path}: {branch} does not hold the last text saved")
    shared = [s for s in saves if s.kind == "shared" and s.save_status == 200]
    if shared and git(repo, "rev-parse", shared[0].branch).decode().strip() not in {s.head for s in shared}:
        wrong.append(f"{shared[0].branch}: its head is no save anyone was answered")
    return wrong


def _saved_wrong(save: Save, repo: Path, checked: bool) -> list[str]:
    """A save answered 200: the commit answered holds its text and is on the entry's branch; the
    check answered, about this save's file."""
    wrong = []
    if git(repo, "cat-file", "blob", f"{save.head}:{save.path}").decode() != save.text:
        wrong.append(f"{save.editor} {save.path}: commit {save.head[:8]} holds another text")
    on_branch = ["git", "-C", str(repo), "merge-base", "--is-ancestor", save.head, save.branch]
    if subprocess.run(on_branch, check=False).returncode != 0:
        wrong.append(f"{save.editor} {save.path}: commit {save.head[:8]} not on {save.branch}")
    if save.check_status != 200:
        wrong.append(f"{save.editor} {save.path}: the check answered {save.check_status}")
    elif checked and save.check_files != [save.path]:
        wrong.append(f"{save.editor} {save.path}: the check spoke of {save.check_files}")
    return wrong


def _refused_wrong(save: Save, saves: list[Save]) -> list[str]:
    """A save refused 409: right only on the shared post, after another person's save of it
    between this person's read and this save's answer."""
    if save.kind != "shared":
        return [f"{save.editor} {save.path}: 409 on an entry nobody else edits"]
    explained = any(
        other.editor != save.editor
        and other.path == save.path
        and other.save_status == 200
        and other.sent < save.done
        and other.done > save.read_at
        for other in saves
    )
    return [] if explained else [f"{save.editor} {save.path}: 409 without another person's save in between"]


def percentile(values: list[float], share: float) -> float:
    """Nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-share * len(ordered) // 1)) - 1))]


def figures(
    name: str, saves: list[Save], statuses: list[int], wall: float, server: dict[str, float]
) -> dict[str, Any]:
    mine = [s for s in saves if s.kind != "shared"]
    shared = [s for s in saves if s.kind == "shared"]
    answered = [s for s in mine if s.save_status == 200 and s.check_status == 200]
    latencies = [s.save_to_check_s for s in answered]
    later = [s.save_to_check_s for s in answered if not s.first]
    by_status: dict[str, int] = {}
    for status in statuses:
        by_status[str(status)] = by_status.get(str(status), 0) + 1
    return {
        "run": name,
        "saves": len(mine),
        "saved_200": sum(1 for s in mine if s.save_status == 200),
        "shared_saves": len(shared),
        "shared_409": sum(1 for s in shared if s.save_status == 409),
        "requests_by_status": by_status,
        "status_5xx": sum(n for k, n in by_status.items() if k.startswith("5")),
        "p50_s": percentile(latencies, 0.50),
        "p95_s": percentile(latencies, 0.95),
        "max_s": max(latencies, default=float("nan")),
        "p50_later_s": percentile(later, 0.50),
        "p95_later_s": percentile(later, 0.95),
        "first_saves": sum(1 for s in answered if s.first),
        "mean_save_s": statistics.fmean(s.save_s for s in mine) if mine else float("nan"),
        "saves_per_s": sum(1 for s in saves if s.save_status == 200) / wall,
        "checks_with_errors": sum(1 for s in mine if s.check_errors),
        "wall_s": wall,
        "each": [
            {
                "editor": s.editor,
                "kind": s.kind,
                "first": s.first,
                "sent": round(s.sent, 3),
                "save": s.save_status,
                "check": s.check_status,
                "save_s": round(s.save_s, 3),
                "save_to_check_s": round(s.save_to_check_s, 3),
            }
            for s in sorted(saves, key=lambda s: s.sent)
        ],
        **{f"server_{k}": v for k, v in server.items()},
    }


def cold_check(repo: Path) -> float:
    """`invoke check` of the repository (main's tree) in a fresh process, empty caches."""
    with tempfile.TemporaryDirectory(prefix="load-check-cache-") as cache:
        started = time.monotonic()
        subprocess.run(
            [str(BIN / "invoke"), "check", "--content", str(repo), "--today", "2020-12-31"],
            cwd=ROOT,
            env={**os.environ, "PORTAL_CACHE_DIR": cache},
            capture_output=True,
            check=False,
        )
        return time.monotonic() - started


def load_phase(
    name: str,
    posts: int,
    work: Path,
    options: argparse.Namespace,
    *,
    check: bool,
    editors: int,
    seconds: float,
) -> tuple[dict[str, Any], list[str]]:
    """A fresh repository and server; first one editor's check as the server's first (cold), then
    `editors` saving for `seconds`. The figures, and what verify found wrong."""
    repo = make_repo(posts, work / f"repo-{name}", options.seed)
    everyone = people(editors)
    accounts = make_accounts(
        work / f"accounts-{name}.json", [*everyone, Person("mot-minh", "editor", "van-phong")]
    )
    with server(repo, accounts, work / f"server-{name}.log", check=check) as (port, process):
        first = Client(port)
        first.request("POST", "/login", form={"login": "mot-minh", "password": PASSWORD})
        started = time.monotonic()
        status, _ = first.request("GET", "/api/check")  # the server's first check: main, cold
        cold = time.monotonic() - started
        if status != 200:
            raise RuntimeError(f"first check answered {status}")
        extra: dict[str, Any] = {"first_check_s": cold}
        if options.alone:  # one editor on the idle server: what the check alone costs
            alone = argparse.Namespace(
                **{**vars(options), "shared": 0.0, "published": 0.0, "think": (0.5, 0.5)}
            )
            saves, statuses, wall = run_load(
                port, [Person("mot-minh", "editor", "van-phong")], repo, alone, options.alone
            )
            wrong = verify(saves, repo, check)
            extra["alone"] = figures("alone", saves, statuses, wall, {})
            if wrong:
                return {"run": name, **extra}, wrong
        before = process_figures(process.pid)
        saves, statuses, wall = run_load(port, everyone, repo, options, seconds)
        after = process_figures(process.pid)
    result = figures(
        name, saves, statuses, wall, {"cpu_s": after["cpu_s"] - before["cpu_s"], "peak_mb": after["peak_mb"]}
    )
    result |= extra
    return result, verify(saves, repo, check)


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        (
            "| run | saves (own, published) | answered 200 | shared-post saves / 409 | 5xx | "
            "save→check p50 s | p95 s | max s | p50 / p95 s, not an entry's first save | saves/s | "
            "server CPU s |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['run']} | {r['saves']} | {r['saved_200']} | {r['shared_saves']} / {r['shared_409']} | "
            f"{r['status_5xx']} | {r['p50_s']:.2f} | {r['p95_s']:.2f} | {r['max_s']:.2f} | "
            f"{r['p50_later_s']:.2f} / {r['p95_later_s']:.2f} | "
            f"{r['saves_per_s']:.2f} | {r.get('server_cpu_s', float('nan')):.1f} |"
        )
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--serve-without-check":
        serve_without_check(*sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think",
        type=lambda v: tuple(float(x) for x in v.split(",")),
        default=(2.0, 5.0),
        help="seconds between one editor's saves, drawn uniformly from LOW,HIGH (default 2,5)",
    )
    parser.add_argument(
        "--shared", type=float, default=0.1, help="share of an editor's saves on the shared post"
    )
    parser.add_argument("--published", type=float, default=0.2, help="share of saves on a published post")
    parser.add_argument("--alone", type=float, default=15, help="seconds of one editor alone first (0: none)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the run without the checker")
    parser.add_argument("--seed", type=int, default=118)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "editor-load")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    results, problems = [], []
    phases = [("with the checker", True)] + ([] if options.no_baseline else [("checker skipped", False)])
    for name, check in phases:
        result, wrong = load_phase(
            name.replace(" ", "-"), options.posts, options.work, options, check=check,
            editors=options.editors, seconds=options.seconds,
        )  # fmt: skip
        result["run"] = name
        results.append(result)
        problems += [f"{name}: {w}" for w in wrong]
        if "alone" in result:
            results.append(result.pop("alone") | {"run": f"{name}, one editor alone"})
    cold = cold_check(options.work / "repo-with-the-checker")
    print(
        f"\n{options.posts} posts, {options.editors} editors, {options.seconds:g} s, think "
        f"{options.think[0]:g}–{options.think[1]:g} s, seed {options.seed}"
    )
    print(table(results))
    print(f"first check of the server (cold, main): {results[0]['first_check_s']:.2f} s; "
          f"cold `invoke check` of the same corpus: {cold:.2f} s")  # fmt: skip
    if options.json:
        options.json.write_text(
            json.dumps({"results": results, "cold_check_s": cold, "problems": problems}, indent=1)
        )
    if problems:
        print("\nWRONG:\n" + "\n".join(problems[:50]))
        return 1
    print("no lost save, no 5xx, every 409 explained by another person's save")
    return 0


if __name__ == "__main__":
    sys.exit(main())

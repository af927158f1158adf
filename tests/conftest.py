"""Shared helpers: fixture content directories written per test, real Pelican builds."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PLAN_118 = ROOT / "content" / "plans" / "118-KH-KHCN-2020.yml"
INVOKE = str(Path(sys.executable).parent / "invoke")
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "plugins"))  # plugin modules, for unit tests of their parts
# Property tests: 150 examples each in the full suite, 30 in the edit-test loop (`invoke test
# --fast` sets HYPOTHESIS_PROFILE=fast).
hypothesis_settings.register_profile("default", max_examples=150)
hypothesis_settings.register_profile("fast", max_examples=30)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
# Content caches of the many small test sites stay out of the project's cache/.
# One per process: pytest-xdist's workers must not share Pelican's cache files.
os.environ["PORTAL_CACHE_DIR"] = tempfile.mkdtemp(prefix="portal-test-cache-")


# The edit-test loop (`invoke test --fast`) runs the tests last measured under FAST_SECONDS
# (setup, call and teardown): TIMINGS holds every test's seconds from the last full run with
# `--record-timings` (`invoke test --record-timings`); a test not measured yet is run.
TIMINGS = Path(__file__).resolve().parent / "timings.json"


def pytest_addoption(parser):
    parser.addoption("--record-timings", action="store_true", help=f"write every test's seconds to {TIMINGS}")
    parser.addoption(
        "--fast-seconds", type=float, default=None, help="run only tests measured under this many seconds"
    )


def pytest_collection_modifyitems(config, items):
    limit = config.getoption("--fast-seconds")
    if limit is None:
        return
    timings = json.loads(TIMINGS.read_text()) if TIMINGS.is_file() else {}
    slow = [item for item in items if timings.get(item.nodeid, 0.0) > limit]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if timings.get(item.nodeid, 0.0) <= limit]


_seconds: dict[str, float] = {}


def pytest_runtest_logreport(report):
    _seconds[report.nodeid] = _seconds.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session, exitstatus):
    if not session.config.getoption("--record-timings") or hasattr(session.config, "workerinput"):
        return  # a pytest-xdist worker: the controller receives every report and writes the file
    kept = json.loads(TIMINGS.read_text()) if TIMINGS.is_file() else {}
    kept.update({k: round(v, 3) for k, v in _seconds.items()})
    TIMINGS.write_text(json.dumps(dict(sorted(kept.items())), indent=0, ensure_ascii=False) + "\n")


class ContentDir:
    """A content directory made for one test: plans/, posts/, pages/."""

    def __init__(self, path: Path, plans=(PLAN_118,)):
        self.path = path
        (path / "posts").mkdir(parents=True)
        (path / "pages").mkdir()
        (path / "plans").mkdir()
        for plan in plans:
            shutil.copy(plan, path / "plans" / Path(plan).name)

    def post(self, name: str, text: str = "", **header) -> Path:
        """Write posts/<name>.md from header keywords (Title=…, Date=…) or raw text."""
        if header:
            lines = [f"{k}: {v}" for k, v in header.items()]
            text = "\n".join(lines) + "\n\n" + (textwrap.dedent(text).strip() or "Nội dung bài.") + "\n"
        path = self.path / "posts" / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        return path

    def write(self, relative: str, text: str) -> Path:
        path = self.path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample content built once with the development settings, for tests that only read it."""
    return build(ROOT / "content", tmp_path_factory.mktemp("sample") / "out")


@pytest.fixture(scope="session")
def published_sample(tmp_path_factory):
    """The sample content built once with the production settings (absolute links, .gz/.br)."""
    return build(
        ROOT / "content", tmp_path_factory.mktemp("published") / "out", settings_file="publishconf.py"
    )


@pytest.fixture
def content(tmp_path):
    return ContentDir(tmp_path / "content")


def run_invoke(*args, cwd=ROOT, timeout=600):
    """An invoke task as a user runs it; a task still running after `timeout` seconds fails the
    test (a guard that broke would hang it, not fail it)."""
    return subprocess.run(
        [INVOKE, *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=timeout
    )


def build(content_dir, output_dir, **overrides):
    from builder.build import build_site

    return build_site(content_dir, output_dir, **overrides)


def snapshot(site) -> dict[str, bytes]:
    """Every file of a built site by its path, to compare two builds byte for byte."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def small_picture(kind: str = "jpg", size=(40, 30)) -> bytes:
    """A real picture's bytes (the build decodes every published picture)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[kind])
    return buffer.getvalue()


def read(path) -> str:
    return Path(path).read_text(encoding="utf-8")


THEME_SCRIPTS = ("/theme/js/search.js", "/theme/js/print.js")  # the only scripts the theme ships


def injected_scripts(soup):
    """Scripts other than the theme's own."""
    return [
        s for s in soup.find_all("script") if not (s.get("src", "").endswith(THEME_SCRIPTS) and not s.string)
    ]


def git(repo, *args: str, text: bool = True):
    """git run in repo; its output (bytes when text=False), or CalledProcessError."""
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=text, check=True).stdout


def git_repository(folder, message: str = "Nội dung đầu", branch: str = "main", author: str = "Máy"):
    """folder made a git repository of its own whose branch holds all its files (the shared
    editor's content repository as an administrator starts it)."""
    git(folder, "init", "-q", "-b", branch)
    git(folder, "add", ".")
    git(folder, "-c", f"user.name={author}", "-c", "user.email=may@x", "commit", "-q", "-m", message)
    return folder


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, seconds: float = 5.0):
    """Until a server accepts connections on 127.0.0.1:port."""
    import socket
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
        except OSError:
            time.sleep(0.05)
        else:
            return
    raise TimeoutError(f"nothing listens on port {port}")


NGINX = "/usr/sbin/nginx"


def start_nginx(work: Path, modules: tuple[str, ...] = ()):
    """The real nginx (installed by `invoke test`) on `work`/site.conf, unprivileged paths under
    `work`, its configuration tested first; the running process (stop it with SIGQUIT)."""
    temp = work / "temp"
    temp.mkdir()
    loads = "".join(f"load_module {module};\n" for module in modules)
    (work / "nginx.conf").write_text(
        f"""
{loads}user root;  # the test's temporary directories are private to root
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
daemon off;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {work}/site.conf;
}}
""",
        encoding="utf-8",
    )
    checked = subprocess.run(
        [NGINX, "-t", "-c", str(work / "nginx.conf")], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
    return subprocess.Popen([NGINX, "-c", str(work / "nginx.conf")], stderr=subprocess.DEVNULL)

"""`invoke livereload`: edits show up within seconds; a broken post keeps the last good site."""

import os
import signal
import subprocess
import time
import urllib.request

import pytest
from conftest import INVOKE, ROOT, free_port

pytestmark = pytest.mark.server


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return None


def test_edit_then_break_a_post(content, tmp_path):
    post = content.post("a", Title="Tin bản đầu", Date="2020-03-01", Items="1", Slug="tin-thu")
    port = free_port()
    log_path = tmp_path / "log.txt"
    log = log_path.open("w+", encoding="utf-8")
    process = subprocess.Popen(
        [
            INVOKE,
            "livereload",
            "--content",
            str(content.path),
            "--output",
            str(tmp_path / "out"),
            "--port",
            str(port),
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/tin-tuc/2020/tin-thu/"
    try:
        first = wait_for(lambda: fetch(url) if "Tin bản đầu" in (fetch(url) or "") else None)
        assert first, log_path.read_text(encoding="utf-8")
        assert "livereload.js" in first  # the browser reloads itself after each rebuild
        started = time.monotonic()
        post.write_text(
            post.read_text(encoding="utf-8").replace("Tin bản đầu", "Tin đã sửa"), encoding="utf-8"
        )
        assert wait_for(lambda: "Tin đã sửa" in (fetch(url) or ""), seconds=10)
        assert time.monotonic() - started < 10
        # The preview's search index follows in the background (the page does not wait for it),
        # made from the site as it is now.
        index = tmp_path / "out" / "pagefind"
        assert wait_for((index / "pagefind-entry.json").is_file, seconds=30)
        assert fetch(f"http://127.0.0.1:{port}/pagefind/pagefind.js")

        post.write_text(post.read_text(encoding="utf-8").replace("Items: 1", "Items: 9"), encoding="utf-8")
        assert wait_for(lambda: "mục '9' không có" in log_path.read_text(encoding="utf-8"))
        page = fetch(url)
        assert page and "Tin đã sửa" in page
        assert "vẫn là bản dựng đúng gần nhất" in log_path.read_text(encoding="utf-8")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        log.close()

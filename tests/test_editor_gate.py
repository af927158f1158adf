"""The editor's gate (editors/editor.py) against an attacker of the content folder and of its port:
a folder swapped for a link between a check and a write or a delete reaches nothing outside the
content folder; the gate answers the CMS exactly as decap-server does; an upload too big, a disk
too full, a silent client, each gets a Vietnamese refusal in the gate's JSON shape."""

import base64
import contextlib
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, free_port

from builder.build import exchange
from editors.editor import Editor, EditorSite, Refused

OUTSIDE = {
    "anh.jpg": b"outside: a photo of someone else's",
    "cu.jpg": b"outside: an old file of someone else's",
    "bi-mat.jpg": b"outside: a secret",
    "0": b"outside: a file named as the gate names what it sets aside",
    "1": b"outside: another",
}
POST = "Title: Ảnh hội nghị\nDate: 2020-05-10 09:30\nItems: 1\n\nNội dung.\n"
LONE = "posts/2020-12-20-du-thao-ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2021.md"


@pytest.fixture
def sample_copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    return root


@pytest.fixture
def outside(tmp_path):
    """A folder beside the content folder, as a link planted in it would point to."""
    folder = tmp_path / "outside"
    folder.mkdir()
    for name, data in OUTSIDE.items():
        (folder / name).write_bytes(data)
    return folder


def tree(folder: Path) -> dict[str, object]:
    """Everything under a folder, never following a link: files by their bytes, links by target."""
    found: dict[str, object] = {}
    for here, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(here, name)
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[relative] = ("link", os.readlink(path))
            elif path.is_file():
                found[relative] = path.read_bytes()
            else:
                found[relative] = "folder"
    return found


def site(root: Path, **overrides) -> EditorSite:
    return EditorSite(root, backend="/nonexistent.sock", preview_url="http://127.0.0.1:1/", **overrides)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def media(path: str, data: bytes) -> dict:
    asset = {"path": path, "content": b64(data), "encoding": "base64"}
    return {
        "action": "persistMedia",
        "params": {"branch": "main", "asset": asset, "options": {"commitMessage": "x"}},
    }


def entry(path: str, raw: str, *assets: tuple[str, bytes]) -> dict:
    return {
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "dataFiles": [{"slug": "x", "path": path, "raw": raw}],
            "assets": [{"path": p, "content": b64(d), "encoding": "base64"} for p, d in assets],
            "options": {"commitMessage": "x", "useWorkflow": False, "status": "draft"},
        },
    }


def delete(path: str) -> dict:
    return {
        "action": "deleteFile",
        "params": {"branch": "main", "path": path, "options": {"commitMessage": "x"}},
    }


def call(port: int, body: dict, timeout: float = 30) -> tuple[int, object]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as failed:
        return failed.code, json.loads(failed.read())


def forward(gate: EditorSite, body: dict) -> tuple[int, object]:
    status, reply = gate.forward(json.dumps(body).encode())
    return status, json.loads(reply)


# -- 1, 2: a link swapped in between the check and the use ---------------------------------------


@contextlib.contextmanager
def attacking(content: Path, outside: Path, stolen: Path):
    """Two attackers of the content folder, for the length of the block: one swaps images/dua for
    a link to `outside` and back (one atomic exchange, so the name never is missing); the other
    moves each folder a delete sets its files aside in out to `stolen`, leaving a link to `outside`
    in its place."""
    real, spare = content / "images" / "dua", content / "images" / ".dua-lien-ket"
    spare.symlink_to(outside, target_is_directory=True)
    if not exchange(real, spare) or not exchange(real, spare):
        pytest.skip("this filesystem cannot exchange two names atomically")
    stop = threading.Event()

    def swap_folder():
        while not stop.is_set():
            exchange(real, spare)

    def steal_aside_folder():
        taken = 0
        while not stop.is_set():
            for name in os.listdir(content):
                path = content / name
                if name.startswith(".dang-xoa") and not path.is_symlink():
                    with contextlib.suppress(OSError):
                        path.rename(stolen / str(taken))
                        path.symlink_to(outside, target_is_directory=True)
                        taken += 1

    threads = [threading.Thread(target=swap_folder), threading.Thread(target=steal_aside_folder)]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        if real.is_symlink():
            exchange(real, spare)


def keep_editing(port: int, seconds: float) -> dict[str, list[int]]:
    """Save, upload, read and delete in images/dua through the gate, over and over; the statuses."""
    statuses: dict[str, list[int]] = {"write": [], "delete": [], "read": []}
    deadline = time.monotonic() + seconds  # a bound on the trying, not a measurement
    round_ = 0
    while time.monotonic() < deadline:
        round_ += 1
        for body in (
            media("images/dua/anh.jpg", f"editor: photo {round_}".encode()),
            media("images/dua/cu.jpg", b"content: old"),
            entry("posts/2020-05-10-anh.md", POST, ("images/dua/anh-2.jpg", b"editor: second")),
        ):
            statuses["write"].append(call(port, body)[0])
        statuses["delete"].append(call(port, delete("images/dua/cu.jpg"))[0])
        for body in (
            {"action": "getMediaFile", "params": {"branch": "main", "path": "images/dua/bi-mat.jpg"}},
            {"action": "getMedia", "params": {"branch": "main", "mediaFolder": "images/dua"}},
        ):
            status, answer = call(port, body)
            statuses["read"].append(status)
            assert b64(OUTSIDE["bi-mat.jpg"]) not in json.dumps(answer)
    return statuses


@pytest.mark.server
def test_a_folder_swapped_for_a_link_while_saving_and_deleting_reaches_nothing_outside(
    sample_copy, outside, tmp_path
):
    """While attackers swap a folder for a link and steal the folder a delete sets files aside in,
    the editor saves, uploads, reads and deletes through the gate for two seconds: nothing outside
    is ever deleted, changed or read, and nothing of it is pulled into the content folder."""
    (sample_copy / "images" / "dua").mkdir()
    (sample_copy / "images" / "dua" / "cu.jpg").write_bytes(b"content: old")
    stolen = tmp_path / "stolen"
    stolen.mkdir()
    before = tree(outside)
    port = free_port()
    with Editor(sample_copy, port, "http://127.0.0.1:1/").running(), attacking(sample_copy, outside, stolen):
        statuses = keep_editing(port, seconds=2)

    assert tree(outside) == before  # nothing outside deleted, changed or added
    assert all(not any(folder.iterdir()) for folder in stolen.iterdir())  # nor carried out
    pulled_in = [
        path
        for path, data in tree(sample_copy).items()
        if isinstance(data, bytes) and (data in OUTSIDE.values() or data.startswith(b"outside"))
    ]
    assert pulled_in == []
    # The race was live: some writes went through (the real folder) and some were refused (the link).
    assert 200 in statuses["write"] and 422 in statuses["write"]
    assert set(statuses["write"] + statuses["delete"] + statuses["read"]) <= {200, 404, 422}


def test_a_delete_acts_through_folder_handles_not_the_look_before_it(sample_copy, outside):
    """What a swap after the gate's look would leave, handed straight to the delete: a link on the
    way or at the file itself is refused, and nothing outside goes."""
    (sample_copy / "images" / "ngoai").symlink_to(outside, target_is_directory=True)
    (sample_copy / "images" / "lien-ket.jpg").symlink_to(outside / "cu.jpg")
    gate = site(sample_copy)
    for path in ("images/ngoai/cu.jpg", "images/lien-ket.jpg"):
        with pytest.raises(Refused, match="liên kết"):
            gate.delete([path])
    assert tree(outside) == OUTSIDE
    assert (sample_copy / "images" / "lien-ket.jpg").is_symlink()  # put back as it was
    assert not [p for p in sample_copy.iterdir() if p.name.startswith(".dang-xoa")]


def test_a_write_acts_through_folder_handles_not_the_look_before_it(sample_copy, outside):
    """A link on the way is refused; a link at the name is replaced by the file, never written
    through; and through the gate, both are refused before anything is written."""
    (sample_copy / "images" / "ngoai").symlink_to(outside, target_is_directory=True)
    (sample_copy / "images" / "lien-ket.jpg").symlink_to(outside / "anh.jpg")
    gate = site(sample_copy)
    with pytest.raises(Refused, match="liên kết"):
        gate.write([("images/ngoai/anh.jpg", b"editor")])
    gate.write([("images/lien-ket.jpg", b"editor")])
    assert (sample_copy / "images" / "lien-ket.jpg").read_bytes() == b"editor"
    assert not (sample_copy / "images" / "lien-ket.jpg").is_symlink()
    assert tree(outside) == OUTSIDE

    (sample_copy / "images" / "lien-ket.jpg").unlink()
    (sample_copy / "images" / "lien-ket.jpg").symlink_to(outside / "anh.jpg")
    for body in (
        media("images/ngoai/anh.jpg", b"editor"),
        media("images/lien-ket.jpg", b"editor"),
        entry("posts/2020-05-10-anh.md", POST, ("images/ngoai/anh.jpg", b"editor")),
    ):
        status, answer = forward(gate, body)
        assert status == 422 and "liên kết" in answer["error"]
    assert tree(outside) == OUTSIDE
    assert not (sample_copy / "posts" / "2020-05-10-anh.md").exists()


def test_a_read_acts_through_folder_handles_not_the_look_before_it(sample_copy, outside):
    (sample_copy / "images" / "ngoai").symlink_to(outside, target_is_directory=True)
    (sample_copy / "posts" / "lien-ket.md").symlink_to(outside / "bi-mat.jpg")
    gate = site(sample_copy)
    for path in ("images/ngoai/bi-mat.jpg", "posts/lien-ket.md"):
        with pytest.raises(Refused, match="liên kết"):
            gate.read_file(path)
    with pytest.raises(Refused, match="liên kết"):
        gate.listing("images/ngoai", "", 1)
    with pytest.raises(Refused, match=re.escape("posts/lien-ket.md là liên kết")):
        gate.listing("posts", "md", 1)


# -- 2: the gate writes and reads as decap-server does --------------------------------------------


@pytest.mark.server
def test_the_gate_answers_the_cms_exactly_as_decap_server_does(sample_copy):
    """The same requests to the gate and to decap-server itself (on its socket): the same replies,
    the same files written, so Decap CMS works unchanged."""
    photo = (ROOT / "content" / "images" / "2020" / "hoi-nghi-giao-ban.jpg").read_bytes()
    with Editor(sample_copy, free_port(), "http://127.0.0.1:1/").running() as editor:
        gate = editor.site

        def both(body: dict, reset=None) -> tuple[object, object]:
            status, ours = forward(gate, body)
            assert status == 200, ours
            if reset:
                reset()
            theirs = json.loads(gate.call_backend(json.dumps(body).encode()))
            return ours, theirs

        ours, theirs = both(media("images/2021/anh-moi.jpg", photo))
        assert ours == theirs and ours["id"] == hashlib.sha256(photo).hexdigest()
        assert (sample_copy / "images" / "2021" / "anh-moi.jpg").read_bytes() == photo

        saved = entry("posts/2021-01-05-moi.md", POST, ("files/2021/to-trinh.pdf", b"%PDF-1.4 x"))
        ours, theirs = both(saved)
        assert ours == theirs == {"message": "entry persisted"}
        assert (sample_copy / "posts" / "2021-01-05-moi.md").read_text(encoding="utf-8") == POST
        assert (sample_copy / "files" / "2021" / "to-trinh.pdf").read_bytes() == b"%PDF-1.4 x"

        for read in (
            {"action": "entriesByFolder", "params": {"folder": "posts", "extension": "md", "depth": 1}},
            {"action": "entriesByFolder", "params": {"folder": "van-ban", "extension": "md", "depth": 2}},
            {"action": "getEntry", "params": {"path": "posts/2021-01-05-moi.md"}},
            {"action": "getEntry", "params": {"path": "posts/khong-co.md"}},
            {
                "action": "entriesByFiles",
                "params": {"files": [{"path": "pages/gioi-thieu.md", "label": "Giới thiệu"}, {"path": LONE}]},
            },
            {"action": "getMedia", "params": {"mediaFolder": "images/2020"}},
            {"action": "getMedia", "params": {"mediaFolder": "images/khong-co"}},
            {"action": "getMediaFile", "params": {"path": "images/2021/anh-moi.jpg"}},
        ):
            read["params"]["branch"] = "main"
            ours, theirs = both(read)
            assert ours == theirs, read["action"]

        original = (sample_copy / LONE).read_bytes()
        ours, theirs = both(delete(LONE), reset=lambda: (sample_copy / LONE).write_bytes(original))
        assert ours == theirs == {"message": f"deleted file {LONE}"}
        assert not (sample_copy / LONE).exists()


# -- 3: slow or silent requests -----------------------------------------------------------------


def read_all(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (bounded by the socket's timeout)."""
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


@pytest.mark.server
def test_a_silent_request_is_dropped_and_the_others_are_served_meanwhile(sample_copy):
    port = free_port()
    with Editor(sample_copy, port, "http://127.0.0.1:1/", EDITOR_TIMEOUT_SECONDS=1).running():
        host = f"Host: 127.0.0.1:{port}\r\n".encode()
        # A body announced and never sent; headers never finished; nothing at all.
        stalled = socket.create_connection(("127.0.0.1", port))
        stalled.sendall(b"POST /api/v1 HTTP/1.1\r\n" + host + b"Content-Length: 100\r\n\r\n")
        unfinished = socket.create_connection(("127.0.0.1", port))
        unfinished.sendall(b"POST /api/v1 HTTP/1.1\r\n" + host + b"Content-Le")
        silent = socket.create_connection(("127.0.0.1", port))

        status, answer = call(port, {"action": "getEntry", "params": {"branch": "main", "path": LONE}})
        assert status == 200 and answer["data"].startswith("Title:")  # served while those wait

        for connection in (stalled, unfinished, silent):
            connection.settimeout(20)  # a bound on the waiting: the server's timeout is one second
        said = read_all(stalled)
        assert said.startswith(b"HTTP/1.0 408 ")
        assert "không đến đủ trong 1 giây" in json.loads(said.split(b"\r\n\r\n", 1)[1])["error"]
        assert read_all(unfinished).startswith(b"HTTP/1.0 408 ")
        assert read_all(silent) == b""
        for connection in (stalled, unfinished, silent):
            connection.close()
        # http.server's own refusals in the gate's shape and words too.
        odd = socket.create_connection(("127.0.0.1", port), timeout=20)
        odd.sendall(b"BREW /api/v1 HTTP/1.0\r\n" + host + b"\r\n")
        said = read_all(odd)
        odd.close()
        assert said.startswith(b"HTTP/1.0 501 ")
        assert json.loads(said.split(b"\r\n\r\n", 1)[1]) == {
            "error": "máy chủ soạn thảo không làm thao tác HTTP này"
        }


# -- 4: upload limits and the disk floor ---------------------------------------------------------


@pytest.mark.server
def test_an_upload_over_the_limit_is_refused_with_how_to_make_it_smaller(sample_copy):
    port = free_port()
    limits = {"EDITOR_MAX_FILE_MB": 1, "EDITOR_MAX_SAVE_MB": 2}
    with Editor(sample_copy, port, "http://127.0.0.1:1/", **limits).running():
        big = os.urandom(1024 * 1024 + 1)
        for body in (
            media("images/2020/anh-lon.jpg", big),
            entry("posts/2020-05-10-anh.md", POST, ("images/2020/anh-lon.jpg", big)),
        ):
            status, answer = call(port, body)
            assert status == 413
            assert answer["error"].startswith("«anh-lon.jpg» nặng 1 MB, quá giới hạn 1 MB cho mỗi tệp.")
            assert "thu nhỏ" in answer["error"] and "PDF" in answer["error"]
        assert not (sample_copy / "images" / "2020" / "anh-lon.jpg").exists()
        assert not (sample_copy / "posts" / "2020-05-10-anh.md").exists()

        # A save of several files under the limit each, over the limit together.
        three = [(f"images/2020/anh-{n}.jpg", os.urandom(900 * 1024)) for n in range(3)]
        status, answer = call(port, entry("posts/2020-05-10-anh.md", POST, *three))
        assert status == 413 and "quá giới hạn 2 MB mỗi lần lưu" in answer["error"]

        # A request larger than any save may be is refused before it is read, and the client,
        # still sending, gets the answer rather than a reset connection.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        body = json.dumps(media("images/2020/rat-lon.jpg", os.urandom(4 * 1024 * 1024))).encode()
        connection.request("POST", "/api/v1", body, {"Content-Type": "application/json"})
        answer = connection.getresponse()
        said = json.loads(answer.read())["error"]
        connection.close()
        assert answer.status == 413 and "quá giới hạn 2 MB mỗi lần lưu (mỗi tệp tối đa 1 MB)" in said
        assert "thu nhỏ" in said
        assert not (sample_copy / "images" / "2020" / "rat-lon.jpg").exists()

        small = b"a photo well under the limit"
        assert call(port, media("images/2020/anh-nho.jpg", small))[0] == 200
        assert (sample_copy / "images" / "2020" / "anh-nho.jpg").read_bytes() == small


def test_the_default_limits_take_news_photos_and_pdfs_and_come_from_the_settings(sample_copy):
    limits = site(sample_copy).limits
    assert 25 * 1024 * 1024 <= limits.max_file <= 50 * 1024 * 1024
    assert limits.max_save >= limits.max_file and limits.max_request > limits.max_save
    assert limits.min_free == 1024 * 1024 * 1024 and limits.timeout == 30
    assert site(sample_copy, EDITOR_MAX_FILE_MB=5).limits.max_file == 5 * 1024 * 1024


@pytest.mark.server
def test_a_write_that_would_leave_the_disk_under_the_floor_is_refused(sample_copy):
    free_mb = shutil.disk_usage(sample_copy).free // (1024 * 1024)
    port = free_port()
    with Editor(sample_copy, port, "http://127.0.0.1:1/", EDITOR_MIN_FREE_MB=free_mb + 1024).running():
        for body in (media("images/2020/anh.jpg", b"x"), entry("posts/2020-05-10-anh.md", POST)):
            status, answer = call(port, body)
            assert status == 507
            assert answer["error"].startswith("không lưu được: ổ đĩa chứa thư mục nội dung chỉ còn trống ")
            assert "xóa bớt tệp" in answer["error"]
        assert not (sample_copy / "images" / "2020" / "anh.jpg").exists()
        assert not (sample_copy / "posts" / "2020-05-10-anh.md").exists()
        # Reading and deleting still work: deleting is how the room is made.
        assert call(port, {"action": "getEntry", "params": {"branch": "main", "path": LONE}})[0] == 200
        assert call(port, delete(LONE))[0] == 200


@pytest.mark.browser
def test_the_editor_sees_why_a_photo_too_big_was_not_saved(sample_copy, tmp_path):
    """In the CMS itself: the Vietnamese refusal, with the limit and how to make the file smaller,
    whether the gate read the save (one file over its limit) or refused it unread (the whole save
    over the limit of a request)."""
    from browser import chromium
    from test_editor import open_editor, upload

    limits = {"EDITOR_MAX_FILE_MB": 0.5, "EDITOR_MAX_SAVE_MB": 1}
    with (
        Editor(sample_copy, free_port(), "http://127.0.0.1:1/", **limits).running() as editor,
        chromium() as browser,
    ):
        page = browser.new_page(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Ho_Chi_Minh")
        open_editor(page, editor.url)
        page.locator("input[id^='title-field']").fill("Ảnh quá lớn")
        page.locator("input[id^='date-field']").fill("2020-05-10T09:30")
        page.locator("[data-slate-editor]").click()
        page.keyboard.type("Nội dung.")
        for name, size, button, said in (
            (
                "anh-1.jpg",
                800 * 1024,
                "Chọn một hình",
                "«anh-1.jpg» nặng 0,78 MB, quá giới hạn 0,5 MB cho mỗi tệp.",
            ),
            (
                "anh-2.jpg",
                3 * 1024 * 1024,
                "Chọn hình khác",
                "quá giới hạn 1 MB mỗi lần lưu (mỗi tệp tối đa 0,5 MB).",
            ),
        ):
            photo = tmp_path / name
            photo.write_bytes(os.urandom(size))
            upload(page, button, photo)
            page.locator("input[id^='image_alt-field']").fill("Ảnh hội nghị")
            page.get_by_role("button", name="Lưu", exact=True).click()
            page.get_by_text("Lưu ngay", exact=True).click()
            toast = page.get_by_text(said)
            toast.wait_for()
            assert "Không lưu được" in toast.inner_text() and "thu nhỏ" in toast.inner_text()
    assert not any((sample_copy / "posts").glob("*anh-qua-lon*"))
    assert not any((sample_copy / "images").rglob("anh-*.jpg"))


def test_a_hard_linked_file_is_not_read_through_the_gate(sample_copy, tmp_path):
    """Listings and reads refuse a hard link as they refuse a symbolic one (it is the outside file)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    os.link(secret, sample_copy / "posts" / "hl.md")
    gate = site(sample_copy)
    for body in (
        {
            "action": "entriesByFolder",
            "params": {"branch": "main", "folder": "posts", "extension": "md", "depth": 1},
        },
        {"action": "getEntry", "params": {"branch": "main", "path": "posts/hl.md"}},
    ):
        status, answer = gate.forward(json.dumps(body).encode())
        assert b"TOPSECRET" not in answer and status in (400, 403, 422), (status, answer[:200])

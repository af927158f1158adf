"""Publishing to a remote host: a real sshd on loopback, rsync and the same release layout."""

import os
import signal
import subprocess
from pathlib import Path

import pytest
from conftest import free_port, read, wait_for_port

pytestmark = pytest.mark.server

SSHD = "/usr/sbin/sshd"


@pytest.fixture
def remote(tmp_path):
    """An sshd on 127.0.0.1 that lets this user in with a key made for the test."""
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    for name in ("host", "client"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True)
    (keys / "authorized_keys").write_text((keys / "client.pub").read_text())
    port = free_port()
    config = tmp_path / "sshd_config"
    config.write_text(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {keys / "host"}
AuthorizedKeysFile {keys / "authorized_keys"}
PidFile {tmp_path / "sshd.pid"}
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
""")
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation directory
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    wait_for_port(port)
    options = [
        "-p",
        str(port),
        "-i",
        str(keys / "client"),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "BatchMode=yes",
    ]
    yield f"{os.environ.get('USER', 'root')}@127.0.0.1", options
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=10)


def test_publish_over_ssh_then_roll_back(content, tmp_path, remote):
    from builder.deploy import rollback, target_from

    host, options = remote
    deploy = {"TARGET": "ssh", "HOST": host, "PATH": str(tmp_path / "srv"), "SSH_OPTIONS": options, "KEEP": 5}
    content.post("a", Title="Bản đầu trên máy chủ", Date="2020-03-01", Items="1")
    target = target_from(deploy)
    first = target.publish(content.path, "publishconf.py", "20200301-080000")
    assert target.current() == first
    served = tmp_path / "srv" / "current"
    assert "Bản đầu trên máy chủ" in read(served / "index.html")
    assert (served / "index.html.br").is_file() and (served / "feeds" / "tin-tuc.atom.xml").is_file()

    content.post("a", Title="Bản hai trên máy chủ", Date="2020-03-01", Items="1")
    second = target.publish(content.path, "publishconf.py", "20200302-080000")
    assert target.names() == [first, second] and target.current() == second
    assert "Bản hai trên máy chủ" in read(served / "index.html")
    # Unchanged files are hard links into the previous release (rsync --link-dest).
    css = "theme/css/site.css"
    releases = tmp_path / "srv" / "releases"
    assert os.stat(releases / first / css).st_ino == os.stat(releases / second / css).st_ino

    # A copy that died half way is never listed, served or rolled back to.
    (releases / "20200303-080000" / "tin-tuc").mkdir(parents=True)
    (releases / ".incoming-20200304-080000").mkdir()
    assert target.names() == [first, second]
    assert rollback(target) == first
    assert "Bản đầu trên máy chủ" in read(served / "index.html")
    assert target.history() == [first]

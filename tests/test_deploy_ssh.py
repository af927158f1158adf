"""Publishing to a remote host: a real sshd on loopback, rsync and the same release layout."""

import os
import shutil
import signal
import subprocess
import tempfile
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
    # Its log to a file: a pipe nobody reads fills after a few hundred connections and stalls sshd.
    log = (tmp_path / "sshd.log").open("wb")
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=log)
    wait_for_port(port)
    control = Path(tempfile.mkdtemp(prefix="ssh-", dir="/tmp"))
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
        # One connection for all of a test's ssh and rsync calls (a publish makes a dozen), in a
        # short folder: a socket's path is limited to about 100 bytes.
        "-o",
        "ControlMaster=auto",
        "-o",
        f"ControlPath={control / 'm'}",
        "-o",
        "ControlPersist=60",
    ]
    host = f"{os.environ.get('USER', 'root')}@127.0.0.1"
    yield host, options
    subprocess.run(["ssh", *options, "-O", "exit", host], capture_output=True, check=False)
    shutil.rmtree(control, ignore_errors=True)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=10)
    log.close()


def test_publish_over_ssh_then_roll_back(content, tmp_path, remote):
    from publishing.deploy import rollback, target_from

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


@pytest.mark.slow  # eight publishes over ssh
def test_a_killed_publish_or_rollback_over_ssh_never_revives_a_withdrawn_release(content, tmp_path, remote):
    """The history written on the host before each switch, read against the host's `current`:
    kills around the steps SshTarget does its own way (tests/test_publish.py has them all, locally),
    each on a copy of one start."""
    from test_publish import KILLS, check_a_killed_deploy, published_abc_then_rolled_back

    from publishing.deploy import target_from

    host, options = remote
    deploy = {"TARGET": "ssh", "HOST": host, "PATH": str(tmp_path / "srv"), "SSH_OPTIONS": options, "KEEP": 5}
    published_abc_then_rolled_back(target_from(deploy), content)
    for number, (action, step) in enumerate(
        [("publish", "write_history"), ("publish", "switch"), ("rollback", "write_history")]
    ):
        assert (action, step) in KILLS
        path = tmp_path / f"srv-{number}"
        shutil.copytree(tmp_path / "srv", path, symlinks=True)
        check_a_killed_deploy({**deploy, "PATH": str(path)}, content, action, step)

"""Releases: each publish is a new directory; `current` is switched atomically; rollback switches back.

Layout on the target (a local directory, or a host reached over SSH):
    PATH/releases/20201205-080000/   one complete site per publish
    PATH/current -> releases/...      what the web server serves
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from .build import build_site
from .dates import now_local


class DeployError(Exception):
    pass


def release_name() -> str:
    return now_local().strftime("%Y%m%d-%H%M%S")


class LocalTarget:
    def __init__(self, path, keep: int):
        self.root = Path(path)
        self.releases = self.root / "releases"
        self.keep = keep

    def names(self) -> list[str]:
        if not self.releases.is_dir():
            return []
        return sorted(p.name for p in self.releases.iterdir() if p.is_dir() and not p.name.startswith("."))

    def current(self) -> str | None:
        link = self.root / "current"
        return os.path.basename(os.readlink(link)) if link.is_symlink() else None

    def publish(self, content, settings_file, name: str, on_summary=None) -> str:
        self.releases.mkdir(parents=True, exist_ok=True)
        target = self.releases / name
        if target.exists():
            raise DeployError(f"bản phát hành {name} đã có; chờ một giây rồi chạy lại")
        build_site(content, target, settings_file, on_summary=on_summary)
        self.switch(name)
        self.prune()
        return name

    def switch(self, name: str):
        """Point `current` at a release with one rename, so no request sees a half switch."""
        temporary = self.root / ".current-new"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        os.symlink(os.path.join("releases", name), temporary)
        os.replace(temporary, self.root / "current")

    def prune(self):
        names, current = self.names(), self.current()
        for old in names[: max(0, len(names) - self.keep)]:
            if old != current:
                shutil.rmtree(self.releases / old)


class SshTarget(LocalTarget):
    """The same layout on a remote host: rsync the built site, switch with `mv -T` over SSH."""

    def __init__(self, host: str, path: str, keep: int, ssh_options=()):
        super().__init__(path, keep)
        self.host = host
        self.ssh_options = list(ssh_options)

    def ssh(self, command: str) -> str:
        result = subprocess.run(["ssh", *self.ssh_options, self.host, command],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise DeployError(f"lệnh trên {self.host} thất bại: {command}\n{result.stderr}")
        return result.stdout

    def names(self) -> list[str]:
        listing = self.ssh(f"ls -1 {shlex.quote(str(self.releases))} 2>/dev/null || true")
        return sorted(line for line in listing.split() if line and not line.startswith("."))

    def current(self) -> str | None:
        link = self.ssh(f"readlink {shlex.quote(str(self.root / 'current'))} || true").strip()
        return os.path.basename(link) or None

    def publish(self, content, settings_file, name: str, on_summary=None) -> str:
        with tempfile.TemporaryDirectory() as workdir:
            site = build_site(content, Path(workdir) / name, settings_file, on_summary=on_summary)
            previous = self.current()
            self.ssh(f"mkdir -p {shlex.quote(str(self.releases))}")
            # Content, not build times, decides: a rebuilt but identical file is
            # hard-linked to the previous release instead of sent again (-a minus -t).
            command = ["rsync", "-rlpgoD", "--checksum", "--delete",
                       "-e", shlex.join(["ssh", *self.ssh_options])]
            if previous:
                command.append(f"--link-dest={self.releases / previous}")
            command += [f"{site}/", f"{self.host}:{self.releases / name}/"]
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                raise DeployError(f"rsync thất bại:\n{result.stderr}")
        self.switch(name)
        self.prune()
        return name

    def switch(self, name: str):
        root = shlex.quote(str(self.root))
        self.ssh(f"ln -sfn releases/{shlex.quote(name)} {root}/.current-new && "
                 f"mv -T {root}/.current-new {root}/current")

    def prune(self):
        names, current = self.names(), self.current()
        for old in names[: max(0, len(names) - self.keep)]:
            if old != current:
                self.ssh(f"rm -rf {shlex.quote(str(self.releases / old))}")


def target_from(deploy: dict, path: str | None = None):
    path = path or deploy["PATH"]
    keep = int(deploy.get("KEEP", 5))
    if deploy.get("TARGET", "local") == "ssh":
        if not deploy.get("HOST"):
            raise DeployError("DEPLOY['HOST'] chưa được đặt trong publishconf.py")
        return SshTarget(deploy["HOST"], path, keep, deploy.get("SSH_OPTIONS", ()))
    return LocalTarget(path, keep)


def rollback(target) -> str:
    names, current = target.names(), target.current()
    if current not in names or names.index(current) == 0:
        raise DeployError("không có bản phát hành cũ hơn để quay lại"
                          + (f" (đang dùng {current})" if current else ""))
    previous = names[names.index(current) - 1]
    target.switch(previous)
    return previous

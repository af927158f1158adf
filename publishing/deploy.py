"""Releases: each publish is a new directory; `current` is switched atomically; rollback switches back.

Layout on the target (a local directory, or a host reached over SSH):
    PATH/releases/20201205-080000/   one complete site per publish
    PATH/releases/.incoming-…/       a release being copied, never served nor rolled back to
    PATH/releases/.removing-…/       a pruned release being deleted, likewise
    PATH/current -> releases/...      what the web server serves

Each release also holds SHOWN (in its MANIFEST), the content paths of the posts and activities
it shows, with which `invoke publish --scheduled` finds what has come due (publishing/scheduled.py).

A release is complete when it holds MANIFEST (every file's SHA-256, in
`sha256sum` format) and, written after the copy was verified against it,
RELEASE (its post count). Only complete releases are listed, served or rolled
back to. A publish that would drop more than DEPLOY["MAX_POST_DROP"] of the
live release's posts stops unless forced.

PATH/.history lists the releases that went live, oldest first, the live one
last: rollback goes back to the one live before the current one, never forward
to a release that was rolled away from, and a publish goes on top of the live
one. It stays right wherever a publish or rollback is killed, because the
history a switch makes is written (atomically, synced to disk) *before* the
switch, and `live_history` reads it against what `current` points to: a
publish killed before its switch left one name too many after the live one
(dropped: that release never went live), a rollback killed before its switch
one name too few (the live one, put back on top). Releases are pruned from the
oldest of that history, withdrawn ones first, never the live one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.build import BuildFailed, build_site, reading
from builder.logs import shown_path
from builder.settings import cache_dir, load_settings
from portal.addresses import AddressBook, carried, published_addresses, redirects
from portal.checker import check_content
from portal.dates import LOCAL_TZ, now_local
from portal.problems import format_problems

from .scheduled import (
    NO_RELEASE,
    RELEASE_NAME,
    NothingDue,
    became_due,
    due_lines,
    newest_release,
    not_backwards,
    nothing_due_since,
    shown_now,
)

MANIFEST = ".release.sha256"
RELEASE = ".release.json"
INCOMING = ".incoming-"
RETIRED = ".removing-"  # a release being deleted: out of the listing before its first file goes
HISTORY = ".history"
SHOWN = ".release-shown.json"  # the posts and activities a release shows (publishing/scheduled.py)
ADDRESSES = ".release-addresses.json"  # its pages' addresses by source, and moved ones (portal.addresses)


class DeployError(Exception):
    pass


def release_name(now: dt.datetime | None = None) -> str:
    """A release's name: the publish's clock (local time, to the second), which its build used."""
    return (now or now_local()).astimezone(LOCAL_TZ).strftime(RELEASE_NAME)


def write_manifest(site: Path) -> int:
    """MANIFEST for every file of a built site; returns the file count."""
    lines = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name not in (MANIFEST, RELEASE)):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        name = "./" + path.relative_to(site).as_posix()
        if "\\" in name or "\n" in name:  # sha256sum's escaped form
            name = name.replace("\\", "\\\\").replace("\n", "\\n")
            digest = "\\" + digest
        lines.append(f"{digest}  {name}\n")
    (site / MANIFEST).write_text("".join(lines), encoding="utf-8")
    return len(lines)


def release_record(posts: int, files: int) -> str:
    return json.dumps({"posts": posts, "files": files}, sort_keys=True) + "\n"


class LocalTarget:
    def __init__(self, path: str | os.PathLike[str], keep: int, max_post_drop: float = 0.2) -> None:
        self.root = Path(path)
        self.releases = self.root / "releases"
        self.keep = keep
        self.max_post_drop = max_post_drop

    # --- what is there -----------------------------------------------------

    def names(self) -> list[str]:
        """Complete releases, oldest first."""
        if not self.releases.is_dir():
            return []
        return sorted(
            p.name
            for p in self.releases.iterdir()
            if p.is_dir() and not p.name.startswith(".") and (p / RELEASE).is_file()
        )

    def current(self) -> str | None:
        link = self.root / "current"
        return os.path.basename(os.readlink(link)) if link.is_symlink() else None

    def record(self, name: str) -> dict[str, Any]:
        try:
            record: dict[str, Any] = json.loads((self.releases / name / RELEASE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return record

    def shown(self, name: str) -> list[str] | None:
        """The content paths of the posts and activities release `name` shows; None when it was
        made before they were recorded."""
        try:
            shown = self.release_json(name, SHOWN)
            return [str(path) for path in shown] if isinstance(shown, list) else None
        except (ValueError, TypeError):
            return None

    def release_json(self, name: str, file: str) -> object:
        """A JSON file a release keeps beside its pages; ValueError when it has none."""
        try:
            return json.loads((self.releases / name / file).read_text(encoding="utf-8"))
        except OSError:
            raise ValueError(file) from None

    def addresses(self) -> AddressBook:
        """The live release's address book (an empty one before the first, or one made before
        addresses were recorded)."""
        current = self.current()
        try:
            return AddressBook.from_json(self.release_json(current, ADDRESSES)) if current else AddressBook()
        except ValueError:
            return AddressBook()

    def history(self, names: list[str] | None = None) -> list[str]:
        """The releases that went live, oldest first, the live one last (see `live_history`)."""
        return live_history(self.recorded_history(), self.current(), self.names() if names is None else names)

    def recorded_history(self) -> list[str]:
        try:
            return (self.root / HISTORY).read_text(encoding="utf-8").split()
        except OSError:
            return []

    def write_history(self, names: list[str]) -> None:
        """Replace the history in one rename, on disk before this returns (a switch follows)."""
        temporary = self.root / f"{HISTORY}-new"
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write("".join(f"{n}\n" for n in names))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.root / HISTORY)
        self.sync_root()

    def sync_root(self) -> None:
        directory = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)

    def preflight(self, content: str | os.PathLike[str] | None = None) -> None:
        """Refuse a target that a publish would damage or could not switch, before building."""
        root = self.root.resolve()
        if root.exists() and not root.is_dir():
            raise DeployError(f"{root} không phải là thư mục; chọn thư mục đích khác (--path)")
        if content is not None:
            content = Path(content).resolve()
            if root == content or root.is_relative_to(content) or content.is_relative_to(root):
                raise DeployError(
                    f"thư mục đích {root} trùng, chứa hoặc nằm trong thư mục nội dung "
                    f"{content}; chọn thư mục đích khác (--path)"
                )
        current = root / "current"
        if current.exists() and not current.is_symlink():
            raise DeployError(
                f"{current} là thư mục thật, không phải liên kết tới một bản phát hành; "
                f"chuyển nó vào {self.releases}/ hoặc đổi tên rồi chạy lại"
            )

    # --- publishing --------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """One publish or rollback at a time for this target (from this machine), or DeployError.
        The lock is in the cache folder, the publisher's own (not /tmp: every user's, and private
        to the systemd unit, deploy/portal-publish.service), so a publish by hand takes it too."""
        key = hashlib.sha256(f"{getattr(self, 'host', '')}:{self.root.resolve()}".encode()).hexdigest()[:16]
        folder = cache_dir() / "publish-locks"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{key}.lock"
        with os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600), "r+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise DeployError(
                    f"một lần phát hành hoặc quay lại khác đang chạy cho {self.root}; "
                    "chờ lần đó xong rồi chạy lại"
                ) from None
            yield

    def publish(
        self,
        content: str | os.PathLike[str],
        settings_file: str,
        name: str,
        on_summary: Callable[[str], object] | None = None,
        force: bool = False,
        now: dt.datetime | None = None,
        scheduled: bool = False,
    ) -> str:
        """Build and switch to release `name`. now: the build's clock (PORTAL_NOW; None: the
        build's own). scheduled: only when something became due since the newest release
        (publishing/scheduled.py), else NothingDue and nothing built or switched."""
        self.preflight(content)
        with self.locked():
            return self._publish(content, settings_file, name, on_summary, force, now, scheduled)

    def _publish(
        self,
        content: str | os.PathLike[str],
        settings_file: str,
        name: str,
        on_summary: Callable[[str], object] | None,
        force: bool,
        now: dt.datetime | None = None,
        scheduled: bool = False,
    ) -> str:
        due_after = None
        newest = newest_release(self.names())
        if scheduled:
            now = now or now_local()
            if newest is None:
                raise NothingDue(NO_RELEASE)
            if now <= newest[1]:
                raise NothingDue(not_backwards(*newest, now))
            due_after = (*newest, self.shown(newest[0]))
        elif now is not None and newest is not None and now < newest[1]:
            # Built by an earlier clock, it would take down what went live since.
            raise DeployError(not_backwards(*newest, now))
        if name in self.names() or (self.releases / name).exists():
            raise DeployError(f"bản phát hành {name} đã có; chờ một giây rồi chạy lại")
        with tempfile.TemporaryDirectory(prefix="portal-release-") as workdir:
            site = self.build_place(name, Path(workdir))
            try:
                built = build_release(content, site, settings_file, on_summary, now, due_after)
                self.refuse_drop(built.posts, force)
                shown = json.dumps(built.shown, ensure_ascii=False) + "\n"
                (site / SHOWN).write_text(shown, encoding="utf-8")
                keep_addresses(site, self.addresses(), built, on_summary)
                files = write_manifest(site)
                self.upload(site, name)
                self.verify(name, files)
                self.complete(name, release_record(built.posts, files))
            except BaseException:
                self.remove(f"{INCOMING}{name}")
                raise
        # The history this switch makes, recorded first: killed in between, `live_history`
        # finds `current` one before the end of it and drops the release that never went live.
        names = self.names()
        self.write_history([n for n in self.history(names) if n in names and n != name] + [name])
        self.switch(name)
        self.prune()
        return name

    def refuse_drop(self, posts: int, force: bool) -> None:
        current = self.current()
        live = self.record(current).get("posts") if current else None
        if force or not live or posts >= live * (1 - self.max_post_drop):
            return
        raise DeployError(
            f"bản mới có {posts} bài đăng, bản đang chạy ({current}) có {live} bài: giảm "
            f"{(live - posts) * 100 // live}%, quá mức cho phép {self.max_post_drop:.0%}. Kiểm tra "
            "thư mục nội dung (--content); nếu đúng là muốn gỡ số bài này, chạy lại với --force"
        )

    def build_place(self, name: str, workdir: Path) -> Path:
        """Where the site is built: straight into the incoming release, on this machine."""
        self.releases.mkdir(parents=True, exist_ok=True)
        incoming = self.releases / f"{INCOMING}{name}"
        shutil.rmtree(incoming, ignore_errors=True)
        return incoming

    def upload(self, site: Path, name: str) -> None:
        """Built in place: nothing to copy."""

    def verify(self, name: str, files: int) -> None:
        incoming = self.releases / f"{INCOMING}{name}"
        result = subprocess.run(
            ["sha256sum", "--quiet", "--strict", "-c", MANIFEST],
            cwd=incoming,
            capture_output=True,
            text=True,
            check=False,
        )
        count = sum(1 for p in incoming.rglob("*") if p.is_file() and p.name not in (MANIFEST, RELEASE))
        if result.returncode != 0 or count != files:
            raise DeployError(
                f"bản sao {incoming} không khớp danh sách tệp ({count}/{files} tệp):\n"
                + (result.stdout + result.stderr)[-2000:]
            )

    def complete(self, name: str, record: str) -> None:
        incoming = self.releases / f"{INCOMING}{name}"
        (incoming / RELEASE).write_text(record, encoding="utf-8")
        os.rename(incoming, self.releases / name)

    def switch(self, name: str) -> None:
        """Point `current` at a release with one rename, so no request sees a half switch."""
        temporary = self.root / ".current-new"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        os.symlink(os.path.join("releases", name), temporary)
        os.replace(temporary, self.root / "current")

    def prune(self) -> None:
        names = self.names()
        for old in self.stale(names, self.history(names)):
            self.remove(old)

    def stale(self, names: list[str], history: list[str]) -> list[str]:
        """Complete releases but the live one and the KEEP - 1 live before it (so withdrawn ones
        and ones a killed publish never switched to go first), and abandoned incoming copies."""
        kept = [n for n in history if n in names][-max(1, self.keep) :]
        old = [n for n in names if n not in kept] if kept else []
        # `.incoming-…` copies, and `..incoming-…-new-…` staging of a publish that was killed.
        # and `.removing-…` releases whose deletion was cut short.
        return old + [n for n in self.listing() if n.startswith((INCOMING, "." + INCOMING, RETIRED))]

    def listing(self) -> list[str]:
        return sorted(os.listdir(self.releases)) if self.releases.is_dir() else []

    def remove(self, name: str) -> None:
        """Delete a release or a leftover; a release leaves the listing first, in one rename, so a
        deletion cut short never leaves a half release that looks complete."""
        if not name.startswith("."):
            name = self.retire(name)
        shutil.rmtree(self.releases / name, ignore_errors=True)

    def retire(self, name: str) -> str:
        retired = f"{RETIRED}{name}"
        shutil.rmtree(self.releases / retired, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            os.rename(self.releases / name, self.releases / retired)
        return retired


@dataclass(frozen=True)
class Built:
    posts: int  # published posts
    shown: list[str]  # the posts and activities it shows (scheduled.shown)
    pages: dict[str, str]  # every page's address by its source (portal.addresses)
    site_url: str


def keep_addresses(
    site: Path, previous: AddressBook, built: Built, on_summary: Callable[[str], object] | None
) -> None:
    """A redirect page at every address an earlier release gave a page that now lives elsewhere
    (never over a file the build made), the book recorded for the next release, and every address
    that will lead nowhere said to whoever publishes."""
    book, gone = carried(previous, built.pages)
    for redirect in redirects(book, built.site_url):
        target = site / redirect.path
        if target.exists() or target.is_symlink():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect.text, encoding="utf-8")
    (site / ADDRESSES).write_text(json.dumps(book.as_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    if on_summary is None:
        return
    for url, source in gone:
        on_summary(
            f"CẢNH BÁO: địa chỉ /{url} sẽ không còn trên trang ({source} không còn được đăng): "
            "liên kết đã chia sẻ tới bài này sẽ dẫn tới trang 404; nếu bài bị xóa hay chuyển nháp "
            "nhầm, khôi phục tệp (hoặc bỏ dòng Status: draft) rồi phát hành lại"
        )


def build_release(
    content: str | os.PathLike[str],
    site: Path,
    settings_file: str,
    on_summary: Callable[[str], object] | None,
    now: dt.datetime | None = None,
    due_after: tuple[str, dt.datetime, list[str] | None] | None = None,
) -> Built:
    """Build the production site into `site` (from main's tree of the shared editor's repository,
    builder/main_tree.py); return what was built (Built).
    now: the build's clock. due_after: (name, time, what it shows or None) of the newest release,
    for a scheduled publish: NothingDue unless a post or activity is there to show that it did
    not (publishing/scheduled.py)."""
    clock: dict[str, Any] = {} if now is None else {"PORTAL_NOW": now}
    with reading(content) as source:
        settings = load_settings(source, settings_file=settings_file, **clock)
        shown = None if Path(source) == Path(content) else shown_path(content)
        check = check_content(source, settings, now=now, shown_dir=shown)
        if check.errors:
            raise BuildFailed(format_problems(check.problems), check.problems)
        if due_after is not None:
            when = now or now_local()  # a scheduled publish is always given its clock
            due = became_due(check, source, due_after[1], when, due_after[2])
            if not due:
                raise NothingDue(nothing_due_since(due_after[0], due_after[1], when))
            for line in due_lines(due):
                if on_summary is not None:
                    on_summary(line)
        build_site(source, site, settings_file, on_summary=on_summary, **clock)
        pages = published_addresses(check, str(source), settings)
    return Built(len(check.published_posts()), shown_now(check, source), pages, settings.get("SITEURL", ""))


class SshTarget(LocalTarget):
    """The same layout on a remote host: rsync the built site, verify it there, switch with `mv -T`."""

    def __init__(
        self, host: str, path: str, keep: int, ssh_options: Sequence[str] = (), max_post_drop: float = 0.2
    ) -> None:
        super().__init__(path, keep, max_post_drop)
        self.host = host
        self.ssh_options = list(ssh_options)

    def ssh(self, command: str) -> str:
        result = subprocess.run(
            ["ssh", *self.ssh_options, self.host, command], capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise DeployError(f"lệnh trên {self.host} thất bại: {command}\n{result.stderr}")
        return result.stdout

    def names(self) -> list[str]:
        releases = shlex.quote(str(self.releases))
        listing = self.ssh(
            f"cd {releases} 2>/dev/null && for d in *; do "
            f'[ -f "$d/{RELEASE}" ] && printf \'%s\\n\' "$d"; done; true'
        )
        return sorted(line for line in listing.splitlines() if line and not line.startswith("."))

    def listing(self) -> list[str]:
        listing = self.ssh(f"ls -1A {shlex.quote(str(self.releases))} 2>/dev/null || true")
        return sorted(line for line in listing.splitlines() if line)

    def current(self) -> str | None:
        link = self.ssh(f"readlink {shlex.quote(str(self.root / 'current'))} || true").strip()
        return os.path.basename(link) or None

    def record(self, name: str) -> dict[str, Any]:
        text = self.ssh(f"cat {shlex.quote(str(self.releases / name / RELEASE))} 2>/dev/null || true")
        try:
            record: dict[str, Any] = json.loads(text)
        except ValueError:
            return {}
        return record

    def release_json(self, name: str, file: str) -> object:
        path = shlex.quote(str(self.releases / name / file))
        return json.loads(self.ssh(f"cat {path} 2>/dev/null || true"))

    def recorded_history(self) -> list[str]:
        return self.ssh(f"cat {shlex.quote(str(self.root / HISTORY))} 2>/dev/null || true").split()

    def write_history(self, names: list[str]) -> None:
        root, path = shlex.quote(str(self.root)), shlex.quote(str(self.root / HISTORY))
        text = shlex.quote("".join(f"{n}\n" for n in names))
        # `sync FILE` (coreutils 8.24+) syncs that file or folder; an older one syncs everything.
        self.ssh(
            f"printf '%s' {text} > {path}-new && {{ sync {path}-new 2>/dev/null || sync; }} && "
            f"mv -f {path}-new {path} && {{ sync {root} 2>/dev/null || sync; }}"
        )

    def preflight(self, content: str | os.PathLike[str] | None = None) -> None:
        root, current = shlex.quote(str(self.root)), shlex.quote(str(self.root / "current"))
        problem = self.ssh(
            f"if [ -e {root} ] && [ ! -d {root} ]; then echo root; "
            f"elif [ -e {current} ] && [ ! -L {current} ]; then echo current; fi"
        ).strip()
        if problem == "root":
            raise DeployError(f"{self.host}:{self.root} không phải là thư mục; chọn thư mục đích khác")
        if problem == "current":
            raise DeployError(
                f"{self.host}:{self.root}/current là thư mục thật, không phải liên kết "
                "tới một bản phát hành; đổi tên nó rồi chạy lại"
            )

    def build_place(self, name: str, workdir: Path) -> Path:
        return workdir / name

    def upload(self, site: Path, name: str) -> None:
        previous = self.current()
        incoming = self.releases / f"{INCOMING}{name}"
        self.ssh(f"mkdir -p {shlex.quote(str(self.releases))} && rm -rf {shlex.quote(str(incoming))}")
        # Content, not build times, decides: a rebuilt but identical file is
        # hard-linked to the previous release instead of sent again (-a minus -t).
        command = ["rsync", "-rlpgoD", "--checksum", "--delete", "-e", shlex.join(["ssh", *self.ssh_options])]
        if previous:
            command.append(f"--link-dest={self.releases / previous}")
        command += [f"{site}/", f"{self.host}:{incoming}/"]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise DeployError(f"rsync thất bại:\n{result.stderr}")

    def verify(self, name: str, files: int) -> None:
        incoming = shlex.quote(str(self.releases / f"{INCOMING}{name}"))
        counted = self.ssh(
            f"cd {incoming} && sha256sum --quiet --strict -c {MANIFEST} >&2 && "
            f"find . -type f ! -name {MANIFEST} ! -name {RELEASE} | wc -l"
        ).strip()
        if counted != str(files):
            raise DeployError(f"bản sao trên {self.host} có {counted} tệp, cần {files}")

    def complete(self, name: str, record: str) -> None:
        incoming = shlex.quote(str(self.releases / f"{INCOMING}{name}"))
        final = shlex.quote(str(self.releases / name))
        self.ssh(f"printf '%s' {shlex.quote(record)} > {incoming}/{RELEASE} && mv -T {incoming} {final}")

    def switch(self, name: str) -> None:
        root = shlex.quote(str(self.root))
        self.ssh(
            f"ln -sfn releases/{shlex.quote(name)} {root}/.current-new && "
            f"mv -T {root}/.current-new {root}/current"
        )

    def remove(self, name: str) -> None:
        path = shlex.quote(str(self.releases / name))
        if name.startswith("."):
            self.ssh(f"rm -rf {path}")
            return
        retired = shlex.quote(str(self.releases / f"{RETIRED}{name}"))
        self.ssh(f"rm -rf {retired} && {{ [ ! -e {path} ] || mv -T {path} {retired}; }} && rm -rf {retired}")


_CSP_LINE = re.compile(r'(add_header Content-Security-Policy ")[^"]*(" always;)')


def nginx_config_with_csp(config: str, policy: str) -> str:
    """deploy/nginx.conf with its Content-Security-Policy line set to `policy`."""
    if not _CSP_LINE.search(config):
        raise DeployError("deploy/nginx.conf không có dòng 'add_header Content-Security-Policy'")
    return _CSP_LINE.sub(lambda m: m.group(1) + policy + m.group(2), config, count=1)


def target_from(deploy: dict[str, Any], path: str | None = None) -> LocalTarget:
    path = path or deploy["PATH"]
    keep = int(deploy.get("KEEP", 5))
    drop = float(deploy.get("MAX_POST_DROP", 0.2))
    if deploy.get("TARGET", "local") == "ssh":
        if not deploy.get("HOST"):
            raise DeployError("DEPLOY['HOST'] chưa được đặt trong publishconf.py")
        return SshTarget(deploy["HOST"], path, keep, deploy.get("SSH_OPTIONS", ()), drop)
    return LocalTarget(path, keep, drop)


def live_history(recorded: list[str], current: str | None, names: list[str]) -> list[str]:
    """The releases that went live, oldest first, ending with `current`: the recorded history
    read against what `current` actually points to.

    Every switch is preceded by writing the history it makes, so a run killed between the
    two leaves the recorded history one step ahead of `current`: a publish's ends with the
    release it did not switch to, after `current` (cut there); a rollback's ends before
    `current`, which was left out (put back on top). No history at all: releases from before
    it was kept, taken in the order of their names up to `current`."""
    if current is None:
        return []
    if current in recorded:
        return recorded[: len(recorded) - recorded[::-1].index(current)]
    if recorded:
        return [*recorded, current]
    return [n for n in names if n < current] + [current]


def rollback(target: LocalTarget) -> str:
    """Switch back to the complete release that was live before the current one."""
    target.preflight()
    with target.locked():
        return _roll_back(target)


def _roll_back(target: LocalTarget) -> str:
    names = target.names()
    history = target.history(names)
    earlier = [n for n in history[:-1] if n in names]
    if not earlier:
        current = history[-1] if history else None
        raise DeployError(
            "không có bản phát hành cũ hơn để quay lại" + (f" (đang dùng {current})" if current else "")
        )
    # The history this switch makes, recorded first: killed in between, `live_history`
    # finds `current` missing from its end and puts it back.
    target.write_history(earlier)
    target.switch(earlier[-1])
    return earlier[-1]

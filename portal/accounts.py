"""Accounts of the shared editor (issue 26, DESIGN.md contract 13): who may sign in, in which role.

One JSON file outside the content folder (never published, never committed with the content),
written whole under a lock and readable by its owner only (portal.json_store). Passwords are
hashed with argon2id (argon2-cffi) and never kept or logged in clear; an unknown login costs the
same hash as a wrong password, so timing tells nobody which logins exist.

Roles (what each may do is portal.roles'): contributor (one unit's posts, activities and period
report), editor (posts, pages, documents), approver (the editorial board: publishes or returns),
office (every unit's activities and period reports), admin (accounts only).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .json_store import JsonStoreError, changing_json, read_json

ROLES = {
    "contributor": "cộng tác viên của đơn vị",
    "editor": "biên tập viên",
    "approver": "Ban biên tập (duyệt đăng)",
    "office": "Văn phòng Sở",
    "admin": "quản trị tài khoản",
}
LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256  # argon2 hashes anything; a megabyte "password" is a way to spend our CPU
FORMAT_VERSION = 1

_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the login is unknown, so that case takes as long as a wrong password.
_UNKNOWN = _HASHER.hash("not a password anyone has")


class AccountError(Exception):
    """A refused account change, in the words the person at the terminal or the page reads."""


@dataclass(frozen=True)
class Account:
    login: str
    role: str
    unit: str = ""  # a contributor's unit id (the plans' units); empty for the other roles
    name: str = ""  # the person's name, for commits and the history
    password_hash: str = ""
    disabled: bool = False

    @property
    def author(self) -> str:
        """The person as git records them: 'Name <login@editor>'."""
        return f"{self.name or self.login} <{self.login}@editor>"


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"mật khẩu dài quá {MAX_PASSWORD} ký tự")


class AccountStore:
    """The accounts file: read fresh on every question (another process may have changed it)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def accounts(self) -> dict[str, Account]:
        try:
            return self._parse(read_json(self.path))
        except JsonStoreError as error:
            raise AccountError(str(error)) from None

    @staticmethod
    def _parse(data: dict[str, Any]) -> dict[str, Account]:
        fields = set(Account.__dataclass_fields__)
        return {
            entry["login"]: Account(**{k: v for k, v in entry.items() if k in fields})
            for entry in data.get("accounts", [])
        }

    def get(self, login: str) -> Account | None:
        return self.accounts().get(login)

    def add(self, login: str, role: str, password: str, unit: str = "", name: str = "") -> Account:
        if not LOGIN.match(login):
            raise AccountError(
                f"tên đăng nhập '{login}' không hợp lệ: 2–40 ký tự chữ thường không dấu, số, dấu chấm, "
                "gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số"
            )
        if role not in ROLES:
            raise AccountError(
                f"vai trò '{role}' không có; chọn một trong: "
                + ", ".join(f"{r} ({words})" for r, words in ROLES.items())
            )
        if role == "contributor" and not unit:
            raise AccountError("cộng tác viên phải thuộc một đơn vị: thêm --unit <mã đơn vị>")
        if role != "contributor" and unit:
            raise AccountError(
                f"chỉ cộng tác viên mới gắn với một đơn vị (vai trò {role} làm việc cho cả Sở)"
            )
        check_password(password)
        account = Account(login, role, unit, name, _HASHER.hash(password))
        with self._changing() as accounts:
            if login in accounts:
                raise AccountError(f"tài khoản '{login}' đã có")
            accounts[login] = account
        return account

    def set_disabled(self, login: str, disabled: bool) -> None:
        with self._changing() as accounts:
            accounts[login] = replace(self._known(accounts, login), disabled=disabled)

    def change_password(self, login: str, old: str, new: str) -> None:
        """The owner's change: the old password first."""
        if self.verify(login, old) is None:
            raise AccountError("mật khẩu hiện tại không đúng")
        check_password(new)
        with self._changing() as accounts:
            accounts[login] = replace(self._known(accounts, login), password_hash=_HASHER.hash(new))

    def verify(self, login: str, password: str) -> Account | None:
        """The account if `password` is its own and it is enabled, else None (never says which)."""
        account = self.get(login) if LOGIN.match(login) else None
        if len(password) > MAX_PASSWORD:
            return None
        try:
            _HASHER.verify(account.password_hash if account else _UNKNOWN, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if account is None or account.disabled:
            return None
        if _HASHER.check_needs_rehash(account.password_hash):  # parameters raised since it was set
            with self._changing() as accounts:
                accounts[login] = replace(accounts[login], password_hash=_HASHER.hash(password))
        return account

    @staticmethod
    def _known(accounts: dict[str, Account], login: str) -> Account:
        if login not in accounts:
            raise AccountError(f"không có tài khoản '{login}'")
        return accounts[login]

    @contextlib.contextmanager
    def _changing(self) -> Iterator[dict[str, Account]]:
        """The accounts to change in place, written back whole when the block ends."""
        try:
            with changing_json(self.path) as data:
                accounts = self._parse(data)
                yield accounts
                data.clear()
                data["version"] = FORMAT_VERSION
                data["accounts"] = [asdict(a) for a in sorted(accounts.values(), key=lambda a: a.login)]
        except JsonStoreError as error:
            raise AccountError(str(error)) from None

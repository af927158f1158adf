"""The shared editor's accounts and roles (issue 26): hashed passwords, one writer at a time,
what each role may touch, and `invoke user-add` / `user-disable` / `user-password`."""

import subprocess
import threading

import pytest
from conftest import INVOKE, ROOT

from portal.accounts import Account, AccountError, AccountStore
from portal.roles import (
    ACTIVITIES,
    DOCUMENTS,
    PAGES,
    POSTS,
    RESEARCH_TASKS,
    UNIT_REPORTS,
    kind_of,
    may_publish,
    may_read,
    may_write,
)

PASSWORD = "mật-khẩu-đủ-dài"


@pytest.fixture
def store(tmp_path):
    return AccountStore(tmp_path / "var" / "accounts.json")


def test_a_password_is_kept_only_as_an_argon2_hash(store):
    store.add("thu.tt", "contributor", PASSWORD, unit="thanh-tra", name="Nguyễn Thu")
    stored = store.path.read_text(encoding="utf-8")
    assert PASSWORD not in stored and "$argon2id$" in stored
    assert store.path.stat().st_mode & 0o777 == 0o600
    account = store.verify("thu.tt", PASSWORD)
    assert account is not None and (account.role, account.unit) == ("contributor", "thanh-tra")
    assert account.author == "Nguyễn Thu <thu.tt@editor>"


def test_wrong_unknown_or_disabled_logins_are_all_just_refused(store):
    store.add("bbt", "approver", PASSWORD)
    assert store.verify("bbt", PASSWORD + "x") is None
    assert store.verify("nobody", PASSWORD) is None
    assert store.verify("../../etc", PASSWORD) is None
    assert store.verify("bbt", "x" * 100_000) is None  # not hashed: a way to spend our CPU
    store.set_disabled("bbt", True)
    assert store.verify("bbt", PASSWORD) is None
    store.set_disabled("bbt", False)
    assert store.verify("bbt", PASSWORD) is not None


@pytest.mark.parametrize(
    "login, role, unit, password, message",
    [
        ("Thu", "editor", "", PASSWORD, "tên đăng nhập 'Thu' không hợp lệ"),
        ("thu", "boss", "", PASSWORD, "vai trò 'boss' không có"),
        ("thu", "contributor", "", PASSWORD, "cộng tác viên phải thuộc một đơn vị"),
        ("thu", "editor", "thanh-tra", PASSWORD, "chỉ cộng tác viên mới gắn với một đơn vị"),
        ("thu", "editor", "", "ngắn", "ít nhất 10 ký tự"),
    ],
)
def test_a_bad_account_is_refused_in_vietnamese(store, login, role, unit, password, message):
    with pytest.raises(AccountError, match=message):
        store.add(login, role, password, unit=unit)
    assert store.accounts() == {}


def test_a_login_is_added_once_and_a_password_changed_only_with_the_old_one(store):
    store.add("bt1", "editor", PASSWORD)
    with pytest.raises(AccountError, match="đã có"):
        store.add("bt1", "approver", PASSWORD)
    with pytest.raises(AccountError, match="mật khẩu hiện tại không đúng"):
        store.change_password("bt1", "sai-mat-khau-roi", "mật-khẩu-mới-dài")
    store.change_password("bt1", PASSWORD, "mật-khẩu-mới-dài")
    assert store.verify("bt1", PASSWORD) is None and store.verify("bt1", "mật-khẩu-mới-dài")


def test_accounts_added_at_once_are_all_kept(store):
    def add(n):
        store.add(f"user{n}", "editor", PASSWORD)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(store.accounts()) == [f"user{n}" for n in range(8)]


def test_what_each_role_may_touch():
    contributor = Account("tt", "contributor", unit="thanh-tra")
    editor, approver = Account("bt", "editor"), Account("bbt", "approver")
    office, admin = Account("vp", "office"), Account("qt", "admin")
    for kind in (POSTS, ACTIVITIES, UNIT_REPORTS):
        assert may_write(contributor, kind, "thanh-tra") and may_read(contributor, kind, "thanh-tra")
        assert not may_read(contributor, kind, "van-phong") and not may_write(contributor, kind, None)
    assert not may_read(contributor, PAGES) and not may_write(contributor, DOCUMENTS)
    assert not any(may_publish(who, kind) for who in (contributor, editor, admin) for kind in (POSTS, PAGES))
    assert (
        may_write(editor, POSTS, "van-phong")
        and may_write(editor, PAGES)
        and not may_write(editor, ACTIVITIES)
    )
    assert not may_read(editor, UNIT_REPORTS)
    assert may_publish(approver, POSTS) and may_publish(approver, UNIT_REPORTS)
    assert may_write(office, ACTIVITIES, "thanh-tra") and may_publish(office, UNIT_REPORTS)
    assert not may_publish(office, POSTS) and not may_write(office, POSTS)
    assert not any(may_read(admin, kind) for kind in (POSTS, PAGES, DOCUMENTS, ACTIVITIES, UNIT_REPORTS))
    assert kind_of("bao-cao__118-kh-khcn-2020__6-thang") == UNIT_REPORTS and kind_of("x") is None
    # Science and technology tasks: the editors write them, the board publishes, units do not touch them.
    assert may_write(editor, RESEARCH_TASKS) and not may_publish(editor, RESEARCH_TASKS)
    assert may_publish(approver, RESEARCH_TASKS) and not may_read(contributor, RESEARCH_TASKS)
    assert not may_write(office, RESEARCH_TASKS) and kind_of("research_tasks") == RESEARCH_TASKS


def invoke(*args, stdin=""):
    return subprocess.run(
        [INVOKE, *args], cwd=ROOT, input=stdin, capture_output=True, text=True, check=False, timeout=120
    )


def test_user_tasks_read_the_password_from_standard_input(tmp_path):
    accounts = str(tmp_path / "accounts.json")
    added = invoke("user-add", "thu.tt", "--role", "contributor", "--unit", "thanh-tra",
                   "--accounts", accounts, stdin=PASSWORD + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Đã thêm tài khoản thu.tt" in added.stdout and PASSWORD not in added.stdout + added.stderr
    unknown = invoke("user-add", "x.y", "--role", "contributor", "--unit", "phong-ma",
                     "--accounts", accounts, stdin=PASSWORD + "\n")  # fmt: skip
    # Said, not refused: the accounts may serve another content folder than --content.
    assert unknown.returncode == 0, unknown.stderr
    assert "CẢNH BÁO: --unit phong-ma" in unknown.stderr and "thanh-tra" in unknown.stderr
    changed = invoke(
        "user-password", "thu.tt", "--accounts", accounts, stdin=f"{PASSWORD}\nmột-mật-khẩu-mới\n"
    )
    assert changed.returncode == 0, changed.stderr
    assert invoke("user-disable", "thu.tt", "--accounts", accounts).returncode == 0
    store = AccountStore(accounts)
    assert store.verify("thu.tt", "một-mật-khẩu-mới") is None and store.get("thu.tt").disabled
    missing = invoke("user-disable", "ai-do", "--accounts", accounts)
    assert missing.returncode == 2 and "không có tài khoản 'ai-do'" in missing.stderr

"""`invoke history PATH`: who changed a file of the shared editor's repository, when, and how.

Read from main (what was approved), newest first: each edit with its author, and each approval
with its approver and what it brought in. An entry's branch that changes the file and is not yet
approved is named first, with its state in the editorial workflow (portal/workflow.py).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from builder.main_tree import MAIN, WORKFLOW_RECORD
from portal.dates import LOCAL_TZ
from portal.git_store import GitError, GitStore
from portal.workflow import STATUS_NAMES, WorkflowStore


class HistoryError(Exception):
    """Why there is no history to show, in Vietnamese (the task exits 2)."""


def local_time(iso: str) -> str:
    """A git date (ISO 8601 with its offset) as dd/mm/yyyy HH:MM in Vietnam's time."""
    return f"{dt.datetime.fromisoformat(iso).astimezone(LOCAL_TZ):%d/%m/%Y %H:%M}"


def content_path(content: str | Path, path: str) -> str:
    """PATH as the content folder names it (posts/tin.md): given from the working folder
    (content/posts/tin.md), whole, or from the content folder; HistoryError when outside it."""
    folder = Path(os.path.realpath(content))
    given = Path(path)
    candidates = [given] if given.is_absolute() else [Path.cwd() / given, folder / given]
    for candidate in candidates:
        full = Path(os.path.realpath(candidate))
        if full != folder and full.is_relative_to(folder):
            return full.relative_to(folder).as_posix()
    raise HistoryError(
        f"{path}: nằm ngoài thư mục nội dung {content}; ghi đường dẫn của một tệp trong đó, "
        f"ví dụ {Path(content) / 'posts' / 'ten-bai.md'} hoặc posts/ten-bai.md"
    )


def file_history(content: str | Path, path: str, limit: int = 20) -> str:
    """The text `invoke history` prints."""
    relative = content_path(content, path)
    try:
        store = GitStore(content, MAIN)
        revisions = store.file_log(relative, limit=limit + 1)
        pending = store.branches_changing(relative)
    except GitError as error:
        raise HistoryError(
            f"--content {content}: không đọc được lịch sử từ kho git ({error}); thư mục nội dung "
            f"phải là kho git của trình soạn thảo dùng chung, có nhánh {MAIN}"
        ) from None
    if not revisions and not pending:
        raise HistoryError(
            f"{relative}: không có trong lịch sử của kho {content} (chưa từng được duyệt đăng, và "
            "không có bản nào đang chờ duyệt); kiểm tra lại tên tệp"
        )
    more = len(revisions) > limit
    revisions = revisions[:limit]
    lines = [f"Lịch sử của {relative} (nhánh {MAIN}: bản đã duyệt đăng; mới nhất trước)", ""]
    workflow = WorkflowStore(store.git_dir / WORKFLOW_RECORD)
    for branch in pending:
        record = workflow.get(branch)
        state = f", trạng thái: {STATUS_NAMES.get(record.status, record.status)}" if record else ""
        last = [revision for revision, _ in store.file_log(relative, ref=branch, limit=1)]
        by = f"; sửa lần cuối: {last[0].author}, {local_time(last[0].date)}" if last else ""
        lines.append(f"Chưa đăng: nhánh {branch} có thay đổi tệp này chưa được duyệt{state}{by}.")
    if pending:
        lines.append("")
    if not revisions:
        lines.append(f"Tệp này chưa có trên nhánh {MAIN}: chưa từng được duyệt đăng.")
    for revision, approval in revisions:
        kind = "Duyệt đăng" if approval else "Sửa"
        lines += [
            f"── {local_time(revision.date)} · {revision.author} · {kind} · {revision.commit[:10]}",
            f"   {revision.message}",
            "",
            revision.diff or "(không có thay đổi nội dung)",
            "",
        ]
    if more:
        lines.append(f"(Chỉ hiện {limit} lần thay đổi gần nhất; xem thêm với --limit.)")
    return "\n".join(lines).rstrip("\n") + "\n"

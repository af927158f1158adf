"""The editorial workflow's record of each unpublished entry (issue 26): its status, whose it is,
and the notes on it (an approver's reason for returning it).

Decap's statuses: draft (Nháp), pending_review (Chờ duyệt), pending_publish (Sẵn sàng đăng).
The record lives in one JSON file in the repository's git folder (portal.json_store): never in
a commit, never published. The entry's text is on its branch (portal.git_store).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .json_store import changing_json, read_json

DRAFT, PENDING_REVIEW, PENDING_PUBLISH = "draft", "pending_review", "pending_publish"
STATUSES = (DRAFT, PENDING_REVIEW, PENDING_PUBLISH)
STATUS_NAMES = {DRAFT: "Nháp", PENDING_REVIEW: "Chờ duyệt", PENDING_PUBLISH: "Sẵn sàng đăng"}
MAX_NOTE = 4000  # characters of one note
MAX_NOTES = 200  # notes on one entry


@dataclass
class Note:
    id: str
    author: str  # the login of whoever wrote it, set by the server
    content: str
    timestamp: str  # ISO 8601
    resolved: bool = False


@dataclass
class EntryRecord:
    status: str
    owner: str  # the login that started the entry
    unit: str  # the unit the entry belongs to ("" for pages and documents)
    kind: str  # portal.roles kind
    notes: list[Note] = field(default_factory=list)


def new_note(author: str, content: str, now: dt.datetime) -> Note:
    return Note(secrets.token_hex(8), author, content[:MAX_NOTE], now.isoformat(timespec="seconds"))


class WorkflowStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def records(self) -> dict[str, EntryRecord]:
        return {branch: _record(entry) for branch, entry in read_json(self.path).get("entries", {}).items()}

    def get(self, branch: str) -> EntryRecord | None:
        return self.records().get(branch)

    def put(self, branch: str, record: EntryRecord) -> None:
        with changing_json(self.path) as data:
            data.setdefault("entries", {})[branch] = asdict(record)

    def forget(self, branch: str) -> None:
        with changing_json(self.path) as data:
            data.setdefault("entries", {}).pop(branch, None)


def _record(entry: dict[str, Any]) -> EntryRecord:
    notes = [Note(**note) for note in entry.get("notes", [])]
    return EntryRecord(entry["status"], entry["owner"], entry["unit"], entry["kind"], notes)

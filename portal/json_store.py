"""A small JSON record kept beside the content, never in it: read whole, changed under a lock,
written whole (a rename), so a reader never sees half a file and two writers never lose one
another's change. The shared editor's accounts and workflow records use it."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class JsonStoreError(Exception):
    """The file is there but cannot be read as the record it should be."""


def read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise JsonStoreError(f"không đọc được tệp {path}: {error}") from None
    if not isinstance(data, dict):
        raise JsonStoreError(f"tệp {path} không phải một bản ghi JSON")
    return data


@contextlib.contextmanager
def changing_json(path: Path) -> Iterator[dict[str, Any]]:
    """The record to change in place, written back when the block ends without an error; one
    writer at a time (a lock file beside it); readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        data = read_json(path)
        yield data
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                os.fchmod(out.fileno(), 0o600)
                json.dump(data, out, ensure_ascii=False, indent=1)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

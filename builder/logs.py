"""Console logging for tasks: warnings and errors only, as plain lines."""

import logging
import os


def quiet_pelican_logs() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as an editor reads it in a message: from the working folder when it is inside it
    (content/posts/tin.md), else whole (/tmp/ban-sao/posts/tin.md), never ../../ climbing up."""
    relative = os.path.relpath(path)
    return str(os.path.abspath(path)) if relative == ".." or relative.startswith(".." + os.sep) else relative

"""Content problems, reported to editors in Vietnamese as `path:line: message — fix`."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    fix: str = ""
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        label = "LỖI" if self.is_error else "CẢNH BÁO"
        text = f"{where}: {label}: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text


def summary_line(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} lỗi, {warnings} cảnh báo."


def format_problems(problems: list[Problem]) -> str:
    ordered = sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))
    return "\n".join([*map(str, ordered), summary_line(problems)])


class ContentError(Exception):
    """Raised to stop a build before anything is written."""

    exitcode = 1

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_problems(problems))

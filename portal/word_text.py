"""Text pasted from Word, rendered as the editor meant it, and every change said in a warning.

- Word's line break inside a paragraph (Shift+Enter) arrives as a vertical tab: it becomes a
  line break (`<br>`), never nothing, so "quý III\vdo đồng chí" does not glue two words.
- Bullet lines ("•", "–", "-", "+") right after a paragraph line are not a list to
  Python-Markdown, which runs them into the paragraph: "•" and "–" become "-", and a blank line
  is put before the first one, so they render as the list they look like.

The checker reports the warnings with the file's own line numbers; the Markdown reader renders
the converted body. Both call `fix_body` through `portal.posts.parse_header`.
"""

from __future__ import annotations

import re

from .problems import WARNING, Problem

WORD_LINE_BREAK = "\x0b"
_BULLET = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<mark>[•●▪◦·–+-])[ \t]+(?=\S)")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_ALREADY_A_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")


def fix_body(body: str, first_line: int, shown: str) -> tuple[str, list[Problem]]:
    """The body with Word's line breaks and bullet lines made Markdown, and a warning for each."""
    problems: list[Problem] = []
    output: list[str] = []
    fenced = False
    for number, raw in enumerate(body.split("\n"), start=first_line):
        if _FENCE.match(raw):
            fenced = not fenced
        line = raw.replace(WORD_LINE_BREAK, "<br>")
        if line != raw:
            problems.append(
                Problem(
                    shown,
                    number,
                    "có ký tự ngắt dòng của Word (Shift+Enter); đã đổi thành xuống dòng trong đoạn",
                    "không cần sửa; muốn tách thành đoạn mới thì để một dòng trống",
                    WARNING,
                )
            )
        bullet = None if fenced else _BULLET.match(line)
        if bullet is None:
            output.append(line)
            continue
        previous = output[-1] if output else ""
        after_paragraph = bool(previous.strip()) and not (
            _ALREADY_A_LIST.match(previous) or _BULLET.match(previous)
        )
        changes = []
        if bullet.group("mark") not in "-+":
            changes.append(f"dấu '{bullet.group('mark')}' đổi thành '-'")
        if after_paragraph:
            changes.append("thêm một dòng trống trước danh sách")
            output.append("")
        if changes:
            problems.append(
                Problem(
                    shown,
                    number,
                    "dòng gạch đầu dòng dán từ Word: " + ", ".join(changes) + " để hiện thành danh sách",
                    "sửa trong tệp như vậy để hết cảnh báo",
                    WARNING,
                )
            )
        output.append(bullet.group("indent") + "- " + line[bullet.end() :])
    return "\n".join(output), problems

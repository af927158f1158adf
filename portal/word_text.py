"""Text pasted from Word, rendered as the editor meant it, and every change said in a warning.

- Word's line break inside a paragraph (Shift+Enter) arrives as a vertical tab: it becomes a
  line break (`<br>`), never nothing, so "quý III\vdo đồng chí" does not glue two words.
- Bullet lines ("•", "–", "-", "+") right after a paragraph line are not a list to
  Python-Markdown, which runs them into the paragraph: "•" and "–" become "-", and a blank line
  is put before the first one, so they render as the list they look like.
- Word's list pasted into a rich-text box arrives as paragraphs starting with its bullet glyph
  and a run of spaces ("·        Lĩnh vực…", and "o   trong đó…" one level in): a list again,
  the "o" items nested in the item before them.

The checker reports the warnings with the file's own line numbers; the Markdown reader renders
the converted body. Both call `fix_body` through `portal.posts.parse_header`.
"""

from __future__ import annotations

import re

from .problems import WARNING, Problem

WORD_LINE_BREAK = "\x0b"
# Word pads its glyphs with no-break spaces (U+00A0) when its list is pasted: space enough too.
_BULLET = re.compile(
    r"^(?P<indent>[ \t]{0,3})(?P<mark>[•●▪◦·–+*-])(?:[ \t]+|(?<=[•●▪◦·–])[ \t\u00a0]+)(?=\S)"
)
# Word's own bullet glyphs followed by the spaces or tab it pads them with: "o" (its second
# level, in Courier New) and "§" (its third, in Wingdings) only so padded, never a word.
_WORD_GLYPH = re.compile(
    r"^(?P<indent>[ \t]{0,3})"
    r"(?:(?P<mark>[•●▪◦·§])[ \t\u00a0]+|(?P<sub>o)(?:\t|[ \u00a0]{2,})[ \t\u00a0]*)(?=\S)",
    re.M,
)
_NUMBER = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<mark>\d{1,9}[.)])[ \t]+(?=\S)")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_SINGLE_NEWLINE = re.compile(r"[^\n]\n[^\n]")  # two lines of one block: where Word's pasting shows
LONG_LINE = 60  # shorter lines are a hand-wrapped paragraph, not Word's paragraphs
# Python-Markdown runs a bulleted list and a numbered list that follow each other into one.
LIST_END = "<!-- hết danh sách -->"
# A line ending a sentence, then one starting a new one: two paragraphs in Word, one in Markdown.
_SENTENCE_END = re.compile(r"[.!?:;…)\]\"”]$")


def fix_body(body: str, first_line: int, shown: str) -> tuple[str, list[Problem]]:
    """The body with Word's line breaks, paragraphs and list lines made Markdown, a warning for each."""
    problems: list[Problem] = []
    glyphs = _WORD_GLYPH.search(body)
    if WORD_LINE_BREAK not in body and not _SINGLE_NEWLINE.search(body) and not glyphs:
        return body, problems  # paragraphs already apart, no Word line break: nothing to change
    output: list[str] = []
    fenced = in_list = list_numbered = False

    def warn(number: int, message: str) -> None:
        problems.append(Problem(shown, number, message, _FIX_SAID, WARNING))

    for number, raw in enumerate(body.split("\n"), start=first_line):
        if _FENCE.match(raw):
            fenced = not fenced
        line = raw.replace(WORD_LINE_BREAK, "<br>")
        line, nested = (line, False) if fenced else _from_word_glyph(line, output)
        said = [_LINE_BREAK_SAID] * (WORD_LINE_BREAK in raw) + [_SUB_ITEM_SAID] * nested
        problems += [Problem(shown, number, message, _FIX_SAID, WARNING) for message in said]
        if nested:
            in_list = True
            output.append(line)
            continue
        previous = output[-1] if output else ""
        marker = None if fenced else (_BULLET.match(line) or _NUMBER.match(line))
        if marker is None:
            if not line.strip():
                in_list = False
            elif in_list and not line.startswith((" ", "\t")):
                output.append("")
                in_list = False
                warn(number, "đoạn văn ngay sau danh sách (dán từ Word): đã thêm một dòng trống trước nó")
            elif previous.strip() and not in_list and not fenced and _new_paragraph(previous, line):
                output.append("")
                warn(number, "dòng này mở đầu một đoạn mới (dán từ Word): đã thêm một dòng trống trước nó")
            output.append(line)
            continue
        changes = []
        mark = marker.group("mark")
        if _BULLET.match(line) and mark not in "-+*":
            changes.append(f"dấu '{mark}' đổi thành '-'")
            line = marker.group("indent") + "- " + line[marker.end() :]
        numbered = bool(_NUMBER.match(line))
        if previous.strip() and not in_list:
            changes.append("thêm một dòng trống trước danh sách")
            output.append("")
        elif in_list and numbered != list_numbered:
            changes.append("tách khỏi danh sách phía trên")
            output += ["", LIST_END, ""]
        list_numbered = numbered
        if changes:
            warn(
                number,
                "dòng gạch đầu dòng hoặc đánh số dán từ Word: "
                + ", ".join(changes)
                + " để hiện thành danh sách",
            )
        in_list = True
        output.append(line)
    return "\n".join(output), problems


_FIX_SAID = "sửa như vậy trong nội dung bài để hết cảnh báo"
_LINE_BREAK_SAID = "có ký tự ngắt dòng của Word (Shift+Enter); đã đổi thành xuống dòng trong đoạn"
_SUB_ITEM_SAID = "dòng gạch đầu dòng cấp hai dán từ Word (dấu 'o'): đã đổi thành mục con của danh sách"


def _from_word_glyph(line: str, output: list[str]) -> tuple[str, bool]:
    """A line starting with Word's bullet glyph as a Markdown bullet line, and whether it is a
    sub-item (Word's "o", right after an item: nested in it); other lines as they are."""
    glyph = _WORD_GLYPH.match(line)
    if glyph is None:
        return line, False
    if glyph.group("sub"):
        return ("    - " + line[glyph.end() :], True) if output_has_item(output) else (line, False)
    if glyph.group("mark") == "§":
        return glyph.group("indent") + "• " + line[glyph.end() :], False
    return line, False


def output_has_item(output: list[str]) -> bool:
    """Whether the last paragraph written is a list item (blank lines before it allowed)."""
    last = next((line for line in reversed(output) if line.strip()), "")
    return bool(_BULLET.match(last) or _NUMBER.match(last) or last.startswith("    - "))


def _starts_a_sentence(line: str) -> bool:
    """A capital letter (Đ, Ă, Ơ, Ư… too) or an opening quote or bracket."""
    return line[:1].isupper() or line[:1] in '"“('


def _new_paragraph(previous: str, line: str) -> bool:
    """Two long lines where a sentence ends and another starts: Word's paragraph break."""
    if previous.endswith(("  ", "\\")):  # a line break the writer asked for (Shift+Enter)
        return False
    return (
        len(previous) > LONG_LINE
        and bool(_SENTENCE_END.search(previous.rstrip()))
        and _starts_a_sentence(line.lstrip())
    )

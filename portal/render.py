"""Markdown to the HTML a page shows: Python-Markdown with the site's options, bounded in time and
depth, then the sanitiser. The build's reader and the checker render with this one `Renderer`,
so the links the checker follows are the links the build will replace.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Collection
from typing import Any

from markdown import Markdown
from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

from .sanitize import clean_html

META_EXTENSION = "markdown.extensions.meta"
# A plan's `text:` is plain Markdown (no extensions), shown on the plan's text page.
PLAN_TEXT_SETTINGS: dict[str, Any] = {"MARKDOWN": {"output_format": "html"}}
RENDER_FIX = "chia nhỏ đoạn văn, bớt dấu ngoặc, thẻ HTML hoặc cấp lồng nhau"


class _LinkReader(LinkInlineProcessor):
    """Python-Markdown's own reading of `(…)` after `[text]` (spaces, nested parentheses, a
    title), used outside a rendering: nothing is stashed to put back."""

    def unescape(self, text: str) -> str:
        return text


_LINK_READER = _LinkReader(LINK_RE, Markdown())


def markdown_link_target(text: str, opening: int) -> str | None:
    """The address of the Markdown link whose `(` is at text[opening], as the renderer will read
    it (a file name with spaces whole), or None when Markdown makes no link there."""
    target, _, _, handled = _LINK_READER.getLink(text, opening)
    return target if handled else None


class RenderFailed(Exception):
    """A text Markdown could not render in bounds; the message is for the editor."""


class _TimeUp(Exception):
    pass


def bounded(seconds: float, render: Callable[[str], str], text: str) -> str:
    """render(text) within `seconds` (SIGALRM, so only on a main thread) and the stack's depth."""
    use_alarm = seconds > 0 and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if use_alarm:

        def expire(signum: int, frame: object) -> None:
            raise _TimeUp

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return render(text)
    except _TimeUp:
        raise RenderFailed(
            f"nội dung cần hơn {seconds:g} giây để dựng (thường do rất nhiều dấu '[' hoặc '<' trong một đoạn)"
        ) from None
    except RecursionError:
        raise RenderFailed("danh sách hoặc trích dẫn lồng nhau quá sâu") from None
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


class Renderer:
    """One Markdown instance for many texts (reset between them), from Pelican's MARKDOWN setting;
    the header is parsed by portal.posts, so the meta extension is left out."""

    def __init__(self, settings: dict[str, Any]) -> None:
        options = dict(settings.get("MARKDOWN", {}))
        configs = dict(options.get("extension_configs", {}))
        # As Pelican's MarkdownReader does: every configured extension is on, listed or not (it
        # adds them to the setting in place, when a build starts; `invoke check` alone never
        # builds, so the list is made here from the setting as written).
        extensions = list(options.get("extensions", []))
        extensions += [name for name in configs if name not in extensions]
        options["extensions"] = [e for e in extensions if e != META_EXTENSION]
        options["extension_configs"] = {k: v for k, v in configs.items() if k != META_EXTENSION}
        self._options = options
        self._markdown: Markdown | None = None
        self.time_limit: float = settings.get("MARKDOWN_TIME_LIMIT", 10)
        self.iframe_hosts: Collection[str] = settings.get("SAFE_HTML_IFRAME_HOSTS", ())

    def render(self, text: str) -> str:
        """Clean HTML of a Markdown text (RenderFailed when it cannot be rendered in bounds)."""
        if self._markdown is None:
            self._markdown = Markdown(**self._options)
        self._markdown.reset()
        html = bounded(self.time_limit, self._markdown.convert, text)
        return clean_html(html, self.iframe_hosts)

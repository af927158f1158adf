"""Jinja filters the theme uses: Vietnamese dates with no system locale, plan text."""

import re
from html import unescape
from urllib.parse import unquote, urlsplit

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from portal.activities import Activity
from portal.dates import iso_local, vn_date, vn_datetime, vn_long_date, vn_month
from portal.render import PLAN_TEXT_SETTINGS, Renderer
from portal.research import vnd
from portal.urls import activity_url

# Plan text: plain Markdown, bounded in time and depth and cleaned as posts are (plans are content).
PLAN_TEXT = Renderer(PLAN_TEXT_SETTINGS)


def markdown_to_html(text: str) -> Markup:
    """Markdown from a plan file, rendered as `invoke check` renders it (portal.render)."""
    return Markup(PLAN_TEXT.render(text))


_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>")  # linear: the closing ' /' is trimmed in Python
_SRC = re.compile(r'\bsrc="(?P<src>[^"]+)"')
# A post's text column is at most 45 rem wide (theme/static/css/site.css).
SIZES = "(max-width: 48rem) 100vw, 45rem"


@pass_context
def responsive(context: Context, html: str) -> Markup:
    """Every published picture in `html` with its width, height and smaller copies (srcset)."""
    pictures = context.get("pictures") or {}
    site = urlsplit(context.get("SITEURL", "")).path.rstrip("/")

    def rewrite(match: re.Match[str]) -> str:
        attrs = match.group("attrs").rstrip().removesuffix("/").rstrip()
        src = _SRC.search(attrs)
        path = unquote(urlsplit(unescape(src.group("src"))).path) if src else ""
        picture = pictures.get(path.removeprefix(site + "/").lstrip("/"))
        if picture is None or "srcset=" in attrs:
            return match.group()
        extra = (
            f' srcset="{picture.srcset(context.get("SITEURL", "") + "/")}" sizes="{SIZES}"'
            if (picture.variants)
            else ""
        )
        if "width=" not in attrs:
            extra += f' width="{picture.width}" height="{picture.height}"'
        return f'<img{attrs}{extra} loading="lazy" decoding="async">'

    return Markup(_IMG.sub(rewrite, str(html)))


@pass_context
def activity_address(context: Context, activity: Activity) -> str:
    """A public activity's page address (ACTIVITY_URL), site-relative."""
    return activity_url(
        activity, {"ACTIVITY_URL": context.get("ACTIVITY_URL", "hoat-dong/{date:%Y}/{slug}/")}
    )


# Where a reader sees a break between words though the HTML has no space: a line break, and the
# end or start of a block (paragraph, list item, heading, cell).
_WORD_BREAKS = re.compile(
    r"<(?:br|/?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|tr|td|th|figure|figcaption))\b[^>]*>",
    re.I,
)


def plain_text(html: str) -> str:
    """The text of a piece of HTML as a reader sees it, for a description, a listing or a share:
    Jinja's striptags, after each line break or block edge became a space ("dòng một<br>dòng
    hai" is "dòng một dòng hai", not "dòng mộtdòng hai")."""
    return Markup(_WORD_BREAKS.sub(" ", str(html))).striptags()


FILTERS = {
    "ngay": vn_date,
    "ngay_gio": vn_datetime,
    "ngay_van_ban": vn_long_date,
    "thang": vn_month,
    "iso": iso_local,
    "markdown": markdown_to_html,
    "responsive": responsive,
    "activity_url": activity_address,
    "plain_text": plain_text,
    "vnd": vnd,
}

"""Jinja filters the theme uses: Vietnamese dates with no system locale, plan text."""

import markdown
from markupsafe import Markup

from portal.dates import iso_local, vn_date, vn_datetime, vn_long_date, vn_month
from portal.sanitize import clean_html


def markdown_to_html(text: str) -> Markup:
    """Markdown from a plan file, cleaned by the same allowlist as posts: plans are content too."""
    return Markup(clean_html(markdown.markdown(text, output_format="html")))


FILTERS = {
    "ngay": vn_date,
    "ngay_gio": vn_datetime,
    "ngay_van_ban": vn_long_date,
    "thang": vn_month,
    "iso": iso_local,
    "markdown": markdown_to_html,
}

"""What may reach a page or feed: no control characters, only allowlisted HTML."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from html import escape
from urllib.parse import quote, urlsplit

import nh3

# C0/C1 controls except tab and newline, lone surrogates, the two non-characters XML 1.0
# forbids (Word pastes \x0b, vertical tab, and \x01 into text), and the bidirectional
# embeddings, overrides and isolates that can show a title or a table in another order.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "iframe": {"src", "title", "width", "height", "allowfullscreen"},
    "*": {"id", "class", "lang"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# What a URL path, query or fragment may hold as it is (RFC 3986 pchar and '/', '?'); anything
# else, a quote, '<', a space or a Vietnamese letter, is percent-encoded.
_PATH_SAFE = "/!$&()*+,;=:@"
_PART_SAFE = _PATH_SAFE + "?%"
_STRAY_PERCENT = re.compile("%(?![0-9A-Fa-f]{2})")


def attribute_address(path: str, query: str = "", fragment: str = "") -> str:
    """An address to write between the quotes of an HTML attribute: `path` as a file is named
    (every character that is not plain in a URL percent-encoded, '%' included), `query` and
    `fragment` as written (their valid %XX kept), then HTML-escaped, so no value of any part can
    end the attribute or start markup."""
    address = quote(path, safe=_PATH_SAFE)
    if query:
        address += "?" + quote(_STRAY_PERCENT.sub("%25", query), safe=_PART_SAFE)
    if fragment:
        address += "#" + quote(_STRAY_PERCENT.sub("%25", fragment), safe=_PART_SAFE)
    return escape(address, quote=True)


def find_control_characters(text: str) -> list[tuple[int, str]]:
    """(line, character) of every control character, for the checker's warnings."""
    found = []
    for match in CONTROL_CHARACTERS.finditer(text):
        found.append((text.count("\n", 0, match.start()) + 1, match.group()))
    return found


def strip_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def is_external(url: str) -> bool:
    """A URL the browser would fetch from another site (scheme or `//host`; browsers read a
    backslash as `/`, so `/` + backslash + `evil.example/` is another site too)."""
    parts = urlsplit(url.strip().replace("\\", "/"))
    return bool(parts.scheme or parts.netloc)


def iframe_allowed(url: str, iframe_hosts: Iterable[str]) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme == "https" and (parts.hostname or "").lower() in {h.lower() for h in iframe_hosts}


def content_security_policy(iframe_hosts: Collection[str] = ()) -> str:
    """The site's CSP: only its own files, plus frames from exactly the hosts the sanitiser keeps."""
    frames = " ".join(f"https://{h.lower()}" for h in sorted(iframe_hosts)) if iframe_hosts else "'none'"
    return (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
        f"img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; "
        f"frame-src {frames}; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'self'"
    )


_ADDRESS_ATTRIBUTES = {"href", "src", "cite"}
_URL_SPACE = re.compile(r"[ \t\n\r\f]")


def as_browsers_read(address: str) -> str:
    """An address as a browser reads it, written validly: spaces around it dropped, tabs and line
    breaks in it removed, a space in it percent-encoded (`[tệp](/files/Quyết định.pdf)` gives
    `/files/Quyết%20định.pdf`, the file a browser fetches, and HTML a checker accepts)."""
    kept = address.strip(" \t\n\r\f")
    if not _URL_SPACE.search(kept):
        return kept
    return re.sub(r"[\t\n\r]", "", kept).replace(" ", "%20").replace("\f", "%0C")


def clean_html(html: str, iframe_hosts: Collection[str] = ()) -> str:
    """Allowlisted HTML; images only from the site itself and frames only from iframe_hosts,
    as the Content-Security-Policy (content_security_policy) lets browsers load."""
    tags = set(ALLOWED_TAGS)
    if iframe_hosts:
        tags.add("iframe")

    def keep_attribute(element: str, attribute: str, value: str) -> str | None:
        if attribute in _ADDRESS_ATTRIBUTES:
            value = as_browsers_read(value)
        if element == "iframe" and attribute == "src":
            return value if iframe_allowed(value, iframe_hosts) else None
        if element == "img" and attribute == "src":
            return None if is_external(value) else value
        return value

    return nh3.clean(
        strip_control_characters(html),
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=keep_attribute,
    )

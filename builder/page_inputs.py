"""What a post's page is given, as plain values to fingerprint (plugins/page_cache): every
attribute of the post, whoever set it (a header key, the site model, a plugin), and of what it
links to, taken by the type of each value, never by its name, so a value a template starts to
show is an input of the page without being listed anywhere.

By type:
- the post itself: every attribute but its generator's context and the settings (both in the
  shared part of the fingerprint);
- another post or page it links (a neighbour, a related post, a document's, task's or
  activity's page): every attribute too, its body included, but what that one links in turn
  by address only;
- a URL wrapper (a plan, an item, a category): its class, name, address and plain values; what
  it lists is its own page's, and every field of every plan is in the shared part;
- a dataclass (a unit, a featured picture, an attachment, a document's fields): every field;
- lists, dicts, dates and plain values as they are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

_SKIPPED = {"_context", "settings"}  # the generator's context and the settings: the shared part
_DEEPEST = 24  # a guard only: the values a post holds are a few levels deep


_COMPOSITE = object()


@dataclasses.dataclass(frozen=True)
class _Where:
    """How far a value is from the page's post: posts crossed (0: the post itself), levels
    nested, and the objects on the way (a value met again on its own way is a loop)."""

    posts: int
    depth: int
    path: frozenset[int]

    def inside(self, owner: Any) -> _Where:
        return _Where(self.posts, self.depth + 1, self.path | {id(owner)})

    def into_post(self) -> _Where:
        return _Where(self.posts + 1, self.depth, self.path)


def _plain(value: Any) -> Any:
    """A plain value as it is (dates as ISO text, bytes as their hash); _COMPOSITE otherwise."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return _COMPOSITE


class PageInputs:
    """One run's reading of pages' inputs; what it read of a linked post, a wrapper or a
    dataclass is kept for the next page that links the same one."""

    def __init__(self) -> None:
        self._kept: dict[int, Any] = {}
        self._keep_alive: list[Any] = []  # an id stays unique while its object lives

    def of(self, article: Any) -> Any:
        return self._value(article, _Where(0, 0, frozenset()))

    def _value(self, value: Any, where: _Where) -> Any:
        plain = _plain(value)
        if plain is not _COMPOSITE:
            return plain
        if where.depth > _DEEPEST or id(value) in where.path:
            return type(value).__name__
        if isinstance(value, Content):
            return self._post(value, where)
        if isinstance(value, URLWrapper):
            return self._kept_value(value, lambda: self._wrapper(value))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            return self._kept_value(value, lambda: self._fields(value, fields, where))
        return self._container(value, where)

    def _post(self, post: Content, where: _Where) -> Any:
        """The page's own post whole; a post it links whole too; what that one links, by address."""
        if where.posts == 0:
            return self._fields(post, vars(post), where.into_post())
        if where.posts == 1:
            return self._kept_value(post, lambda: ["post", self._fields(post, vars(post), where.into_post())])
        return ["post", post.url]

    def _container(self, value: Any, where: _Where) -> Any:
        inner = where.inside(value)
        if isinstance(value, Mapping):
            found: Any = self._fields(value, value, where)
        elif isinstance(value, (list, tuple)):
            found = [self._value(v, inner) for v in value]
        elif isinstance(value, (set, frozenset)):
            found = sorted((self._value(v, inner) for v in value), key=repr)
        elif hasattr(value, "__dict__"):
            found = self._fields(value, vars(value), where)
        else:
            found = type(value).__name__
        return found

    def _fields(self, owner: Any, fields: Mapping[Any, Any], where: _Where) -> Any:
        inner = where.inside(owner)
        return [
            type(owner).__name__,
            sorted(
                ([str(k), self._value(v, inner)] for k, v in fields.items() if k not in _SKIPPED),
                key=lambda kv: kv[0],
            ),
        ]

    def _wrapper(self, wrapper: URLWrapper) -> Any:
        plain = sorted(
            [k, v]
            for k, v in vars(wrapper).items()
            if k not in _SKIPPED and (v is None or isinstance(v, (bool, int, float, str)))
        )
        return ["wrapper", type(wrapper).__name__, str(wrapper), wrapper.url, plain]

    def _kept_value(self, value: Any, make: Any) -> Any:
        """What `make` reads of a value many pages link, kept as its hash: read and written once."""
        key = id(value)
        if key not in self._kept:
            made = json.dumps(make(), ensure_ascii=False, separators=(",", ":"))
            self._kept[key] = hashlib.sha256(made.encode()).hexdigest()
            self._keep_alive.append(value)
        return self._kept[key]

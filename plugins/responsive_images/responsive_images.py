"""Responsive pictures: every published picture checked, upright, without its metadata, and in
smaller WebP copies, with the attributes that let a page use them.

Each picture under STATIC_PATHS is prepared once per content (`portal.images.prepare`, cached in
the folder `invoke check` fills first, so a build rarely decodes anything). Hands templates
`pictures`, each published picture's `portal.images.Picture` by address, which the theme's
`responsive` filter uses to give every `<img>` of a post its width, height, `srcset` and `sizes`;
and gives every post with an `Image:` header its `featured` (`portal.images.Featured`: the picture
and its `Image_alt:`), shown on the post, as a listing thumbnail and in Open Graph. After writing,
each picture's published copy (metadata removed) replaces the file Pelican copied, and the smaller
copies are put beside it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pelican import signals

from builder.logs import shown_path
from builder.output import previewing
from portal.body import featured_image_path
from portal.images import (
    Featured,
    Picture,
    Prepared,
    is_picture,
    kind_of,
    name_problem,
    picture_cache,
    prepare,
    publish,
)
from portal.problems import ContentError, Problem
from portal.safe_writes import read_regular

# What this plugin hands on (context keys; attributes, with a dot, it sets on content and
# pages) and what of other plugins' it reads: tests/test_plugin_data.py holds both to the code.
PROVIDES = frozenset({".featured", "pictures"})
USES: frozenset[str] = frozenset()


class _Run:
    """This run's pictures: by address, what pages show and what was prepared; reset every run."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.pictures: dict[str, Picture] = {}
        self.prepared: dict[str, tuple[Prepared, str, str]] = {}  # by address: (prepared, save_as, source)
        self.cache: Path | None = None


_run = _Run()


def describe_pictures(generators: Any) -> None:
    _run.reset()
    context = None
    problems = []
    for generator in generators:
        context = generator.context
        _run.cache = picture_cache(generator.settings)
        for static in getattr(generator, "staticfiles", []):
            if not is_picture(static.source_path):
                continue
            data = read_regular(generator.settings["PATH"], static.relative_source_path)
            prepared = prepare(data, kind_of(static.source_path), _run.cache)
            problem = prepared.problem or name_problem(static.relative_source_path)
            if problem:  # the checker names it first; here only if it could not
                problems.append(Problem(shown_path(static.source_path), None, *problem))
                continue
            _run.prepared[static.url] = (prepared, static.save_as, static.source_path)
            _run.pictures[static.url] = prepared.picture(static.url)
    if problems:
        raise ContentError(problems)
    published = {
        url for generator in generators for url in (s.url for s in getattr(generator, "staticfiles", []))
    }
    for url, picture in list(_run.pictures.items()):
        if any(variant in published for variant, _ in picture.variants):  # never over an editor's file
            _run.pictures[url] = replace(picture, variants=())
            prepared, save_as, source = _run.prepared[url]
            _run.prepared[url] = (replace(prepared, widths=()), save_as, source)
    if context is not None:
        context["pictures"] = _run.pictures
        for post in [*context.get("articles", []), *context.get("hidden_articles", [])]:
            image = getattr(post, "image", None)
            shown = _run.pictures.get(featured_image_path(image)) if image else None
            post.featured = Featured(shown, getattr(post, "image_alt", "")) if shown else None


def write_copies(pelican: Any) -> None:
    if previewing(pelican.settings) or _run.cache is None:  # None: no picture this run
        return  # a preview writes pages only; the pictures are in the site already
    for prepared, save_as, source in _run.prepared.values():
        try:
            publish(prepared, _run.cache, Path(pelican.output_path), save_as)
        except OSError as error:
            message = f"không ghi được ảnh vào trang ({error.strerror})"
            raise ContentError([Problem(shown_path(source), None, message, "báo nhóm kỹ thuật")]) from error


def register() -> None:
    signals.all_generators_finalized.connect(describe_pictures)
    signals.finalized.connect(write_copies)

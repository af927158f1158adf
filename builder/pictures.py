"""The pictures of the site model: every published picture checked, upright, without its
metadata, and in smaller WebP copies (`portal.images.prepare`, cached in the folder `invoke check`
fills first, so a build rarely decodes anything), described once every generator has its files
(builder.site_model).

In the context: `pictures`, each published picture's `portal.images.Picture` by address, which
the theme's `responsive` filter uses to give every `<img>` of a post its width, height, `srcset`
and `sizes`. On every post with an `Image:` header, `featured` (`portal.images.Featured`: the
picture and its `Image_alt:`), shown on the post, as a listing thumbnail and in Open Graph.
Plugins read them with `pictures(context)` and `featured(post)`; `prepared_pictures()` names
what plugins/responsive_images writes after the pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from builder.logs import shown_path
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
)
from portal.problems import ContentError, Problem
from portal.safe_writes import read_regular


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
    """Every published picture prepared and described, and each post's featured one."""
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


def pictures(context: Mapping[str, Any]) -> dict[str, Picture]:
    """The run's published pictures by address (the site model's)."""
    found: dict[str, Picture] = context.get("pictures", {})
    return found


def featured(post: Any) -> Featured | None:
    """The post's featured picture, if its `Image:` names a published one (the site model's)."""
    found: Featured | None = getattr(post, "featured", None)
    return found


def prepared_pictures() -> tuple[Path | None, list[tuple[Prepared, str, str]]]:
    """This run's picture cache folder (None: no picture) and each picture to publish: what
    was prepared, where it is saved in the site, its source."""
    return _run.cache, list(_run.prepared.values())

"""Responsive pictures: smaller WebP copies of every published picture, and the attributes
that let a page use them.

Hands templates `pictures`, each published picture's `portal.images.Picture`
by address, which the theme's `responsive` filter uses to give every `<img>`
of a post its width, height, `srcset` and `sizes`; and gives every post with an
`Image:` header its `featured` (`portal.images.Featured`: the picture and its
`Image_alt:`), shown on the post, as a listing thumbnail and in Open Graph. After writing, the copies
are put beside the pictures in the output, made once per picture content and
kept under CACHE_PATH/pictures.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pelican import signals

from builder.output import previewing
from portal.body import featured_image_path
from portal.images import Featured, Picture, describe, write_variants


class _Run:
    """This run's pictures and where they came from; reset at every run."""

    def __init__(self):
        self.pictures: dict[str, Picture] = {}
        self.sources: dict[str, Path] = {}


_run = _Run()


def describe_pictures(generators):
    _run.__init__()
    context = None
    for generator in generators:
        context = generator.context
        for static in getattr(generator, "staticfiles", []):
            picture = describe(static.url, Path(static.source_path))
            if picture:
                _run.pictures[static.url] = picture
                _run.sources[static.url] = Path(static.source_path)
    published = {
        url for generator in generators for url in (s.url for s in getattr(generator, "staticfiles", []))
    }
    for url, picture in list(_run.pictures.items()):
        if any(variant in published for variant, _ in picture.variants):  # never over an editor's file
            _run.pictures[url] = replace(picture, variants=())
    if context is not None:
        context["pictures"] = _run.pictures
        for post in [*context.get("articles", []), *context.get("hidden_articles", [])]:
            image = getattr(post, "image", None)
            picture = _run.pictures.get(featured_image_path(image)) if image else None
            post.featured = Featured(picture, getattr(post, "image_alt", "")) if picture else None


def write_copies(pelican):
    if previewing(pelican.settings):
        return  # a preview writes pages only; the copies are in the site already
    cache = Path(pelican.settings["CACHE_PATH"]) / "pictures"
    for url, picture in _run.pictures.items():
        write_variants(picture, _run.sources[url], Path(pelican.output_path), cache)


def register():
    signals.all_generators_finalized.connect(describe_pictures)
    signals.finalized.connect(write_copies)

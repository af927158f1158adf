"""The documents of the site model: a page per document of the library (portal.documents), read
with Pelican's readers as posts are (the same safe Markdown and `{static}` links), attached to
the posts and plans that name them once Pelican has read the posts (builder.site_model).

In the context: `documents`, `DocumentPage`s newest first, each with its `document` (all
fields), `files` (as the theme shows attachments), `articles` (published posts that name it,
newest first), `replaced_by` and `plan`; `document_facets`, per filter (type, issuer, field,
year) its values, each with exactly its documents; `document_facet_labels`. On every post,
`article.documents`; on a plan whose number is a document, `plan.document`. Plugins read them
with `documents(context)` and `document_facets(context)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from builder.links import SafeLinks, link_posts, read_page
from builder.output import download
from builder.plans import plans
from portal.checker import ContentCheck
from portal.documents import FACETS, facets, number_key, search_forms
from portal.urls import document_filter_url, document_url, url_setting


class DocumentPage(SafeLinks):
    """A document's own page; its address comes from DOCUMENT_URL."""

    mandatory_properties = ("title",)
    default_template = "document"


class FilterPage:
    """One filter value of a library (a document's type, issuer, field or year; a task's level,
    field, status or year) and the page listing exactly its entries."""

    def __init__(self, facet: Any, label: str, entries: list[Any], url: str, save_as: str) -> None:
        self.kind, self.value, self.slug, self.label = facet.kind, facet.value, facet.slug, label
        self.entries = entries
        self.count = len(entries)
        self.url, self.save_as = url, save_as


def documents(context: Mapping[str, Any]) -> list[DocumentPage]:
    """The run's document pages, newest first (the site model's)."""
    found: list[DocumentPage] = context.get("documents", [])
    return found


def document_facets(context: Mapping[str, Any]) -> dict[str, list[FilterPage]]:
    found: dict[str, list[FilterPage]] = context.get("document_facets", {})
    return found


def attach_documents(check: ContentCheck, generator: Any) -> None:
    """Every document's page into the context, and onto the posts and plans that name it.
    `generator` is Pelican's articles generator, whose readers read the documents."""
    context, settings = generator.context, generator.settings
    pages: list[DocumentPage] = []
    by_key: dict[str, DocumentPage] = {}
    for document in check.documents.documents:  # newest first
        page = read_page(generator, document.path, DocumentPage)
        page.document = document
        page.override_url = document_url(document, settings)
        page.override_save_as = url_setting(settings, "DOCUMENT_SAVE_AS").format(
            year=document.year, slug=document.slug
        )
        page.files = [download(generator.path, relative, settings["SITEURL"]) for relative in document.files]
        page.search_forms = search_forms(document.number)
        page.articles = []
        page.plan = None
        pages.append(page)
        by_key[document.key] = page
    for page in pages:
        replaced = page.document.replaced_by
        page.replaced_by = by_key.get(number_key(replaced)) if replaced else None

    def named_by(article: Any) -> list[DocumentPage]:
        post = check.post_at(article.source_path)
        return [by_key[number_key(n)] for n in (post.documents if post else ())]

    link_posts(context, "documents", named_by)
    for plan in plans(context):
        plan.document = by_key.get(number_key(plan.data.id))
        if plan.document:
            plan.document.plan = plan
    pages_of = {id(p.document): p for p in pages}
    labels = dict(FACETS)
    context["documents"] = pages
    context["document_facets"] = {
        kind: [
            FilterPage(
                facet,
                labels[kind],
                [pages_of[id(d)] for d in facet.documents],
                document_filter_url(facet.kind, facet.slug, settings),
                url_setting(settings, "DOCUMENTFILTER_SAVE_AS").format(kind=facet.kind, slug=facet.slug),
            )
            for facet in values
        ]
        for kind, values in facets([p.document for p in pages]).items()
    }
    context["document_facet_labels"] = labels

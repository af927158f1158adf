"""Official documents (văn bản): a library page with filters, a page per document, posts ↔ documents.

Reads `content/van-ban/*.md` (DOCUMENT_PATHS) with Pelican's readers, so a
document's notes go through the same safe Markdown reader and `{static}`
links as posts; every field comes from the checker's `portal.documents.Document`.
Adds:
- `documents` in the template context: `DocumentPage`s, newest first, each
  with its `document` (all fields), `files` (address, name, kind, size, shown
  as the theme shows attachments) and
  `articles` (published posts that name it, newest first);
- `article.documents` on every post: the pages of the documents its
  `Documents:` line names; `plan.document` on a plan whose number is a document;
- `document_facets`: per filter (type, issuer, field, year) its values, each a
  page listing exactly its documents, so filters work without JavaScript;
- pages: the library (DOCUMENTS_URL, paginated like news), one per filter
  value (DOCUMENTFILTER_URL), one per document (DOCUMENT_URL).
Settings (defaults set in `initialized`): DOCUMENT_PATHS, DOCUMENTS_URL/_SAVE_AS,
DOCUMENT_URL/_SAVE_AS (`{year}`, `{slug}`), DOCUMENTFILTER_URL/_SAVE_AS
(`{kind}`, `{slug}`), DOCUMENT_TYPES (portal.documents.DEFAULT_TYPES).
"""

from __future__ import annotations

import os
from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.links import SafeLinks
from builder.output import Download, download
from builder.plans import plans
from builder.site_model import site_model
from portal.documents import DEFAULT_TYPES, FACETS, facets, number_key, search_forms
from portal.urls import document_filter_url, document_url

# What this plugin hands on (context keys; attributes, with a dot, it sets on content and
# pages) and what of other plugins' it reads: tests/test_plugin_data.py holds both to the code.
PROVIDES = frozenset(
    {
        ".document",
        ".documents",
        ".files",
        ".plan",
        ".replaced_by",
        ".search_forms",
        "document_facet_labels",
        "document_facets",
        "documents",
    }
)
USES: frozenset[str] = frozenset()

DEFAULTS = {
    "DOCUMENT_PATHS": ["van-ban"],
    "DOCUMENT_TYPES": list(DEFAULT_TYPES),
    "DOCUMENTS_URL": "van-ban/",
    "DOCUMENTS_SAVE_AS": "van-ban/index.html",
    "DOCUMENT_URL": "van-ban/{year}/{slug}/",
    "DOCUMENT_SAVE_AS": "van-ban/{year}/{slug}/index.html",
    "DOCUMENTFILTER_URL": "van-ban/{kind}/{slug}/",
    "DOCUMENTFILTER_SAVE_AS": "van-ban/{kind}/{slug}/index.html",
}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


class DocumentPage(SafeLinks):
    """A document's own page; its address comes from DOCUMENT_URL, set by the generator."""

    mandatory_properties = ("title",)
    default_template = "document"


class FacetPage:
    """One filter value (a type, an issuer, a field, a year) and the page listing its documents."""

    def __init__(self, facet: Any, label: str, pages: list[DocumentPage], settings: Any) -> None:
        self.kind, self.value, self.slug, self.label = facet.kind, facet.value, facet.slug, label
        self.documents = pages
        self.count = len(pages)
        self.url = document_filter_url(facet.kind, facet.slug, settings)
        self.save_as = settings["DOCUMENTFILTER_SAVE_AS"].format(kind=facet.kind, slug=facet.slug)


class DocumentsGenerator(Generator):
    def generate_context(self) -> None:
        check = site_model(self.context)
        settings = self.settings
        self.pages: list[DocumentPage] = []
        by_key: dict[str, DocumentPage] = {}
        for document in check.documents.documents:  # newest first
            page = self.readers.read_file(
                base_path=self.path,
                path=os.path.relpath(document.path, self.path),
                content_class=DocumentPage,
                context=self.context,
            )
            self.add_source_path(page)  # {filename} links to a document lead to its page
            page.document = document
            page.override_url = document_url(document, settings)
            page.override_save_as = settings["DOCUMENT_SAVE_AS"].format(
                year=document.year, slug=document.slug
            )
            page.files = [self.file(relative) for relative in document.files]
            page.search_forms = search_forms(document.number)
            page.articles = []
            page.plan = None
            self.pages.append(page)
            by_key[document.key] = page
        for page in self.pages:
            replaced = page.document.replaced_by
            page.replaced_by = by_key.get(number_key(replaced)) if replaced else None
        for key in ("articles", "hidden_articles"):
            for article in self.context.get(key, []):  # published ones newest first
                post = check.post_at(article.source_path)
                article.documents = [by_key[number_key(n)] for n in (post.documents if post else ())]
                if key == "articles":
                    for page in article.documents:
                        page.articles.append(article)
        for plan in plans(self.context):
            plan.document = by_key.get(number_key(plan.data.id))
            if plan.document:
                plan.document.plan = plan
        pages_of = {id(p.document): p for p in self.pages}
        labels = dict(FACETS)
        self.facets = {
            kind: [
                FacetPage(facet, labels[kind], [pages_of[id(d)] for d in facet.documents], settings)
                for facet in values
            ]
            for kind, values in facets([p.document for p in self.pages]).items()
        }
        self.context["documents"] = self.pages
        self.context["document_facets"] = self.facets
        self.context["document_facet_labels"] = labels

    def file(self, relative: str) -> Download:
        """A document's file as its download line shows it; files/ is published byte for byte."""
        return download(self.path, relative, self.settings["SITEURL"])

    def generate_output(self, writer: Any) -> None:
        settings = self.settings
        listing = self.get_template("documents")
        common = {"relative_urls": settings["RELATIVE_URLS"], "template_name": "documents"}
        writer.write_file(
            settings["DOCUMENTS_SAVE_AS"],
            listing,
            self.context,
            paginated={"documents": self.pages},
            url=settings["DOCUMENTS_URL"],
            facet=None,
            **common,
        )
        for values in self.facets.values():
            for facet in values:
                writer.write_file(
                    facet.save_as,
                    listing,
                    self.context,
                    paginated={"documents": facet.documents},
                    url=facet.url,
                    facet=facet,
                    **common,
                )
        template = self.get_template("document")
        for page in self.pages:
            writer.write_file(
                page.save_as,
                template,
                self.context,
                document=page,
                url=page.url,
                relative_urls=settings["RELATIVE_URLS"],
            )


def get_generators(pelican: Any) -> type[Any]:
    return DocumentsGenerator


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.get_generators.connect(get_generators)

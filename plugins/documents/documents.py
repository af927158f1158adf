"""The document library's pages (văn bản), from the site model's documents (builder.documents).

Pages: the library (DOCUMENTS_URL, paginated like news), one per filter value
(DOCUMENTFILTER_URL), one per document (DOCUMENT_URL), so filters work without JavaScript.
Settings (defaults set in `initialized`): DOCUMENT_PATHS, DOCUMENTS_URL/_SAVE_AS,
DOCUMENT_URL/_SAVE_AS (`{year}`, `{slug}`), DOCUMENTFILTER_URL/_SAVE_AS
(`{kind}`, `{slug}`), DOCUMENT_TYPES (portal.documents.DEFAULT_TYPES).
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.generators import Generator

from builder.documents import document_facets, documents
from portal.documents import DEFAULT_TYPES
from portal.folders import FOLDER_DEFAULTS
from portal.urls import URL_DEFAULTS

# What this plugin hands on to templates (context keys; attributes, with a dot, it sets on its
# pages), held to the code by tests/test_plugin_data.py, which also sees that it reads no other
# plugin's: what plugins share is the site model's (builder.site_model).
PROVIDES: frozenset[str] = frozenset()

DEFAULTS = {
    "DOCUMENT_PATHS": list(FOLDER_DEFAULTS["DOCUMENT_PATHS"]),
    "DOCUMENT_TYPES": list(DEFAULT_TYPES),
    **{key: value for key, value in URL_DEFAULTS.items() if key.startswith("DOCUMENT")},
}


def set_defaults(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


class DocumentsGenerator(Generator):
    def generate_context(self) -> None:
        self.pages = documents(self.context)
        self.facets = document_facets(self.context)

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
                    paginated={"documents": facet.entries},
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

"""Safe post HTML: control characters pasted from Word removed, bodies sanitised with nh3.

Replaces Pelican's Markdown reader with one that strips characters XML 1.0
and browsers choke on (the checker warns about each, with its line), then
cleans the rendered body and summary against an allowlist fit for news:
no `<script>`, `<style>`, event handlers or `javascript:` URLs; `<iframe>`
only from the hosts in SAFE_HTML_IFRAME_HOSTS (default: none).
"""

from __future__ import annotations

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader

from portal.sanitize import clean_html, strip_control_characters


class CleanMarkdownReader(MarkdownReader):
    def read(self, source_path):
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        with open(source_path, encoding="utf-8-sig") as handle:
            text = strip_control_characters(handle.read())
        hosts = self.settings.get("SAFE_HTML_IFRAME_HOSTS", ())
        content = clean_html(self._md.convert(text), hosts)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        if "summary" in metadata:
            metadata["summary"] = clean_html(metadata["summary"], hosts)
        return content, metadata


def use_clean_reader(readers):
    for extension in CleanMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = CleanMarkdownReader


def register():
    signals.readers_init.connect(use_clean_reader)

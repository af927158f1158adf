"""The same posts as a Hugo site: front matter converted, minimal templates, same URLs."""

import shutil
from pathlib import Path

LAYOUT = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>"""
SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Date.Format "02/01/2006" }}</p>
{{ .Content }}</article>{{ end }}"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }}</li>{{ end }}</ul>{{ end }}"""  # noqa: E501
CONFIG = """baseURL = "https://example.invalid/"
languageCode = "vi"
title = "Bench"
timeZone = "Asia/Ho_Chi_Minh"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[pagination]
pagerSize = 10
[permalinks]
posts = "/tin-tuc/:year/:slug/"
"""


def toml_string(value: str) -> str:
    return '"' + value.replace("\\\\", "\\\\\\\\").replace('"', '\\\\"') + '"'


def convert(corpus: Path, site: Path) -> Path:
    """Write a Hugo site for the corpus once; later calls reuse it."""
    marker = site / ".complete"
    if marker.exists() and marker.read_text() == str(corpus):
        return site
    shutil.rmtree(site, ignore_errors=True)
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    for name, text in (("baseof.html", LAYOUT), ("single.html", SINGLE), ("list.html", LIST)):
        path = site / "layouts" / "_default" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for source in sorted((corpus / "posts").glob("*.md")):
        header, _, body = source.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in header.splitlines())
        date = meta["Date"].replace(" ", "T") + ":00+07:00"
        front = [f"title = {toml_string(meta['Title'])}", f"date = {date}"]
        if meta.get("Status") == "draft":
            front.append("draft = true")
        (posts / source.name).write_text("+++\n" + "\n".join(front) + "\n+++\n\n" + body, encoding="utf-8")
    marker.write_text(str(corpus))
    return site

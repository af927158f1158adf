"""The fast paths change nothing: parallel rendering, the content cache and reused post pages
give a site byte-identical to a plain serial cold build."""

import sys

import pytest
from conftest import ROOT, build, snapshot

from builder.signals import page_cache_run

sys.path.insert(0, str(ROOT / "bench"))
from generate_corpus import generate

SERIAL_COLD = {"MARKDOWN_WORKERS": 1, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}


class PageCacheRuns:
    """What plugins/page_cache reports on builder.signals.page_cache_run for the last build."""

    def __init__(self):
        self.last = {"reused": 0, "rendered": 0}
        page_cache_run.connect(self.record)

    def record(self, counts):
        self.last = counts

    def __getitem__(self, key):
        return self.last[key]


@pytest.mark.slow
def test_fast_builds_equal_a_serial_cold_build(tmp_path):
    runs = PageCacheRuns()
    corpus = generate(90, tmp_path / "corpus", seed=7)  # enough posts for the worker pool
    fast = {"MARKDOWN_WORKERS": 2, "CACHE_PATH": str(tmp_path / "cache")}
    reference = snapshot(build(corpus, tmp_path / "reference", **SERIAL_COLD))
    assert snapshot(build(corpus, tmp_path / "fast", **fast)) == reference
    assert runs["reused"] == 0

    post = sorted((corpus / "posts").iterdir())[40]
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("Title: ", "Title: Đã sửa: ", 1) + "\nMột đoạn mới.\n", encoding="utf-8")
    reference = snapshot(build(corpus, tmp_path / "reference-2", **SERIAL_COLD))
    rebuilt = snapshot(build(corpus, tmp_path / "fast", **fast))
    assert rebuilt.keys() == reference.keys()
    assert [name for name in reference if rebuilt[name] != reference[name]] == []
    # The edited post, its neighbours and the posts listing it as related were rendered again;
    # every other post page was taken from the previous build.
    assert runs["reused"] > 50
    assert 1 <= runs["rendered"] < 30

    unchanged = snapshot(build(corpus, tmp_path / "fast", **fast))
    assert unchanged == reference and runs["rendered"] == 0


@pytest.mark.slow
def test_reused_pages_follow_every_plan_setting_and_template_edit(content, tmp_path):
    """A rebuild after editing a document, a unit name, an item title, a form name, a setting or a template
    equals a cold serial build: whatever a page shows is in its fingerprint."""
    import shutil

    from builder.settings import load_settings

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    plan = content.path / "plans" / "118-KH-KHCN-2020.yml"
    for number in range(12):
        content.post(
            f"p{number}",
            Title=f"Tin số {number}",
            Date=f"2020-03-{number + 1:02d} 08:00",
            Items=str(number % 7 + 1),
            Unit="van-phong",
            Form="hoi-nghi-giao-ban",
        )
    (content.path / "files").mkdir()
    (content.path / "files" / "qd-1.pdf").write_bytes(b"%PDF-1.4 mau")
    document = content.write(
        "van-ban/qd-1.md",
        """\
        Number: 1/QĐ-KHCN
        Type: Quyết định
        Issuer: Sở Khoa học và Công nghệ tỉnh Sơn La
        Signed: 2020-02-20
        Effective: 2020-02-20
        Title: Thành lập tổ tuyên truyền cải cách hành chính
        Files: qd-1.pdf
        """,
    )
    content.post("p-doc", Title="Tin nêu văn bản", Date="2020-03-20 08:00", Documents="1/QĐ-KHCN")
    settings = {"THEME": str(theme)}
    fast = {**settings, "MARKDOWN_WORKERS": 2, "CACHE_PATH": str(tmp_path / "cache")}
    runs = PageCacheRuns()
    build(content.path, tmp_path / "fast", **fast)
    sitename = load_settings(content.path)["SITENAME"]

    def edit_plan(old, new):
        text = plan.read_text(encoding="utf-8")
        assert old in text, old
        plan.write_text(text.replace(old, new, 1), encoding="utf-8")

    def edit_template(old, new):
        path = theme / "templates" / "article.html"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def edit_document(old, new):
        text = document.read_text(encoding="utf-8")
        assert old in text, old
        document.write_text(text.replace(old, new, 1), encoding="utf-8")

    edits = [
        ("document title", lambda: edit_document("Title: Thành lập", "Title: Kiện toàn")),
        ("unit name", lambda: edit_plan("name: Văn phòng Sở", "name: Văn phòng Sở KH&CN")),
        (
            "item title",
            lambda: edit_plan(
                "title: Ý nghĩa của cải cách hành chính và chỉ số PAPI",
                "title: Ý nghĩa của cải cách hành chính và PAPI",
            ),
        ),
        ("form name", lambda: edit_plan("name: Hội nghị giao ban", "name: Hội nghị giao ban hằng tháng")),
        ("template", lambda: edit_template("Hình thức:", "Hình thức tuyên truyền:")),
        ("setting", lambda: settings.update(SITENAME=sitename + " (thử)") or fast.update(settings)),
    ]
    for number, (what, edit) in enumerate(edits):
        edit()
        reference = snapshot(build(content.path, tmp_path / f"cold-{number}", **settings, **SERIAL_COLD))
        rebuilt = snapshot(build(content.path, tmp_path / "fast", **fast))
        assert runs["rendered"] > 0, what
        assert [name for name in reference if rebuilt.get(name) != reference[name]] == [], what
        assert rebuilt.keys() == reference.keys(), what
    assert runs["reused"] == 0  # the setting changed every page
    rebuilt = snapshot(build(content.path, tmp_path / "fast", **fast))
    assert runs["rendered"] == 0 and rebuilt == reference


@pytest.mark.slow
def test_a_value_a_page_newly_shows_is_followed_without_telling_the_cache(content, tmp_path):
    """Issue 29's reproduction: the theme starts showing a value set on each post (here by a new
    plugin, as a new header key would be), a build, then the value changes: the reused page shows
    the new value, as a cold build does."""
    import shutil

    from builder.settings import load_settings

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace(
            '<div class="post-body">',
            '<p class="source-note">{{ article.source_note }}</p>\n<div class="post-body">',
            1,
        ),
        encoding="utf-8",
    )
    for number in range(6):
        content.post(
            f"p{number}", Title=f"Tin số {number}", Date=f"2020-03-{number + 1:02d} 08:00", Items="1"
        )
    note = tmp_path / "note.txt"
    note.write_text("Nguồn: Văn phòng Sở", encoding="utf-8")
    plugins = [*load_settings(content.path)["PLUGINS"], "extra_field"]
    settings = {
        "THEME": str(theme),
        "PLUGINS": plugins,
        "PLUGIN_PATHS": [
            *load_settings(content.path)["PLUGIN_PATHS"],
            str(ROOT / "tests" / "fixtures" / "plugins"),
        ],
        "EXTRA_FIELD_FILE": str(note),
    }
    fast = {**settings, "CACHE_PATH": str(tmp_path / "cache")}
    runs = PageCacheRuns()
    build(content.path, tmp_path / "fast", **fast)
    note.write_text("Nguồn: Trung tâm Thông tin", encoding="utf-8")
    reference = snapshot(build(content.path, tmp_path / "cold", **settings, **SERIAL_COLD))
    rebuilt = snapshot(build(content.path, tmp_path / "fast", **fast))
    page = "tin-tuc/2020/tin-so-1/index.html"
    assert "Nguồn: Trung tâm Thông tin" in reference[page].decode()
    assert [name for name in reference if rebuilt.get(name) != reference[name]] == []
    assert runs["rendered"] == 6


def test_the_reader_cache_never_serves_html_rendered_under_other_settings(content, tmp_path):
    """Pelican keys its reader cache on each file's bytes only: the cache folder is keyed on the
    settings too, so allowing a video host shows the video on the next build, cache or not."""
    content.post(
        "video",
        '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Phim"></iframe>\n',
        Title="Video",
        Date="2020-03-01",
    )
    page = "tin-tuc/2020/video/index.html"
    assert "youtube" not in (build(content.path, tmp_path / "out") / page).read_text(encoding="utf-8")
    site = build(content.path, tmp_path / "out", SAFE_HTML_IFRAME_HOSTS=["www.youtube-nocookie.com"])
    assert "youtube-nocookie.com/embed/abc" in (site / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("placeholder", ["{filename}", "|filename|", "{filename|", "|filename}"])
def test_a_reused_page_follows_a_linked_post_however_its_placeholder_is_spelled(
    content, tmp_path, placeholder
):
    """Pelican takes `{filename|` and `|filename}` too: a page linking that way is never reused
    with the linked post's old address."""
    content.post("b", Title="Tin B", Date="2020-01-02")
    for number in range(3):  # B is not a neighbour of A: only the link ties them
        content.post(f"x{number}", Title=f"Tin {number}", Date=f"2020-02-0{number + 1}")
    content.post("a", f"Xem [tin B]({placeholder}b.md).", Title="Tin A", Date="2020-03-01")
    build(content.path, tmp_path / "out")
    content.post("b", Title="Tin B", Date="2020-01-02", Slug="tin-b-moi")
    site = build(content.path, tmp_path / "out")
    cold = build(content.path, tmp_path / "cold", **SERIAL_COLD)
    assert snapshot(site) == snapshot(cold)
    assert "/tin-tuc/2020/tin-b-moi/" in (site / "tin-tuc/2020/tin-a/index.html").read_text(encoding="utf-8")


def test_the_reader_cache_follows_the_code_of_a_plugin_outside_the_project(content, tmp_path):
    """A department's own plugin folder (PLUGIN_PATHS) is code that may change how posts are read:
    its edit gives the content cache a new folder, as an edit of the project's code does."""
    import shutil

    from builder.settings import load_settings

    folder = tmp_path / "plugins"
    shutil.copytree(ROOT / "tests" / "fixtures" / "plugins" / "code_note", folder / "code_note")
    paths = [*load_settings(content.path)["PLUGIN_PATHS"], str(folder)]
    before = load_settings(content.path, PLUGIN_PATHS=paths)["CACHE_PATH"]
    assert load_settings(content.path, PLUGIN_PATHS=paths)["CACHE_PATH"] == before
    module = folder / "code_note" / "__init__.py"
    module.write_text(module.read_text(encoding="utf-8").replace("Ghi chú", "Lời ghi"), encoding="utf-8")
    assert load_settings(content.path, PLUGIN_PATHS=paths)["CACHE_PATH"] != before

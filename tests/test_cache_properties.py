"""Property tests of the fast paths: random edits of every kind of input, then the rebuild
(content cache, reused post pages) and the preview's first pages, each compared byte for byte
with a cold serial build of the same files.

The kinds: a post (title, body, date, a new one, one removed), a page, a document, an
activity, a science and technology task, a plan, the department's data, a picture, a
setting, a template, and code: a department's own plugin (a folder of PLUGIN_PATHS beside
the project's), whose module each build imports afresh, as each `invoke build` is a new
process. The project's own code is the code these tests run; it is in the fingerprint
through builder.settings.code_version.
"""

import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, build, small_picture, snapshot
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

import pelicanconf
from builder.preview import Preview

pytestmark = pytest.mark.slow
COLD = {"MARKDOWN_WORKERS": 1, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, "SEARCH_INDEX": False}
WORDS = ["cải cách", "hành chính", "Sơn La", "khoa học", "công nghệ", "chuyển đổi số", "PAPI", "hội nghị"]
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
examples = settings(
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a shrink would take many builds
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass
class Site:
    """A copy of the sample content and theme, a plugin of the department's own, and the settings
    both builds are given."""

    content: Path
    theme: Path
    plugins: Path
    overrides: dict = field(default_factory=dict)

    def settings(self) -> dict:
        return {
            "THEME": str(self.theme),
            "PLUGINS": [*pelicanconf.PLUGINS, "code_note"],
            "PLUGIN_PATHS": [*pelicanconf.PLUGIN_PATHS, str(self.plugins)],
            **self.overrides,
        }

    def files(self, folder: str) -> list[Path]:
        return sorted((self.content / folder).glob("*.md"))


def set_header(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
    assert count == 1, (path, key)
    path.write_text(changed, encoding="utf-8")


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def unnamed_posts(site) -> list[Path]:
    """Posts no document, activity or task names by their address (made from the title), whose
    title may change and which may go: to rename or remove a named one is an error."""
    named = " ".join(
        path.read_text(encoding="utf-8")
        for folder in ("hoat-dong", "van-ban", "nhiem-vu", "posts")
        for path in site.files(folder)
    )
    return [
        post
        for post in site.files("posts")
        if re.sub(r"^\d{4}-\d{2}-\d{2}-", "", post.stem)[:40]
        not in named.replace(post.read_text(encoding="utf-8"), "")
        and "Slug:" not in post.read_text(encoding="utf-8")
    ]


def post_title(site, data):
    set_header(data.draw(st.sampled_from(unnamed_posts(site))), "Title", "Tin " + data.draw(phrases))


def post_body(site, data):
    post = data.draw(st.sampled_from(site.files("posts")))
    with post.open("a", encoding="utf-8") as text:
        text.write(f"\nĐoạn thêm về {data.draw(phrases)}.\n")


def post_date(site, data):
    """Another day of the same year: the post moves among its neighbours and archive months."""
    post = data.draw(st.sampled_from(site.files("posts")))
    year = re.search(r"^Date: (\d{4})", post.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    month, day = data.draw(st.integers(1, 12)), data.draw(st.integers(1, 28))
    set_header(post, "Date", f"{year}-{month:02d}-{day:02d} 08:00")


def post_added(site, data):
    number = len(site.files("posts"))
    (site.content / "posts" / f"tin-them-{number}.md").write_text(
        f"Title: Tin thêm {number}: {data.draw(phrases)}\nDate: 2020-{data.draw(st.integers(1, 12)):02d}-15 "
        f"10:00\nItems: {data.draw(st.integers(1, 7))}\n\nNội dung về {data.draw(phrases)}.\n",
        encoding="utf-8",
    )


def post_removed(site, data):
    data.draw(st.sampled_from(unnamed_posts(site))).unlink()


def page(site, data):
    set_header(data.draw(st.sampled_from(site.files("pages"))), "Title", "Trang " + data.draw(phrases))


def document(site, data):
    set_header(data.draw(st.sampled_from(site.files("van-ban"))), "Title", "Văn bản về " + data.draw(phrases))


def activity(site, data):
    set_header(
        data.draw(st.sampled_from(site.files("hoat-dong"))), "Title", "Hoạt động " + data.draw(phrases)
    )


def task(site, data):
    set_header(data.draw(st.sampled_from(site.files("nhiem-vu"))), "Title", "Nhiệm vụ " + data.draw(phrases))


def plan(site, data):
    old = data.draw(
        st.sampled_from(["name: Văn phòng Sở", "title: Ý nghĩa của cải cách hành chính và chỉ số PAPI"])
    )
    replace_once(site.content / "plans" / "118-KH-KHCN-2020.yml", old, f"{old} ({data.draw(phrases)})")


def department(site, data):
    replace_once(
        site.content / "co-quan" / "to-chuc.yml",
        "name: Thanh tra Sở",
        f"name: Thanh tra Sở {data.draw(phrases)}",
    )


def picture(site, data):
    target = data.draw(st.sampled_from(sorted((site.content / "images").rglob("*.jpg"))))
    size = (data.draw(st.integers(40, 120)), data.draw(st.integers(30, 90)))
    target.write_bytes(small_picture("jpg", size))


def setting(site, data):
    key, value = data.draw(
        st.sampled_from(
            [
                ("SITENAME", "Sở Khoa học và Công nghệ tỉnh Sơn La " + data.draw(phrases)),
                ("HOME_LATEST", data.draw(st.integers(1, 8))),
                ("DEFAULT_PAGINATION", data.draw(st.integers(3, 12))),
            ]
        )
    )
    site.overrides[key] = value


def template(site, data):
    name, anchor = data.draw(
        st.sampled_from(
            [
                ("article.html", " · Hình thức: "),
                ("base.html", "</footer>"),
                ("page.html", "{% block content %}"),
            ]
        )
    )
    path = site.theme / "templates" / name
    text = path.read_text(encoding="utf-8")
    assert anchor in text, (name, anchor)
    path.write_text(text.replace(anchor, f"{anchor}<!-- {data.draw(phrases)} -->", 1), encoding="utf-8")


def code(site, data):
    module = site.plugins / "code_note" / "__init__.py"
    replace_once(module, 'NOTE = "', f'NOTE = "{data.draw(phrases)}: ')


EDITS = [
    post_title,
    post_body,
    post_date,
    post_added,
    post_removed,
    page,
    document,
    activity,
    task,
    plan,
    department,
    picture,
    setting,
    template,
    code,
]


def copy_sample(work: Path) -> Site:
    shutil.rmtree(work, ignore_errors=True)
    site = Site(work / "content", work / "theme", work / "plugins")
    shutil.copytree(ROOT / "content", site.content)
    shutil.copytree(ROOT / "theme", site.theme)
    shutil.copytree(FIXTURES / "plugins" / "code_note", site.plugins / "code_note")
    replace_once(
        site.theme / "templates" / "article.html",
        '<div class="post-body">',
        '<p class="code-note">{{ article.code_note }}</p><div class="post-body">',
    )
    return site


def build_afresh(content: Path, output: Path, **settings) -> dict[str, bytes]:
    """A build as a new process makes it: the department's plugin imported from its file again."""
    sys.modules.pop("code_note", None)
    return snapshot(build(content, output, **settings))


def differences(site_a: dict[str, bytes], site_b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in site_a.keys() | site_b.keys() if site_a.get(name) != site_b.get(name))


@settings(examples, max_examples=2)  # each example edits every kind of input once
@given(data=st.data(), edits=st.permutations(EDITS))
def test_a_rebuild_after_random_edits_equals_a_cold_build(tmp_path, data, edits):
    site = copy_sample(tmp_path / "site")
    cache = {"CACHE_PATH": str(tmp_path / "site" / "cache"), "SEARCH_INDEX": False}
    build_afresh(site.content, tmp_path / "site" / "out", **site.settings(), **cache)
    for number, edit in enumerate(edits):
        edit(site, data)
        rebuilt = build_afresh(site.content, tmp_path / "site" / "out", **site.settings(), **cache)
        cold = build_afresh(site.content, tmp_path / "site" / f"cold-{number}", **site.settings(), **COLD)
        assert differences(rebuilt, cold) == [], edit.__name__


PREVIEW_EDITS = [post_title, post_body, post_date, page]


@settings(examples, max_examples=4)
@given(data=st.data(), edits=st.permutations(PREVIEW_EDITS))
def test_the_previews_first_pages_after_random_edits_equal_a_cold_build(tmp_path, data, edits):
    """The preview writes an edited post's or page's own page first, from what it kept of the
    last build (builder.preview.PreviewMemo): that page is the one a cold build writes."""
    site = copy_sample(tmp_path / "site")
    preview = Preview(site.content, tmp_path / "site" / "out", report=lambda message: None)
    try:
        assert preview.start()
        for number, edit in enumerate(edits):
            edit(site, data)
            changed, removed = preview.changes()
            assert not removed
            written = preview.render_pages(preview.edited_sources(changed))
            cold = snapshot(build(site.content, tmp_path / "site" / f"cold-{number}", **COLD))
            shown = snapshot(tmp_path / "site" / "out")
            drafts = [path for path in changed if "\nStatus: draft" in Path(path).read_text(encoding="utf-8")]
            assert written or drafts, edit.__name__  # a draft has no page of its own
            assert [name for name in written if shown[name] != cold.get(name)] == [], edit.__name__
    finally:
        preview.stop()

"""Every build ends with a Vietnamese summary and fails if a published post went missing."""

import shutil

import pytest
from conftest import ROOT, build

from builder.build import BuildFailed


def test_summary_counts_every_kind_of_content(content, tmp_path):
    content.post("a", Title="Tin một", Date="2020-03-01", Items="1")
    content.post("b", Title="Tin hai", Date="2020-03-02", Status="draft")
    content.post("c", Title="Tin ba", Date="2099-01-01")
    content.post("d", Title="Tin bốn", Date="2020-03-03", Status="hidden")
    content.write("pages/gioi-thieu.md", "Title: Giới thiệu\n\nTrang.\n")
    lines = []
    build(content.path, tmp_path / "out", on_summary=lines.append)
    assert lines == ["Đã dựng trang: 1 bài đăng, 1 bài ẩn, 1 bản nháp (không đăng), 1 bài hẹn giờ, 1 trang."]


@pytest.mark.parametrize(
    "template, expected",
    [
        ("period_archives.html", "không có trong trang lưu trữ của tháng"),
        ("plan_item.html", "không có trong trang mục 1"),
    ],
)
def test_a_theme_that_drops_a_post_fails_the_build(content, tmp_path, template, expected):
    content.post("a", Title="Tin một", Date="2020-03-01", Items="1")
    content.post("b", Title="Tin hai", Date="2020-03-02", Items="1")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    listing = theme / "templates" / "_article_list.html"
    broken = theme / "templates" / "_article_list_broken.html"
    broken.write_text(
        listing.read_text(encoding="utf-8").replace("{% for a in articles %}", "{% for a in articles[1:] %}"),
        encoding="utf-8",
    )
    path = theme / "templates" / template
    path.write_text(
        path.read_text(encoding="utf-8").replace('"_article_list.html"', '"_article_list_broken.html"'),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with pytest.raises(BuildFailed) as failure:
        build(content.path, out, THEME=str(theme))
    assert expected in str(failure.value)
    assert not out.exists()


def test_a_theme_fault_is_named_as_the_themes_not_the_posts(content, tmp_path):
    content.post("a", Title="Tin một", Date="2020-03-01", Items="1")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("{% block content %}", "{% block content %}{{ article.no_such.thing }}", 1)
    )
    with pytest.raises(BuildFailed) as failure:
        build(content.path, tmp_path / "out", THEME=str(theme))
    said = str(failure.value)
    assert said.startswith("Lỗi trong giao diện (mẫu trang) khi dựng trang từ ")
    assert "không phải lỗi của bài viết" in said and "sửa hoặc tạm bỏ tệp này" not in said

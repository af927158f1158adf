"""The web editor's collections (portal/cms_config.py) never drift from the checker and the plans."""

import yaml
from conftest import PLAN_118, ROOT

from builder.settings import load_settings
from portal.body import alt_text_problems
from portal.checker import check_content
from portal.cms_config import UPLOADS, collections, editor_config, field_keys, in_form_words, item_options
from portal.documents import DEFAULT_TYPES, DOCUMENT_KEYS, REQUIRED_KEYS
from portal.plans import load_plans
from portal.posts import PAGE_KEYS, POST_KEYS


def sample():
    check = check_content(ROOT / "content", load_settings(ROOT / "content"))
    return check.plans, collections(check.plans, DEFAULT_TYPES)


def test_every_key_the_checker_reads_has_a_field_and_no_other():
    _, (posts, pages, documents) = sample()
    assert field_keys(posts["fields"]) == POST_KEYS
    assert field_keys(pages["fields"]) == PAGE_KEYS
    assert field_keys(documents["fields"]) == DOCUMENT_KEYS
    required = {f["name"] for f in documents["fields"] if f["required"]}
    assert required == set(REQUIRED_KEYS)
    assert {f["name"] for f in posts["fields"] if f["required"]} == {"title", "date", "body"}


def test_choices_come_from_the_plan():
    plans, (posts, _, documents) = sample()
    fields = {f["name"]: f for f in posts["fields"]}
    plan = plans[0]
    assert fields["items"]["multiple"] is True
    assert [o["label"] for o in fields["items"]["options"]] == [
        f"Mục {i.number}: {i.title}" for i in plan.items
    ]
    assert [o["value"] for o in fields["items"]["options"]] == [str(i.number) for i in plan.items]
    assert fields["unit"]["options"] == [{"label": u.name, "value": u.id} for u in plan.units]
    assert fields["form"]["options"] == [{"label": f.name, "value": f.id} for f in plan.forms]
    assert fields["plan"]["options"][0]["value"] == "118/KH-KHCN"
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    types = next(f for f in documents["fields"] if f["name"] == "type")
    assert [o["value"] for o in types["options"]] == list(DEFAULT_TYPES)
    assert yaml.safe_load(yaml.safe_dump(collections(plans, DEFAULT_TYPES), allow_unicode=True))


def test_two_plans_that_title_an_item_differently_show_both(tmp_path):
    text = PLAN_118.read_text(encoding="utf-8")
    (tmp_path / "a.yml").write_text(text, encoding="utf-8")
    renamed = text.replace("id: 118/KH-KHCN", "id: 25/KH-KHCN", 1).replace("2020-", "2021-")
    first = next(i for i in load_plans(tmp_path, "plans", [tmp_path / "a.yml"])[0][0].items if i.number == 1)
    (tmp_path / "b.yml").write_text(
        renamed.replace(first.title, "Tiêu đề mới của mục 1", 1), encoding="utf-8"
    )
    plans, problems = load_plans(tmp_path, "plans", [tmp_path / "a.yml", tmp_path / "b.yml"])
    assert len(plans) == 2, problems
    label = item_options(plans)[0]["label"]
    assert (
        label.startswith("Mục 1: ")
        and "(118/KH-KHCN)" in label
        and "Tiêu đề mới của mục 1 (25/KH-KHCN)" in label
    )


def test_the_editor_config_is_local_vietnamese_and_files_uploads_by_year():
    plans, _ = sample()
    config = editor_config(plans, DEFAULT_TYPES, "/api/v1")
    assert config["backend"] == {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
    assert config["locale"] == "vi" and config["slug"]["clean_accents"] is True
    posts, pages, documents = config["collections"]
    assert {c["format"] for c in config["collections"]} == {"portal"}
    assert posts["folder"] == "posts" and posts["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}"
    photo = next(f for f in posts["fields"] if f["name"] == "image")
    assert (photo["media_folder"], photo["public_folder"]) == ("/images/{{year}}", "images/{{year}}")
    assert posts["media_folder"] == pages["media_folder"] == "/files/{{year}}"  # the body's uploads
    files = next(f for f in documents["fields"] if f["name"] == "files")
    assert files["media_folder"] == UPLOADS["document"]["media_folder"]
    assert documents["identifier_field"] == "number"


def test_the_checkers_fixes_are_said_in_the_forms_words():
    assert in_form_words("thêm dòng 'Image_alt: …' mô tả điều ảnh cho thấy") == (
        "điền ô «Mô tả ảnh đại diện» mô tả điều ảnh cho thấy"
    )
    assert in_form_words("thêm dòng 'Plan: …' với số hiệu kế hoạch, hoặc xóa dòng này") == (
        "điền ô «Kế hoạch» với số hiệu kế hoạch, hoặc xóa ô này"
    )
    assert in_form_words("thêm dòng 'Slug: hoi-thao-2' vào một bài") == (
        "điền ô «Đường dẫn riêng» (hoi-thao-2) vào một bài"
    )
    assert in_form_words("thêm dòng 'Lạ: x'") == "thêm dòng 'Lạ: x'"  # not a field: as it was
    [picture] = alt_text_problems("![]({static}/images/2020/a.jpg)\n", 1, "a.md")  # the checker's own fix
    assert in_form_words(picture.fix) == "bấm vào ảnh trong phần nội dung và điền ô «Mô tả ảnh»"

"""The web editor's collections (portal/cms_config.py) never drift from the checker and the plans."""

import yaml
from conftest import PLAN_118, ROOT
from several_plans import LEGAL, add_plans

from builder.settings import load_settings
from portal.activities import ACTIVITY_KEYS
from portal.body import alt_text_problems
from portal.checker import check_content
from portal.cms_config import (
    ACTIVITY_LABELS,
    UPLOADS,
    collections,
    editor_config,
    field_keys,
    form_labels,
    in_form_words,
    item_options,
    plan_days,
    spellings,
    unit_report_body,
    unit_report_collection_name,
)
from portal.documents import DEFAULT_TYPES, DOCUMENT_KEYS, REQUIRED_KEYS
from portal.plans import load_plans
from portal.posts import PAGE_KEYS, POST_KEYS
from portal.research import REQUIRED_KEYS as TASK_REQUIRED, RESEARCH_KEYS
from portal.unit_reports import SECTIONS, UNIT_REPORT_KEYS


def sample():
    check = check_content(ROOT / "content", load_settings(ROOT / "content"))
    return check.plans, collections(check.plans, DEFAULT_TYPES)


def test_every_key_the_checker_reads_has_a_field_and_no_other():
    _, (posts, activities, pages, documents, tasks, *reports) = sample()
    assert field_keys(posts["fields"]) == POST_KEYS
    assert field_keys(activities["fields"]) == ACTIVITY_KEYS
    assert field_keys(pages["fields"]) == PAGE_KEYS
    assert field_keys(documents["fields"]) == DOCUMENT_KEYS
    required = {f["name"] for f in documents["fields"] if f["required"]}
    assert required == set(REQUIRED_KEYS)
    assert {f["name"] for f in posts["fields"] if f["required"]} == {"title", "date", "body"}
    # An activity cannot be saved without what `check` requires of one (DESIGN.md contract 10).
    assert {f["name"] for f in activities["fields"] if f["required"]} == {"title", "date", "unit", "form"}
    # A science and technology task (DESIGN.md contract 15): what check requires, required.
    assert tasks["folder"] == "nhiem-vu" and field_keys(tasks["fields"]) == RESEARCH_KEYS
    assert {f["name"] for f in tasks["fields"] if f["required"]} == set(TASK_REQUIRED)
    # A unit's period report (DESIGN.md contract 14): Unit, Sent, Signer and the body, the unit
    # required (it names the file).
    assert reports and all(field_keys(r["fields"]) == UNIT_REPORT_KEYS for r in reports)
    assert all({f["name"] for f in r["fields"] if f["required"]} == {"unit"} for r in reports)


def test_choices_come_from_the_plan(content):
    check = check_content(content.path, load_settings(content.path))
    plans, (posts, _, _, documents, *_) = check.plans, collections(check.plans, DEFAULT_TYPES)
    fields = {f["name"]: f for f in posts["fields"]}
    plan = plans[0]
    assert fields["items"]["multiple"] is True
    assert [o["label"] for o in fields["items"]["options"]] == [
        f"Mục {i.number}: {i.title}" for i in plan.items
    ]
    # With its plan: editor/portal-format.js writes the post's own plan's items as `Items: 1, 4`.
    assert [o["value"] for o in fields["items"]["options"]] == [
        f"118/KH-KHCN: {i.number}" for i in plan.items
    ]
    assert fields["unit"]["options"] == [{"label": u.name, "value": u.id} for u in plan.units]
    assert fields["form"]["options"] == [{"label": f.name, "value": f.id} for f in plan.forms]
    assert fields["plan"]["options"][0]["value"] == "118/KH-KHCN"
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    types = next(f for f in documents["fields"] if f["name"] == "type")
    assert [o["value"] for o in types["options"]] == list(DEFAULT_TYPES)
    assert yaml.safe_load(yaml.safe_dump(collections(plans, DEFAULT_TYPES), allow_unicode=True))


def test_each_plan_offers_its_own_items_with_its_number(tmp_path):
    """Items of several plans (DESIGN.md contract 11): one option per item of each plan, its
    plan's number in the label and the value, so a post or activity may serve both."""
    text = PLAN_118.read_text(encoding="utf-8")
    (tmp_path / "a.yml").write_text(text, encoding="utf-8")
    renamed = text.replace("id: 118/KH-KHCN", "id: 25/KH-KHCN", 1).replace("2020-", "2021-")
    first = next(i for i in load_plans(tmp_path, "plans", [tmp_path / "a.yml"])[0][0].items if i.number == 1)
    (tmp_path / "b.yml").write_text(
        renamed.replace(first.title, "Tiêu đề mới của mục 1", 1), encoding="utf-8"
    )
    plans, problems = load_plans(tmp_path, "plans", [tmp_path / "a.yml", tmp_path / "b.yml"])
    assert len(plans) == 2, problems
    options = item_options(plans)
    assert len(options) == sum(len(p.items) for p in plans)
    # The newest plan first: typing "Mục 1" in 2021 finds 2021's item before 2020's.
    assert options[0] == {"label": "Mục 1: Tiêu đề mới của mục 1 (25/KH-KHCN)", "value": "25/KH-KHCN: 1"}
    assert {"label": f"Mục 1: {first.title} (118/KH-KHCN)", "value": "118/KH-KHCN: 1"} in options
    said = spellings(plans)["items"]
    assert (
        said["118/KH-KHCN"][first.slug] == "118/KH-KHCN: 1" and said["25/KH-KHCN"]["mục 1"] == "25/KH-KHCN: 1"
    )
    days = {p["id"]: p for p in plan_days(plans)}
    assert days["25/KH-KHCN"]["covers"] == ["2021-01-01", "2021-12-31"]
    assert ["2021-01-01", "2021-06-04"] in days["25/KH-KHCN"]["counts"]


def test_the_editor_config_is_local_vietnamese_and_files_uploads_by_year():
    plans, _ = sample()
    config = editor_config(plans, DEFAULT_TYPES, "/api/v1")
    assert config["backend"] == {
        "name": "proxy",
        "proxy_url": "/api/v1",
        "branch": "main",
        "commit_messages": {
            "create": "Tạo {{collection}} «{{slug}}»",
            "update": "Sửa {{collection}} «{{slug}}»",
            "delete": "Xóa {{collection}} «{{slug}}»",
            "uploadMedia": "Tải lên «{{path}}»",
            "deleteMedia": "Xóa tệp «{{path}}»",
            "openAuthoring": "{{message}}",
        },
    }
    assert config["locale"] == "vi" and config["slug"]["clean_accents"] is True
    posts, activities, pages, documents, *_ = config["collections"]
    assert {c["format"] for c in config["collections"]} == {"portal"}
    assert posts["folder"] == "posts" and posts["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}"
    photo = next(f for f in posts["fields"] if f["name"] == "image")
    assert (photo["media_folder"], photo["public_folder"]) == ("/images/{{year}}", "images/{{year}}")
    assert posts["media_folder"] == pages["media_folder"] == "/files/{{year}}"  # the body's uploads
    files = next(f for f in documents["fields"] if f["name"] == "files")
    assert files["media_folder"] == UPLOADS["document"]["media_folder"]
    assert documents["identifier_field"] == "number"
    # Activities as `invoke new-activity` names them; their evidence under files/<year>/.
    assert activities["folder"] == "hoat-dong" and activities["slug"] == posts["slug"]
    evidence = next(f for f in activities["fields"] if f["name"] == "files")["field"]
    assert (evidence["widget"], evidence["media_folder"], evidence["public_folder"]) == (
        "file",
        "/files/{{year}}",
        "{{year}}",
    )


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


def test_the_activity_form_offers_what_check_accepts_in_vietnamese(content):
    add_plans(content, next_year=False)
    content.post("a", Title="Tin hội nghị", Date="2020-05-06 10:00", Slug="tin-hoi-nghi")
    content.post("b", Title="Tin mới hơn", Date="2020-06-01 10:00", Slug="tin-moi")
    content.post("c", Title="Bản nháp", Date="2020-06-02 10:00", Slug="nhap", Status="draft")
    check = check_content(content.path, load_settings(content.path))
    activities = next(
        c for c in collections(check.plans, DEFAULT_TYPES, check.posts) if c["name"] == "activities"
    )
    assert activities["label"] == "Hoạt động"
    fields = {f["name"]: f for f in activities["fields"]}
    assert [f["name"] for f in activities["fields"]][:4] == ["title", "date", "unit", "form"]
    assert fields["date"]["label"] == "Ngày giờ diễn ra" and fields["body"]["required"] is False
    units = {o["value"] for o in fields["unit"]["options"]}
    assert units == {u.id for p in check.plans for u in p.units} and fields["unit"]["widget"] == "select"
    assert {o["value"] for o in fields["form"]["options"]} == {f.id for p in check.plans for f in p.forms}
    assert fields["items"]["multiple"] is True
    assert {o["value"] for o in fields["items"]["options"]} == {
        f"{p.id}: {i.number}" for p in check.plans for i in p.items
    }
    assert f"Mục 2: {check.plans.find(LEGAL).item(2).title} ({LEGAL})" in [
        o["label"] for o in fields["items"]["options"]
    ]
    for count in ("participants", "quantity"):
        assert (fields[count]["widget"], fields[count]["value_type"], fields[count]["min"]) == (
            "number",
            "int",
            0,
        )
    assert fields["files"]["widget"] == "list" and fields["files"]["field"]["widget"] == "file"
    # The posts an activity may name: published ones, newest first, by the slug `check` reads.
    assert fields["posts"]["options"] == [
        {"label": "01/06/2020 · Tin mới hơn", "value": "tin-moi"},
        {"label": "06/05/2020 · Tin hội nghị", "value": "tin-hoi-nghi"},
    ]
    assert fields["posts"]["multiple"] is True
    assert [o["value"] for o in fields["public"]["options"]] == ["no", "yes"]
    assert fields["public"]["default"] == "no"
    said = spellings(check.plans, check.posts)
    assert said["public"]["có"] == "yes" and said["public"]["khong"] == "no"
    assert said["posts"] == {"tin-moi": "tin-moi", "tin-hoi-nghi": "tin-hoi-nghi"}
    assert all(f["label"] and f["label"] == ACTIVITY_LABELS[f["name"]][0] for f in activities["fields"])


def test_an_activitys_fixes_are_said_in_its_forms_words():
    assert in_form_words("thêm dòng 'Date: 2020-05-06 08:00'", ACTIVITY_LABELS) == (
        "điền ô «Ngày giờ diễn ra» (2020-05-06 08:00)"
    )
    assert (
        in_form_words("thêm dòng 'Unit: van-phong'", ACTIVITY_LABELS)
        == "điền ô «Đơn vị thực hiện» (van-phong)"
    )


def test_each_plans_report_periods_get_a_unit_report_collection_newest_plans_first():
    """One collection per plan and report period, writing where the checker reads a unit's report
    (bao-cao/<plan slug>/<period slug>/<unit id>.md), labelled in Vietnamese, newest plans first."""
    plans, every = sample()
    reports = [c for c in every if c["name"].startswith("bao-cao__")]
    newest_first = sorted(plans, key=lambda p: (p.start, p.end), reverse=True)
    assert [(c["name"], c["label"], c["folder"]) for c in reports] == [
        (
            f"bao-cao__{plan.slug}__{period.slug}",
            f"Báo cáo đơn vị · {plan.id} · {period.id}",
            f"bao-cao/{plan.slug}/{period.slug}",
        )
        for plan in newest_first
        for period in plan.periods
    ]
    assert reports[-2]["label"] == "Báo cáo đơn vị · 118/KH-KHCN · 6 tháng"
    assert [c["name"] for c in every[:4]] == ["posts", "activities", "pages", "documents"]
    plan = plans.find("118/KH-KHCN")
    period = plan.period("6 tháng")
    six = next(c for c in reports if c["name"] == unit_report_collection_name(plan, period))
    # The file is the unit's id: the unit is the entry's identifier and its slug, nothing else.
    assert (six["identifier_field"], six["slug"], six["format"], six["extension"]) == (
        "unit",
        "{{unit}}",
        "portal",
        "md",
    )
    assert "05/06/2020" in six["description"] and "10/06/2020" in six["description"]
    fields = {f["name"]: f for f in six["fields"]}
    assert [f["name"] for f in six["fields"]] == ["unit", "sent", "signer", "body"]
    # The unit: one of this plan's, required; every id a file name the checker accepts.
    assert fields["unit"]["widget"] == "select" and fields["unit"]["required"] is True
    assert fields["unit"]["options"] == [{"label": u.name, "value": u.id} for u in plan.units]
    # Sent: a day, optional (empty: a draft), never filled in by itself.
    sent = fields["sent"]
    assert (sent["widget"], sent["format"], sent["time_format"], sent["required"]) == (
        "datetime",
        "YYYY-MM-DD",
        False,
        False,
    )
    assert "default" not in sent and "05/06/2020" in sent["hint"]
    assert fields["signer"]["widget"] == "string" and fields["signer"]["required"] is False
    # The body: text only, the five sections' headings filled in.
    body = fields["body"]
    assert body["widget"] == "markdown" and body["editor_components"] == []
    assert body["default"] == unit_report_body()
    assert [line.removeprefix("## ") for line in body["default"].splitlines() if line] == list(SECTIONS)
    assert all(f["label"] and "hint" in f for f in six["fields"])
    assert form_labels("bao-cao/118-kh-khcn-2020/6-thang/thanh-tra.md")["sent"][0] == "Ngày gửi Văn phòng"


def test_a_new_unit_reports_template_is_read_by_the_checker_as_five_empty_sections(content):
    """What the form writes for a unit that filled in nothing else is a draft `check` accepts."""
    text = f"Unit: thanh-tra\n\n{unit_report_body()}"
    path = "bao-cao/118-kh-khcn-2020/6-thang/thanh-tra.md"
    content.write(path, text)
    check = check_content(content.path, load_settings(content.path))
    assert check.errors == []
    [report] = check.unit_reports
    assert report.unit.id == "thanh-tra" and report.sent is None
    assert report.sections == dict.fromkeys(SECTIONS, "")


def test_posts_and_activities_open_newest_first():
    """Issue 27: in December 2026 the post list opened on 2020's posts."""
    plans, _ = load_plans(PLAN_118.parent)
    by_name = {c["name"]: c for c in editor_config(plans, DEFAULT_TYPES, "/api/v1")["collections"]}
    for name in ("posts", "activities"):
        defaults = [
            f for f in by_name[name]["sortable_fields"] if isinstance(f, dict) and "default_sort" in f
        ]
        assert defaults == [{"field": "date", "default_sort": "desc"}], name


def test_a_posts_related_documents_are_picked_from_the_library():
    """Issue 27: «Văn bản liên quan» was free text; typing 145 suggested nothing. The library's
    documents are its options (number and title, newest first), their numbers what is written."""
    check = check_content(ROOT / "content", load_settings(ROOT / "content"))
    config = editor_config(check.plans, DEFAULT_TYPES, "/api/v1", check.posts, check.documents.documents)
    posts = next(c for c in config["collections"] if c["name"] == "posts")
    field = next(f for f in posts["fields"] if f["name"] == "documents")
    assert field["widget"] == "select" and field["multiple"] is True
    options = {o["value"]: o["label"] for o in field["options"]}
    assert options["36/2018/QH14"] == "36/2018/QH14 – Luật Phòng, chống tham nhũng"
    assert set(options) == {d.number for d in check.documents.documents}
    signed = [
        d.signed for d in sorted(check.documents.documents, key=lambda d: list(options).index(d.number))
    ]
    assert signed == sorted(signed, reverse=True)
    table = spellings(check.plans, check.posts, check.documents.documents)["documents"]
    assert table["36/2018/qh14"] == "36/2018/QH14"

"""The evaluator's checklist (issue 28): every entry names its article, the sample meets each, and
each goes unmet when its content is removed or let go stale; `invoke check` warns of it on an
agency's portal only; the department's data is checked like any content; the «Tiếp cận thông tin»
list equals what the built site holds."""

import datetime as dt
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build, read, run_invoke

from builder.settings import load_settings
from portal.checker import check_content
from portal.compliance import AUDIT_FILE, MET, MISSING, STALE, checklist
from portal.dates import LOCAL_TZ
from portal.public_information import public_information

# A day on which the sample is current: its plans of 2021 run, its yearly reports are recent, its
# newest post (15/09/2021) less than a quarter old.
SAMPLE_DAY = dt.datetime(2021, 12, 10, 10, 0, tzinfo=LOCAL_TZ)
ARTICLES = (
    "Luật Tiếp cận thông tin 2016, Điều 19",
    "Nghị định 13/2018/NĐ-CP, Điều",
    "Nghị định 42/2022/NĐ-CP, Điều",
)
DEPARTMENT = "co-quan/to-chuc.yml"
SHOWN = f"content/{DEPARTMENT}"


def entries(content, now=SAMPLE_DAY, **overrides):
    settings = load_settings(content, **overrides)
    check = check_content(content, settings, now=now, shown_dir="content")
    return {e.key: e for e in checklist(check, settings, now.date())}


@pytest.fixture
def sample(tmp_path):
    """A copy of the sample content, to take things away from."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy)
    return copy


@pytest.fixture
def theme(tmp_path):
    copy = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", copy)
    return copy


def test_every_entry_names_its_article_and_the_sample_meets_each():
    found = entries(ROOT / "content")
    assert len(found) == 18
    for entry in found.values():
        assert entry.article.startswith(ARTICLES), entry.article
        assert entry.window and entry.what
        assert entry.state == MET, (entry.key, entry.detail, entry.fix)
    assert "Điều 19 khoản 1 điểm e" in found["nhiem-vu"].article
    assert "Điều 19 khoản 1 điểm g" in found["danh-muc"].article
    assert found["tiep-can"].article == "Nghị định 13/2018/NĐ-CP, Điều 11"
    assert found["in-luu"].article == found["tim-kiem"].article == "Nghị định 42/2022/NĐ-CP, Điều 7"


def errors_of(content) -> list[str]:
    return [
        str(p)
        for p in check_content(content, load_settings(content), now=SAMPLE_DAY, shown_dir="content").errors
    ]


def drop_yaml_block(path, key: str) -> None:
    """Remove a top-level key of the department's file and what is indented under it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.startswith(f"{key}:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "-")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("key", "change", "state"),
    [
        ("chuc-nang", lambda c: drop_yaml_block(c / DEPARTMENT, "duties"), MISSING),
        ("chuc-nang", lambda c: edit(c / DEPARTMENT, "updated: 2026-11-30", "updated: 2020-11-30"), STALE),
        (
            "co-cau",
            lambda c: edit(c / DEPARTMENT, "    head: Bùi Thị K\n    head_role: Chánh Thanh tra\n", ""),
            STALE,
        ),
        (
            "lanh-dao",
            lambda c: edit(
                c / DEPARTMENT,
                "    areas: Quản lý khoa học, công nghệ và thị trường công nghệ; sở hữu trí tuệ\n",
                "",
            ),
            STALE,
        ),
        ("lien-he", lambda c: drop_yaml_block(c / DEPARTMENT, "contact"), MISSING),
        ("tai-chinh", lambda c: (c / "van-ban" / "2021-64-qd-khcn.md").unlink(), MISSING),
        ("thong-ke", lambda c: (c / "van-ban" / "2021-20-bc-khcn.md").unlink(), MISSING),
        ("nhiem-vu", lambda c: shutil.rmtree(c / "nhiem-vu"), MISSING),
        (
            "nhiem-vu",
            lambda c: edit(
                c / "nhiem-vu" / "cs-2026-papi.md",
                "Start: 2026-01\nEnd: 2027-12",
                "Start: 2021-01\nEnd: 2021-06",
            ),
            STALE,
        ),
        ("tiep-can", lambda c: drop_yaml_block(c / DEPARTMENT, "information_access"), MISSING),
        ("danh-muc", lambda c: drop_yaml_block(c / DEPARTMENT, "information_access"), MISSING),
        ("tieng-anh", lambda c: edit(c / DEPARTMENT, "    name_en: Inspectorate\n", ""), STALE),
        ("ke-hoach", lambda c: shutil.rmtree(c / "plans"), MISSING),
    ],
)
def test_an_entry_goes_unmet_when_its_content_is_removed(sample, key, change, state):
    change(sample)
    entry = entries(sample)[key]
    assert entry.state == state, (entry.detail, entry.fix)
    assert entry.fix  # what to do, in Vietnamese


def test_without_the_department_file_its_entries_are_missing(sample):
    (sample / DEPARTMENT).unlink()
    found = entries(sample)
    for key in ("chuc-nang", "co-cau", "lanh-dao", "lien-he", "tiep-can", "danh-muc", "tieng-anh"):
        assert found[key].state == MISSING, key
        assert "co-quan/to-chuc.yml" in found[key].detail + found[key].fix


@pytest.mark.parametrize(
    ("key", "late_day"),
    [
        ("van-ban", "2022-06-20"),
        ("tai-chinh", "2022-09-20"),
        ("thong-ke", "2022-06-20"),
        ("ke-hoach", "2022-01-01"),
        ("tin-tuc", "2021-12-17"),
    ],
)
def test_dated_entries_go_stale_after_their_window(key, late_day):
    day = dt.datetime.fromisoformat(late_day).replace(hour=10, tzinfo=LOCAL_TZ)
    assert entries(ROOT / "content", now=day)[key].state == STALE


def test_the_plan_entry_is_met_on_the_last_day_of_the_plans_and_stale_the_next(sample):
    last = dt.datetime(2021, 12, 31, 23, 59, tzinfo=LOCAL_TZ)
    following = dt.datetime(2022, 1, 1, 0, 0, tzinfo=LOCAL_TZ)
    assert entries(ROOT / "content", now=last)["ke-hoach"].state == MET
    assert entries(ROOT / "content", now=following)["ke-hoach"].state == STALE


@pytest.mark.parametrize(
    ("key", "overrides"),
    [
        ("dich-vu-cong", {"QUICK_LINKS": []}),
        ("tim-kiem", {"SEARCH_INDEX": False}),
        ("lien-ket", {"RELATED_LINKS": []}),
        ("tieng-anh", {"DIRECT_TEMPLATES": ["home", "index", "archives", "search", "404"]}),
        ("danh-muc", {"PLUGINS": ["markdown_reader", "plan_items"]}),
    ],
)
def test_an_entry_goes_unmet_when_its_setting_is_removed(key, overrides):
    assert entries(ROOT / "content", **overrides)[key].state == MISSING


def test_print_and_accessibility_are_read_from_the_theme(theme):
    article = theme / "templates" / "article.html"
    article.write_text(read(article).replace("data-print", "data-in"), encoding="utf-8")
    found = entries(ROOT / "content", THEME=str(theme))
    assert found["in-luu"].state == MISSING
    assert found["nguoi-khuyet-tat"].state == STALE  # the theme changed since its audit
    assert "invoke accessibility" in found["nguoi-khuyet-tat"].fix
    (theme / AUDIT_FILE).unlink()
    assert entries(ROOT / "content", THEME=str(theme))["nguoi-khuyet-tat"].state == MISSING


def test_check_warns_of_unmet_entries_only_on_an_agency_portal(content):
    content.post("a", Title="Tin", Date="2020-03-01 08:00")
    plain = run_invoke("check", "--content", str(content.path))
    assert plain.returncode == 0 and "0 lỗi, 0 cảnh báo" in plain.stdout
    shutil.copytree(ROOT / "content" / "co-quan", content.path / "co-quan")
    shutil.copytree(ROOT / "content" / "files", content.path / "files")
    agency = run_invoke("check", "--content", str(content.path), "--today", "2021-12-20")
    assert agency.returncode == 0, agency.stdout  # warnings, never errors
    assert (
        "CẢNH BÁO: Luật Tiếp cận thông tin 2016, Điều 19 khoản 1 điểm e: Danh mục và kết quả chương trình, "
        "đề tài, dự án KH&CN — chưa có (chưa có nhiệm vụ nào)"
    ) in agency.stdout
    assert "CẢNH BÁO: Nghị định 42/2022/NĐ-CP, Điều 4: Báo cáo tài chính năm" in agency.stdout


def test_check_compliance_prints_the_whole_list():
    result = run_invoke("check", "--compliance", "--today", "2021-12-10")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Danh mục kiểm tra theo quy định về trang thông tin điện tử (ngày 10/12/2021):" in out
    assert (
        "10. [đạt] Danh mục và kết quả chương trình, đề tài, dự án KH&CN — "
        "Luật Tiếp cận thông tin 2016, Điều 19 khoản 1 điểm e" in out
    )
    assert "18/18 mục đạt, 0 cần cập nhật, 0 chưa có." in out
    late = run_invoke("check", "--compliance", "--today", "2023-01-10")
    assert "[cần cập nhật] Chương trình, kế hoạch và kết quả thực hiện" in late.stdout
    assert "Cần làm: lập kế hoạch năm 2023: invoke plan-new --id <số hiệu> --year 2023 (plans)" in late.stdout


# --- the department's data, checked like content --------------------------------------------------


def test_mistakes_in_the_department_file_are_errors_with_their_line(sample):
    edit(sample / DEPARTMENT, "  - id: thanh-tra\n", "  - id: Thanh Tra\n")
    edit(sample / DEPARTMENT, "updated: 2026-11-30", "updated: 30/11/2026\nleader: x")
    edit(sample / DEPARTMENT, "phieu-yeu-cau-cung-cap-thong-tin-ca-nhan.docx", "khong-co.docx")
    edit(sample / DEPARTMENT, "  unit: van-phong\n", "  unit: van-phong-so\n")
    check = check_content(sample, load_settings(sample), now=SAMPLE_DAY, shown_dir="content")
    errors = [str(p) for p in check.errors if p.path == "content/co-quan/to-chuc.yml"]
    text = (sample / DEPARTMENT).read_text(encoding="utf-8").splitlines()

    def line_of(fragment):
        return next(n for n, line in enumerate(text, 1) if fragment in line)

    expected = [
        f"content/co-quan/to-chuc.yml:{line_of('updated:')}: LỖI: khóa 'updated': phải là ngày YYYY-MM-DD",
        f"content/co-quan/to-chuc.yml:{line_of('leader: x')}: LỖI: khóa 'leader': không có khóa này",
        f"{SHOWN}:{line_of('id: Thanh Tra')}: LỖI: khóa 'id': mã đơn vị 'Thanh Tra' không hợp lệ",
        (
            f"content/co-quan/to-chuc.yml:{line_of('khong-co.docx')}: LỖI: khóa 'file': không có tệp "
            "'files/tiep-can-thong-tin/khong-co.docx'"
        ),
        f"{SHOWN}:{line_of('unit: van-phong-so')}: LỖI: khóa 'unit': không có đơn vị 'van-phong-so'",
    ]
    for start in expected:
        assert any(e.startswith(start) for e in errors), (start, errors)
    assert len(errors) == len(expected)
    assert check.department is None


def test_a_new_unit_is_an_edit_of_the_data_not_of_code(sample, tmp_path):
    edit(
        sample / DEPARTMENT,
        "# Người đầu mối",
        "  - id: trung-tam-chuyen-doi-so\n    name: Trung tâm Chuyển đổi số\n"
        "    name_en: Digital Transformation Centre\n"
        "    group: Đơn vị trực thuộc\n    head: Vũ Thị G\n"
        "    head_role: Giám đốc Trung tâm\n\n# Người đầu mối",
    )
    site = build(sample, tmp_path / "out")
    page = BeautifulSoup(read(site / "to-chuc" / "index.html"), "html.parser")
    chart = [a.get_text(" ", strip=True) for a in page.select(".org-chart .org-units a")]
    assert "Trung tâm Chuyển đổi số Giám đốc Trung tâm: Vũ Thị G" in chart
    assert (
        len(chart) == 9
        and page.select_one("#don-vi-trung-tam-chuyen-doi-so h4").get_text() == "Trung tâm Chuyển đổi số"
    )
    english = read(site / "en" / "index.html")
    assert 'Digital Transformation Centre (<span lang="vi">Trung tâm Chuyển đổi số</span>)' in english


def test_the_organisation_page_shows_every_unit_leader_and_the_contact(sample_site):
    page = BeautifulSoup(read(sample_site / "to-chuc" / "index.html"), "html.parser")
    groups = [p.get_text() for p in page.select(".org-chart .org-group")]
    assert groups == ["Văn phòng, Thanh tra", "Phòng chuyên môn", "Đơn vị trực thuộc"]
    assert len(page.select(".org-chart .org-units a")) == 8
    assert [li.select_one("strong").get_text() for li in page.select(".people li")] == [
        "Phạm Quang An",
        "Lò Văn Thành",
        "Nguyễn Thị Hằng",
    ]
    assert "Đặng Văn H" in page.select_one("#dau-moi + p").get_text()
    footer = BeautifulSoup(read(sample_site / "index.html"), "html.parser").select_one(".site-footer")
    assert footer.select_one('a[href="/to-chuc/"]') and footer.select_one('a[href="/tiep-can-thong-tin/"]')


# --- the «Tiếp cận thông tin» list equals the site ---------------------------------------------------


def test_the_public_information_list_equals_what_the_site_holds(sample_site):
    page = BeautifulSoup(read(sample_site / "tiep-can-thong-tin" / "index.html"), "html.parser")
    rows = page.select("table.public-information tbody tr")
    listed = {}
    for row in rows:
        link = row.select_one("td a")["href"]
        title = row.select_one("th").get_text(" ", strip=True)
        listed[link] = title
        if link.startswith("/"):  # every address listed is a page the build made
            assert (sample_site / link.strip("/") / "index.html").is_file(), link
        assert row.select("td")[2].get_text() and row.select("td")[4].get_text()  # form and how long
    sections = {"/to-chuc/", "/van-ban/", "/ke-hoach/", "/nhiem-vu/", "/tin-tuc/", "/hoat-dong/", "/en/"}
    sections |= {"/tiep-can-thong-tin/", "/van-ban/linh-vuc/tai-chinh/", "/van-ban/linh-vuc/thong-ke/"}
    pages = {
        f"/{re.search(r'^Slug: (.+)$', read(p), re.M).group(1)}/"
        for p in (ROOT / "content" / "pages").glob("*.md")
    }
    internal = {link for link in listed if link.startswith("/")}
    assert internal == sections | pages
    assert {link for link in listed if "dichvucong" in link} == {
        "https://dichvucong.sonla.gov.vn/",
        "https://dichvucong.gov.vn/",
    }

    def count(prefix):
        return int(re.search(r"\((\d+)\)$", listed[prefix]).group(1))

    assert count("/van-ban/") == len(list((sample_site / "van-ban").glob("20*/*/index.html")))
    assert count("/nhiem-vu/") == len(list((sample_site / "nhiem-vu").glob("*/index.html")))
    assert count("/hoat-dong/") == len(list((sample_site / "hoat-dong").glob("*/*/index.html")))
    assert count("/tin-tuc/") == len(list((sample_site / "tin-tuc").glob("20*/*/index.html")))


def test_the_request_forms_are_downloads_and_the_procedure_names_the_deadline(sample_site):
    page = BeautifulSoup(read(sample_site / "tiep-can-thong-tin" / "index.html"), "html.parser")
    forms = page.select(".attachments a[download]")
    assert [a.get_text() for a in forms] == [
        "Phiếu yêu cầu cung cấp thông tin (dùng cho công dân)",
        "Phiếu yêu cầu cung cấp thông tin (dùng cho người đại diện, người giám hộ)",
    ]
    for link in forms:
        assert (sample_site / link["href"].lstrip("/")).read_bytes().startswith(b"PK")  # a Word file
    assert "Trong 10 ngày làm việc" in page.get_text()
    assert "Đặng Văn H" in page.select_one("#dau-moi").find_next("p").get_text()


def test_an_empty_or_misnamed_department_file_is_an_error_not_silence(sample):
    (sample / DEPARTMENT).write_text("# chỉ có chú thích\n", encoding="utf-8")
    (sample / "co-quan" / "to-chuc.yaml").write_text("updated: 2026-11-30\n", encoding="utf-8")
    check = check_content(sample, load_settings(sample), now=SAMPLE_DAY, shown_dir="content")
    assert [str(p) for p in check.errors] == [
        (
            "content/co-quan/to-chuc.yaml: LỖI: tệp này không được đọc: "
            "thông tin cơ quan chỉ ghi trong một tệp "
            "— chuyển nội dung vào content/co-quan/to-chuc.yml rồi xóa tệp này"
        ),
        (
            "content/co-quan/to-chuc.yml:1: LỖI: tệp trống — ghi thông tin cơ quan theo mẫu "
            "(docs/huong-dan-bien-tap.md, mục 15)"
        ),
    ]  # and no dead-link errors besides for the pages it would make


def test_yaml_values_that_are_not_text_are_refused_not_changed(sample):
    edit(
        sample / DEPARTMENT,
        "  phone: 0212 3852 221\n  email: vanphong",
        "  phone: 0243456701\n  email: vanphong",
    )
    edit(sample / DEPARTMENT, "  - name: Lò Văn Thành", "  - name: yes")
    edit(sample / DEPARTMENT, "answer_days: 10", "answer_days: true")
    found = errors_of(sample)
    assert any("khóa 'phone': giá trị được đọc thành 42884545, không phải chữ" in f for f in found), found
    assert any("khóa 'name': giá trị được đọc thành True, không phải chữ" in f for f in found)
    assert any("khóa 'answer_days': số ngày trả lời phải từ 1 đến 10" in f for f in found)


def test_the_procedure_is_checked_as_a_post_body_is(sample):
    edit(
        sample / DEPARTMENT, "    1. Trước khi", "    Xem [trang cũ](/khong-co-trang-nay/).\n    1. Trước khi"
    )
    found = errors_of(sample)
    assert len(found) == 1 and "phần 'procedure' (cách thức yêu cầu cung cấp thông tin), dòng 1: " in found[0]
    assert "'/khong-co-trang-nay/' dẫn tới trang không có" in found[0]
    edit(sample / DEPARTMENT, "    Xem [trang cũ](/khong-co-trang-nay/).\n", "    " + "[a](" * 20000 + "\n")
    slow = [
        str(p)
        for p in check_content(sample, load_settings(sample), now=SAMPLE_DAY, shown_dir="content").errors
    ]
    assert len(slow) == 1 and slow[0].startswith(f"{SHOWN}: LỖI: phần 'procedure'")


def test_without_a_procedure_there_is_no_access_page_to_link(sample):
    drop_yaml_block(sample / DEPARTMENT, "information_access")
    found = [
        str(p)
        for p in check_content(sample, load_settings(sample), now=SAMPLE_DAY, shown_dir="content").errors
    ]
    assert found == [
        (
            "content/pages/gioi-thieu.md:8: LỖI: liên kết nội bộ '/tiep-can-thong-tin/' "
            "dẫn tới trang không có "
            "trên trang web — kiểm tra lại địa chỉ; dẫn tới bài khác bằng {filename}/posts/…"
        )
    ]


def test_a_hidden_page_is_not_in_the_public_information_list(sample):
    (sample / "pages" / "noi-bo.md").write_text(
        "Title: Nội bộ\nSlug: noi-bo\nStatus: hidden\n\nx\n", encoding="utf-8"
    )
    settings = load_settings(sample)
    check = check_content(sample, settings, now=SAMPLE_DAY)
    listed = {e.key for e in public_information(check, settings, SAMPLE_DAY.date())}
    assert "trang:gioi-thieu" in listed and "trang:noi-bo" not in listed


def test_a_department_file_with_errors_is_not_called_missing(sample):
    edit(sample / DEPARTMENT, "  - id: thanh-tra\n", "  - id: Thanh-Tra\n")
    found = entries(sample)
    assert found["co-cau"].state == MISSING
    assert (
        "có lỗi nên chưa đọc được" in found["co-cau"].detail
        and "không cần lập lại tệp" in found["co-cau"].fix
    )
    assert "có lỗi" in found["tiep-can"].detail and "có lỗi" in found["danh-muc"].detail
    assert any("viết 'thanh-tra'" in e for e in errors_of(sample))

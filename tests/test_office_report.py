"""The Office's report from data, not code: another department or plan changes the file with no
code change; the Word template is the Office's to edit; LibreOffice prints what we promise."""

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import PLAN_118, ROOT, ContentDir, run_invoke
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from builder.settings import load_settings
from portal.office_report import SHIPPED_TEMPLATE, number_symbol
from portal.report import ReportError, ReportQuery, make_report

PLAN = "118/KH-KHCN"  # the sample content's 2020 plan (it holds later plans too)
ELSEWHERE = {
    "SITENAME": "Sở Tư pháp tỉnh Điện Biên",
    "DEPARTMENT": {"name": "Sở Tư pháp", "province": "UBND tỉnh Điện Biên", "place": "Điện Biên Phủ"},
}


def other_department(tmp_path) -> ContentDir:
    """The same posts under another department's plan, with its own report block."""
    text = PLAN_118.read_text(encoding="utf-8")
    for old, new in (
        ("id: 118/KH-KHCN", "id: 42/KH-STP"),
        ("issuer: Sở Khoa học và Công nghệ tỉnh Sơn La", "issuer: Sở Tư pháp tỉnh Điện Biên"),
        ("number_symbol: BC-KHCN", "number_symbol: BC-STP"),
        ("addressee: Ủy ban nhân dân tỉnh Sơn La", "addressee: Ủy ban nhân dân tỉnh Điện Biên"),
        ("    - Ban Giám đốc Sở;\n", ""),
        (
            "signer_title: GIÁM ĐỐC",
            "signer_title:\n    - KT. GIÁM ĐỐC\n    - PHÓ GIÁM ĐỐC\n  signer_name: Lò Văn A",
        ),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    content = ContentDir(tmp_path / "content", plans=())
    (content.path / "plans" / "42-kh-stp.yml").write_text(text, encoding="utf-8")
    content.post("a", Title="Phổ biến pháp luật về hòa giải ở cơ sở", Date="2020-03-02 08:00", Items="2")
    return content


def docx_text(path: Path) -> str:
    """Every paragraph's and table cell's text; a non-breaking space read as a space."""
    document = Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts).replace("\u00a0", " ")


def test_another_department_and_plan_change_the_report_without_code(tmp_path):
    content = other_department(tmp_path)
    settings = {**load_settings(content.path, settings_file="publishconf.py"), **ELSEWHERE}
    path = make_report(content.path, settings, ReportQuery(period="cả năm"), "docx", tmp_path / "bc.docx")
    text = docx_text(path)
    for expected in (
        "UBND TỈNH ĐIỆN BIÊN",
        "SỞ TƯ PHÁP",
        "Số: ……/BC-STP",
        "Điện Biên Phủ, ngày",
        "Kính gửi: Ủy ban nhân dân tỉnh Điện Biên",
        "Kế hoạch số 42/KH-STP ngày 07/02/2020 của Sở Tư pháp tỉnh Điện Biên",
        "Sở Tư pháp báo cáo kết quả thực hiện như sau",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "Lò Văn A",
    ):
        assert expected in text, expected
    assert "Sơn La" not in text and "KHOA HỌC" not in text and "Ban Giám đốc Sở" not in text
    assert "[Họ và tên người ký]" not in text  # the signer is known
    assert Document(path).core_properties.author == "Sở Tư pháp tỉnh Điện Biên"


def test_defaults_when_the_plan_says_nothing_of_its_report(tmp_path):
    text = PLAN_118.read_text(encoding="utf-8")
    start, end = text.index("\nreport:\n"), text.index("\ntext: |")
    content = ContentDir(tmp_path / "content", plans=())
    (content.path / "plans" / PLAN_118.name).write_text(text[:start] + text[end:], encoding="utf-8")
    settings = load_settings(content.path, settings_file="publishconf.py")
    made = make_report(content.path, settings, ReportQuery(period="cả năm"), "docx", tmp_path / "bc.docx")
    text = docx_text(made)
    assert "Số: ……/BC-KHCN" in text and "Kính gửi: UBND tỉnh Sơn La" in text
    assert "Kết quả thực hiện Kế hoạch số 118/KH-KHCN năm 2020" in text
    assert "- Như trên;\n- Lưu: VT, VP." in text and "GIÁM ĐỐC" in text and "[Họ và tên người ký]" in text


@pytest.mark.parametrize(
    ("plan_id", "symbol"), [("118/KH-KHCN", "BC-KHCN"), ("31/QĐ-UBND", "BC-UBND"), ("05/KH", "BC")]
)
def test_number_symbol_keeps_the_issuer_part(plan_id, symbol):
    assert number_symbol(plan_id) == symbol


def edited_template(tmp_path, old: str, new: str) -> Path:
    """The shipped template as the Office would change it in Word: one paragraph's text replaced."""
    document = Document(SHIPPED_TEMPLATE)
    paragraph = next(p for p in document.paragraphs if p.text == old)
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = new
    path = tmp_path / "mau-cua-van-phong.docx"
    document.save(path)
    return path


def test_the_office_edits_the_template_in_word_and_the_report_follows(tmp_path):
    template = edited_template(
        tmp_path, "VI. ĐỀ XUẤT, KIẾN NGHỊ", "VI. KIẾN NGHỊ VỚI UBND TỈNH {{ plan_id }}"
    )
    output = tmp_path / "bc.docx"
    result = run_invoke(
        "report",
        "--plan",
        "118/KH-KHCN",
        "--period",
        "cả năm",
        "--format",
        "docx",
        "--output",
        str(output),
        "--template",
        str(template),
    )
    assert result.returncode == 0, result.stderr
    assert "VI. KIẾN NGHỊ VỚI UBND TỈNH 118/KH-KHCN" in docx_text(output)


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("{{ plan_id.__class__.__mro__[1].__subclasses__() }}", "không được phép"),
        ("{{ plan_id|khong_co_bo_loc_nay }}", "bộ lọc '|khong_co_bo_loc_nay' ở đoạn"),
        (
            "{%p for item in items %}",
            (
                "khối {%p for item in items %} (sau đoạn «V. {{ difficulties_heading }}») không có "
                "dòng đóng {%p endfor %}"
            ),
        ),
        (
            "{{ plan_Id }}",
            (
                "trường 'plan_Id' ở đoạn «{{ plan_Id }}» không có (gõ sai tên?); các trường dùng được "
                "ở đó: activities, activity_count"
            ),
        ),
        ("{ plan_id }}", "trường thiếu dấu ngoặc ở đoạn «{ plan_id }}»"),
        ("{{ 1/0 }}", "một trường tính toán sai"),
        ("{{ 'a' * 1000000000 }}", "phép tính quá lớn"),
    ],
)
def test_a_template_cannot_reach_python_and_a_broken_field_is_named(tmp_path, field, expected):
    template = edited_template(tmp_path, "VI. ĐỀ XUẤT, KIẾN NGHỊ", field)
    settings = {
        **load_settings(ROOT / "content", settings_file="publishconf.py"),
        "REPORT_TEMPLATE": template,
    }
    with pytest.raises(ReportError, match=r"mẫu báo cáo mau-cua-van-phong\.docx: ") as raised:
        make_report(
            ROOT / "content", settings, ReportQuery(PLAN, period="cả năm"), "docx", tmp_path / "bc.docx"
        )
    assert expected in str(raised.value) and "Sửa mẫu báo cáo" in str(raised.value)
    assert not (tmp_path / "bc.docx").exists()


def edited_paragraphs(tmp_path, change) -> Path:
    """The shipped template with `change(paragraphs)` made to its paragraphs (table cells' too),
    as the Office would in Word: a paragraph's text retyped, or a paragraph deleted."""
    from docx.text.paragraph import Paragraph

    document = Document(SHIPPED_TEMPLATE)
    change([Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))])
    path = tmp_path / "mau-cua-van-phong.docx"
    document.save(path)
    return path


def retype(old: str, new: str):
    def change(paragraphs):
        paragraph = next(p for p in paragraphs if p.text == old)
        for run in paragraph.runs[1:]:
            run.text = ""
        paragraph.runs[0].text = new

    return change


def delete_after(before: str, deleted: str):
    """Delete the paragraph `deleted` that follows the one reading `before`."""

    def change(paragraphs):
        at = next(i for i, p in enumerate(paragraphs) if p.text == before)
        assert paragraphs[at + 1].text == deleted
        element = paragraphs[at + 1]._p
        element.getparent().remove(element)

    return change


def delete_first(deleted: str):
    def change(paragraphs):
        element = next(p for p in paragraphs if p.text == deleted)._p
        element.getparent().remove(element)

    return change


def template_problem(tmp_path, change) -> str:
    template = edited_paragraphs(tmp_path, change)
    settings = {
        **load_settings(ROOT / "content", settings_file="publishconf.py"),
        "REPORT_TEMPLATE": template,
    }
    with pytest.raises(ReportError, match=r"mẫu báo cáo mau-cua-van-phong\.docx: ") as raised:
        make_report(
            ROOT / "content", settings, ReportQuery(PLAN, period="6 tháng"), "docx", tmp_path / "bc.docx"
        )
    assert not (tmp_path / "bc.docx").exists()
    return str(raised.value)


ITEM_HEADING = "{{ item.number }}. {{ item.title }}: {{ item.phrase }}."


def test_a_misspelled_field_is_named_as_written_with_its_paragraph_and_the_fields_there(tmp_path):
    said = template_problem(tmp_path, retype(ITEM_HEADING, ITEM_HEADING.replace("item.phrase", "item.cout")))
    assert (
        "trường 'item.cout' ở đoạn «{{ item.number }}. {{ item.title }}: {{ item.cout }}.» không có "
        "(gõ sai tên?); các trường của item: activities, activity_count, assigned, count, number, "
        "phrase, posts, title"
    ) in said
    # In a table row: the row's fields.
    said = template_problem(tmp_path, retype("{{ row.title }}", "{{ row.titel }}"))
    assert "trường 'row.titel' ở đoạn «{{ row.titel }}» không có" in said
    assert "các trường của row: activity_count, count, number, title" in said
    # A loop variable misspelled: the fields there include the loops around it.
    said = template_problem(tmp_path, retype("- {{r post.line }}", "- {{r pst.line }}"))
    assert "trường 'pst' ở đoạn «- {{r pst.line }}» không có (gõ sai tên?)" in said
    there = said.split("các trường dùng được ở đó: ")[1]
    assert "item, items" in there and ", post, post_count" in there


def test_a_deleted_loop_line_is_named(tmp_path):
    said = template_problem(tmp_path, delete_after(ITEM_HEADING, "{%p for post in item.posts %}"))
    assert (
        "thiếu dòng mở vòng lặp {%p for post in … %}: đoạn «- {{r post.line }}» dùng 'post' mà không "
        "có vòng lặp nào đặt ra nó, nên dòng {%p endfor %} không có dòng mở"
    ) in said
    said = template_problem(tmp_path, delete_after("- {{r post.line }}", "{%p endfor %}"))
    assert (
        "khối {%p for post in item.posts %} thiếu dòng đóng {%p endfor %} (vòng lặp phải đóng sau "
        "«{{r post.line }}»)"
    ) in said
    said = template_problem(tmp_path, delete_first("{%p endif %}"))  # the unit's line under the title
    assert "khối {%p if unit_name %} (sau đoạn «BÁO CÁO») không có dòng đóng {%p endif %}" in said


def test_a_misspelled_filter_is_said_in_vietnamese_with_the_filters_there_are(tmp_path):
    said = template_problem(tmp_path, retype("{{ agency|upper }}", "{{ agency|uper }}"))
    assert "bộ lọc '|uper' ở đoạn «{{ agency|uper }}» không có (gõ sai tên?); có phải '|upper'?" in said
    assert "các bộ lọc dùng được: abs, " in said and ", lower, " in said and "No filter" not in said


def test_a_units_report_is_the_units_paper_to_the_office(tmp_path):
    settings = load_settings(ROOT / "content", settings_file="publishconf.py")
    query = ReportQuery(PLAN, period="cả năm", unit="thanh-tra")
    path = make_report(ROOT / "content", settings, query, "docx", tmp_path / "tt.docx")
    data = json.loads(
        make_report(ROOT / "content", settings, query, "json", tmp_path / "tt.json").read_text()
    )
    own = next(row for row in data["units"] if row["id"] == "thanh-tra")
    document = Document(path)
    left = document.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs[:2]] == ["SỞ KHOA HỌC VÀ CÔNG NGHỆ", "THANH TRA SỞ"]
    assert "Số: ……/BC-TTr" in left.text  # the unit's own symbol, from the plan's units data
    text = docx_text(path)
    assert "Kính gửi: Văn phòng Sở" in text and "Thanh tra Sở báo cáo kết quả thực hiện như sau" in text
    assert "CHÁNH THANH TRA" in text and "THỦ TRƯỞNG ĐƠN VỊ" not in text and "Sở Nội vụ" not in text
    units = next(t for t in document.tables if t.rows[0].cells[0].text == "Đơn vị thực hiện")
    assert len(units.rows) == 3  # titles, the unit's own row, the total
    # No quantity in the unit table: a unit's quantities are of different forms.
    expected = [str(own[k]) for k in ("post_count", "activity_count", "participants")]
    assert [c.text for c in units.rows[1].cells] == ["Thanh tra Sở", *expected]
    assert [c.text for c in units.rows[2].cells] == ["Cộng", *expected]


def test_a_unit_without_a_head_in_the_plan_signs_with_a_neutral_title(tmp_path):
    text = PLAN_118.read_text(encoding="utf-8")
    old = "    symbol: TTr\n    head: CHÁNH THANH TRA\n"
    assert old in text
    content = ContentDir(tmp_path / "content", plans=())
    (content.path / "plans" / PLAN_118.name).write_text(text.replace(old, ""), encoding="utf-8")
    settings = load_settings(content.path, settings_file="publishconf.py")
    query = ReportQuery(PLAN, period="6 tháng", unit="thanh-tra")
    made = docx_text(make_report(content.path, settings, query, "docx", tmp_path / "tt.docx"))
    assert "THỦ TRƯỞNG ĐƠN VỊ" in made and "Số: ……/BC\n" in made + "\n"


def test_page_numbers_and_a_signature_block_that_never_splits():
    document = Document(SHIPPED_TEMPLATE)
    section = document.sections[0]
    assert section.different_first_page_header_footer  # no number on the first page (Decree 30)
    assert 'w:instr="PAGE"' in section.header._element.xml
    closing = document.tables[-1].rows[0]._tr
    assert closing.trPr is not None and closing.trPr.find(qn("w:cantSplit")) is not None


def test_a_very_long_subject_still_makes_a_report(tmp_path):
    """Word's document properties hold 255 characters; the report's subject line may be longer."""
    text = PLAN_118.read_text(encoding="utf-8").replace(
        "subject: Kết quả tuyên truyền về cải cách hành chính để nâng cao chỉ số PAPI",
        "subject: " + "Kết quả tuyên truyền & phổ biến <văn bản> " * 8,
    )
    content = ContentDir(tmp_path / "content", plans=())
    (content.path / "plans" / PLAN_118.name).write_text(text, encoding="utf-8")
    settings = load_settings(content.path, settings_file="publishconf.py")
    made = make_report(content.path, settings, ReportQuery(period="cả năm"), "docx", tmp_path / "bc.docx")
    document = Document(made)
    assert len(document.core_properties.title) == 255
    assert "Kết quả tuyên truyền & phổ biến <văn bản>" in docx_text(made)


def test_a_missing_or_non_word_template_is_named(tmp_path):
    settings = load_settings(ROOT / "content", settings_file="publishconf.py")
    (tmp_path / "mau.docx").write_text("không phải Word", encoding="utf-8")
    for template, expected in (
        (tmp_path / "khong-co.docx", "không tìm thấy mẫu báo cáo"),
        (tmp_path / "mau.docx", "không phải tệp Word"),
    ):
        with pytest.raises(ReportError, match=expected):
            make_report(
                ROOT / "content",
                {**settings, "REPORT_TEMPLATE": template},
                ReportQuery(PLAN, period="cả năm"),
                "docx",
                tmp_path / "bc.docx",
            )


def test_shipped_template_is_what_the_drawing_script_draws(tmp_path):
    """tools/make_report_template.py and the shipped file cannot drift apart."""
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            str(ROOT / "tools" / "make_report_template.py"),
            str(tmp_path / "t.docx"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert docx_text(tmp_path / "t.docx") == docx_text(SHIPPED_TEMPLATE)
    # Properties are set from the data, never left to the template (and never "python-docx").
    assert Document(SHIPPED_TEMPLATE).core_properties.author == ""


# --- Printed by LibreOffice -------------------------------------------------


def to_pdf(document: Path) -> Path:
    """Convert with LibreOffice headless, one profile per call so parallel tests never share one."""
    profile = Path("/tmp") / f"lo-profile-{uuid.uuid4().hex}"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(document.parent),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(profile)},
    )
    pdf = document.with_suffix(".pdf")
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def pdf_page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and "size:" in line:
            width, _, height = line.split("size:")[1].split()[:3]
            sizes.append((float(width), float(height)))
    return sizes


@pytest.mark.slow
def test_docx_printed_by_libreoffice_names_the_department_from_settings(tmp_path):
    content = other_department(tmp_path)
    settings = {**load_settings(content.path, settings_file="publishconf.py"), **ELSEWHERE}
    docx = make_report(content.path, settings, ReportQuery(period="cả năm"), "docx", tmp_path / "bc.docx")
    pages = pdf_pages(to_pdf(docx))
    first = " ".join(pages[0].split())
    for expected in ("UBND TỈNH ĐIỆN BIÊN", "SỞ TƯ PHÁP", "Điện Biên Phủ, ngày", "BÁO CÁO", "Số: ……/BC-STP"):
        assert expected in first, expected
    assert all(w < h for w, h in pdf_page_sizes(tmp_path / "bc.pdf"))  # A4 portrait
    assert "Sơn La" not in "".join(pages)


@pytest.mark.slow
def test_xlsx_prints_one_page_wide_landscape_with_titles_on_every_page(tmp_path):
    """Enough posts for several printed pages: each is landscape and holds every column, titles first."""
    content = ContentDir(tmp_path / "content")
    for day in range(1, 121):
        content.post(
            f"p{day:03d}",
            Title=f"Tin số {day} về cải cách hành chính và dịch vụ công trực tuyến của Sở năm 2020",
            Date=f"2020-{(day - 1) // 28 + 1:02d}-{(day - 1) % 28 + 1:02d} 08:00",
            Items="1, 5",
        )
    settings = load_settings(content.path, settings_file="publishconf.py")
    xlsx = make_report(content.path, settings, ReportQuery(period="6 tháng"), "xlsx", tmp_path / "bc.xlsx")
    book = load_workbook(xlsx)
    summary, listing, activities, _ = book.worksheets
    for sheet in (summary, listing):  # the file asks for it ...
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert summary.page_setup.fitToHeight == 1 and listing.print_title_rows == "$1:$1"
    pdf = to_pdf(xlsx)  # ... and LibreOffice prints it so
    pages, sizes = pdf_pages(pdf), pdf_page_sizes(pdf)
    assert len(sizes) == len(pages) and all(w > h for w, h in sizes)
    evidence = [page for page in pages if "Tiêu đề" in page]
    assert len(evidence) >= 3  # several pages: a cut column would show up as a page without titles
    rows = sum(page.count("Tin số ") for page in evidence)
    assert rows == 2 * 120  # every post under items 1 and 5, each row whole on one page
    # Names wrap instead of being cut at the column's edge.
    assert sum(page.count("KH&CN") for page in evidence) == 2 * 120
    for page in evidence:
        header = next(line for line in page.splitlines() if "Tiêu đề" in line)
        for title in ("Mục", "Ngày đăng", "Đơn vị", "Hình thức", "Liên kết"):
            assert title in header, (title, header)
    # Nothing else printed: the summary on one page, then the evidence; no column on a page of its own.
    assert "Số tin bài" in pages[0] and "Trung tâm Thông tin" in pages[0]
    # The activities and documents sheets: none here, and each says so under its titles.
    assert sum("Tên hoạt động" in page for page in pages) == 1 and activities.max_row == 2
    assert sum("Không có hoạt động nào trong kỳ." in page for page in pages) == 1
    assert sum("Không có văn bản nào ban hành hoặc được nêu" in page for page in pages) == 1
    documents = [page for page in pages if "Số, ký hiệu" in page]
    assert len(documents) == 1 and len(pages) == 1 + len(evidence) + 2


# --- Content that looks like template syntax --------------------------------

HOSTILE_TITLES = {
    # title as written in the post -> as the site (and so the report) reads it
    "Hội thảo {{ chuyển đổi số }} {% 2020 %}": None,
    "{%p if gaps %}Tin {%tr endfor %} và {{r post.line }}": None,
    "Mở {_{ ngoặc }_} và {_% khối %_} của docxtpl": None,
    "Kết quả {{ 7*7 }} {{ config }} {{ ''.__class__ }}": None,
    "Chỉ có dấu đóng }} và %} rồi mở {{ và {%": None,
    "Thẻ <w:t> & ]]> \"trích\" 'dẫn' <![CDATA[ x": None,
    "Tin\x0bmới dán từ Word": "Tin mới dán từ Word",  # Word's line break: a space in a header
    "Cột\tthứ hai": None,
    " ".join(["Tiêu đề {{ rất }} dài"] * 150): None,
}


HOSTILE_ACTIVITY = "Hội nghị {{ giao ban }} {%p endfor %} {%tr if x %}"
HOSTILE_REPORT = "Tin {{r post.line }} về hội nghị"


def hostile_content(tmp_path) -> Path:
    """The sample content, with posts, a unit, an item and a document named like template syntax."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for number, title in enumerate(HOSTILE_TITLES, start=1):
        (content / "posts" / f"hostile-{number}.md").write_text(
            f"Title: {title}\nDate: 2020-03-{number:02d} 08:00\nSlug: hostile-{number}\n"
            "Items: 1\nUnit: thanh-tra\n\nNội dung.\n",
            encoding="utf-8",
        )
    plan = content / "plans" / PLAN_118.name
    text = plan.read_text(encoding="utf-8")
    for old, new in (
        ("name: Thanh tra Sở\n", "name: 'Thanh tra {{ Sở }} {%p endif %}'\n"),
        (
            "title: Ý nghĩa của cải cách hành chính và chỉ số PAPI\n",
            "title: 'Ý nghĩa {% raw %} {_{ x }_} của cải cách hành chính'\n",
        ),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    document = content / "van-ban" / "2020-256-qd-ubnd.md"
    document.write_text(
        document.read_text(encoding="utf-8").replace("Title: Công bố", "Title: {{ Công bố }} {%tr %}", 1),
        encoding="utf-8",
    )
    # An activity, its evidence file and the post reporting on it, named like template syntax too.
    (content / "posts" / "hostile-report.md").write_text(
        f"Title: {HOSTILE_REPORT}\nDate: 2020-04-02 08:00\nSlug: hostile-report\nItems: 1\n"
        "Unit: thanh-tra\n\nNội dung.\n",
        encoding="utf-8",
    )
    (content / "files" / "2020" / "{{ bien-ban }}.pdf").write_bytes(b"%PDF-1.4\n")
    (content / "hoat-dong").mkdir(exist_ok=True)
    (content / "hoat-dong" / "hostile.md").write_text(
        f"Title: {HOSTILE_ACTIVITY}\nDate: 2020-04-01 08:00\nUnit: thanh-tra\nForm: hoi-nghi-giao-ban\n"
        "Items: 1\nParticipants: 7\nFiles: 2020/{{ bien-ban }}.pdf\nPosts: hostile-report\n\nGhi chép.\n",
        encoding="utf-8",
    )
    return content


def test_values_that_look_like_template_syntax_are_printed_as_written(tmp_path):
    content = hostile_content(tmp_path)
    output = tmp_path / "bc.docx"
    result = run_invoke(
        "report",
        "--content",
        str(content),
        "--plan",
        PLAN,
        "--period",
        "cả năm",
        "--format",
        "docx",
        "--output",
        str(output),
    )
    assert result.returncode == 0, result.stderr
    document = Document(output)
    paragraphs = [p.text for p in document.paragraphs]
    for number, (written, read) in enumerate(HOSTILE_TITLES.items(), start=1):
        line = f"- {number:02d}/03/2020: {read or written}"
        # Under item 1 and under the unit, each the whole paragraph, the title a link.
        assert paragraphs.count(line) == 2, (written, [p for p in paragraphs if p.startswith(line[:14])])
    assert "Ý nghĩa {% raw %} {_{ x }_} của cải cách hành chính" in "\n".join(paragraphs)
    # The activity under item 1 and under its unit, whole; its post only under item 1 (in the
    # appendix, a post reporting on an activity is listed with it).
    activity = (
        f"- 01/04/2020: {HOSTILE_ACTIVITY} (Thanh tra {{{{ Sở }}}} {{%p endif %}}; Hội nghị giao ban; "
        f"7 người tham dự). Tệp kiểm chứng: {{{{ bien-ban }}}}.pdf. Tin, bài: {HOSTILE_REPORT}."
    )
    assert paragraphs.count(activity) == 2, [p for p in paragraphs if "01/04/2020" in p]
    assert paragraphs.count(f"- 02/04/2020: {HOSTILE_REPORT}") == 1
    text = docx_text(output)
    assert "Thanh tra {{ Sở }} {%p endif %}" in text  # in the table of units
    assert "{{ Công bố }} {%tr %} danh mục thủ tục hành chính mới" in text  # in the table of documents
    assert "49" not in "\n".join(p for p in paragraphs if "Kết quả" in p)
    hyperlinks = document.element.body.findall(".//" + qn("w:hyperlink"))
    assert len(hyperlinks) >= 2 * len(HOSTILE_TITLES)
    tabbed = next(p for p in document.paragraphs if "Cột" in p.text)
    assert tabbed._p.findall(".//" + qn("w:tab"))  # a tab, not a character Word would not show


def test_a_units_report_prints_its_hostile_name_through_the_templates_filters(tmp_path):
    content = hostile_content(tmp_path)
    settings = load_settings(content, settings_file="publishconf.py")
    query = ReportQuery(PLAN, period="cả năm", unit="thanh-tra")
    path = make_report(content, settings, query, "docx", tmp_path / "tt.docx")
    document = Document(path)
    left = document.tables[0].rows[0].cells[0]
    # The letterhead's `{{ agency|upper }}`: the filter ran on the name, the name was not read as syntax.
    assert [p.text for p in left.paragraphs[:2]] == [
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "THANH TRA {{ SỞ }} {%P ENDIF %}",
    ]
    assert "Thanh tra {{ Sở }} {%p endif %} báo cáo kết quả thực hiện như sau" in docx_text(path)

"""The Office's papers as a clerk files them (issue 25): the department's report and each unit's,
their words taken from the units' period reports (content/bao-cao/…), nothing to type into the
generated file but the number and date of issue. Reopened with python-docx and openpyxl, printed
by LibreOffice and read back with pdftotext."""

import csv
import datetime as dt
import io
import subprocess

import pytest
from conftest import PLAN_118, ROOT, ContentDir, run_invoke
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from test_office_report import pdf_pages, to_pdf

from builder.settings import load_settings
from portal.office_report import NOTHING_WRITTEN, section_paragraphs
from portal.report import ReportQuery, make_report

PLAN = "118/KH-KHCN"
SAMPLE = ROOT / "content"
SIX = "bao-cao/118-kh-khcn-2020/6-thang"
NOT_SENT = (
    "Phòng Kế hoạch - Tài chính",
    "Phòng Quản lý khoa học",
    "Phòng Quản lý công nghệ và Thị trường công nghệ",
    "Phòng Quản lý chuyên ngành",
)
# The sample's own words (content/bao-cao/118-kh-khcn-2020/6-thang/…).
OFFICE_WORDS = {
    "1. Kết quả nổi bật": "Tham mưu ban hành Kế hoạch số 118/KH-KHCN ngày 07/02/2020",
    "V. KHÓ KHĂN, VƯỚNG MẮC": "Một số phòng, đơn vị chưa gửi báo cáo đúng hạn",
    "VI. ĐỀ XUẤT, KIẾN NGHỊ": "Đề nghị Giám đốc Sở chỉ đạo các phòng, đơn vị gửi báo cáo đúng hạn",
    "VII. PHƯƠNG HƯỚNG KỲ TỚI": "Tiếp tục triển khai các nội dung của Kế hoạch",
    "VIII. KINH PHÍ THỰC HIỆN": "Sử dụng kinh phí chi thường xuyên của Văn phòng",
}
THANH_TRA_WORDS = {
    "1. Kết quả nổi bật": "Lồng ghép tuyên truyền cải cách hành chính và phòng, chống tham nhũng",
    "V. KHÓ KHĂN, VƯỚNG MẮC": "Chưa có kinh phí riêng để in tài liệu tuyên truyền",
    "VI. ĐỀ XUẤT, KIẾN NGHỊ": "Đề nghị Văn phòng bố trí kinh phí in tờ gấp",
    "VII. PHƯƠNG HƯỚNG KỲ TỚI": "Tiếp tục lồng ghép tuyên truyền trong các cuộc thanh tra",
    "VIII. KINH PHÍ THỰC HIỆN": "Không phát sinh kinh phí riêng.",
}


def settings_for(content):
    return load_settings(content, settings_file="publishconf.py")


def paper(content, tmp_path, name: str, fmt: str = "docx", **query):
    query = {"plan": PLAN, "period": "6 tháng", **query}
    return make_report(content, settings_for(content), ReportQuery(**query), fmt, tmp_path / f"{name}.{fmt}")


def lines(path) -> list[str]:
    """The paragraphs with text, a non-breaking space read as a space."""
    return [p.text.replace("\u00a0", " ") for p in Document(path).paragraphs if p.text.strip()]


def after(text: list[str], heading: str) -> str:
    return text[text.index(heading) + 1]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample's 6-month papers: the department's and Thanh tra's."""
    directory = tmp_path_factory.mktemp("papers")
    return {
        "department": paper(SAMPLE, directory, "so"),
        "thanh-tra": paper(SAMPLE, directory, "thanh-tra", unit="thanh-tra"),
    }


# --- The department's paper --------------------------------------------------------------------


def test_the_departments_paper_prints_the_offices_notes_in_their_parts(sample):
    text = lines(sample["department"])
    for heading, words in OFFICE_WORDS.items():
        assert after(text, heading).startswith(words), heading
    # Part I counts what the report counts, and says so.
    assert any("Trang thông tin điện tử của Sở có 12 tin, bài được tính cho Kế hoạch này" in p for p in text)
    assert not any("đăng 12 tin, bài" in p for p in text)
    assert "III. VĂN BẢN ĐƯỢC TUYÊN TRUYỀN" in text
    assert after(text, "III. VĂN BẢN ĐƯỢC TUYÊN TRUYỀN").startswith(
        "Theo thư viện văn bản của Sở trên Trang thông tin điện tử"
    )


def test_the_departments_paper_says_who_has_reported_and_prints_each_units_words(sample):
    text = lines(sample["department"])
    reporting = next(p for p in text if p.startswith("Các phòng, đơn vị gửi báo cáo về Văn phòng Sở"))
    assert "(hạn 05/06/2020): 2/7 đơn vị gửi đúng hạn: Thanh tra Sở (03/06/2020)" in reporting
    assert "1 đơn vị gửi muộn: Chi cục Tiêu chuẩn Đo lường Chất lượng (08/06/2020)" in reporting
    assert reporting.endswith("4 đơn vị chưa gửi báo cáo: " + ", ".join(NOT_SENT) + ".")
    appendix = text[text.index("Ý KIẾN CỦA CÁC PHÒNG, ĐƠN VỊ") :]
    assert appendix[0:2] == ["Ý KIẾN CỦA CÁC PHÒNG, ĐƠN VỊ", "(Kèm theo Báo cáo số ……/BC-KHCN)"]
    thanh_tra = appendix.index("1. Thanh tra Sở (gửi ngày 03/06/2020)")
    assert appendix[thanh_tra + 1] == "Kết quả nổi bật:"
    assert appendix[thanh_tra + 2].startswith("Lồng ghép tuyên truyền cải cách hành chính")
    late = "3. Chi cục Tiêu chuẩn Đo lường Chất lượng (gửi ngày 08/06/2020, sau hạn 05/06/2020)"
    # A unit that wrote some sections only shows those: nothing is invented for it.
    chi_cuc = appendix[appendix.index(late) + 1 :]
    chi_cuc = chi_cuc[: chi_cuc.index("Phụ lục II")]
    assert [p for p in chi_cuc if p.endswith(":")] == [
        "Kết quả nổi bật:",
        "Khó khăn, vướng mắc:",
        "Phương hướng kỳ tới:",
    ]
    # Units that have not sent have no words to print.
    assert not any(
        p.startswith(f"{n}. Phòng") for n in range(1, 8) for p in appendix[: appendix.index("Phụ lục II")]
    )


def test_nothing_is_left_highlighted_to_type_but_number_date_and_an_unknown_signer(sample):
    document = Document(sample["department"])
    highlighted = {
        "".join(t.text for t in run.iter(qn("w:t")))
        for run in document.element.body.iter(qn("w:r"))
        if run.find(qn("w:rPr")) is not None and run.find(qn("w:rPr")).find(qn("w:highlight")) is not None
    }
    # The number and date of issue, and the signer's name the 2020 plan leaves out.
    assert highlighted == {"……", "[Họ và tên người ký]"}
    assert not any("[cần bổ sung]" in p for p in lines(sample["department"]))


def test_where_nothing_was_written_a_neutral_line_says_so(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.post("a", Title="Tin về cải cách hành chính", Date="2020-03-02 08:00", Items="1")
    content.write(f"{SIX}/van-phong.md", "Unit: van-phong\n\n## Kết quả nổi bật\n\nMột việc nổi bật.\n")
    # A draft (no Sent line) has not reached the Office: not printed, counted as not sent.
    content.write(f"{SIX}/thanh-tra.md", "Unit: thanh-tra\n\n## Kết quả nổi bật\n\nBản nháp.\n")
    content.write(f"{SIX}/chi-cuc-tdc.md", "Unit: chi-cuc-tdc\nSent: 2020-06-01\n\n## Kinh phí\n\n")
    text = lines(paper(content.path, tmp_path, "so"))
    assert after(text, "1. Kết quả nổi bật") == "Một việc nổi bật."
    for heading in ("V. KHÓ KHĂN, VƯỚNG MẮC", "VI. ĐỀ XUẤT, KIẾN NGHỊ", "VII. PHƯƠNG HƯỚNG KỲ TỚI"):
        assert after(text, heading) == NOTHING_WRITTEN
    assert after(text, "VIII. KINH PHÍ THỰC HIỆN") == NOTHING_WRITTEN
    assert "Bản nháp." not in text
    reporting = next(p for p in text if p.startswith("Các phòng, đơn vị gửi báo cáo"))
    assert "1/7 đơn vị gửi đúng hạn: Chi cục Tiêu chuẩn Đo lường Chất lượng (01/06/2020)" in reporting
    assert "6 đơn vị chưa gửi báo cáo: Thanh tra Sở," in reporting
    chi_cuc = text.index("1. Chi cục Tiêu chuẩn Đo lường Chất lượng (gửi ngày 01/06/2020)")
    assert text[chi_cuc + 1 : chi_cuc + 3] == ["Kết quả nổi bật:", NOTHING_WRITTEN]


def test_markdown_of_a_section_becomes_plain_paragraphs():
    assert section_paragraphs(
        "Dòng một\ncòn tiếp **đậm** và *nghiêng*.\n\n- việc một\n- việc [hai](https://x.vn)\n\n1. thứ nhất\n"
        "12\\.500\\.000 đồng"
    ) == [
        "Dòng một còn tiếp đậm và nghiêng.",
        "- việc một",
        "- việc hai",
        "1. thứ nhất 12.500.000 đồng",
    ]
    assert section_paragraphs("") == []


def test_no_line_of_zero_other_posts_and_no_empty_lists(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.post("a", Title="Tin về cải cách hành chính", Date="2020-03-02 08:00", Items="1")
    text = "\n".join(lines(paper(content.path, tmp_path, "so")))
    assert "tin, bài khác" not in text and "0 tin, bài như vậy" not in text
    document = Document(tmp_path / "so.docx")
    summary = [c.text for row in document.tables[1].rows for c in row.cells]
    assert "Tin bài khác (không thuộc nội dung nào của kế hoạch)" not in summary
    assert "Hoạt động khác (không thuộc nội dung nào của kế hoạch)" not in summary
    assert "Tin, bài không thuộc nội dung nào của Kế hoạch" not in text
    # No unit reported: nobody's words to append, so no Appendix I; the lists are Appendix "Phụ lục".
    assert "Ý KIẾN CỦA CÁC PHÒNG, ĐƠN VỊ" not in text and "\nPhụ lục\n" in f"\n{text}\n"


def test_numbers_are_written_with_a_vietnamese_thousands_separator(tmp_path):
    content = ContentDir(tmp_path / "content")
    content.write(
        "hoat-dong/hoi-nghi.md",
        "Title: Hội nghị tuyên truyền toàn ngành\nDate: 2020-03-10 08:00\nUnit: van-phong\n"
        "Form: hoi-nghi-tuyen-truyen\nItems: 2\nParticipants: 1200\n\nGhi chép.\n",
    )
    text = "\n".join(lines(paper(content.path, tmp_path, "so")))
    assert "với 1.200 lượt người tham dự" in text
    assert "(Văn phòng Sở; Hội nghị tuyên truyền, phổ biến văn bản chỉ đạo; 1.200 người tham dự)" in text
    forms = next(
        t for t in Document(tmp_path / "so.docx").tables if t.rows[0].cells[0].text.startswith("Hình")
    )
    assert [c.text for c in forms.rows[-1].cells] == ["Cộng", "0", "1", "1.200", ""]


def test_an_unsigned_plan_says_so(tmp_path):
    content = ContentDir(tmp_path / "content", plans=())
    text = PLAN_118.read_text(encoding="utf-8").replace("date: 2020-02-07\n", "", 1)
    (content.path / "plans" / PLAN_118.name).write_text(text, encoding="utf-8")
    opening = next(p for p in lines(paper(content.path, tmp_path, "so")) if p.startswith("Thực hiện"))
    assert opening.startswith("Thực hiện Kế hoạch số 118/KH-KHCN (chưa ký) của Sở Khoa học và Công nghệ")


def test_the_annual_paper_has_a_place_for_shortcomings(tmp_path):
    text = lines(paper(SAMPLE, tmp_path, "ca-nam", period="cả năm"))
    assert "V. TỒN TẠI, HẠN CHẾ; KHÓ KHĂN, VƯỚNG MẮC" in text
    assert "VII. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2021" in text
    # The Office has not written its annual notes yet in the sample: said, not left blank.
    assert after(text, "VI. ĐỀ XUẤT, KIẾN NGHỊ") == NOTHING_WRITTEN


def test_the_subject_line_keeps_its_numbers_with_their_words(sample):
    subject = Document(sample["department"]).paragraphs[2].text
    assert subject.endswith("PAPI 6\u00a0tháng đầu năm\u00a02020")


def test_post_titles_are_black_links_rows_whole_headings_kept(sample):
    document = Document(sample["department"])
    body = document.element.body
    links = body.findall(".//" + qn("w:hyperlink"))
    assert links
    for link in links:
        for properties in link.iter(qn("w:rPr")):
            assert properties.find(qn("w:color")).get(qn("w:val")) == "000000"
            assert properties.find(qn("w:u")).get(qn("w:val")) == "none"
    for table in document.tables[1:]:  # every table after the letterhead
        for row in table.rows:
            assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    for table in document.tables[1:-1]:  # the tables of numbers repeat their titles on each page
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(("I. ", "II. ", "III. ", "IV. ", "V. ", "VI. ", "VII. ", "VIII. ")):
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
    documents = next(t for t in document.tables if t.rows[0].cells[0].text == "Số, ký hiệu")
    assert round(documents.columns[0].width.mm) >= 40 and round(documents.columns[2].width.mm) >= 26


def test_the_docx_is_dated_when_it_is_made(tmp_path):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    made = Document(paper(SAMPLE, tmp_path, "so"))
    after_made = dt.datetime.now(dt.UTC)
    created = made.core_properties.created.replace(tzinfo=dt.UTC)
    assert before <= created <= after_made and made.core_properties.modified == made.core_properties.created


# --- A unit's paper -----------------------------------------------------------------------------


def test_a_units_paper_goes_to_the_office_signed_by_its_head_with_its_own_words(sample):
    document = Document(sample["thanh-tra"])
    assert document.core_properties.author == "Thanh tra Sở"  # the unit's paper, not the department's
    left = document.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs[:2]] == ["SỞ KHOA HỌC VÀ CÔNG NGHỆ", "THANH TRA SỞ"]
    assert "Số: ……/BC-TTr" in left.text
    text = lines(sample["thanh-tra"])
    assert "Kính gửi: Văn phòng Sở" in text
    for heading, words in THANH_TRA_WORDS.items():
        assert after(text, heading).startswith(words), heading
    recipients, signer = document.tables[-1].rows[0].cells
    assert signer.paragraphs[0].text == "CHÁNH THANH TRA"
    assert signer.text.strip().endswith("(dữ liệu mẫu) Chánh Thanh tra Sở")  # its report's Signer
    assert [p.text for p in recipients.paragraphs] == ["Nơi nhận:", "- Như trên;", "- Lưu: TTr."]
    # The department's paper's words stay there: no other unit's, no list of who reported.
    assert not any(p.startswith("Các phòng, đơn vị gửi báo cáo") for p in text)
    assert "Ý KIẾN CỦA CÁC PHÒNG, ĐƠN VỊ" not in text


def test_a_units_paper_says_which_items_it_is_not_charged_with(sample):
    text = lines(sample["thanh-tra"])  # charged with items 2, 4, 6, 7
    for number in (1, 3, 5):
        assert any(p.startswith(f"{number}. ") and p.endswith(": không được giao.") for p in text), number
    gaps = text[text.index("II. NỘI DUNG CHƯA CÓ TIN BÀI, HOẠT ĐỘNG") + 1 :]
    assert [p.split(":")[0] for p in gaps[:4]] == ["- Mục 2", "- Mục 4", "- Mục 6", "- Mục 7"]
    summary = Document(sample["thanh-tra"]).tables[1]
    row_1 = [c.text for c in summary.rows[1].cells]
    assert row_1 == ["1", "Ý nghĩa của cải cách hành chính và chỉ số PAPI (không được giao)", "", ""]


def test_a_unit_with_nothing_to_list_has_no_appendix(sample):
    text = lines(sample["thanh-tra"])
    assert not any(p.startswith("Phụ lục") for p in text)
    assert "DANH SÁCH TIN, BÀI VÀ HOẠT ĐỘNG THEO ĐƠN VỊ THỰC HIỆN" not in text


def test_a_units_paper_lists_only_documents_its_own_posts_publicised(sample, tmp_path):
    text = "\n".join(lines(sample["thanh-tra"]))
    assert "Chưa có tin bài" not in text
    assert "Trong kỳ, tin, bài của Thanh tra Sở không nêu văn bản nào." in text
    made = Document(paper(SAMPLE, tmp_path, "qlcn", unit="phong-quan-ly-chuyen-nganh"))
    table = next(t for t in made.tables if t.rows[0].cells[0].text == "Số, ký hiệu")
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        [
            "256/QĐ-UBND",
            next(c.text for c in table.rows[1].cells[1:2]),
            "14/02/2020",
            "20/02/2020",
            "6",
        ]
    ]


# --- The Office's spreadsheets and CSV ----------------------------------------------------------


def test_xlsx_sheets_say_the_plan_period_and_page_and_the_workbook_whose_it_is(tmp_path):
    book = load_workbook(paper(SAMPLE, tmp_path, "so", fmt="xlsx"))
    for sheet in book:
        assert "Kế hoạch số 118/KH-KHCN · Báo cáo 6 tháng đầu năm 2020" in sheet.oddHeader.center.text
        assert sheet.oddFooter.center.text.endswith("Trang &P/&N"), sheet.title
        titles = [c for c in sheet[4 if sheet.title == "Tổng hợp" else 1] if c.value]
        assert all(c.alignment.wrap_text for c in titles)
    activities = book["Hoạt động"]
    assert activities.row_dimensions[1].height >= 2 * 15  # "Số người tham dự" takes two lines
    assert book.properties.creator == "Sở Khoa học và Công nghệ tỉnh Sơn La"
    assert book.properties.title.startswith("Báo cáo kết quả tuyên truyền về cải cách hành chính")
    summary = [c.value for row in book["Tổng hợp"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Hạn Văn phòng Sở báo cáo Ủy ban nhân dân tỉnh Sơn La: trước ngày 10/06/2020" in summary


def test_the_deadline_names_the_plans_own_addressee(tmp_path):
    book = load_workbook(
        make_report(
            SAMPLE,
            settings_for(SAMPLE),
            ReportQuery(plan="40/KH-KHCN", period="6 tháng"),
            "xlsx",
            tmp_path / "pbgdpl.xlsx",
        )
    )
    summary = [c.value for row in book["Tổng hợp"].iter_rows() for c in row if isinstance(c.value, str)]
    deadline = next(v for v in summary if v.startswith("Hạn Văn phòng Sở báo cáo"))
    assert "Sở Tư pháp tỉnh Sơn La" in deadline and "UBND" not in deadline and "TT&TT" not in deadline


def test_csv_written_by_invoke_starts_with_a_bom_and_takes_the_separator(tmp_path):
    for separator, args in ((",", ()), (";", ("--csv-separator", ";"))):
        output = tmp_path / f"bao-cao{len(args)}.csv"
        result = run_invoke("report", "--plan", PLAN, "--period", "6 tháng", "--output", str(output), *args)
        assert result.returncode == 0, result.stderr
        raw = output.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8: Vietnamese shown right
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=separator))
        assert rows[0] == ["Kế hoạch", "Kỳ báo cáo", "Mục", "Nội dung", "Số tin bài", "Số hoạt động"]
        assert len({len(row) for row in rows}) == 1
    # The setting the option sets.
    settings = {**settings_for(SAMPLE), "REPORT_CSV_SEPARATOR": ";"}
    made = make_report(SAMPLE, settings, ReportQuery(PLAN, period="6 tháng"), "csv", tmp_path / "s.csv")
    assert made.read_text(encoding="utf-8-sig").startswith('"Kế hoạch";"Kỳ báo cáo";')


# --- Printed by LibreOffice (issue 25: done when) -----------------------------------------------


def printed(path) -> tuple[list[str], str]:
    pages = pdf_pages(to_pdf(path))
    return pages, " ".join(" ".join(pages).split())


def blue_pixels(pdf) -> int:
    """Pixels of a link's blue on the printed pages (the report prints in black)."""
    from PIL import Image

    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(pdf), str(prefix)], check=True)
    count = 0
    for image in sorted(pdf.parent.glob(f"{prefix.name}-*.png")):
        with Image.open(image) as picture:
            data = picture.convert("RGB").tobytes()
        pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
        count += sum(1 for r, g, b in pixels if b - r > 60 and b - g > 30)
    return count


@pytest.mark.slow
def test_the_printed_departments_paper_carries_the_units_words(sample):
    pages, text = printed(sample["department"])
    assert "Lồng ghép tuyên truyền cải cách hành chính và phòng, chống tham nhũng" in text  # Thanh tra's
    for name in NOT_SENT:
        assert name in text
    assert "4 đơn vị chưa gửi báo cáo" in text and "1 đơn vị gửi muộn: Chi cục Tiêu chuẩn" in text
    for heading, words in OFFICE_WORDS.items():
        assert f"{heading} {words}" in text, heading
    assert "12 tin, bài được tính cho Kế hoạch này" in text
    # Every document number and date whole on its line of the documents table.
    table = [
        line for page in pages for line in page.splitlines() if "/QĐ-UBND" in line or "/KH-KHCN " in line
    ]
    assert any("31/QĐ-UBND" in line and "05/02/2020" in line for line in table), table
    assert any("256/QĐ-UBND" in line and "14/02/2020" in line for line in table), table
    # The subject line keeps "năm 2020" and "6 tháng" whole, however it wraps.
    subject = pages[0][pages[0].index("BÁO CÁO") : pages[0].index("Kính gửi")].replace("\u00a0", " ")
    wrapped = [line.strip() for line in subject.splitlines() if line.strip()]
    assert any(line.endswith("năm 2020") for line in wrapped), wrapped
    assert not any(line.startswith(("2020", "tháng")) or line.endswith((" 6", "năm")) for line in wrapped)
    assert blue_pixels(sample["department"].with_suffix(".pdf")) == 0


@pytest.mark.slow
def test_the_printed_units_paper_is_the_units_own(sample):
    pages, text = printed(sample["thanh-tra"])
    for expected in (
        "THANH TRA SỞ",
        "Số: ……/BC-TTr",
        "Kính gửi: Văn phòng Sở",
        "CHÁNH THANH TRA",
        *(f"{heading} {words}" for heading, words in THANH_TRA_WORDS.items()),
        "1. Ý nghĩa của cải cách hành chính và chỉ số PAPI: không được giao.",
    ):
        assert expected in text, expected
    # The last page is not the signature alone: the last part and the closing line go with it.
    assert "VIII. KINH PHÍ THỰC HIỆN" in pages[-1] and "CHÁNH THANH TRA" in pages[-1]


def test_the_offices_paper_is_the_departments(sample, tmp_path):
    """The Office sends no paper to itself: its paper is the department's, every unit's work."""
    document = Document(paper(SAMPLE, tmp_path, "vp", unit="van-phong"))
    assert lines(tmp_path / "vp.docx") == lines(sample["department"])
    assert [p.text for p in document.tables[0].rows[0].cells[0].paragraphs[:2]] == [
        "UBND TỈNH SƠN LA",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    ]
    text = lines(tmp_path / "vp.docx")
    assert "Kính gửi: Ủy ban nhân dân tỉnh Sơn La" in text and "(Đơn vị thực hiện: Văn phòng Sở)" not in text
    assert after(text, "1. Kết quả nổi bật").startswith(OFFICE_WORDS["1. Kết quả nổi bật"])

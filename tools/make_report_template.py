"""Draw the shipped Word template of the Office's report: portal/templates/bao-cao.docx.

The template is the source the Office edits in Word (a copy, named by
REPORT_TEMPLATE in pelicanconf.py or `invoke report --template`); this script
only makes the project's own copy from scratch, in the layout of Decree
30/2020/NĐ-CP (A4, margins 20/20/30/15 mm, Times New Roman 13–14). Every
department- and plan-specific word is a docxtpl (Jinja) field filled from the
settings, the plan and the units' period reports (portal/office_report.py lists
them); only the number and date of issue are left for the clerk, highlighted
"……" (and the signer's name when the plan has none). Headings keep with what
follows, table rows never split, the tables' titles repeat on each page.
tests/test_office_report.py checks the shipped file still says what this
script draws.

    .venv/bin/python tools/make_report_template.py [OUTPUT]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from portal.office_report import BLANK, FONT, SHIPPED_TEMPLATE  # noqa: E402 (after the path)

CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


def font(run: Any, size: float = 14, bold: bool = False, italic: bool = False) -> Any:
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return run


def blank(
    paragraph: Any, text: str = BLANK, size: float = 14, bold: bool = False, italic: bool = False
) -> Any:
    """A part a person must fill in: highlighted so it cannot be missed."""
    run = font(paragraph.add_run(text), size, bold, italic)
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def para(
    container: Any,
    *runs: str | tuple[str, str],
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: Any = None,
    after: float = 6,
    indent: bool = False,
    first: bool = False,
) -> Any:
    """A paragraph of runs; a ("blank", text) run is highlighted. first: reuse the cell's empty one."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    for run in runs:
        if isinstance(run, tuple):
            blank(paragraph, run[1], size, bold, italic)
        elif run:
            font(paragraph.add_run(run), size, bold, italic)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph


def kept(paragraph: Any) -> Any:
    """A paragraph kept on the page of the one after it: a heading never ends a page."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def heading(document: Any, text: str, size: float = 14, italic: bool = False, after: float = 6) -> Any:
    """A part's or a sub-part's title: bold, kept with what follows it."""
    return kept(para(document, text, size=size, bold=True, italic=italic, after=after))


def text_loop(document: Any, loop: str, size: float = 14, keep: bool = False) -> None:
    """Each paragraph of a list of texts (a unit's words): justified, first line indented; with
    `keep`, each kept on the page of what follows it."""
    tag(document, f"{{%p for text in {loop} %}}")
    paragraph = para(document, "{{ text }}", size=size, indent=True, align=JUSTIFY)
    if keep:
        kept(paragraph)
    tag(document, "{%p endfor %}")


def tag(container: Any, text: str, first: bool = False) -> None:
    """A docxtpl paragraph tag ({%p … %}): the whole paragraph is replaced by the control."""
    para(container, text, size=11, after=0, first=first)


def rule(cell: Any, width_mm: float) -> None:
    """The short line under the agency name and the national motto."""
    paragraph = para(cell, "\u2500" * int(width_mm / 2.2), size=8, align=CENTER, after=4)
    paragraph.runs[0].font.color.rgb = RGBColor(0, 0, 0)


def fix_widths(table: Any, widths_mm: list[int]) -> None:
    """Column widths Word and LibreOffice both honour: the grid and every cell."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def no_side_margins(table: Any) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def repeat_header(row: Any) -> None:
    """The column titles repeat on every page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def loop_table(
    document: Any,
    header: list[str],
    loop: str,
    cells: list[str],
    total: list[str],
    widths: list[int],
    size: float = 13,
) -> None:
    """A grid table: titles, one row per element of `loop` ({%tr %} rows), then a total row.
    No row splits over two pages; the titles repeat on every page the table runs over."""
    rows = [header, [f"{{%tr for row in {loop} %}}", *[""] * (len(header) - 1)], cells]
    rows += [["{%tr endfor %}", *[""] * (len(header) - 1)]] + ([total] if total else [])
    table = document.add_table(rows=len(rows), cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, values in enumerate(rows):
        for cell, text in zip(table.rows[index].cells, values, strict=True):
            bold = index == 0 or (bool(total) and index == len(rows) - 1)
            font(cell.paragraphs[0].add_run(text), size, bold=bold)
        keep_together(table.rows[index])
    repeat_header(table.rows[0])
    fix_widths(table, widths)


def page_setup(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    # Filled from the data when a report is made (portal/office_report.py), never from fields.
    properties = document.core_properties
    properties.author = properties.last_modified_by = ""
    properties.title = "Mẫu báo cáo kết quả thực hiện kế hoạch"
    properties.comments = "Mẫu báo cáo của Văn phòng Sở; số liệu điền bằng 'invoke report --format docx'."
    properties.created = properties.modified = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    properties.revision = 1


def page_numbers(document: Any) -> None:
    """Decree 30: page numbers centred in the top margin, from the second page on."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def keep_together(row: Any) -> None:
    """A table row never split over two pages (the signature block)."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def letterhead(document: Any) -> None:
    """Issuing body and national motto side by side, number and place-date under them."""
    table = document.add_table(rows=1, cols=2)
    fix_widths(table, [72, 93])
    no_side_margins(table)
    left, right = table.rows[0].cells
    para(left, "{{ governing|upper }}", size=12, align=CENTER, after=0, first=True)
    para(left, "{{ agency|upper }}", size=12, bold=True, align=CENTER, after=0)
    rule(left, 30)
    para(left, "Số: ", ("blank", BLANK), "/{{ number_symbol }}", size=13, align=CENTER, after=0)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=CENTER, after=0, first=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER, after=0)
    rule(right, 45)
    place = para(right, "{{ place }}, ngày ", size=14, italic=True, align=CENTER, after=0)
    for between in (" tháng ", " năm ", None):
        blank(place, BLANK, 14, italic=True)
        if between:
            font(place.add_run(between), 14, italic=True)


def note(document: Any, *parts: str) -> Any:
    """A paragraph saying how to read what follows (smaller, italic), kept with it."""
    return kept(para(document, "".join(parts), size=13, italic=True, indent=True, align=JUSTIFY))


def text(document: Any, *parts: str) -> Any:
    """A paragraph of the report's own text: justified, first line indented."""
    return para(document, "".join(parts), indent=True, align=JUSTIFY)


def opening(document: Any) -> None:
    para(document, "")
    para(document, "BÁO CÁO", bold=True, align=CENTER, after=0)
    para(document, "{{ subject }} {{ period_phrase }}", bold=True, align=CENTER)
    tag(document, "{%p if unit_name %}")
    para(document, "(Đơn vị thực hiện: {{ unit_name }})", italic=True, align=CENTER)
    tag(document, "{%p endif %}")
    para(document, "Kính gửi: {{ addressee }}", align=CENTER, after=12)
    text(
        document,
        "Thực hiện {{ plan_reference }} của {{ plan_issuer }} {{ plan_title_phrase }}, {{ agency }} báo ",
        "cáo kết quả thực hiện như sau:",
    )


def results(document: Any) -> None:
    """Part I: the highlights in the Office's (or the unit's) words, then the numbers per item."""
    heading(document, "I. KẾT QUẢ THỰC HIỆN")
    heading(document, "1. Kết quả nổi bật", italic=True)
    text_loop(document, "notes.highlights")
    heading(document, "2. Kết quả theo từng nội dung của Kế hoạch", italic=True)
    text(
        document,
        "Thời gian số liệu: từ ngày {{ window_start }} đến ngày {{ window_end }}. Trong kỳ, Trang thông ",
        "tin điện tử của Sở có {{ post_count }} tin, bài{% if unit_name %} của {{ unit_name }}{% endif %} ",
        "được tính cho Kế hoạch này; trong đó {{ tagged_count }} tin, bài thuộc các nội dung tuyên truyền ",
        "của Kế hoạch.",
    )
    text(
        document,
        "{% if activity_count %}{% if unit_name %}{{ unit_name }}{% else %}Các đơn vị{% endif %} tổ chức, ",
        "thực hiện {{ activity_count }} hoạt động tuyên truyền (hội nghị, sinh hoạt chi bộ, sinh hoạt ",
        "chuyên đề, ấn phẩm, xử lý phản ánh, kiến nghị, khen thưởng…){% if participants %} với ",
        "{{ participants_text }} lượt người tham dự{% endif %}.{% else %}Trong kỳ chưa có hoạt động tuyên ",
        "truyền nào (hội nghị, sinh hoạt chi bộ, ấn phẩm…) được ghi nhận.{% endif %}",
    )
    text_loop(document, "reporting")
    loop_table(
        document,
        ["Mục", "Nội dung tuyên truyền", "Số tin bài", "Số hoạt động"],
        "work_summary",
        ["{{ row.number }}", "{{ row.title }}", "{{ row.count }}", "{{ row.activity_count }}"],
        [],
        [15, 100, 25, 25],
    )
    para(document, "")
    tag(document, "{%p for item in items %}")
    kept(para(document, "{{ item.number }}. {{ item.title }}: {{ item.phrase }}.", bold=True, after=2))
    tag(document, "{%p for post in item.posts %}")
    para(document, "- {{r post.line }}", size=13, after=2)
    tag(document, "{%p endfor %}")
    activity_lines(document, "item.activities")
    tag(document, "{%p endfor %}")


def gaps(document: Any) -> None:
    """Part II: the items with no post nor activity (in a unit's paper, of the items it is charged
    with); their causes are the difficulties part's, never a blank to fill in."""
    heading(document, "II. NỘI DUNG CHƯA CÓ TIN BÀI, HOẠT ĐỘNG")
    tag(document, "{%p if gaps %}")
    tag(document, "{%p for item in gaps %}")
    para(document, "- Mục {{ item.number }}: {{ item.title }}.", after=2)
    tag(document, "{%p endfor %}")
    text(document, "Khó khăn, vướng mắc và nguyên nhân nêu tại phần V; đề xuất, kiến nghị tại phần VI.")
    tag(document, "{%p else %}")
    text(
        document,
        "Tất cả các nội dung {% if unit_name %}được giao {% endif %}của Kế hoạch đều có tin, bài hoặc ",
        "hoạt động trong kỳ.",
    )
    tag(document, "{%p endif %}")


def documents(document: Any) -> None:
    """Part III: the department's document library, as the period's posts publicised it."""
    heading(document, "III. VĂN BẢN ĐƯỢC TUYÊN TRUYỀN")
    note(
        document,
        "Theo thư viện văn bản của Sở trên Trang thông tin điện tử: {% if unit_name %}các văn bản được ",
        "nêu trong tin, bài của {{ unit_name }} đăng trong kỳ (văn bản do đơn vị khác đưa tin được tổng ",
        "hợp trong báo cáo chung của Sở){% else %}văn bản ban hành trong kỳ hoặc được nêu trong tin, bài ",
        "đăng trong kỳ{% endif %}; số ngày tính từ ngày ban hành đến tin, bài đầu tiên nêu văn bản.",
    )
    tag(document, "{%p if documents %}")
    loop_table(
        document,
        ["Số, ký hiệu", "Trích yếu", "Ngày ban hành", "Tin bài đầu tiên", "Số ngày"],
        "documents",
        ["{{ row.number }}", "{{ row.title }}", "{{ row.signed }}", "{{ row.first }}", "{{ row.days }}"],
        [],
        [40, 52, 26, 27, 20],
        size=12,
    )
    para(document, "")
    tag(document, "{%p else %}")
    text(
        document,
        "{% if unit_name %}Trong kỳ, tin, bài của {{ unit_name }} không nêu văn bản nào.{% else %}Trong kỳ ",
        "không có văn bản nào được ban hành hoặc nêu trong tin, bài.{% endif %}",
    )
    tag(document, "{%p endif %}")


def forms_and_units(document: Any) -> None:
    """Part IV: the form and unit tables; quantities per form only (copies, cases and people
    commended are not added together), none in the unit table."""
    heading(document, "IV. THEO HÌNH THỨC VÀ ĐƠN VỊ THỰC HIỆN")
    note(
        document,
        "Hai bảng dưới đây tính {{ tagged_count }} tin, bài thuộc các nội dung của Kế hoạch và ",
        "{{ activity_count }} hoạt động, mỗi việc một lần, theo hình thức và đơn vị ghi trên tin, bài và ",
        "hoạt động.{% if reported_count %} Một hoạt động và các tin, bài cùng đơn vị, cùng hình thức đưa ",
        "tin về hoạt động đó là một việc, tính một lần ở cột “Số hoạt động”: {{ reported_count }} tin, ",
        "bài như vậy không tính thêm ở cột “Số tin bài”.{% endif %}{% if untagged_count %} ",
        "{{ untagged_count }} tin, bài khác đăng trong kỳ không thuộc nội dung nào của Kế hoạch nên ",
        "không tính vào hai bảng (vẫn tính trong tổng {{ post_count }} tin, bài ở phần I).{% endif %} ",
        "“Số lượng” của mỗi hình thức: số bản ấn phẩm, số phản ánh, kiến nghị đã xử lý hoặc số tập thể, ",
        "cá nhân được khen thưởng; số lượng của các hình thức khác nhau không cộng chung.",
    )
    counts = ["Số tin bài", "Số hoạt động", "Số người tham dự"]
    cells = ["{{ row.post_count }}", "{{ row.activity_count }}", "{{ row.participants_text }}"]
    loop_table(
        document,
        ["Hình thức tuyên truyền", *counts, "Số lượng"],
        "by_form",
        ["{{ row.name }}", *cells, "{{ row.quantity_text }}"],
        ["Cộng", *(cell.replace("row.", "form_total.") for cell in cells), ""],
        [64, 22, 24, 26, 29],
    )
    para(document, "")
    loop_table(
        document,
        ["Đơn vị thực hiện", *counts],
        "by_unit",
        ["{{ row.name }}", *cells],
        ["Cộng", *(cell.replace("row.", "unit_total.") for cell in cells)],
        [89, 25, 25, 26],
    )
    para(document, "")
    tag(document, "{%p if has_evidence %}")
    para(
        document,
        "Danh sách tin, bài và hoạt động {% if unit_name %}của {{ unit_name }}{% else %}của từng đơn vị"
        "{% endif %} ở Phụ lục{% if unit_notes %} II{% endif %} kèm theo"
        "{% if unit_notes %}; ý kiến của các phòng, đơn vị ở Phụ lục I{% endif %}.",
        size=13,
        italic=True,
        indent=True,
    )
    tag(document, "{%p elif unit_notes %}")
    para(document, "Ý kiến của các phòng, đơn vị ở Phụ lục I kèm theo.", size=13, italic=True, indent=True)
    tag(document, "{%p endif %}")


def own_words(document: Any) -> None:
    """Parts V to VIII in the Office's words (the unit's, in a unit's paper), as written in its
    period report (content/bao-cao/…); a neutral line where nothing was written."""
    heading(document, "V. {{ difficulties_heading }}")
    text_loop(document, "shortcomings")
    text_loop(document, "notes.difficulties")
    heading(document, "VI. ĐỀ XUẤT, KIẾN NGHỊ")
    text_loop(document, "notes.proposals")
    heading(document, "VII. {{ direction_heading }}")
    text_loop(document, "notes.direction")
    heading(document, "VIII. KINH PHÍ THỰC HIỆN")
    # The last part, the closing sentence and the signature on one page: never a page holding
    # the signature alone.
    text_loop(document, "notes.funding", keep=True)
    kept(text(document, "Trên đây là báo cáo {{ subject_phrase }} {{ period_phrase }} của {{ agency }}./."))


def body(document: Any) -> None:
    opening(document)
    results(document)
    gaps(document)
    documents(document)
    forms_and_units(document)
    own_words(document)


def activity_lines(document: Any, activities: str) -> None:
    """The activities of `activities` under a label, when there are any: date, title, unit,
    form, participants or quantity, evidence files, reporting posts linked."""
    tag(document, f"{{%p if {activities} %}}")
    kept(para(document, "Hoạt động:", size=13, italic=True, after=2))
    tag(document, f"{{%p for activity in {activities} %}}")
    para(document, "- {{r activity.line }}", size=13, after=2)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")


def closing(document: Any) -> None:
    """Recipients on the left, the signer's title and name (or a blank) on the right."""
    table = document.add_table(rows=1, cols=2)
    fix_widths(table, [80, 85])
    keep_together(table.rows[0])
    recipients, signer = table.rows[0].cells
    para(recipients, "Nơi nhận:", size=12, bold=True, italic=True, after=0, first=True)
    tag(recipients, "{%p for line in recipients %}")
    para(recipients, "- {{ line }}", size=11, after=0)
    tag(recipients, "{%p endfor %}")
    tag(signer, "{%p for line in signer_title %}", first=True)
    para(signer, "{{ line|upper }}", bold=True, align=CENTER, after=0)
    tag(signer, "{%p endfor %}")
    for _ in range(3):
        para(signer, "")
    tag(signer, "{%p if signer_name %}")
    para(signer, "{{ signer_name }}", bold=True, align=CENTER)
    tag(signer, "{%p else %}")
    para(signer, ("blank", "[Họ và tên người ký]"), bold=True, align=CENTER)
    tag(signer, "{%p endif %}")


def appendix_title(document: Any, name: str, title: str) -> None:
    """An appendix on a page of its own: its name, title and the report it goes with."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    kept(para(document, name, bold=True, align=CENTER, after=0))
    kept(para(document, title, bold=True, align=CENTER, after=0))
    kept(
        para(
            document,
            "(Kèm theo Báo cáo số ",
            ("blank", BLANK),
            "/{{ number_symbol }})",
            italic=True,
            align=CENTER,
        )
    )


def units_words(document: Any) -> None:
    """The department's paper: which units reported (and which were late, which not), and each
    reporting unit's own words, section by section, as it sent them to the Office."""
    tag(document, "{%p if unit_notes %}")
    appendix_title(document, "Phụ lục I", "Ý KIẾN CỦA CÁC PHÒNG, ĐƠN VỊ")
    text_loop(document, "reporting", size=13)
    tag(document, "{%p for unit in unit_notes %}")
    kept(para(document, "{{ loop.index }}. {{ unit.name }} ({{ unit.status }})", bold=True, after=2))
    tag(document, "{%p for section in unit.sections %}")
    kept(para(document, "{{ section.title }}:", size=13, italic=True, after=2))
    text_loop(document, "section.paragraphs", size=13)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")


def appendix(document: Any) -> None:
    """Each unit's posts and activities: what the units sent the Office, the evidence behind
    the unit table (the same numbers: a post reporting on an activity is listed with it); the
    posts of no item, counted in the totals; nothing at all when there is nothing to list."""
    tag(document, "{%p if has_evidence %}")
    appendix_title(
        document,
        "Phụ lục{% if unit_notes %} II{% endif %}",
        "DANH SÁCH TIN, BÀI VÀ HOẠT ĐỘNG THEO ĐƠN VỊ THỰC HIỆN",
    )
    para(
        document,
        "(Tin, bài của một đơn vị đưa tin về hoạt động của chính đơn vị đó được ghi cùng hoạt động.)",
        size=13,
        italic=True,
        align=CENTER,
    )
    tag(document, "{%p for unit in appendix_units %}")
    kept(
        para(
            document,
            "{{ loop.index }}. {{ unit.name }}: {{ unit.post_count }} tin, bài; "
            "{{ unit.activity_count }} hoạt động.",
            bold=True,
            after=2,
        )
    )
    tag(document, "{%p for post in unit.standalone_posts %}")
    para(document, "- {{r post.line }}", size=13, after=2)
    tag(document, "{%p endfor %}")
    activity_lines(document, "unit.activities")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if idle_units %}")
    para(document, "Không có tin, bài, hoạt động trong kỳ: {{ idle_units }}.", size=13, italic=True)
    tag(document, "{%p endif %}")
    tag(document, "{%p if untagged_posts %}")
    heading(
        document,
        "Tin, bài không thuộc nội dung nào của Kế hoạch ({{ untagged_count }}, tính trong tổng số tin, bài "
        "ở phần I):",
        after=2,
    )
    tag(document, "{%p for post in untagged_posts %}")
    para(document, "- {{r post.line }}", size=13, after=2)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")


def draw() -> Any:
    document = Document()
    page_setup(document)
    page_numbers(document)
    letterhead(document)
    body(document)
    closing(document)
    units_words(document)
    appendix(document)
    return document


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED_TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    draw().save(target)
    print(f"Đã vẽ mẫu báo cáo vào {target}")  # noqa: T201 (a command-line script)

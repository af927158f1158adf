"""`invoke import FILE.docx`: a Word document made with python-docx becomes a post whose built page
keeps its heading, lists, table, link and picture (with the picture's description as alt text)."""

from bs4 import BeautifulSoup
from conftest import ROOT, build, read, run_invoke
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

PHOTO = ROOT / "content" / "images" / "2020" / "hoi-nghi-giao-ban.jpg"


def add_hyperlink(paragraph, url, text):
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    label = OxmlElement("w:t")
    label.text = text
    run.append(label)
    link.append(run)
    paragraph._p.append(link)


def word_document(path, described=True):
    document = Document()
    document.add_heading("Hội nghị tuyên truyền cải cách hành chính năm 2020", level=1)
    paragraph = document.add_paragraph("Sáng ngày 05/3, Sở tổ chức hội nghị với ")
    paragraph.add_run("nội dung chính").bold = True
    paragraph.add_run(" và ")
    paragraph.add_run("các ý kiến").italic = True
    paragraph.add_run(".")
    document.add_heading("Nội dung", level=2)
    for text in ("Phổ biến Kế hoạch 118/KH-KHCN", "Hướng dẫn dịch vụ công trực tuyến"):
        document.add_paragraph(text, style="List Bullet")
    for text in ("Khai mạc", "Thảo luận"):
        document.add_paragraph(text, style="List Number")
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate((("Đơn vị", "Số người"), ("Văn phòng Sở", "12"))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    add_hyperlink(
        document.add_paragraph("Xem thêm: "), "https://dichvucong.sonla.gov.vn/", "Cổng dịch vụ công"
    )
    document.add_picture(str(PHOTO), width=Mm(120))
    if described:
        document.inline_shapes[0]._inline.docPr.set("descr", "Toàn cảnh hội nghị")
    document.save(path)
    return path


def test_a_word_document_becomes_a_post_with_everything_kept(content, tmp_path):
    docx = word_document(tmp_path / "hoi-nghi.docx")
    result = run_invoke(
        "import",
        str(docx),
        "--content",
        str(content.path),
        "--items",
        "1,5",
        "--unit",
        "van-phong",
        "--date",
        "2020-03-05 09:00",
    )
    assert result.returncode == 0, result.stderr
    path = content.path / "posts" / "2020-03-05-hoi-nghi-tuyen-truyen-cai-cach-hanh-chinh-nam-2020.md"
    assert result.stdout.strip() == str(path)
    assert "Bài đã qua kiểm tra" in result.stderr
    text = read(path)
    assert text.startswith(
        "Title: Hội nghị tuyên truyền cải cách hành chính năm 2020\nDate: 2020-03-05 09:00\n"
    )
    assert "Items: 1, 5" in text and "Unit: van-phong" in text
    pictures = list((content.path / "images" / "2020").rglob("*.jpg"))
    assert len(pictures) == 1
    site = build(content.path, tmp_path / "out")
    page = site / "tin-tuc/2020/hoi-nghi-tuyen-truyen-cai-cach-hanh-chinh-nam-2020/index.html"
    body = BeautifulSoup(read(page), "html.parser").select_one(".post-body")
    assert body.find("h2").get_text() == "Nội dung"
    assert body.find("strong").get_text() == "nội dung chính" and body.find("em").get_text() == "các ý kiến"
    assert [li.get_text() for li in body.select("ul li")] == [
        "Phổ biến Kế hoạch 118/KH-KHCN",
        "Hướng dẫn dịch vụ công trực tuyến",
    ]
    assert [li.get_text() for li in body.select("ol li")] == ["Khai mạc", "Thảo luận"]
    assert [td.get_text() for td in body.select("table td")][-2:] == ["Văn phòng Sở", "12"]
    assert body.find("a", href="https://dichvucong.sonla.gov.vn/").get_text() == "Cổng dịch vụ công"
    image = body.find("img")
    assert image["alt"] == "Toàn cảnh hội nghị" and image["src"].endswith(".jpg")
    assert (site / image["src"].lstrip("/")).is_file()


def test_a_picture_without_description_is_named_to_fill_in(content, tmp_path):
    docx = word_document(tmp_path / "khong-mo-ta.docx", described=False)
    result = run_invoke(
        "import",
        str(docx),
        "--content",
        str(content.path),
        "--title",
        "Tin từ Word",
        "--date",
        "2020-03-06 09:00",
    )
    assert result.returncode == 0, result.stderr
    assert "Còn phải sửa trước khi đăng:" in result.stderr and "ảnh không có mô tả (alt)" in result.stderr
    bad = run_invoke("import", str(tmp_path / "khong-co.docx"), "--content", str(content.path))
    assert bad.returncode == 2 and "cần một tệp Word .docx" in bad.stderr and "Traceback" not in bad.stderr

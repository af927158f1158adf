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


def test_word_lists_tables_and_footnotes_mean_what_they_meant_in_word(content, tmp_path):
    """Issue 27: sub-items stay sub-items, a merged cell stays one cell over the columns it spans,
    a header row only where Word marks one, and footnotes that work."""
    document = Document()
    document.add_heading("Tin có danh sách và bảng", 1)
    document.add_paragraph("Lĩnh vực khoa học", style="List Bullet")
    document.add_paragraph("Đề tài cấp tỉnh", style="List Bullet 2")
    document.add_paragraph("Đề tài cấp cơ sở", style="List Bullet 2")
    document.add_paragraph("Lĩnh vực công nghệ", style="List Bullet")
    headed = document.add_table(rows=2, cols=2)
    headed.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row, values in enumerate((("Đơn vị", "Số tin"), ("Văn phòng", "12"))):
        for column, value in enumerate(values):
            headed.cell(row, column).text = value
    plain = document.add_table(rows=2, cols=2)
    for row in range(2):
        for column in range(2):
            plain.cell(row, column).text = f"ô {row}{column}"
    merged = document.add_table(rows=2, cols=3)
    for column, value in enumerate(("Quý I", "Quý II", "Cả năm")):
        merged.cell(1, column).text = value
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Sáu tháng"
    merged.cell(0, 2).text = "<b>năm</b>"
    document.save(tmp_path / "bang.docx")
    result = run_invoke("import", str(tmp_path / "bang.docx"), "--content", str(content.path),
                        "--date", "2020-03-05 09:00")  # fmt: skip
    assert result.returncode == 0, result.stderr
    site = build(content.path, tmp_path / "out")
    page = BeautifulSoup(read(site / "tin-tuc/2020/tin-co-danh-sach-va-bang/index.html"), "html.parser")
    body = page.select_one(".post-body")
    [outer] = [ul for ul in body.find_all("ul") if ul.find_parent("ul") is None]
    items = outer.find_all("li", recursive=False)
    assert [li.contents[0].strip() for li in items] == ["Lĩnh vực khoa học", "Lĩnh vực công nghệ"]
    assert [li.get_text() for li in items[0].select("ul > li")] == ["Đề tài cấp tỉnh", "Đề tài cấp cơ sở"]
    first, second, third = body.find_all("table")
    assert [th.get_text() for th in first.select("thead th")] == ["Đơn vị", "Số tin"]
    assert not second.select("th") and [len(tr.find_all("td")) for tr in second.find_all("tr")] == [2, 2]
    top = third.find("tr").find_all(["td", "th"])
    assert [(c.get_text(strip=True), c.get("colspan")) for c in top] == [
        ("Sáu tháng", "2"),
        ("<b>năm</b>", None),
    ]
    assert not third.select("th")


def test_word_footnotes_become_the_sites_footnotes():
    """mammoth writes a footnote as a mark linking to a list at the end; the post gets the site's
    footnotes (`[^1]`), which link both ways on the page."""
    import markdown

    from portal.word_import import _WordMarkdown

    page = (
        '<p>Theo quyết định<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>.</p>'
        '<ol><li id="footnote-1"><p> Quyết định số 5/QĐ-UBND *ngày* 5/3. '
        '<a href="#footnote-ref-1">↑</a></p></li></ol>'
    )
    written = _WordMarkdown("images/2020/x").convert(page).strip()
    assert written == "Theo quyết định[^1].\n\n[^1]: Quyết định số 5/QĐ-UBND \\*ngày\\* 5/3."
    shown = BeautifulSoup(markdown.markdown(written, extensions=["extra"]), "html.parser")
    mark = shown.select_one("sup a")
    assert (
        shown.find(id=mark["href"].lstrip("#"))
        .get_text()
        .strip()
        .startswith("Quyết định số 5/QĐ-UBND *ngày* 5/3.")
    )


def test_importing_a_corrected_document_again_updates_its_post(content, tmp_path):
    """Issue 27: the same document imported again (corrected in Word) would be a second post at
    the same address. The editor is asked; with --update (or a yes) the first post gets the new
    text, its header lines as the editor set them kept, the new pictures in a folder of its own."""
    docx = word_document(tmp_path / "hoi-nghi.docx")
    first = run_invoke("import", str(docx), "--content", str(content.path), "--date", "2020-03-05 09:00")
    assert first.returncode == 0, first.stderr
    path = content.path / "posts" / "2020-03-05-hoi-nghi-tuyen-truyen-cai-cach-hanh-chinh-nam-2020.md"
    edited = read(path).replace("Status: published", "Summary: Tóm tắt biên tập viên viết\nStatus: published")
    path.write_text(edited.replace("Nội dung", "Nội dung cũ", 1), encoding="utf-8")

    again = run_invoke("import", str(docx), "--content", str(content.path), "--date", "2020-03-09 09:00")
    assert again.returncode == 2
    assert "đã có cùng địa chỉ" in again.stderr and "--update" in again.stderr
    assert sorted(p.name for p in (content.path / "posts").iterdir()) == [path.name]

    updated = run_invoke(
        "import", str(docx), "--content", str(content.path), "--date", "2020-03-09 09:00", "--update"
    )
    assert updated.returncode == 0, updated.stderr
    assert updated.stdout.strip() == str(path)
    assert sorted(p.name for p in (content.path / "posts").iterdir()) == [path.name]
    text = read(path)
    assert "Summary: Tóm tắt biên tập viên viết" in text and "Date: 2020-03-05 09:00" in text
    assert "Nội dung cũ" not in text and "## Nội dung" in text
    folders = sorted(p.name for p in (content.path / "images" / "2020").iterdir())
    assert folders == [path.stem, path.stem + "-2"]
    assert f"{{static}}/images/2020/{path.stem}-2/" in text
    assert run_invoke("check", "--content", str(content.path)).returncode == 0

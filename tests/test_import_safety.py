"""`invoke import` and `invoke new` given hostile input: links planted in the content folder, a
second post of the same title, text and picture descriptions written as markup, zip bombs. Every
.docx here is made with python-docx (and zipfile, for the hostile packages)."""

import os
import resource
import shutil
import subprocess
import zipfile

import pytest
from bs4 import BeautifulSoup
from conftest import INVOKE, ROOT, build, read, run_invoke
from docx import Document
from docx.shared import Mm
from PIL import Image
from test_word_import import PHOTO, add_hyperlink, word_document

from builder.settings import load_settings
from portal.dates import parse_local_datetime
from portal.scaffold import PostRequest
from portal.word_import import MAX_MEMBERS, DocumentError, import_docx

OTHER_PHOTO = ROOT / "content" / "images" / "2020" / "minh-hoa-hoi-nghi.jpg"
SLUG = "hoi-nghi-tuyen-truyen-cai-cach-hanh-chinh-nam-2020"  # word_document's heading
STEM = f"2020-03-05-{SLUG}"  # its post's file name on 2020-03-05
MB = 1024 * 1024


@pytest.fixture
def outside(tmp_path):
    """A folder outside the content folder that nothing may write into."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def import_args(docx, content, date="2020-03-05 09:00", *more):
    return ("import", str(docx), "--content", str(content.path), "--date", date, *more)


# 1. Links planted in the content folder


def test_import_never_writes_through_a_dangling_post_link(content, tmp_path, outside):
    planted = content.path / "posts" / f"{STEM}.md"
    planted.symlink_to(outside / "planted.md")
    result = run_invoke(*import_args(word_document(tmp_path / "a.docx"), content))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{planted} là một liên kết (symlink) trỏ tới {outside / 'planted.md'}" in result.stderr
    assert "xóa liên kết đó" in result.stderr
    assert files_under(outside) == []
    assert planted.is_symlink() and not (content.path / "images").exists()  # no picture left either


def test_new_never_writes_through_a_dangling_post_link(content, outside):
    planted = content.path / "posts" / "2020-03-01-tin-thu.md"
    planted.symlink_to(outside / "planted.md")
    result = run_invoke(
        "new", "--content", str(content.path), "--title", "Tin thử", "--date", "2020-03-01 08:30"
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{planted} là một liên kết (symlink)" in result.stderr and "rm '" in result.stderr
    assert files_under(outside) == []


@pytest.mark.parametrize(
    "linked",
    [
        ["images"],
        ["images/2020"],
        # where pictures used to go (images/<year>/<slug>) and where they go now
        [f"images/2020/{SLUG}", f"images/2020/{STEM}"],
    ],
)
def test_pictures_never_go_through_a_linked_folder(content, tmp_path, outside, linked):
    for relative in linked:
        (content.path / relative).parent.mkdir(parents=True, exist_ok=True)
        (content.path / relative).symlink_to(outside, target_is_directory=True)
    result = run_invoke(*import_args(word_document(tmp_path / "a.docx"), content))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{content.path / linked[-1]} là một liên kết (symlink)" in result.stderr
    assert files_under(outside) == []
    assert files_under(content.path / "posts") == []  # no post without its pictures


def test_new_document_never_writes_through_a_linked_folder(content, outside):
    (content.path / "files" / "2020").mkdir(parents=True)
    (content.path / "files" / "2020" / "qd.pdf").write_bytes(b"%PDF-1.4\n")
    (content.path / "van-ban").symlink_to(outside, target_is_directory=True)
    result = run_invoke(
        "new-document", "--content", str(content.path), "--number", "12/QĐ-KHCN", "--type", "Quyết định",
        "--issuer", "Sở Khoa học và Công nghệ tỉnh Sơn La", "--signed", "2020-03-02",
        "--title", "Thành lập tổ tuyên truyền", "--files", "2020/qd.pdf",
    )  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{content.path / 'van-ban'} là một liên kết (symlink)" in result.stderr
    assert files_under(outside) == []


def test_a_failed_import_takes_back_its_pictures_and_only_them(content, tmp_path):
    """The pictures are written first; when the post then cannot be written (here: larger than
    the file size the process may write), the pictures and their folder go again, and nothing
    that was there before."""
    tiny = tmp_path / "nho.png"
    Image.new("RGB", (8, 8), (200, 30, 30)).save(tiny)
    document = Document()
    document.add_heading("Tin rất dài", level=1)
    document.add_picture(str(tiny), width=Mm(20))
    document.add_paragraph("Nội dung dài. " * 10_000)  # ~150 KB of post, a 100-byte picture
    document.save(tmp_path / "dai.docx")
    (content.path / "images" / "2020" / "bai-khac").mkdir(parents=True)
    (content.path / "images" / "2020" / "bai-khac" / "anh-1.jpg").write_bytes(b"old")
    before = files_under(content.path)
    limit = 64 * 1024
    result = subprocess.run(
        [INVOKE, *import_args(tmp_path / "dai.docx", content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)),
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "2020-03-05-tin-rat-dai.md: tệp vượt giới hạn kích thước được phép ghi" in result.stderr
    assert files_under(content.path) == before
    assert (content.path / "images" / "2020" / "bai-khac" / "anh-1.jpg").read_bytes() == b"old"


# 2. Each post's pictures are its own


def test_a_second_import_of_the_same_title_keeps_the_first_ones_pictures(content, tmp_path):
    """The same title again is the same post (issue 27: updated with --update, not written twice);
    its new pictures go in a folder of their own, the first import's left as they were."""
    first = run_invoke(*import_args(word_document(tmp_path / "a.docx"), content))
    assert first.returncode == 0, first.stderr
    second_docx = word_document(tmp_path / "b.docx")
    with zipfile.ZipFile(second_docx) as package:  # the same document with another photo
        members = {info.filename: package.read(info) for info in package.infolist()}
    members["word/media/image1.jpg"] = OTHER_PHOTO.read_bytes()
    with zipfile.ZipFile(second_docx, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    second = run_invoke(*import_args(second_docx, content, "2020-04-10 09:00"), "--update")
    assert second.returncode == 0, second.stderr
    post = read(content.path / "posts" / f"2020-03-05-{SLUG}.md")
    assert f"({{static}}/images/2020/2020-03-05-{SLUG}-2/anh-1.jpg)" in post
    for folder, photo in ((f"2020-03-05-{SLUG}", PHOTO), (f"2020-03-05-{SLUG}-2", OTHER_PHOTO)):
        assert (content.path / "images" / "2020" / folder / "anh-1.jpg").read_bytes() == photo.read_bytes()
    assert files_under(content.path / "posts") == [f"2020-03-05-{SLUG}.md"]


def test_a_picture_folder_already_there_is_never_written_into(content, tmp_path):
    folder = content.path / "images" / "2020" / STEM
    folder.mkdir(parents=True)
    (folder / "anh-1.jpg").write_bytes(b"old")
    result = run_invoke(*import_args(word_document(tmp_path / "a.docx"), content))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"thư mục ảnh {folder} đã có" in result.stderr and "lệnh không ghi vào" in result.stderr
    assert files_under(folder) == ["anh-1.jpg"] and (folder / "anh-1.jpg").read_bytes() == b"old"
    assert files_under(content.path / "posts") == []


# 3. Text as typed in Word is shown as typed

TYPED = [
    "[bấm vào đây](https://evil.example/)",
    "<b>đậm giả</b> và <script>alert(1)</script> & &amp; &lt;",
    "# không phải tiêu đề",
    "* không phải danh sách",
    "- cũng không",
    "+ cũng không",
    "1. không đánh số",
    "2) không đánh số",
    "> không phải trích dẫn",
    "[ảnh]({static}/images/2020/hoi-nghi-giao-ban.jpg)",
    "![x](https://evil.example/a.png)",
    "*nghiêng* _gạch_ **đậm** `mã` \\ \\* a|b",
    "===",
    ": định nghĩa",
    "~~~",
    "<https://evil.example/tu-dong>",
    "Đoạn {: .lop onclick=x } {#id}",
    "[^1] và *[HTML]: x",
]
ALT = "Ảnh ](javascript:alert(1)) <b>x</b> [y]\n# z * _ ' \" & \\"


def test_text_written_as_markup_in_word_shows_as_written(content, tmp_path):
    (content.path / "images" / "2020").mkdir(parents=True)
    shutil.copy(PHOTO, content.path / "images" / "2020" / PHOTO.name)  # the {static} line's file
    document = Document()
    document.add_heading("Tin <b>thử</b> & [x](y)", level=1)
    for text in TYPED:
        document.add_paragraph(text)
    broken = document.add_paragraph("Dòng một").add_run()
    broken.add_break()
    broken.add_text("# sau ngắt dòng")
    broken.add_break()
    broken.add_text("- gạch")
    document.add_heading("## 1. Phần một", level=2)
    document.add_paragraph("1. trong danh sách", style="List Bullet")
    add_hyperlink(
        document.add_paragraph("Xem: "), 'https://dichvucong.sonla.gov.vn/tra-cuu?q=a)(b"c', "trang"
    )
    add_hyperlink(document.add_paragraph("Chạy: "), "javascript:alert(1)", "bấm")
    document.add_picture(str(PHOTO), width=Mm(120))
    document.inline_shapes[0]._inline.docPr.set("descr", ALT)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "a | b", "# c"
    document.save(tmp_path / "go.docx")

    result = run_invoke(*import_args(tmp_path / "go.docx", content, "2020-03-05 09:00", "--items", "1"))
    assert result.returncode == 0, result.stderr
    site = build(content.path, tmp_path / "out")
    soup = BeautifulSoup(read(site / "tin-tuc/2020/tin-thu-xy/index.html"), "html.parser")
    assert soup.find("h1").get_text() == "Tin <b>thử</b> & [x](y)"
    body = soup.select_one(".post-body")
    paragraphs = [p.get_text() for p in body.find_all("p")]
    assert paragraphs[: len(TYPED)] == TYPED
    assert "Dòng một\n# sau ngắt dòng\n- gạch" in paragraphs
    assert body.find("h2").get_text() == "## 1. Phần một"
    assert [li.get_text() for li in body.select("ul li")] == ["1. trong danh sách"]
    assert [td.get_text() for td in body.select("td")] == ["a | b", "# c"]
    # Nothing typed became an element: the only link is Word's own, the only picture its photo.
    assert [(a["href"], a.get_text()) for a in body.find_all("a")] == [
        ("https://dichvucong.sonla.gov.vn/tra-cuu?q=a%29%28b%22c", "trang")
    ]
    assert "Chạy: bấm" in paragraphs
    (image,) = body.find_all("img")
    assert image["alt"] == " ".join(ALT.split())
    assert image["src"] == "/images/2020/2020-03-05-tin-thu-xy/anh-1.jpg"
    assert not body.find_all(
        ["b", "strong", "em", "script", "blockquote", "ol", "hr", "dl", "code", "pre", "h1"]
    )
    assert len(body.find_all("ul")) == 1 and len(body.find_all("h2")) == 1
    assert not any(element.attrs.get("class") or element.attrs.get("id") for element in body.find_all("p"))


# 4. Zip bombs and files that are not Word documents


def repackaged(source, target, *, padding=0, extra=()):
    """`source` (a real .docx) copied to `target`, word/document.xml padded with `padding` bytes of
    whitespace (ignored by any XML reader) and `extra` members (name, size in bytes of zeros)
    added, each written in 1 MB pieces."""
    chunk = b" " * MB
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename != "word/document.xml" or not padding:
                new.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</w:body>")
            with new.open(info.filename, "w") as stream:
                stream.write(head)
                for start in range(0, padding, MB):
                    stream.write(chunk[: min(MB, padding - start)])
                stream.write(b"</w:body>" + tail)
        for name, size in extra:
            with new.open(name, "w") as stream:
                for start in range(0, size, MB):
                    stream.write(bytes(min(MB, size - start)))
    return target


def test_a_zip_bomb_is_refused_before_it_is_read(content, tmp_path):
    """The shape of the attacker's file: a few hundred KB whose document.xml unpacks to 300 MB."""
    bomb = repackaged(word_document(tmp_path / "a.docx"), tmp_path / "bom.docx", padding=300 * MB)
    assert bomb.stat().st_size < 2 * MB
    result = run_invoke(*import_args(bomb, content))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{bomb}: phần 'word/document.xml' bung ra 300,0 MB, quá 32,0 MB" in result.stderr
    assert files_under(content.path / "posts") == [] and not (content.path / "images").exists()


@pytest.mark.parametrize(
    ("padding", "extra", "message"),
    [
        pytest.param(13 * MB, (), r"phần chữ của tài liệu bung ra 13,\d MB, quá 12,0 MB", id="text"),
        pytest.param(
            0,
            [("word/media/image9.png", 40 * MB)],
            "'word/media/image9.png' bung ra 40,0 MB, quá 32,0 MB",
            id="member",
        ),
        pytest.param(
            0,
            [(f"word/media/image{n}.png", 30 * MB) for n in range(5, 9)],
            r"tệp Word bung ra 120,\d MB, quá 100,0 MB",
            id="total",
        ),
        pytest.param(
            2 * MB, (), r"phần 'word/document.xml' nén \d+:1 \(từ \d+ KB bung ra 2,\d MB\)", id="ratio"
        ),
        pytest.param(
            0,
            [(f"customXml/extra{n}.xml", 1) for n in range(MAX_MEMBERS)],
            rf"tệp Word có \d+ phần bên trong, quá {MAX_MEMBERS} \(một tài liệu có khoảng 15 phần",
            id="members",
        ),
    ],
)
def test_a_package_past_the_bounds_is_refused(content, tmp_path, padding, extra, message):
    docx = repackaged(word_document(tmp_path / "a.docx"), tmp_path / "x.docx", padding=padding, extra=extra)
    before = files_under(content.path)
    with pytest.raises(DocumentError, match=message) as refused:
        import_docx(docx, content.path, load_settings(content.path), request())
    assert str(refused.value).startswith(f"{docx}: ")
    assert files_under(content.path) == before


def test_a_file_that_is_not_a_word_document_is_named(content, tmp_path):
    fake = tmp_path / "bao-cao.docx"
    fake.write_text("Đây là văn bản thường, chỉ đổi đuôi thành .docx\n", encoding="utf-8")
    with pytest.raises(DocumentError) as refused:
        import_docx(fake, content.path, load_settings(content.path), request())
    assert str(refused.value).startswith(f"{fake}: không phải tệp Word .docx")
    assert "Lưu thành (Save As)" in str(refused.value)


def test_a_document_with_photos_is_well_within_the_bounds(content, tmp_path):
    """Ten pictures as large as a phone's (4 MB each, stored as a phone's JPEG is: incompressible)."""
    docx = repackaged(word_document(tmp_path / "a.docx"), tmp_path / "x.docx")
    with zipfile.ZipFile(docx, "a", zipfile.ZIP_STORED) as package:
        for n in range(2, 12):
            package.writestr(f"word/media/image{n}.jpg", os.urandom(4 * MB))
    path, _ = import_docx(docx, content.path, load_settings(content.path), request())
    assert path == content.path / "posts" / f"{STEM}.md"


def request():
    return PostRequest("", now=parse_local_datetime("2020-03-05 09:00"))


def test_entity_declarations_are_refused_before_anything_parses_them(content, tmp_path):
    """A 2 KB document whose entities expand to gigabytes in mammoth's XML parser (3 minutes and
    2.5 GB before): Word never writes a DOCTYPE or an ENTITY, so such a part is refused unread."""
    source = word_document(tmp_path / "a.docx")
    target = tmp_path / "entities.docx"
    laughs = (
        b'<!DOCTYPE w:document [<!ENTITY a "'
        + b"ha" * 50
        + b'">'
        + b"".join(
            f'<!ENTITY a{n} "{"&a;" * 10 if n == 0 else f"&a{n - 1};" * 10}">'.encode() for n in range(6)
        )
        + b"]>"
    )
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "word/document.xml":
                head, rest = data.split(b"?>", 1)
                data = (
                    head
                    + b"?>"
                    + laughs
                    + rest.replace(b"</w:body>", b"<w:p><w:r><w:t>&a5;</w:t></w:r></w:p></w:body>")
                )
            new.writestr(info.filename, data)
    with pytest.raises(DocumentError, match="khai báo '<!DOCTYPE'") as refused:
        import_docx(target, content.path, load_settings(content.path), request())
    assert str(refused.value).startswith(f"{target}: ")
    assert files_under(content.path / "posts") == []


def test_the_text_limit_counts_every_part_a_parser_reads_whatever_its_name(content, tmp_path):
    """The main document renamed word/main.bin passed a limit that counted only .xml parts."""
    docx = repackaged(
        word_document(tmp_path / "a.docx"), tmp_path / "x.docx", extra=[("word/main.bin", 13 * MB)]
    )
    with pytest.raises(DocumentError, match=r"phần chữ của tài liệu bung ra 13,\d MB, quá 12,0 MB"):
        import_docx(docx, content.path, load_settings(content.path), request())


def test_an_exclamation_mark_before_a_hyperlink_stays_text():
    from portal.word_import import escape_text

    assert escape_text("Tuyệt vời!") == "Tuyệt vời\\!"

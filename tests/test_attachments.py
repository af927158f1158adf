"""Official documents and photos in posts: published byte for byte, listed as download lines with
their kind and size; missing targets and images without alt text stop `check`."""

import shutil

from bs4 import BeautifulSoup
from conftest import ROOT, build, read, run_invoke, small_picture

PHOTO = ROOT / "content" / "images" / "2020" / "hoi-nghi-giao-ban.jpg"
PDF = ROOT / "content" / "files" / "2020" / "Kế hoạch 118-KH-KHCN.pdf"


def test_a_post_with_two_photos_and_a_pdf(content, tmp_path):
    (content.path / "images" / "2020").mkdir(parents=True)
    (content.path / "files" / "2020").mkdir(parents=True)
    shutil.copy(PHOTO, content.path / "images" / "2020" / "mot.jpg")
    shutil.copy(PHOTO, content.path / "images" / "2020" / "hai.jpg")
    shutil.copy(PDF, content.path / "files" / "2020" / "Kế hoạch 118.pdf")
    (content.path / "files" / "2020" / "bieu-mau.docx").write_bytes(b"x" * 250_000)
    content.post(
        "p",
        "![Toàn cảnh hội nghị]({static}/images/2020/mot.jpg)\n\n"
        '<img src="{static}/images/2020/hai.jpg" alt="Đại biểu phát biểu">\n\n'
        "Xem [Kế hoạch 118/KH-KHCN]({static}/files/2020/Kế%20hoạch%20118.pdf) và "
        "[biểu mẫu]({static}/files/2020/bieu-mau.docx).\n",
        Title="Hội nghị có ảnh và văn bản",
        Date="2020-03-01",
        Items="5",
    )
    assert run_invoke("check", "--content", str(content.path)).returncode == 0
    site = build(content.path, tmp_path / "out")
    assert (site / "files" / "2020" / "Kế hoạch 118.pdf").read_bytes() == PDF.read_bytes()
    assert (site / "images" / "2020" / "mot.jpg").read_bytes() == PHOTO.read_bytes()
    soup = BeautifulSoup(read(site / "tin-tuc/2020/hoi-nghi-co-anh-va-van-ban/index.html"), "html.parser")
    lines = [li.get_text(" ", strip=True) for li in soup.select(".attachments li")]
    assert lines == [
        "Tải về: Kế hoạch 118/KH-KHCN (PDF, 1 KB)",
        "Tải về: biểu mẫu (DOCX, 244 KB)",
    ]
    first = soup.select_one(".attachments a")
    assert first["href"] == "/files/2020/K%E1%BA%BF%20ho%E1%BA%A1ch%20118.pdf" and first.has_attr("download")
    assert [img["alt"] for img in soup.select(".post-body img")] == [
        "Toàn cảnh hội nghị",
        "Đại biểu phát biểu",
    ]


def test_missing_documents_and_photos_and_images_without_alt_fail_check(content):
    (content.path / "images").mkdir()
    shutil.copy(PHOTO, content.path / "images" / "anh.jpg")
    content.post(
        "p",
        'Đoạn đầu.\n\n![]({static}/images/anh.jpg)\n\n<img src="{static}/images/anh.jpg">\n\n'
        "[Văn bản]({static}/files/khong-co.pdf)\n\n![Ảnh]({static}/images/khong-co.jpg)\n",
        Title="Tin",
        Date="2020-03-01",
    )
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    out = result.stdout
    assert (
        "posts/p.md:6: LỖI: ảnh không có mô tả (alt)" in out
        and "posts/p.md:8: LỖI: ảnh không có mô tả" in out
    )
    assert "posts/p.md:10: LỖI: liên kết '{static}/files/khong-co.pdf' dẫn tới tệp không có" in out
    assert "posts/p.md:12: LỖI: liên kết '{static}/images/khong-co.jpg' dẫn tới tệp không có" in out


def test_the_sample_site_carries_a_photo_and_a_pdf(sample_site):
    posts = sample_site / "tin-tuc" / "2020"
    page = read(next(posts.glob("ban-hanh-ke-hoach-tuyen-truyen*")) / "index.html")
    assert "Tải về:" in page and "(PDF, 1 KB)" in page
    photo = read(next(posts.glob("hoi-nghi-giao-ban-quy-i*")) / "index.html")
    assert 'alt="Toàn cảnh hội nghị giao ban quý I tại hội trường Sở"' in photo


def test_photos_get_smaller_copies_with_width_height_and_srcset(content, tmp_path):
    from PIL import Image

    (content.path / "images" / "2020").mkdir(parents=True)
    shutil.copy(PHOTO, content.path / "images" / "2020" / "ảnh hội nghị.jpg")
    Image.new("RGB", (300, 200), (10, 80, 140)).save(content.path / "images" / "2020" / "nho.png")
    content.post(
        "p",
        "![Hội nghị]({static}/images/2020/ảnh%20hội%20nghị.jpg)\n\n"
        "![Biểu đồ nhỏ]({static}/images/2020/nho.png)\n",
        Title="Ảnh",
        Date="2020-03-01",
    )
    cache = tmp_path / "cache"
    site = build(content.path, tmp_path / "out", CACHE_PATH=str(cache))
    for width in (480, 960, 1440):
        copy = site / "images" / "2020" / f"ảnh hội nghị-jpg-{width}w.webp"
        with Image.open(copy) as image:
            assert image.format == "WEBP" and image.size == (width, round(900 * width / 1600))
    big, small = BeautifulSoup(read(site / "tin-tuc/2020/anh/index.html"), "html.parser").select(
        ".post-body img"
    )
    assert (big["width"], big["height"], big["loading"]) == ("1600", "900", "lazy")
    assert (
        big["srcset"].split(", ")[0]
        == "/images/2020/%E1%BA%A3nh%20h%E1%BB%99i%20ngh%E1%BB%8B-jpg-480w.webp 480w"
    )
    assert big["srcset"].endswith(" 1600w") and big["sizes"]
    assert (small["width"], small["height"]) == ("300", "200") and not small.has_attr("srcset")
    (pictures,) = cache.rglob("pictures")
    made = {p: p.stat().st_mtime_ns for p in pictures.iterdir()}
    assert len(made) == 7  # per picture its record and cleaned original; the big one's 3 copies
    build(content.path, tmp_path / "out", CACHE_PATH=str(cache))  # a rebuild makes no copy again
    assert {p: p.stat().st_mtime_ns for p in pictures.iterdir()} == made


def test_a_featured_image_shows_on_the_post_in_listings_and_in_open_graph(content, tmp_path):
    (content.path / "images").mkdir()
    shutil.copy(PHOTO, content.path / "images" / "anh.jpg")
    content.post(
        "p",
        Title="Tin có ảnh đại diện",
        Date="2020-03-01",
        Image="images/anh.jpg",
        Image_alt="Toàn cảnh hội nghị",
    )
    content.post("thieu", Title="Thiếu", Date="2020-03-02", Image="images/khong-co.jpg", Image_alt="x")
    content.post("khong-mo-ta", Title="Không mô tả", Date="2020-03-03", Image="images/anh.jpg")
    out = run_invoke("check", "--content", str(content.path)).stdout
    assert "posts/thieu.md:3: LỖI: ảnh đại diện 'images/khong-co.jpg' không có" in out
    assert "posts/khong-mo-ta.md:3: LỖI: ảnh đại diện chưa có mô tả — thêm dòng 'Image_alt: …'" in out
    for name in ("thieu", "khong-mo-ta"):
        (content.path / "posts" / f"{name}.md").unlink()
    site = build(content.path, tmp_path / "out")
    post = BeautifulSoup(read(site / "tin-tuc/2020/tin-co-anh-dai-dien/index.html"), "html.parser")
    figure = post.select_one("figure.featured img")
    assert figure["alt"] == "Toàn cảnh hội nghị" and (figure["width"], figure["height"]) == ("1600", "900")
    assert post.find("meta", property="og:image")["content"].endswith("/images/anh.jpg")
    listing = BeautifulSoup(read(site / "tin-tuc/index.html"), "html.parser")
    thumb = listing.select_one(".post-list img.thumb")
    assert thumb["src"] == "/images/anh-jpg-480w.webp" and (thumb["width"], thumb["height"]) == ("480", "270")
    assert (site / "images" / "anh-jpg-480w.webp").is_file()


def test_editor_friendly_details(content, tmp_path):
    """Generic link texts name the file; same-named pictures of two kinds keep their own copies;
    a link differing from the file's name only by case says so."""
    from PIL import Image

    (content.path / "images").mkdir()
    (content.path / "files").mkdir()
    Image.new("RGB", (1000, 500), (200, 0, 0)).save(content.path / "images" / "a.jpg")
    Image.new("RGB", (1000, 500), (0, 0, 200)).save(content.path / "images" / "a.png")
    (content.path / "files" / "Biểu mẫu 1.docx").write_bytes(b"x" * 3000)
    (content.path / "files" / "IMG_1234.JPG").write_bytes(small_picture())
    content.post(
        "p",
        "![Đỏ]({static}/images/a.jpg)\n\n![Xanh]({static}/images/a.png)\n\n"
        "[tải về]({static}/files/Biểu%20mẫu%201.docx)\n",
        Title="Chi tiết",
        Date="2020-03-01",
    )
    content.post("sai", "[Ảnh]({static}/files/img_1234.jpg)\n", Title="Sai", Date="2020-03-02")
    out = run_invoke("check", "--content", str(content.path)).stdout
    assert "tệp trên máy tên là 'files/IMG_1234.JPG' (khác chữ hoa/thường hoặc kiểu gõ dấu)" in out
    (content.path / "posts" / "sai.md").unlink()
    site = build(content.path, tmp_path / "out")
    page = BeautifulSoup(read(site / "tin-tuc/2020/chi-tiet/index.html"), "html.parser")
    red, blue = page.select(".post-body img")
    assert "a-jpg-480w.webp" in red["srcset"] and "a-png-480w.webp" in blue["srcset"]
    assert [li.get_text(" ", strip=True) for li in page.select(".attachments li")] == [
        "Tải về: Biểu mẫu 1 (DOCX, 3 KB)"
    ]

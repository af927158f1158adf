"""Published pictures: no camera metadata (GPS) in any copy, the original included; upright by
their EXIF orientation; a picture cut short, misnamed or too big to decode is refused by `check`
and `build` naming the file; each picture decoded once and kept by content."""

import io
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from conftest import build, read, run_invoke
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image

from portal.images import MAX_PIXELS, prepare
from portal.picture_metadata import clean_picture

GPS_IFD = 0x8825
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description GPSLatitude="21,19.5N"/></x:xmpmeta>'


def exif_with(orientation: int, gps: bool = True) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Điện thoại của phóng viên"  # Make
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (21.0, 19.0, 30.0), 3: "E", 4: (103.0, 54.0, 0.0)})
    return exif


def picture(kind: str, size=(64, 48), orientation: int = 1, mode: str = "RGB", **options) -> bytes:
    image = Image.new(mode, size)
    image.putdata(
        [
            ((x * 7 + y) % 256, (y * 5) % 256, (x * y) % 256)[: len(mode)]
            for y in range(size[1])
            for x in range(size[0])
        ]
        if mode in ("RGB", "RGBA")
        else [(x + y) % 256 for y in range(size[1]) for x in range(size[0])]
    )
    buffer = io.BytesIO()
    fmt = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}[kind]
    extra = dict(options)
    if kind in ("jpg", "png", "webp"):
        extra["exif"] = exif_with(orientation).tobytes()
    if kind in ("jpg", "webp", "png"):
        extra.setdefault("xmp", XMP)
    if kind == "gif":
        extra["comment"] = b"GPS 21.3N 103.9E"
    if kind == "png":
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Author", "Nguyễn Văn A")
        info.add_itxt("GPS", "21.3N 103.9E")
        extra["pnginfo"] = info
    image.save(buffer, fmt, **extra)
    return buffer.getvalue()


def pixels(data: bytes) -> tuple:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.mode, image.size, image.tobytes()


def metadata_left(data: bytes) -> list[str]:
    found = []
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        if exif.get_ifd(GPS_IFD):
            found.append("GPS")
        if 0x010F in exif:
            found.append("Make")
        if image.info.get("comment") or image.info.get("Author") or image.info.get("GPS"):
            found.append("text")
    for marker in (b"xmpmeta", b"GPS", "Nguyễn".encode(), "Điện thoại".encode()):
        if marker in data:
            found.append(marker.decode(errors="replace"))
    return found


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    kind=st.sampled_from(["jpg", "png", "webp", "gif"]),
    orientation=st.integers(1, 8),
    size=st.tuples(st.integers(1, 70), st.integers(1, 70)),
    progressive=st.booleans(),
    restarts=st.sampled_from([0, 1, 3]),
    lossless=st.booleans(),
)
def test_cleaning_keeps_every_pixel_and_the_orientation_and_nothing_else(
    kind, orientation, size, progressive, restarts, lossless
):
    options = {}
    if kind == "jpg":
        options = (
            {"progressive": progressive, "restart_marker_blocks": restarts}
            if restarts
            else {"progressive": progressive}
        )
    if kind == "webp":
        options = {"lossless": lossless}
    original = picture(kind, size, orientation, mode="P" if kind == "gif" else "RGB", **options)
    cleaned = clean_picture(original, kind, orientation)
    assert pixels(cleaned) == pixels(original)
    assert metadata_left(cleaned) == []
    with Image.open(io.BytesIO(cleaned)) as image:
        kept = image.getexif().get(0x0112, 1)
    assert kept == (orientation if kind != "gif" else 1)
    assert clean_picture(cleaned, kind, orientation) == cleaned  # nothing left to drop


@pytest.mark.parametrize("kind", ["jpg", "png", "webp", "gif"])
def test_a_picture_without_metadata_is_published_byte_for_byte(kind):
    image = Image.new("RGB" if kind != "gif" else "P", (30, 20), 90)
    buffer = io.BytesIO()
    image.save(buffer, {"jpg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}[kind])
    plain = buffer.getvalue()
    assert clean_picture(plain, kind, 1) == plain


def png_header_only(width: int, height: int, depth: int = 8, colour: int = 0) -> bytes:
    """A PNG claiming width×height pixels, a few hundred bytes long: decoding it would take minutes."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))
        )

    raw = zlib.compress(b"\x00" * 4096)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0))
        + chunk(b"IDAT", raw)
        + chunk(b"IEND", b"")
    )


def test_broken_bombs_and_misnamed_pictures_are_refused_by_check_and_build(content, tmp_path):
    from builder.build import BuildFailed

    folder = content.path / "images" / "2020"
    folder.mkdir(parents=True)
    whole = picture("jpg", (640, 480))
    (folder / "cat-do.jpg").write_bytes(whole[: len(whole) * 2 // 3])  # an interrupted copy
    (folder / "bom.png").write_bytes(png_header_only(30000, 30000))
    (folder / "lon.png").write_bytes(png_header_only(12000, 12000))
    (folder / "trang.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
    (folder / "that.png").write_bytes(picture("jpg"))  # a JPEG named .png
    content.post("a", "Tin có ảnh hỏng.", Title="Tin", Date="2020-03-01")
    result = run_invoke("check", "--content", str(content.path))
    assert result.returncode == 1
    out = result.stdout
    assert "images/2020/cat-do.jpg: LỖI: ảnh hỏng hoặc chép chưa hết" in out
    assert f"images/2020/bom.png: LỖI: ảnh 900 triệu điểm ảnh, quá giới hạn {MAX_PIXELS // 10**6}" in out
    assert "images/2020/lon.png: LỖI: ảnh 12000×12000 điểm ảnh (144 triệu), quá giới hạn" in out
    assert "images/2020/trang.jpg: LỖI: tệp không phải ảnh JPEG đọc được" in out
    assert "images/2020/that.png: LỖI: tệp không phải ảnh PNG đọc được" in out
    assert "— thu nhỏ ảnh" in out and "— chép lại ảnh từ bản gốc" in out
    with pytest.raises(BuildFailed) as failed:
        build(content.path, tmp_path / "out")
    for name in ("cat-do.jpg", "bom.png", "lon.png", "trang.jpg", "that.png"):
        assert f"images/2020/{name}: LỖI" in str(failed.value)
    assert not (tmp_path / "out").exists()


def test_a_phone_photo_is_published_upright_and_without_its_location(content, tmp_path):
    folder = content.path / "images" / "2020"
    folder.mkdir(parents=True)
    stored = picture("jpg", (1200, 800), orientation=6)  # a phone held upright: stored sideways
    (folder / "dien-thoai.jpg").write_bytes(stored)
    content.post(
        "a",
        "![Hội nghị]({static}/images/2020/dien-thoai.jpg)",
        Title="Tin có ảnh điện thoại",
        Date="2020-03-01",
        Slug="anh",
        Image="images/2020/dien-thoai.jpg",
        Image_alt="Toàn cảnh hội nghị",
    )
    assert run_invoke("check", "--content", str(content.path)).returncode == 0
    site = build(content.path, tmp_path / "out")
    published = sorted((site / "images" / "2020").iterdir())
    assert [p.name for p in published] == [
        "dien-thoai-jpg-480w.webp",  # upright it is 800 wide: one smaller copy
        "dien-thoai.jpg",
    ]
    for path in published:
        data = path.read_bytes()
        assert metadata_left(data) == [], path.name
    original = (site / "images" / "2020" / "dien-thoai.jpg").read_bytes()
    assert pixels(original) == pixels(stored)  # the same picture, only its metadata gone
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif()[0x0112] == 6  # browsers still turn it upright
    with Image.open(site / "images" / "2020" / "dien-thoai-jpg-480w.webp") as copy:
        assert copy.size == (480, 720)  # upright: taller than wide
    soup = BeautifulSoup(read(site / "tin-tuc" / "2020" / "anh" / "index.html"), "html.parser")
    image = soup.select_one(".post-body img")
    assert (image["width"], image["height"]) == ("800", "1200")
    assert "dien-thoai.jpg 800w" in image["srcset"]


def test_pictures_are_prepared_once_per_content(tmp_path):
    data = picture("jpg", (1000, 700), orientation=3)
    first = prepare(data, "jpg", tmp_path)
    made = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    again = prepare(data, "jpg", tmp_path)
    assert again == first and {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == made
    assert (first.width, first.height, first.widths) == (1000, 700, (480, 960))


def scan_bomb(scans: int) -> bytes:
    """A progressive JPEG with its last scan repeated: small, readable, and slow to decode."""
    data = picture("jpg", (200, 200), progressive=True)
    last, end = data.rindex(b"\xff\xda"), data.rindex(b"\xff\xd9")
    return data[:last] + data[last:end] * scans + data[end:]


def test_what_decodes_slowly_or_hugely_is_refused_before_decoding(tmp_path):
    assert prepare(scan_bomb(2000), "jpg", tmp_path).problem[0].startswith("ảnh JPEG có 20")
    assert prepare(picture("jpg", (200, 200), progressive=True), "jpg", tmp_path).problem is None
    deep = png_header_only(8000, 8000, depth=16, colour=6)  # 64 million 16-bit RGBA pixels: 512 MB
    assert "quá giới hạn" in prepare(deep, "png", tmp_path).problem[0]


def test_a_webp_with_an_orientation_is_published_upright(tmp_path):
    """Browsers draw a WebP as stored, whatever its EXIF says: it is saved again upright."""
    stored = picture("webp", (60, 30), orientation=6, lossless=True)
    prepared = prepare(stored, "webp", tmp_path)
    published = prepared.original(tmp_path).read_bytes()
    with Image.open(io.BytesIO(published)) as image, Image.open(io.BytesIO(stored)) as original:
        assert image.size == (30, 60) == (prepared.width, prepared.height)
        assert image.getexif().get(0x0112, 1) == 1
        upright = original.transpose(Image.Transpose.ROTATE_270)
        assert image.convert("RGB").tobytes() == upright.convert("RGB").tobytes()  # lossless stays lossless
    assert metadata_left(published) == []


def test_chunks_after_a_simple_webp_are_dropped():
    plain = picture("webp", (20, 10), xmp=b"")
    simple = Image.open(io.BytesIO(plain))
    simple.close()
    exif = exif_with(1).tobytes()
    extra = b"EXIF" + struct.pack("<I", len(exif)) + exif + (b"\0" if len(exif) % 2 else b"")
    body = plain[12:] + extra
    hidden = b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body
    cleaned = clean_picture(hidden, "webp", 1)
    assert metadata_left(cleaned) == [] and pixels(cleaned) == pixels(hidden)


def test_copies_of_pictures_differing_only_in_case_never_share_a_name(content, tmp_path):
    folder = content.path / "images"
    folder.mkdir()
    Image.new("RGB", (600, 400), (255, 0, 0)).save(folder / "a.png")
    Image.new("RGB", (600, 400), (0, 0, 255)).save(folder / "a.PNG", "PNG")
    content.post(
        "p", "![đỏ]({static}/images/a.png)\n\n![xanh]({static}/images/a.PNG)", Title="Ảnh", Date="2020-03-01"
    )
    site = build(content.path, tmp_path / "out")
    with (
        Image.open(site / "images" / "a-png-480w.webp") as red,
        Image.open(site / "images" / "a-PNG-480w.webp") as blue,
    ):
        assert red.getpixel((5, 5))[0] > 200 and blue.getpixel((5, 5))[2] > 200


def test_a_picture_name_too_long_for_its_copies_is_refused_by_check(content, tmp_path):
    from builder.build import BuildFailed

    (content.path / "images").mkdir()
    name = "ả" * 80 + ".jpg"  # 164 bytes; its copy's name, with '-jpg-1440w.webp', fits; one more letter
    (content.path / "images" / name).write_bytes(picture("jpg", (600, 400)))
    longer = "a" * 245 + ".jpg"
    (content.path / "images" / longer).write_bytes(picture("jpg", (600, 400)))
    content.post("p", Title="Tin", Date="2020-03-01")
    result = run_invoke("check", "--content", str(content.path))
    assert f"images/{longer}: LỖI: tên tệp ảnh dài 249 byte" in result.stdout
    assert name not in result.stdout
    with pytest.raises(BuildFailed) as failed:
        build(content.path, tmp_path / "out")
    assert "tên tệp ảnh dài" in str(failed.value)

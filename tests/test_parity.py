"""`check` finds everything `build` would stop on: over generated broken content (pictures, file
names, titles and slugs, links in every spelling, plans), whenever the build refuses, the checker
refused, and named the same files."""

import io
import os
import shutil
import struct
import tempfile
import zlib
from html import escape, unescape
from pathlib import Path
from urllib.parse import quote

from conftest import PLAN_118, build
from hypothesis import HealthCheck, event, given, settings, strategies as st
from PIL import Image

from builder.build import BuildFailed
from builder.settings import load_settings
from portal.checker import check_content

FILE_NAMES = [
    "anh.jpg",
    "hoi-nghi.jpg",
    "bieu-do.png",
    "ke-hoach.pdf",
    "KH&CN.jpg",
    'KH"CN.jpg',
    "a b.jpg",
    "p%41.jpg",
    "x#y.jpg",
    "q?.png",
    "Ảnh hội nghị.jpg",
    "ANH.JPG",
    "a'b.png",
    "c<d>.png",
    "tài liệu 1.pdf",
    "bao-cao.PDF",
    "trang.html",
]
PICTURE_STATES = ["ok"] * 12 + ["gps"] * 3 + ["truncated", "bomb", "html", "other-kind"]
TITLES = [
    "Hội nghị giao ban",
    "Tập huấn phần mềm",
    "Công khai thủ tục",
    "Tiếp nhận hồ sơ",
    "Hội nghị giao bán",  # the same slug once tone marks go
    "🎉🎉",
    "Tìm kiếm",
    "Kết quả",
    "Tin & <b>đậm</b>",
]
SLUGS = [None] * 8 + ["ket-qua", "tim-kiem", "tin-tuc", "a" * 300, "trang-1"]
ITEM_SLUGS = [None] * 12 + ["ket-qua", "van-ban", "muc-moi"]
RAW_IN_ADDRESS = " /&'\"<>()"  # characters an editor may leave as they are in a link
FRAGMENTS = ["", "#muc-2", "#&quot;&gt;&lt;b&gt;x", "?a=1&amp;b=2"]


def picture_bytes(state: str, kind: str) -> bytes:
    if state == "html":
        return b"<html><script>alert(1)</script></html>"
    if state == "bomb":
        raw = zlib.compress(b"\x00" * 1024)
        chunk = lambda k, p: struct.pack(">I", len(p)) + k + p + struct.pack(">I", zlib.crc32(k + p))  # noqa: E731
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", raw)
            + chunk(b"IEND", b"")
        )
    fmt = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}.get(kind, "PNG")
    if state == "other-kind":
        fmt = "PNG" if fmt == "JPEG" else "JPEG"
    buffer = io.BytesIO()
    extra = {}
    if state == "gps" and fmt == "JPEG":
        exif = Image.Exif()
        exif[0x0112] = 6
        exif.get_ifd(0x8825).update({1: "N", 2: (21.0, 19.0, 30.0)})
        extra["exif"] = exif.tobytes()
    Image.new("RGB", (600, 400), (30, 60, 90)).save(buffer, fmt, **extra)
    data = buffer.getvalue()
    return data[: len(data) // 2] if state == "truncated" else data


@st.composite
def sites(draw):
    files = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["images", "files"]),
                st.sampled_from(FILE_NAMES),
                st.sampled_from(PICTURE_STATES),
            ),
            min_size=1,
            max_size=4,
            unique_by=lambda f: (f[0], f[1]),
        )
    )
    posts = []
    for index in range(draw(st.integers(1, 3))):
        links = []
        for _ in range(draw(st.integers(0, 3))):
            existing = [(f, n) for f, n, _ in files]
            folder, name = draw(
                st.sampled_from(existing)
                if draw(st.integers(0, 4)) < 4
                else st.tuples(
                    st.sampled_from(["images", "files", "posts", ".."]), st.sampled_from(FILE_NAMES)
                )
            )
            what = draw(st.sampled_from(["{static}"] * 3 + ["{attach}", "{filename}", "|static|", "{tag}"]))
            fragment = draw(st.sampled_from(FRAGMENTS))
            address = f"/{folder}/{quote(name, safe=RAW_IN_ADDRESS)}"  # '%', '#', '?' encoded
            spelling = draw(st.sampled_from(["markdown", "html", "entities"]))
            if spelling == "markdown":
                target = f"{what}{quote(address, safe='/%')}{unescape(fragment)}"
                links.append(f"![ảnh]({target})" if draw(st.booleans()) else f"[tệp]({target})")
            else:
                attribute = escape(f"{what}{address}", quote=True) + fragment
                if spelling == "entities":
                    attribute = attribute.replace("{", "&#123;").replace("}", "&#125;")
                links.append(
                    f'<a href="{attribute}">tệp</a>'
                    if draw(st.booleans())
                    else f'<img src="{attribute}" alt="ảnh">'
                )
        posts.append(
            {
                "Title": draw(st.sampled_from(TITLES)) + draw(st.sampled_from(["", "", f" {index}"])),
                "Date": draw(st.sampled_from(["2020-03-01", "2020-03-01 08:00", "2020-12-31 23:59"])),
                "Slug": draw(st.sampled_from(SLUGS)),
                "Status": draw(st.sampled_from([None, None, None, "draft", "hidden"])),
                "Image": draw(st.sampled_from([None, None, None] + [f"{f}/{n}" for f, n, _ in files])),
                "body": "\n\n".join(["Nội dung bài.", *links]),
                "name": f"bai-{index}",
            }
        )
    item_slug = draw(st.sampled_from(ITEM_SLUGS))
    return files, posts, item_slug


def write_site(root: Path, files, posts, item_slug):
    for folder in ("posts", "pages", "plans"):
        (root / folder).mkdir(parents=True)
    plan = PLAN_118.read_text(encoding="utf-8")
    if item_slug:
        plan = plan.replace("slug: y-nghia-cai-cach-hanh-chinh-papi", f"slug: {item_slug}", 1)
    (root / "plans" / PLAN_118.name).write_text(plan, encoding="utf-8")
    for folder, name, state in files:
        (root / folder).mkdir(exist_ok=True)
        (root / folder / name).write_bytes(picture_bytes(state, name.rsplit(".", 1)[-1].lower()))
    for post in posts:
        header = [f"{key}: {post[key]}" for key in ("Title", "Date", "Slug", "Status", "Image") if post[key]]
        if post["Image"]:
            header.append("Image_alt: Ảnh minh họa")
        (root / "posts" / f"{post['name']}.md").write_text(
            "\n".join(header) + "\n\n" + post["body"] + "\n", encoding="utf-8"
        )


def named(problems) -> set[str]:
    return {os.path.abspath(p.path) for p in problems}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(site=sites())
def test_build_refuses_only_what_check_refused(site):
    files, posts, item_slug = site
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        write_site(root, files, posts, item_slug)
        check = check_content(root, load_settings(root), shown_dir=str(root))
        event("check refused" if check.errors else "check passed")
        try:
            build(root, Path(folder) / "out", SEARCH_INDEX=False)
        except BuildFailed as failure:
            assert check.errors, f"check passed, build refused:\n{failure}"
            assert named(failure.problems) <= named(check.errors), f"{failure}\n---\n{check.errors}"
        else:
            assert not check.errors, check.errors
        shutil.rmtree(Path(folder) / "out", ignore_errors=True)

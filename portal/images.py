"""Pictures as the site publishes them: checked, upright, without the camera's metadata, and in
several widths, so a phone downloads a small file and no page jumps while loading.

`prepare` decodes a picture once per content (its bytes' hash) and keeps what it made in a cache
folder that `invoke check` and the build share:

- a problem instead, when the file is not the picture its name says, is cut short (an
  interrupted copy), or has more than MAX_PIXELS pixels (a 17 KB PNG can hold 144 million);
- the original's bytes with location, device and editing metadata removed
  (`portal.picture_metadata`), published in place of the file itself;
- a WebP copy at each step of WIDTHS narrower than the picture (`anh.jpg` → `anh-jpg-480w.webp`),
  turned upright by its EXIF orientation, and the upright width and height for the page.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from PIL import Image, ImageOps, UnidentifiedImageError

from .picture_metadata import ORIENTATION_TAG, UnreadableContainer, clean_picture, jpeg_scan_count

WIDTHS = (480, 960, 1440)
KINDS = {"jpg", "jpeg", "png", "webp"}  # pictures that get smaller copies
FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP", "avif": "AVIF"}
QUALITY = 80
# A 50-megapixel phone photo is 8160×6144; a picture bigger than this is a mistake or an attack
# (decoding one takes seconds and hundreds of megabytes).
MAX_PIXELS = 64_000_000
# Decoding needs about this many bytes at most (a 16-bit PNG of 64 million pixels needs 512 MB).
MAX_DECODED_BYTES = 256 * 1024 * 1024
# A progressive JPEG has about ten scans; each more decodes the whole picture again (2,000 scans
# in 485 KB took 79 s).
MAX_JPEG_SCANS = 64
# What a prepared picture is made with; a change here makes every picture again.
RECIPE = f"v3-{WIDTHS}-{QUALITY}-{MAX_PIXELS}-{MAX_DECODED_BYTES}-{MAX_JPEG_SCANS}"


@dataclass(frozen=True)
class Picture:
    url: str  # the original's address, as Pelican publishes it
    width: int
    height: int
    variants: tuple[tuple[str, int], ...]  # (address, width) of each smaller copy

    @property
    def address(self) -> str:
        """The original's address as a page writes it: spaces and Vietnamese letters percent-encoded."""
        return quote(self.url)

    def srcset(self, prefix: str = "") -> str:
        """The srcset value: each copy's address (spaces and Vietnamese letters percent-encoded,
        as srcset separates entries with spaces) and width, then the original."""
        steps = [f"{prefix}{quote(url)} {width}w" for url, width in self.variants]
        return ", ".join([*steps, f"{prefix}{quote(self.url)} {self.width}w"])


@dataclass(frozen=True)
class Featured:
    """A post's featured image (`Image:` and `Image_alt:` in its header)."""

    picture: Picture
    alt: str

    @property
    def thumbnail(self) -> tuple[str, int, int]:
        """(address, width, height) of the smallest copy, for listings."""
        picture = self.picture
        url, width = picture.variants[0] if picture.variants else (picture.url, picture.width)
        return quote(url), width, round(picture.height * width / picture.width)


@dataclass(frozen=True)
class Prepared:
    """One picture content as the site publishes it: its problem, or its upright size and the
    files made for it in the cache folder."""

    digest: str
    width: int = 0
    height: int = 0
    widths: tuple[int, ...] = ()  # of the smaller copies
    problem: tuple[str, str] | None = None  # (message, fix) in Vietnamese

    def original(self, cache: Path) -> Path:
        return cache / f"{self.digest}.picture"

    def copy(self, cache: Path, width: int) -> Path:
        return cache / f"{self.digest}-{width}w.webp"

    def picture(self, url: str) -> Picture:
        return Picture(url, self.width, self.height, tuple((variant_url(url, w), w) for w in self.widths))


def variant_url(url: str, width: int) -> str:
    """anh.jpg → anh-jpg-480w.webp: the kind stays in the name, as written, so anh.jpg, anh.png and
    anh.PNG never share copies."""
    path = PurePosixPath(url)
    return str(path.with_name(f"{path.stem}-{path.suffix.lstrip('.')}-{width}w.webp"))


MAX_NAME_BYTES = 255  # a file name on the server


def name_problem(relative: str) -> tuple[str, str] | None:
    """A picture whose smaller copies' names would be too long for the server's file system."""
    longest = PurePosixPath(variant_url(relative, max(WIDTHS))).name.encode()
    if is_picture(relative) and len(longest) > MAX_NAME_BYTES:
        return (
            (
                f"tên tệp ảnh dài {len(PurePosixPath(relative).name.encode())} byte: tên bản thu nhỏ của ảnh "
                f"sẽ vượt {MAX_NAME_BYTES} byte máy chủ cho phép"
            ),
            "đặt tên tệp ngắn hơn (dưới 60 chữ)",
        )
    return None


def kind_of(name: str) -> str:
    return PurePosixPath(name).suffix.lower().lstrip(".")


def is_picture(name: str) -> bool:
    return kind_of(name) in FORMATS


def picture_cache(settings: dict[str, object]) -> Path:
    """The folder prepared pictures are kept in: one per code version, shared by every content
    folder and by `invoke check` and the build (entries are named by content)."""
    return Path(str(settings.get("CACHE_PATH") or "cache")).parent / "pictures"


def prepare(data: bytes, kind: str, cache: Path | None) -> Prepared:
    """The picture `data` (named as a `kind`) prepared once per content: from `cache` when it was
    made before, else decoded and written there (None: nothing kept)."""
    digest = hashlib.sha256(RECIPE.encode() + b"\0" + kind.encode() + b"\0" + data).hexdigest()[:32]
    facts = cache / f"{digest}.json" if cache else None
    if facts is not None:
        try:
            return Prepared(**_tuples(json.loads(facts.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            pass
    prepared, files = _make(data, kind, digest)
    if cache is not None and facts is not None:
        cache.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            _write_atomically(cache / name, content)
        record = {k: getattr(prepared, k) for k in ("digest", "width", "height", "widths", "problem")}
        _write_atomically(facts, json.dumps(record).encode())  # last: the files exist once it does
    return prepared


def _tuples(record: dict[str, Any]) -> dict[str, Any]:
    """A prepared picture's JSON record with its lists made tuples again."""
    record["widths"] = tuple(record.get("widths") or ())
    if record.get("problem") is not None:
        record["problem"] = tuple(record["problem"])
    return record


def _make(data: bytes, kind: str, digest: str) -> tuple[Prepared, dict[str, bytes]]:
    expected = FORMATS.get(kind)
    if expected is None:
        return Prepared(digest, problem=("không phải tệp ảnh", "dùng ảnh JPG, PNG, WebP, GIF hoặc AVIF")), {}
    try:
        image = Image.open(io.BytesIO(data), formats=[expected])
    except Image.DecompressionBombError as error:  # Pillow's own limit, far above ours
        count = re.search(r"\((\d+) pixels\)", str(error))
        return _too_big(digest, int(count.group(1)) if count else 0), {}
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return Prepared(
            digest,
            problem=(
                f"tệp không phải ảnh {expected} đọc được (đuôi tệp là .{kind})",
                "mở ảnh bằng trình xem ảnh và lưu lại đúng định dạng, hoặc đổi đuôi tệp cho đúng loại ảnh",
            ),
        ), {}
    with image:
        refused = _too_costly(image, data, kind, digest)
        if refused:
            return refused, {}
        try:
            image.load()
            orientation = int(image.getexif().get(ORIENTATION_TAG, 1))
            carries_metadata = bool(image.info.get("exif") or image.info.get("xmp"))
            upright = ImageOps.exif_transpose(image) if orientation in range(2, 9) else image
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
            return Prepared(
                digest,
                problem=(
                    f"ảnh hỏng hoặc chép chưa hết, không đọc được ({error})",
                    "chép lại ảnh từ bản gốc, hoặc mở bằng trình xem ảnh và lưu lại",
                ),
            ), {}
        if orientation not in range(1, 9):
            orientation = 1
        files = {f"{digest}.picture": _published(data, kind, orientation, carries_metadata, upright)}
        width, height = upright.size
        widths = tuple(w for w in WIDTHS if w < width) if kind in KINDS else ()
        for step in widths:
            small = upright.convert("RGB").resize(
                (step, round(height * step / width)), Image.Resampling.LANCZOS
            )
            buffer = io.BytesIO()
            small.save(buffer, "WEBP", quality=QUALITY, method=4)
            files[f"{digest}-{step}w.webp"] = buffer.getvalue()
    return Prepared(digest, width, height, widths), files


def _too_costly(image: Image.Image, data: bytes, kind: str, digest: str) -> Prepared | None:
    """A picture whose decoding alone would take too long or too much memory, refused unread."""
    width, height = image.size
    if width * height > MAX_PIXELS:
        return _too_big(digest, width * height, width, height)
    depth = 2 if kind == "png" and len(data) > 24 and data[24] == 16 else 1  # noqa: PLR2004 (IHDR bit depth)
    if width * height * len(image.getbands()) * depth > MAX_DECODED_BYTES:
        return _too_big(digest, width * height, width, height)
    scans = jpeg_scan_count(data) if kind in ("jpg", "jpeg") else 0
    if scans > MAX_JPEG_SCANS:
        return Prepared(
            digest,
            problem=(
                f"ảnh JPEG có {scans} lượt quét (scan), quá {MAX_JPEG_SCANS}: giải mã sẽ mất hàng phút",
                "mở ảnh bằng trình xem ảnh và lưu lại dạng JPEG thông thường",
            ),
        )
    return None


def _too_big(digest: str, pixels: int, width: int = 0, height: int = 0) -> Prepared:
    size = (
        f"{width}×{height} điểm ảnh ({pixels / 1e6:.0f} triệu)"
        if width
        else f"{pixels / 1e6:.0f} triệu điểm ảnh"
    )
    return Prepared(
        digest,
        problem=(
            f"ảnh {size}, quá giới hạn {MAX_PIXELS // 1_000_000} triệu điểm ảnh",
            "thu nhỏ ảnh (cạnh dài khoảng 4000 điểm ảnh là đủ cho trang web) rồi lưu lại",
        ),
    )


def _published(
    data: bytes, kind: str, orientation: int, carries_metadata: bool, upright: Image.Image
) -> bytes:
    """The original's bytes without metadata. Saved again from its pixels, upright, instead: a
    file whose container the cleaner cannot follow, an AVIF carrying metadata, and a WebP with an
    orientation (browsers do not turn a WebP by its EXIF)."""
    if kind == "avif" and not carries_metadata:
        return data
    if kind not in ("avif", "webp") or (kind == "webp" and orientation == 1):
        try:
            return clean_picture(data, kind, orientation)
        except UnreadableContainer:
            pass
    buffer = io.BytesIO()
    options: dict[str, object] = {"quality": 92} if kind in ("jpg", "jpeg", "webp", "avif") else {}
    if kind == "webp" and b"VP8L" in data[12:40]:
        options = {"lossless": True}
    needs_rgb = kind in ("jpg", "jpeg") and upright.mode not in ("RGB", "L")
    picture = upright.convert("RGB") if needs_rgb else upright.copy()
    picture.info = {}  # Pillow saves a JPEG's comment, a PNG's text… again from `info`
    picture.save(buffer, FORMATS[kind], **options)
    return buffer.getvalue()


def _write_atomically(path: Path, content: bytes) -> None:
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".part-", delete=False) as handle:
        handle.write(content)
    os.replace(handle.name, path)


def publish(prepared: Prepared, cache: Path, output: Path, url: str) -> None:
    """Put a prepared picture in the site: its cleaned original at `url` (replacing the copy
    Pelican made, never writing through it) and its smaller copies beside it."""
    targets = [(prepared.original(cache), output / url)]
    targets += [(prepared.copy(cache, w), output / variant_url(url, w)) for w in prepared.widths]
    for source, target in targets:
        content = source.read_bytes()
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_file() and not target.is_symlink() and target.read_bytes() == content:
            continue
        target.unlink(missing_ok=True)  # Pelican may have linked the content file itself here
        target.write_bytes(content)

"""Pictures in several widths, so a phone downloads a small file and no page jumps while loading.

Every picture under STATIC_PATHS wider than a step of WIDTHS gets a WebP copy at
that width beside it (`anh.jpg` → `anh-480w.webp`), made with Pillow once and
kept in a cache keyed by the picture's bytes. `Picture` records what a page needs
to show it: its size (width and height attributes) and its copies (`srcset`).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from PIL import Image

WIDTHS = (480, 960, 1440)
KINDS = {"jpg", "jpeg", "png", "webp"}
QUALITY = 80


@dataclass(frozen=True)
class Picture:
    url: str  # the original's address, as Pelican publishes it
    width: int
    height: int
    variants: tuple[tuple[str, int], ...]  # (address, width) of each smaller copy

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


def variant_url(url: str, width: int) -> str:
    """anh.jpg → anh-jpg-480w.webp: the kind stays in the name, so anh.jpg and anh.png never share copies."""
    path = PurePosixPath(url)
    return str(path.with_name(f"{path.stem}-{path.suffix.lstrip('.').lower()}-{width}w.webp"))


def describe(url: str, source: Path) -> Picture | None:
    """The picture at `source` (published at `url`), or None for a file Pillow cannot read."""
    if PurePosixPath(url).suffix.lower().lstrip(".") not in KINDS:
        return None
    try:
        with Image.open(source) as image:
            width, height = image.size
    except (OSError, SyntaxError, ValueError):
        return None
    variants = tuple((variant_url(url, w), w) for w in WIDTHS if w < width)
    return Picture(url, width, height, variants)


def write_variants(picture: Picture, source: Path, output: Path, cache: Path) -> None:
    """The smaller copies of a picture under `output`, made once per picture content in `cache`."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:24]
    for url, width in picture.variants:
        cached = cache / f"{digest}-{width}-q{QUALITY}.webp"
        if not cached.is_file():
            cache.mkdir(parents=True, exist_ok=True)
            with Image.open(source) as image:
                height = round(picture.height * width / picture.width)
                small = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
                partial = cached.with_suffix(".part")
                small.save(partial, "WEBP", quality=QUALITY, method=4)
                partial.replace(cached)
        target = output / url
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)

"""Draw the department's emblem and the site's icons: theme/static/img/.

The emblem is made for this project (no third-party artwork): a blue disc in a
gold ring, three electron orbits around a gold nucleus (science and
technology) over green mountains (Sơn La). One geometry, drawn twice: as SVG
(emblem.svg, the header's logo and the browsers' icon) and with Pillow as PNG
(icon-192.png, icon-512.png for the web app manifest, apple-touch-icon.png)
and ICO (favicon.ico, 16/32/48 px, for clients that ask for /favicon.ico).
tests/test_theme.py checks the shipped files are what this script draws.

    .venv/bin/python tools/make_icons.py [FOLDER]
"""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
BLUE, GOLD, WHITE, GREEN = "#0b4f8a", "#f2c230", "#ffffff", "#3f9b5a"
SIZE = 64  # the SVG's viewBox, in which every shape below is given
DISC = (32, 32, 29.5)  # centre x, centre y, radius
RING = 3.0
NUCLEUS = (32, 27, 3.6)
ORBIT = (32, 27, 18, 7, 2.4)  # centre, radii, stroke; drawn at -60, 0 and 60 degrees
MOUNTAINS = [(9, 47), (21, 36), (28, 42), (37, 32), (55, 47), (53, 51), (11, 51)]


def svg() -> str:
    cx, cy, r = DISC
    ox, oy, rx, ry, stroke = ORBIT
    nx, ny, nr = NUCLEUS
    orbits = "".join(
        f'<ellipse cx="{ox}" cy="{oy}" rx="{rx}" ry="{ry}"'
        + (f' transform="rotate({angle} {ox} {oy})"' if angle else "")
        + "/>"
        for angle in (-60, 0, 60)
    )
    mountains = " ".join(f"{x},{y}" for x, y in MOUNTAINS)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{BLUE}" stroke="{GOLD}" stroke-width="{RING}"/>'
        f'<polygon points="{mountains}" fill="{GREEN}"/>'
        f'<g fill="none" stroke="{WHITE}" stroke-width="{stroke}">{orbits}</g>'
        f'<circle cx="{nx}" cy="{ny}" r="{nr}" fill="{GOLD}"/>'
        "</svg>\n"
    )


def _ellipse_points(scale: float, angle: float) -> list[tuple[float, float]]:
    ox, oy, rx, ry, _ = ORBIT
    turn = math.radians(angle)
    points = []
    for step in range(96):
        t = 2 * math.pi * step / 96
        x, y = rx * math.cos(t), ry * math.sin(t)
        points.append(
            (
                (ox + x * math.cos(turn) - y * math.sin(turn)) * scale,
                (oy + x * math.sin(turn) + y * math.cos(turn)) * scale,
            )
        )
    return points


def raster(pixels: int) -> Image.Image:
    """The emblem at pixels × pixels, drawn 4× larger and reduced (smooth edges)."""
    big = pixels * 4
    scale = big / SIZE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    cx, cy, r = DISC
    outer = (r + RING / 2) * scale
    inner = (r - RING / 2) * scale
    draw.ellipse([cx * scale - outer, cy * scale - outer, cx * scale + outer, cy * scale + outer], fill=GOLD)
    draw.ellipse([cx * scale - inner, cy * scale - inner, cx * scale + inner, cy * scale + inner], fill=BLUE)
    draw.polygon([(x * scale, y * scale) for x, y in MOUNTAINS], fill=GREEN)
    width = max(1, round(ORBIT[4] * scale))
    for angle in (-60, 0, 60):
        points = _ellipse_points(scale, angle)
        draw.line([*points, points[0]], fill=WHITE, width=width, joint="curve")
    nx, ny, nr = NUCLEUS
    draw.ellipse([(nx - nr) * scale, (ny - nr) * scale, (nx + nr) * scale, (ny + nr) * scale], fill=GOLD)
    return image.resize((pixels, pixels), Image.Resampling.LANCZOS)


def png(pixels: int, background: str | None = None) -> bytes:
    image = raster(pixels)
    if background:  # iOS shows a transparent touch icon on black
        flat = Image.new("RGBA", image.size, background)
        flat.alpha_composite(image)
        image = flat
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def ico() -> bytes:
    out = io.BytesIO()
    raster(48).save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def files() -> dict[str, bytes]:
    """Every file this script draws, by name."""
    return {
        "emblem.svg": svg().encode(),
        "favicon.ico": ico(),
        "icon-192.png": png(192),
        "icon-512.png": png(512),
        "apple-touch-icon.png": png(180, background=WHITE),
    }


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else ROOT / "theme" / "static" / "img"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files().items():
        (folder / name).write_bytes(data)
        sys.stdout.write(f"{folder / name}\n")


if __name__ == "__main__":
    main(sys.argv[1:])

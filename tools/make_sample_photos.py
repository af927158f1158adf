"""Draw the sample site's pictures: content/images/2020/minh-hoa-*.jpg, and the
photos among the sample activities' evidence: content/files/2020/hoat-dong/anh-*.jpg.

The sample posts need pictures (a lead story, listing thumbnails) and the sample
activities photos of what was held, and this machine has no photos it may publish,
so each is a simple illustration drawn here, marked "ẢNH MINH HỌA · BẢN MẪU" like
the sample PDFs; the department replaces them with its own photos. Run once; the
files are committed (the same files come out on every run).

    .venv/bin/python tools/make_sample_photos.py
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1200, 800
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def sky(
    draw: ImageDraw.ImageDraw, top: tuple[int, int, int], bottom: tuple[int, int, int], until: int
) -> None:
    for y in range(until):
        t = y / until
        draw.line(
            [(0, y), (WIDTH, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )


def hills(draw: ImageDraw.ImageDraw, rng: random.Random, base: int, colour: tuple[int, int, int]) -> None:
    points = [(0, HEIGHT)]
    for x in range(0, WIDTH + 100, 100):
        points.append((x, base + rng.randint(-90, 40)))
    points.append((WIDTH, HEIGHT))
    draw.polygon(points, fill=colour)


def hall(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """A conference hall: banner over a stage, rows of seats."""
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(224, 214, 196))
    draw.rectangle([0, 0, WIDTH, 330], fill=(150, 30, 30))
    draw.rectangle([120, 60, WIDTH - 120, 200], fill=(178, 34, 34), outline=(242, 194, 48), width=6)
    for row, width in ((95, 760), (140, 560)):
        draw.rectangle([(WIDTH - width) // 2, row, (WIDTH + width) // 2, row + 24], fill=(242, 194, 48))
    draw.rectangle([200, 330, WIDTH - 200, 380], fill=(120, 80, 50))
    for row in range(5):
        y = 430 + row * 75
        for seat in range(14):
            x = 40 + seat * 82 + (row % 2) * 20
            draw.rounded_rectangle([x, y, x + 60, y + 50], radius=10, fill=(40, 60, 100))
            shade = rng.choice([(60, 40, 30), (30, 30, 30), (90, 70, 50)])
            draw.ellipse([x + 15, y - 30, x + 45, y], fill=shade)


def orchard(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """Macadamia rows on the hills."""
    sky(draw, (120, 180, 230), (220, 235, 245), 420)
    hills(draw, rng, 360, (90, 140, 90))
    hills(draw, rng, 470, (60, 120, 60))
    for row in range(5):
        y = 520 + row * 60
        for tree in range(16):
            x = tree * 80 + (row % 2) * 40
            r = 26 + rng.randint(-4, 6)
            draw.rectangle([x - 4, y, x + 4, y + 30], fill=(90, 60, 30))
            draw.ellipse([x - r, y - 2 * r + 10, x + r, y + 10], fill=(30 + rng.randint(0, 30), 110, 50))


def counter(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """A one-stop service counter: desks, screens, number display."""
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(230, 236, 242))
    draw.rectangle([0, 0, WIDTH, 140], fill=(11, 79, 138))
    draw.rectangle([80, 40, WIDTH - 80, 100], fill=(242, 194, 48))
    draw.rectangle([0, 470, WIDTH, HEIGHT], fill=(200, 190, 170))
    for desk in range(4):
        x = 60 + desk * 285
        draw.rectangle([x, 300, x + 240, 330], fill=(8, 59, 103))
        draw.rectangle([x + 70, 210, x + 170, 290], fill=(30, 30, 40), outline=(90, 90, 90), width=4)
        draw.rectangle([x + 110, 290, x + 130, 300], fill=(60, 60, 60))
        draw.rectangle([x, 330, x + 240, 470], fill=(240, 240, 240), outline=(150, 150, 150), width=3)
        draw.ellipse([x + 95, 150, x + 145, 200], fill=rng.choice([(60, 40, 30), (30, 30, 30)]))
    for person in range(6):
        x = 80 + person * 190
        draw.ellipse([x, 520, x + 60, 580], fill=(50, 40, 30))
        draw.rounded_rectangle(
            [x - 15, 580, x + 75, 760], radius=20, fill=rng.choice([(70, 110, 160), (150, 70, 60)])
        )


def training(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """A training room: projected slide, tables."""
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(236, 230, 220))
    draw.rectangle([300, 60, 900, 400], fill=(255, 255, 255), outline=(80, 80, 80), width=6)
    draw.rectangle([340, 100, 860, 150], fill=(11, 79, 138))
    for line in range(5):
        draw.rectangle(
            [360, 190 + line * 38, 360 + rng.randint(250, 480), 210 + line * 38], fill=(150, 160, 170)
        )
    for row in range(3):
        y = 480 + row * 100
        draw.rectangle([100, y, WIDTH - 100, y + 30], fill=(140, 100, 60))
        for seat in range(9):
            x = 130 + seat * 108
            draw.ellipse(
                [x, y - 55, x + 44, y - 11], fill=rng.choice([(60, 40, 30), (30, 30, 30), (80, 60, 40)])
            )


def checking(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """Measuring instruments on a bench (standards, metrology, quality)."""
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(214, 226, 236))
    draw.rectangle([0, 520, WIDTH, HEIGHT], fill=(150, 120, 90))
    for tool in range(4):
        x = 90 + tool * 270
        draw.rounded_rectangle([x, 300, x + 200, 520], radius=16, fill=(70, 80, 95))
        draw.ellipse([x + 40, 330, x + 160, 450], fill=(250, 250, 245), outline=(30, 30, 30), width=5)
        angle = rng.uniform(0.2, 1.2)
        draw.line([(x + 100, 390), (x + 100 + 50 * angle, 390 - 45)], fill=(200, 30, 30), width=6)
        draw.rectangle([x + 60, 470, x + 140, 500], fill=(242, 194, 48))


def briefing(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """A quarterly briefing: a screen with a bar chart, the chair's table, tables along both sides."""
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(228, 222, 210))
    draw.rectangle([0, 430, WIDTH, HEIGHT], fill=(170, 130, 95))
    draw.rectangle([380, 40, 820, 290], fill=(250, 250, 250), outline=(70, 70, 70), width=6)
    draw.rectangle([410, 60, 790, 95], fill=(11, 79, 138))
    for bar in range(6):
        height = rng.randint(50, 160)
        draw.rectangle([430 + bar * 58, 270 - height, 470 + bar * 58, 270], fill=(178, 34, 34))
    draw.rectangle([330, 330, 870, 400], fill=(150, 30, 30))  # the chair's table, red cloth
    for person in range(4):
        x = 390 + person * 120
        draw.ellipse([x, 270, x + 50, 320], fill=rng.choice([(60, 40, 30), (30, 30, 30)]))
        draw.rectangle([x - 10, 318, x + 60, 335], fill=(240, 240, 240))
        draw.rectangle([x + 5, 338, x + 45, 352], fill=(250, 250, 250))  # name card
    draw.ellipse([560, 405, 640, 460], fill=(220, 60, 90))  # flowers in front
    draw.rectangle([590, 455, 610, 500], fill=(60, 120, 60))
    for side in (0, 1):
        for seat in range(5):
            y = 470 + seat * 62
            x = 60 + side * 850
            draw.rectangle([x, y + 30, x + 230, y + 48], fill=(120, 80, 50))
            for chair in range(3):
                cx = x + 20 + chair * 75
                draw.ellipse([cx, y - 8, cx + 40, y + 32], fill=rng.choice([(60, 40, 30), (30, 30, 30)]))
                draw.rounded_rectangle(
                    [cx - 8, y + 28, cx + 48, y + 40],
                    radius=4,
                    fill=rng.choice([(240, 240, 240), (70, 110, 160)]),
                )


def award(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    """Certificates of merit handed out: people in a row holding framed certificates on a stage."""
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(150, 30, 30))
    draw.rectangle([100, 50, WIDTH - 100, 170], fill=(178, 34, 34), outline=(242, 194, 48), width=6)
    for row, width in ((80, 700), (125, 480)):
        draw.rectangle([(WIDTH - width) // 2, row, (WIDTH + width) // 2, row + 22], fill=(242, 194, 48))
    draw.rectangle([0, 600, WIDTH, HEIGHT], fill=(110, 70, 45))
    for person in range(7):  # two collectives' representatives and five people commended
        x = 80 + person * 155
        draw.ellipse([x + 20, 250, x + 80, 310], fill=rng.choice([(60, 40, 30), (30, 30, 30), (80, 60, 40)]))
        draw.rounded_rectangle(
            [x, 310, x + 100, 600],
            radius=22,
            fill=rng.choice([(30, 40, 70), (240, 240, 240), (70, 110, 160), (150, 70, 60)]),
        )
        draw.rectangle([x + 8, 360, x + 92, 430], fill=(250, 235, 200), outline=(180, 140, 40), width=5)
        draw.rectangle([x + 20, 375, x + 80, 383], fill=(178, 34, 34))
        for line in range(3):
            draw.line([(x + 22, 395 + line * 10), (x + 78, 395 + line * 10)], fill=(150, 140, 120), width=2)
        draw.ellipse([x + 30, 440, x + 70, 480], fill=rng.choice([(220, 60, 90), (240, 200, 60)]))  # flowers


Scene = Callable[[ImageDraw.ImageDraw, random.Random], None]
# Paths under content/; each picture's seed is its place in this list, so adding one at the end
# leaves the others' pixels unchanged.
PICTURES: dict[str, Scene] = {
    "images/2020/minh-hoa-hoi-nghi.jpg": hall,
    "images/2020/minh-hoa-vuon-mac-ca.jpg": orchard,
    "images/2020/minh-hoa-bo-phan-mot-cua.jpg": counter,
    "images/2020/minh-hoa-tap-huan.jpg": training,
    "images/2020/minh-hoa-kiem-dinh-do-luong.jpg": checking,
    "files/2020/hoat-dong/anh-giao-ban-quy-i-2020.jpg": briefing,
    "files/2020/hoat-dong/anh-trao-giay-khen-2020.jpg": award,
}


def mark(draw: ImageDraw.ImageDraw) -> None:
    text = "ẢNH MINH HỌA · BẢN MẪU"
    font = ImageFont.truetype(str(FONT), 30) if FONT.is_file() else ImageFont.load_default()
    box = draw.textbbox((0, 0), text, font=font)
    width = box[2] - box[0]
    draw.rectangle([WIDTH - width - 40, HEIGHT - 64, WIDTH, HEIGHT], fill=(0, 0, 0))
    draw.text((WIDTH - width - 20, HEIGHT - 56), text, font=font, fill=(255, 255, 255))


def main() -> None:
    for seed, (name, scene) in enumerate(PICTURES.items()):
        path = ROOT / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        image = Image.new("RGB", (WIDTH, HEIGHT))
        draw = ImageDraw.Draw(image)
        scene(draw, random.Random(seed))
        mark(draw)
        image.save(path, "JPEG", quality=80, optimize=True, progressive=True)
        sys.stdout.write(f"{path}\n")


if __name__ == "__main__":
    main()

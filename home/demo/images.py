"""Abstract pictures for the demo content, drawn with Pillow: a colour gradient with a few simple shapes.

Each picture is fully determined by its ``Artwork`` spec (the shapes come from a seeded generator), so the
same spec always gives the same file.
"""

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 900


@dataclass(frozen=True)
class Artwork:
    """One demo picture: its title and alt text in the image library, and how to draw it."""

    key: str
    title: str
    description: str  # the alt text
    collection: str
    motif: str
    top: str  # gradient colours, "#rrggbb"
    bottom: str
    colours: tuple
    seed: int


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def _rgba(hex_colour, alpha):
    return (*_rgb(hex_colour), alpha)


def _gradient(top, bottom):
    """A diagonal gradient from ``top`` (upper left) to ``bottom`` (lower right)."""
    vertical = Image.linear_gradient("L").resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC)
    horizontal = vertical.rotate(90, expand=True).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    mask = Image.blend(vertical, horizontal.resize((WIDTH, HEIGHT), Image.Resampling.BICUBIC), 0.4)
    return Image.composite(
        Image.new("RGB", (WIDTH, HEIGHT), _rgb(bottom)), Image.new("RGB", (WIDTH, HEIGHT), _rgb(top)), mask
    )


def _circles(draw, rng, colours):
    for index in range(11):
        radius = rng.randint(70, 260)
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=_rgba(colours[index % len(colours)], 165))


def _rings(draw, rng, colours):
    # Three rings overlapping around a common centre, each passing through the others' middles.
    cx, cy, radius = WIDTH // 2, HEIGHT // 2 + 20, 230
    for index in range(3):
        angle = -math.pi / 2 + index * 2 * math.pi / 3
        x, y = cx + 135 * math.cos(angle), cy + 135 * math.sin(angle)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            outline=_rgba(colours[index % len(colours)], 225),
            width=30,
        )
    for _ in range(40):
        x, y, r = rng.randint(0, WIDTH), rng.randint(0, HEIGHT), rng.randint(4, 10)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(colours[0], 90))


def _network(draw, rng, colours):
    cx, cy, radius = WIDTH // 2, HEIGHT // 2, 380
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=_rgba(colours[0], 160), width=6)
    for tilt in (0.35, 0.7):
        draw.ellipse(
            (cx - radius, cy - radius * tilt, cx + radius, cy + radius * tilt), outline=_rgba(colours[0], 90), width=3
        )
    draw.line((cx, cy - radius, cx, cy + radius), fill=_rgba(colours[0], 90), width=3)
    points = []
    for _ in range(26):
        angle, distance = rng.uniform(0, 2 * math.pi), radius * math.sqrt(rng.uniform(0.05, 1))
        points.append((cx + distance * math.cos(angle), cy + distance * math.sin(angle)))
    for x, y in points:
        nearest = sorted(points, key=lambda point: (point[0] - x) ** 2 + (point[1] - y) ** 2)[1:4]
        for other in nearest:
            draw.line((x, y, *other), fill=_rgba(colours[1], 170), width=3)
    for index, (x, y) in enumerate(points):
        r = 11 if index % 3 else 17
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(colours[(index % (len(colours) - 1)) + 1], 255))


def _steps(draw, rng, colours):
    count, gap = 7, 26
    bar_width = (WIDTH - 200 - gap * (count - 1)) // count
    for index in range(count):
        height = 150 + index * 95 + rng.randint(-20, 20)
        x = 100 + index * (bar_width + gap)
        draw.rounded_rectangle(
            (x, HEIGHT - 80 - height, x + bar_width, HEIGHT - 80),
            radius=18,
            fill=_rgba(colours[index % len(colours)], 215),
        )
    draw.line((60, HEIGHT - 80, WIDTH - 60, HEIGHT - 80), fill=_rgba(colours[0], 255), width=8)


def _pages(draw, rng, colours):
    for index in range(9):
        width, height = rng.randint(360, 520), rng.randint(460, 640)
        x, y = 120 + index * 140 + rng.randint(-30, 30), 140 + rng.randint(-60, 60)
        draw.rounded_rectangle((x, y, x + width, y + height), radius=14, fill=_rgba(colours[index % len(colours)], 120))
        for line in range(6):
            line_y = y + 60 + line * 42
            draw.line((x + 40, line_y, x + width - 40 - (line % 3) * 50, line_y), fill=(255, 255, 255, 110), width=8)


def _frames(draw, rng, colours):
    cx, cy = WIDTH // 2, HEIGHT // 2
    for index, size in enumerate((420, 330, 240, 150)):
        draw.rounded_rectangle(
            (cx - size, cy - size * 0.9, cx + size, cy + size * 0.9),
            radius=40,
            outline=_rgba(colours[index % len(colours)], 200),
            width=18,
        )
    draw.rounded_rectangle((cx - 60, cy - 60, cx + 60, cy + 60), radius=16, fill=_rgba(colours[-1], 255))
    for _ in range(30):
        x, y, r = rng.randint(0, WIDTH), rng.randint(0, HEIGHT), rng.randint(3, 8)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(colours[0], 80))


def _round_table(draw, rng, colours):
    cx, cy, radius = WIDTH // 2, HEIGHT // 2, 230
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=_rgba(colours[0], 230))
    seats = 12
    for index in range(seats):
        angle = 2 * math.pi * index / seats + rng.uniform(-0.04, 0.04)
        x, y = cx + 330 * math.cos(angle), cy + 330 * math.sin(angle)
        r = 52
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(colours[1 + index % (len(colours) - 1)], 235))
    for index in range(5):
        angle = 2 * math.pi * index / 5
        x, y = cx + 120 * math.cos(angle), cy + 120 * math.sin(angle)
        draw.rounded_rectangle((x - 45, y - 30, x + 45, y + 30), radius=6, fill=(255, 255, 255, 150))


MOTIFS = {
    "circles": _circles,
    "rings": _rings,
    "network": _network,
    "steps": _steps,
    "pages": _pages,
    "frames": _frames,
    "round_table": _round_table,
}


def render_artwork(artwork):
    """The picture described by ``artwork`` as JPEG bytes (1600x900)."""
    rng = random.Random(artwork.seed)  # noqa: S311 - picks shapes for a picture, not a secret
    canvas = _gradient(artwork.top, artwork.bottom).convert("RGBA")
    layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    MOTIFS[artwork.motif](ImageDraw.Draw(layer), rng, artwork.colours)
    # A little blur softens the shapes' edges so they read as artwork rather than a diagram.
    canvas = Image.alpha_composite(canvas, layer.filter(ImageFilter.GaussianBlur(1.2))).convert("RGB")
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()


# The demo pictures. Their descriptions say what the picture shows: they are the alt text.
ARTWORKS = [
    Artwork(
        key="hero",
        title="Circles of co-operation",
        description="Abstract artwork: overlapping see-through circles in orange, gold, red and teal on a deep "
        "blue background.",
        collection="Demo images",
        motif="circles",
        top="#0b2545",
        bottom="#13315c",
        colours=("#f4a259", "#f6d55c", "#3caea3", "#ed553b"),
        seed=1895,
    ),
    Artwork(
        key="about",
        title="Linked rings",
        description="Abstract artwork: three overlapping rings in white, coral and gold on a teal background.",
        collection="Demo images",
        motif="rings",
        top="#0f5257",
        bottom="#1b998b",
        colours=("#ffffff", "#ff9b85", "#ffd97d"),
        seed=310,
    ),
    Artwork(
        key="alliance",
        title="A network around the globe",
        description="Abstract artwork: an outline of a globe crossed by lines that join bright dots, on a dark "
        "blue background.",
        collection="Demo images",
        motif="network",
        top="#0d1b2a",
        bottom="#1b263b",
        colours=("#e0e1dd", "#778da9", "#ffb703", "#fb8500", "#8ecae6"),
        seed=107,
    ),
    Artwork(
        key="why_join",
        title="Rising steps",
        description="Abstract artwork: seven rounded bars in green, blue and red rising from left to right like "
        "steps, on a warm yellow background.",
        collection="Demo images",
        motif="steps",
        top="#ffe8a3",
        bottom="#f9c74f",
        colours=("#277da1", "#43aa8b", "#90be6d", "#f94144"),
        seed=1946,
    ),
    Artwork(
        key="documents",
        title="Stacked pages",
        description="Abstract artwork: overlapping pale sheets with lines like text on them, on a green background.",
        collection="Demo images",
        motif="pages",
        top="#2d6a4f",
        bottom="#40916c",
        colours=("#d8f3dc", "#b7e4c7", "#95d5b2"),
        seed=41,
    ),
    Artwork(
        key="private_areas",
        title="Nested frames",
        description="Abstract artwork: a small bright square at the centre of nested rounded frames, on a plum "
        "background.",
        collection="Demo images",
        motif="frames",
        top="#3c1642",
        bottom="#5f0f40",
        colours=("#f7d6e0", "#e0aaff", "#c77dff", "#ffb703"),
        seed=4,
    ),
    Artwork(
        key="members_briefing",
        title="Round table",
        description="Abstract artwork: twelve coloured circles around a large pale disc, like people seated at a "
        "round table seen from above, on a slate-blue background.",
        collection="Members documents",
        motif="round_table",
        top="#2b2d42",
        bottom="#4a4e69",
        colours=("#edf2f4", "#ef233c", "#8d99ae", "#ffb703", "#06d6a0"),
        seed=12,
    ),
]

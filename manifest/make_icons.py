"""Draw the app icons: `.venv/bin/python manifest/make_icons.py` rewrites color.png and
outline.png next to this file.

The mark is two overlapping circles, the shared part filled: two parties working together.
Colour icon 192x192 on a solid background (the manifest's accentColor); outline icon 32x32,
white on transparent. Anti-aliased by 4x4 supersampling; stdlib only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.cli.manifest import write_png

HERE = Path(__file__).resolve().parent
BACKGROUND = (0x1B, 0x5E, 0x7A)  # accentColor #1B5E7A: calm blue, no municipality's colour
OVERLAP = (0xF2, 0xB1, 0x34)  # warm yellow for what the partners share
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4

Colour = tuple[int, int, int]
Shade = Callable[[float, float], tuple[Colour, float] | None]


def mark(size: float, *, overlap: Colour, ring: Colour) -> Shade:
    """The colour and opacity at (x, y) in a `size`-wide square, None where it is empty."""
    centre, offset = size / 2, size * 0.115
    radius, stroke = size * 0.205, size * 0.055
    circles = ((centre - offset, centre), (centre + offset, centre))

    def shade(x: float, y: float) -> tuple[Colour, float] | None:
        distances = [((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 for cx, cy in circles]
        if any(abs(d - radius) <= stroke / 2 for d in distances):
            return ring, 1.0
        if all(d < radius for d in distances):
            return overlap, 1.0
        return None

    return shade


def render(size: int, shade: Shade, background: Colour | None) -> list[bytes]:
    """RGB rows on `background`, or RGBA rows (straight alpha) when it is None."""
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            totals, cover = [0.0, 0.0, 0.0], 0.0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    hit = shade(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)
                    colour, alpha = hit if hit else (background or WHITE, 0.0)
                    if background is not None and not hit:
                        colour, alpha = background, 1.0
                    for channel in range(3):
                        totals[channel] += colour[channel] * alpha
                    cover += alpha
            count = SAMPLES * SAMPLES
            if background is not None:
                row += bytes(round(total / count) for total in totals)
            else:
                rgb = [round(total / cover) if cover else 255 for total in totals]
                row += bytes([*rgb, round(255 * cover / count)])
        rows.append(bytes(row))
    return rows


def main() -> None:
    color = render(192, mark(192, overlap=OVERLAP, ring=WHITE), BACKGROUND)
    (HERE / "color.png").write_bytes(write_png(192, 192, color, alpha=False))
    outline = render(32, mark(32, overlap=WHITE, ring=WHITE), None)
    (HERE / "outline.png").write_bytes(write_png(32, 32, outline, alpha=True))


if __name__ == "__main__":
    main()

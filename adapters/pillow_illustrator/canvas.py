"""The drawing surface shared by every painter: pixel helpers, colours and gradients."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

RGB = tuple[int, int, int]


def hex_rgb(value: str) -> RGB:
    text = value.lstrip("#")
    if len(text) != 6:
        return (128, 128, 128)
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def darker(c: RGB, amount: float = 0.25) -> RGB:
    return mix(c, (0, 0, 0), amount)


def lighter(c: RGB, amount: float = 0.25) -> RGB:
    return mix(c, (255, 255, 255), amount)


@dataclass(slots=True)
class Canvas:
    """An RGB image with a draw handle, its size and the page's random source."""

    img: Image.Image
    draw: ImageDraw.ImageDraw
    rng: random.Random

    @classmethod
    def new(cls, width: int, height: int, rng: random.Random) -> Canvas:
        img = Image.new("RGB", (width, height), (255, 255, 255))
        return cls(img=img, draw=ImageDraw.Draw(img), rng=rng)

    @property
    def w(self) -> int:
        return self.img.width

    @property
    def h(self) -> int:
        return self.img.height

    @property
    def unit(self) -> float:
        """One hundredth of the shorter side: sizes are given in these units."""
        return min(self.w, self.h) / 100

    def gradient(self, top: RGB, bottom: RGB, y0: float = 0, y1: float | None = None) -> None:
        """Vertical gradient between rows y0 and y1 (pixels), built from a 1-px strip."""
        start, end = int(y0), int(self.h if y1 is None else y1)
        if end <= start:
            return
        strip = Image.new("RGB", (1, 64))
        strip.putdata([mix(top, bottom, i / 63) for i in range(64)])
        band = strip.resize((self.w, end - start), Image.Resampling.BILINEAR)
        self.img.paste(band, (0, start))

    def circle(self, x: float, y: float, r: float, fill: RGB, outline: RGB | None = None) -> None:
        width = max(1, round(r / 12)) if outline else 0
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill, outline=outline, width=width)

    def oval(self, x: float, y: float, rx: float, ry: float, fill: RGB) -> None:
        self.draw.ellipse((x - rx, y - ry, x + rx, y + ry), fill=fill)

    def star(self, x: float, y: float, r: float, fill: RGB, points: int = 5) -> None:
        out: list[tuple[float, float]] = []
        for i in range(points * 2):
            radius = r if i % 2 == 0 else r * 0.45
            angle = math.radians(90 + i * 180 / points)
            out.append((x + radius * math.cos(angle), y - radius * math.sin(angle)))
        self.draw.polygon(out, fill=fill)

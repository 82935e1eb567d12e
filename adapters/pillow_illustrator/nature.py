"""Nature shapes used by backdrops and as scene objects: sun, moon, clouds, trees, hills...

Every painter takes the canvas, an anchor (x, y in pixels) and a size s in pixels. Ground
things stand on (x, y); sky things are centred on it.
"""

from __future__ import annotations

import math

from adapters.pillow_illustrator.canvas import RGB, Canvas, darker, lighter, mix

LEAF = (76, 160, 80)
TRUNK = (128, 84, 50)


def sun(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    for i in range(12):
        a = math.radians(i * 30)
        d.line(
            (
                x + math.cos(a) * s * 0.32,
                y + math.sin(a) * s * 0.32,
                x + math.cos(a) * s * 0.5,
                y + math.sin(a) * s * 0.5,
            ),
            fill=(255, 200, 60),
            width=max(2, round(s * 0.05)),
        )
    cv.circle(x, y, s * 0.27, (255, 214, 74))
    cv.circle(x - s * 0.05, y - s * 0.05, s * 0.17, (255, 232, 130))


def moon(cv: Canvas, x: float, y: float, s: float, sky: RGB | None = None) -> None:
    cv.circle(x, y, s * 0.32, (250, 240, 200))
    if sky is not None:  # a crescent: cover part of the disc with the sky colour
        cv.circle(x + s * 0.14, y - s * 0.08, s * 0.27, sky)
    else:
        for dx, dy, r in ((-0.1, -0.06, 0.06), (0.08, 0.08, 0.05), (0.1, -0.12, 0.035)):
            cv.circle(x + dx * s, y + dy * s, r * s, (228, 216, 176))


def star(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.star(x, y, s * 0.42, (255, 220, 80))
    cv.star(x, y, s * 0.22, (255, 240, 160))


def cloud(cv: Canvas, x: float, y: float, s: float, tint: RGB = (255, 255, 255)) -> None:
    shade = darker(tint, 0.08)
    for dx, dy, r in (
        (-0.28, 0.06, 0.2),
        (0.28, 0.06, 0.2),
        (-0.1, -0.06, 0.26),
        (0.12, -0.02, 0.24),
    ):
        cv.circle(x + dx * s, y + dy * s + s * 0.03, r * s, shade)
    for dx, dy, r in (
        (-0.28, 0.04, 0.18),
        (0.28, 0.04, 0.18),
        (-0.1, -0.08, 0.24),
        (0.12, -0.04, 0.22),
    ):
        cv.circle(x + dx * s, y + dy * s, r * s, tint)
    cv.draw.rectangle((x - s * 0.28, y + s * 0.02, x + s * 0.28, y + s * 0.2), fill=tint)


def rainbow(cv: Canvas, x: float, y: float, s: float) -> None:
    colours = (
        (232, 72, 72),
        (245, 150, 60),
        (250, 215, 70),
        (90, 190, 90),
        (70, 140, 230),
        (140, 90, 200),
    )
    width = s * 0.06
    for i, c in enumerate(colours):
        r = s * 0.5 - i * width
        cv.draw.arc((x - r, y - r, x + r, y + r), 180, 360, fill=c, width=max(2, round(width)))


def tree(cv: Canvas, x: float, y: float, s: float, leaf: RGB = LEAF) -> None:
    cv.draw.rectangle((x - s * 0.06, y - s * 0.45, x + s * 0.06, y), fill=TRUNK)
    for dx, dy, r in ((-0.17, -0.5, 0.2), (0.17, -0.5, 0.2), (0, -0.72, 0.24), (0, -0.52, 0.22)):
        cv.circle(x + dx * s, y + dy * s, r * s, leaf)
    cv.circle(x - s * 0.08, y - s * 0.78, s * 0.08, lighter(leaf, 0.25))


def pine(cv: Canvas, x: float, y: float, s: float, leaf: RGB = (48, 120, 80)) -> None:
    cv.draw.rectangle((x - s * 0.04, y - s * 0.15, x + s * 0.04, y), fill=TRUNK)
    for i in range(3):
        top = y - s * (0.45 + i * 0.2)
        half = s * (0.28 - i * 0.07)
        cv.draw.polygon(
            [(x, top - s * 0.2), (x - half, top + s * 0.12), (x + half, top + s * 0.12)],
            fill=mix(leaf, (255, 255, 255), i * 0.06),
        )


def palm(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.line((x, y, x + s * 0.08, y - s * 0.7), fill=(150, 105, 60), width=max(3, round(s * 0.06)))
    top = (x + s * 0.08, y - s * 0.7)
    for ang in (200, 240, 290, 330, 20):
        a = math.radians(ang)
        tip = (top[0] + math.cos(a) * s * 0.38, top[1] + math.sin(a) * s * 0.2 + s * 0.08)
        d.polygon([top, tip, (tip[0], tip[1] - s * 0.06)], fill=(70, 160, 80))
    cv.circle(top[0], top[1] + s * 0.04, s * 0.05, (120, 80, 40))


def flower(cv: Canvas, x: float, y: float, s: float, petal: RGB = (240, 110, 150)) -> None:
    cv.draw.line((x, y, x, y - s * 0.5), fill=(70, 150, 70), width=max(2, round(s * 0.05)))
    cv.oval(x + s * 0.08, y - s * 0.25, s * 0.09, s * 0.04, (90, 170, 80))
    head = y - s * 0.55
    for i in range(6):
        a = math.radians(i * 60)
        cv.circle(x + math.cos(a) * s * 0.12, head + math.sin(a) * s * 0.12, s * 0.1, petal)
    cv.circle(x, head, s * 0.08, (255, 210, 80))


def mushroom(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.rounded_rectangle(
        (x - s * 0.1, y - s * 0.4, x + s * 0.1, y), s * 0.05, fill=(245, 235, 215)
    )
    cv.draw.chord(
        (x - s * 0.35, y - s * 0.7, x + s * 0.35, y - s * 0.15), 180, 360, fill=(220, 60, 70)
    )
    for dx, dy in ((-0.15, -0.52), (0.1, -0.58), (0.22, -0.47), (-0.02, -0.46)):
        cv.circle(x + dx * s, y + dy * s, s * 0.045, (255, 250, 240))


def mountain(
    cv: Canvas, x: float, y: float, s: float, rock: RGB = (120, 130, 160), lava: bool = False
) -> None:
    d = cv.draw
    d.polygon([(x - s * 0.6, y), (x, y - s * 0.85), (x + s * 0.6, y)], fill=rock)
    d.polygon([(x, y - s * 0.85), (x + s * 0.6, y), (x + s * 0.15, y)], fill=darker(rock, 0.15))
    cap = (235, 90, 40) if lava else (250, 250, 255)
    d.polygon(
        [
            (x - s * 0.17, y - s * 0.6),
            (x, y - s * 0.85),
            (x + s * 0.17, y - s * 0.6),
            (x + s * 0.06, y - s * 0.55),
            (x - s * 0.05, y - s * 0.63),
        ],
        fill=cap,
    )
    if lava:
        for i in range(3):
            cv.circle(
                x + (i - 1) * s * 0.08,
                y - s * (0.95 + i * 0.08),
                s * (0.06 + i * 0.02),
                (200, 200, 205),
            )


def hills(cv: Canvas, horizon: float, colour: RGB) -> None:
    rng = cv.rng
    for i in range(5):
        cx = cv.w * (i / 4) + rng.uniform(-0.1, 0.1) * cv.w
        rx = cv.w * rng.uniform(0.25, 0.4)
        cv.oval(cx, horizon + cv.h * 0.02, rx, cv.h * rng.uniform(0.08, 0.16), colour)


def grass_tufts(cv: Canvas, top: float, colour: RGB, count: int = 18) -> None:
    rng = cv.rng
    for _ in range(count):
        x = rng.uniform(0, cv.w)
        y = rng.uniform(top + cv.h * 0.03, cv.h)
        s = cv.unit * rng.uniform(1.5, 3)
        cv.draw.polygon(
            [(x - s, y), (x - s * 0.2, y - s * 2), (x, y), (x + s * 0.4, y - s * 2.2), (x + s, y)],
            fill=colour,
        )

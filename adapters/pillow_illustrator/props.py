"""Small things the hero finds, holds or plays with. Each stands on (x, y), about s pixels."""

from __future__ import annotations

import math

from adapters.pillow_illustrator.canvas import RGB, Canvas, darker, lighter

GOLD = (245, 196, 60)
INK = (50, 40, 40)


def ball(cv: Canvas, x: float, y: float, s: float) -> None:
    cy, r = y - s * 0.3, s * 0.3
    cv.circle(x, cy, r, (255, 255, 255), outline=INK)
    cv.draw.regular_polygon((x, cy, r * 0.35), 5, fill=INK)
    for i in range(5):
        a = math.radians(i * 72 - 90)
        cv.circle(x + math.cos(a) * r * 0.8, cy + math.sin(a) * r * 0.8, r * 0.14, INK)


def cake(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.35, y - s * 0.3, x + s * 0.35, y), fill=(240, 180, 120))
    d.rectangle((x - s * 0.35, y - s * 0.38, x + s * 0.35, y - s * 0.26), fill=(250, 200, 220))
    for i in range(5):
        cv.circle(x - s * 0.28 + i * s * 0.14, y - s * 0.26, s * 0.05, (250, 200, 220))
    d.rectangle((x - s * 0.02, y - s * 0.55, x + s * 0.02, y - s * 0.38), fill=(120, 170, 240))
    cv.oval(x, y - s * 0.6, s * 0.03, s * 0.05, (255, 180, 40))
    cv.circle(x + s * 0.15, y - s * 0.42, s * 0.05, (220, 40, 60))


def cookie(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.circle(x, y - s * 0.3, s * 0.28, (210, 150, 90))
    for dx, dy in ((-0.1, -0.05), (0.08, 0.08), (0.1, -0.12), (-0.05, 0.12)):
        cv.circle(x + dx * s, y - s * 0.3 + dy * s, s * 0.04, (90, 50, 30))


def book(cv: Canvas, x: float, y: float, s: float, colour: RGB = (80, 120, 220)) -> None:
    d = cv.draw
    d.polygon(
        [
            (x, y - s * 0.1),
            (x - s * 0.4, y - s * 0.2),
            (x - s * 0.4, y - s * 0.55),
            (x, y - s * 0.45),
        ],
        fill=colour,
    )
    d.polygon(
        [
            (x, y - s * 0.1),
            (x + s * 0.4, y - s * 0.2),
            (x + s * 0.4, y - s * 0.55),
            (x, y - s * 0.45),
        ],
        fill=darker(colour, 0.15),
    )
    d.polygon(
        [
            (x, y - s * 0.14),
            (x - s * 0.35, y - s * 0.24),
            (x - s * 0.35, y - s * 0.52),
            (x, y - s * 0.43),
        ],
        fill=(250, 248, 240),
    )


def key(cv: Canvas, x: float, y: float, s: float) -> None:
    cy = y - s * 0.3
    cv.circle(x - s * 0.2, cy, s * 0.14, GOLD)
    cv.circle(x - s * 0.2, cy, s * 0.06, darker(GOLD, 0.5))
    cv.draw.rectangle((x - s * 0.08, cy - s * 0.03, x + s * 0.35, cy + s * 0.03), fill=GOLD)
    for dx in (0.22, 0.32):
        cv.draw.rectangle((x + dx * s, cy, x + dx * s + s * 0.04, cy + s * 0.1), fill=GOLD)


def scroll_map(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.35, y - s * 0.6, x + s * 0.35, y - s * 0.1), fill=(245, 225, 180))
    for dx in (-0.35, 0.35):
        cv.oval(x + dx * s, y - s * 0.35, s * 0.05, s * 0.26, (220, 190, 140))
    d.line(
        [
            (x - s * 0.25, y - s * 0.2),
            (x - s * 0.1, y - s * 0.35),
            (x + s * 0.05, y - s * 0.25),
            (x + s * 0.18, y - s * 0.45),
        ],
        fill=(200, 80, 70),
        width=max(2, round(s * 0.02)),
    )
    d.line((x + s * 0.14, y - s * 0.5, x + s * 0.22, y - s * 0.42), fill=(200, 40, 40), width=3)
    d.line((x + s * 0.22, y - s * 0.5, x + s * 0.14, y - s * 0.42), fill=(200, 40, 40), width=3)


def gift(cv: Canvas, x: float, y: float, s: float, colour: RGB = (120, 100, 220)) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.3, y - s * 0.5, x + s * 0.3, y), fill=colour)
    d.rectangle((x - s * 0.34, y - s * 0.6, x + s * 0.34, y - s * 0.48), fill=lighter(colour, 0.2))
    d.rectangle((x - s * 0.05, y - s * 0.6, x + s * 0.05, y), fill=(250, 210, 70))
    for side in (-1, 1):
        cv.oval(x + side * s * 0.1, y - s * 0.66, s * 0.1, s * 0.06, (250, 210, 70))


def balloon(cv: Canvas, x: float, y: float, s: float, colour: RGB = (240, 80, 100)) -> None:
    cv.draw.line(
        (x, y, x + s * 0.05, y - s * 0.5), fill=(120, 120, 120), width=max(1, round(s * 0.015))
    )
    cv.oval(x + s * 0.05, y - s * 0.72, s * 0.18, s * 0.23, colour)
    cv.oval(x - s * 0.01, y - s * 0.8, s * 0.04, s * 0.06, lighter(colour, 0.5))


def crown(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.polygon(
        [
            (x - s * 0.35, y - s * 0.1),
            (x - s * 0.35, y - s * 0.5),
            (x - s * 0.18, y - s * 0.3),
            (x, y - s * 0.58),
            (x + s * 0.18, y - s * 0.3),
            (x + s * 0.35, y - s * 0.5),
            (x + s * 0.35, y - s * 0.1),
        ],
        fill=GOLD,
    )
    for dx, c in ((-0.18, (230, 60, 80)), (0.0, (60, 140, 230)), (0.18, (60, 180, 100))):
        cv.circle(x + dx * s, y - s * 0.2, s * 0.05, c)


def shield(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.polygon(
        [
            (x - s * 0.28, y - s * 0.65),
            (x + s * 0.28, y - s * 0.65),
            (x + s * 0.28, y - s * 0.35),
            (x, y - s * 0.05),
            (x - s * 0.28, y - s * 0.35),
        ],
        fill=(190, 200, 215),
    )
    cv.star(x, y - s * 0.4, s * 0.13, GOLD)


def egg(cv: Canvas, x: float, y: float, s: float, colour: RGB = GOLD) -> None:
    cv.oval(x, y - s * 0.3, s * 0.22, s * 0.3, colour)
    for dx, dy in ((-0.08, -0.1), (0.06, 0.05), (0.1, -0.2)):
        cv.circle(x + dx * s, y - s * 0.3 + dy * s, s * 0.035, lighter(colour, 0.4))


def drum(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.3, y - s * 0.45, x + s * 0.3, y - s * 0.08), fill=(220, 70, 70))
    cv.oval(x, y - s * 0.08, s * 0.3, s * 0.08, (190, 50, 50))
    cv.oval(x, y - s * 0.45, s * 0.3, s * 0.08, (245, 235, 220))
    for i in range(5):
        d.line(
            (x - s * 0.3 + i * s * 0.15, y - s * 0.42, x - s * 0.22 + i * s * 0.15, y - s * 0.1),
            fill=GOLD,
            width=max(1, round(s * 0.02)),
        )


def note(cv: Canvas, x: float, y: float, s: float) -> None:
    c = (90, 60, 160)
    cv.oval(x - s * 0.15, y - s * 0.15, s * 0.11, s * 0.08, c)
    cv.oval(x + s * 0.2, y - s * 0.22, s * 0.11, s * 0.08, c)
    cv.draw.line(
        (x - s * 0.05, y - s * 0.15, x - s * 0.05, y - s * 0.7),
        fill=c,
        width=max(2, round(s * 0.04)),
    )
    cv.draw.line(
        (x + s * 0.3, y - s * 0.22, x + s * 0.3, y - s * 0.77),
        fill=c,
        width=max(2, round(s * 0.04)),
    )
    cv.draw.polygon(
        [
            (x - s * 0.05, y - s * 0.7),
            (x + s * 0.3, y - s * 0.77),
            (x + s * 0.3, y - s * 0.65),
            (x - s * 0.05, y - s * 0.58),
        ],
        fill=c,
    )


def trophy(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.2, y - s * 0.1, x + s * 0.2, y), fill=(150, 100, 60))
    d.rectangle((x - s * 0.04, y - s * 0.3, x + s * 0.04, y - s * 0.1), fill=GOLD)
    d.chord((x - s * 0.25, y - s * 0.75, x + s * 0.25, y - s * 0.2), 0, 180, fill=GOLD)
    d.rectangle((x - s * 0.25, y - s * 0.65, x + s * 0.25, y - s * 0.47), fill=GOLD)
    for side in (-1, 1):
        d.arc(
            (
                x + side * s * 0.25 - s * 0.1,
                y - s * 0.62,
                x + side * s * 0.25 + s * 0.1,
                y - s * 0.42,
            ),
            0,
            360,
            fill=darker(GOLD, 0.1),
            width=max(2, round(s * 0.03)),
        )


def flag(cv: Canvas, x: float, y: float, s: float, colour: RGB = (230, 70, 90)) -> None:
    cv.draw.line(
        (x - s * 0.2, y, x - s * 0.2, y - s * 0.9),
        fill=(120, 90, 70),
        width=max(2, round(s * 0.04)),
    )
    cv.draw.polygon(
        [(x - s * 0.2, y - s * 0.9), (x + s * 0.3, y - s * 0.78), (x - s * 0.2, y - s * 0.6)],
        fill=colour,
    )


def lantern(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    cv.circle(x, y - s * 0.4, s * 0.3, (255, 236, 170))
    d.rectangle((x - s * 0.15, y - s * 0.6, x + s * 0.15, y - s * 0.15), fill=(250, 170, 60))
    d.rectangle((x - s * 0.08, y - s * 0.52, x + s * 0.08, y - s * 0.23), fill=(255, 230, 130))
    d.rectangle((x - s * 0.18, y - s * 0.66, x + s * 0.18, y - s * 0.6), fill=(120, 80, 60))
    d.arc(
        (x - s * 0.1, y - s * 0.8, x + s * 0.1, y - s * 0.6), 180, 360, fill=(120, 80, 60), width=2
    )


def gem(cv: Canvas, x: float, y: float, s: float, colour: RGB = (120, 200, 240)) -> None:
    d = cv.draw
    d.polygon(
        [
            (x - s * 0.25, y - s * 0.45),
            (x - s * 0.12, y - s * 0.6),
            (x + s * 0.12, y - s * 0.6),
            (x + s * 0.25, y - s * 0.45),
            (x, y - s * 0.1),
        ],
        fill=colour,
    )
    d.polygon(
        [(x - s * 0.12, y - s * 0.6), (x, y - s * 0.45), (x + s * 0.12, y - s * 0.6)],
        fill=lighter(colour, 0.4),
    )


def heart(cv: Canvas, x: float, y: float, s: float) -> None:
    c = (235, 80, 110)
    cv.circle(x - s * 0.12, y - s * 0.45, s * 0.14, c)
    cv.circle(x + s * 0.12, y - s * 0.45, s * 0.14, c)
    cv.draw.polygon(
        [(x - s * 0.25, y - s * 0.4), (x + s * 0.25, y - s * 0.4), (x, y - s * 0.12)], fill=c
    )


def gear(cv: Canvas, x: float, y: float, s: float) -> None:
    cy = y - s * 0.35
    cv.draw.regular_polygon((x, cy, s * 0.3), 8, rotation=22.5, fill=(200, 170, 80))
    cv.draw.regular_polygon((x, cy, s * 0.3), 8, fill=(200, 170, 80))
    cv.circle(x, cy, s * 0.23, (220, 190, 90))
    cv.circle(x, cy, s * 0.08, (120, 100, 60))


def pumpkin(cv: Canvas, x: float, y: float, s: float) -> None:
    for dx in (-0.15, 0.15, 0.0):
        cv.oval(
            x + dx * s, y - s * 0.25, s * 0.2, s * 0.24, (240, 140, 40) if dx else (250, 160, 60)
        )
    cv.draw.rectangle((x - s * 0.03, y - s * 0.58, x + s * 0.03, y - s * 0.46), fill=(90, 130, 60))


def apple(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.circle(x - s * 0.08, y - s * 0.28, s * 0.2, (220, 50, 50))
    cv.circle(x + s * 0.08, y - s * 0.28, s * 0.2, (220, 50, 50))
    cv.oval(x + s * 0.08, y - s * 0.55, s * 0.08, s * 0.04, (80, 160, 70))


def shell(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.pieslice(
        (x - s * 0.3, y - s * 0.55, x + s * 0.3, y + s * 0.05), 180, 360, fill=(250, 200, 190)
    )
    for i in range(5):
        a = math.radians(190 + i * 40)
        d.line(
            (x, y - s * 0.25, x + math.cos(a) * s * 0.28, y - s * 0.25 + math.sin(a) * s * 0.28),
            fill=(220, 150, 140),
            width=max(1, round(s * 0.02)),
        )


def cactus(cv: Canvas, x: float, y: float, s: float) -> None:
    c, d = (80, 160, 90), cv.draw
    d.rounded_rectangle((x - s * 0.1, y - s * 0.8, x + s * 0.1, y), s * 0.1, fill=c)
    d.rounded_rectangle((x - s * 0.3, y - s * 0.55, x - s * 0.18, y - s * 0.3), s * 0.06, fill=c)
    d.rectangle((x - s * 0.3, y - s * 0.36, x - s * 0.08, y - s * 0.28), fill=c)
    d.rounded_rectangle((x + s * 0.18, y - s * 0.65, x + s * 0.3, y - s * 0.4), s * 0.06, fill=c)
    d.rectangle((x + s * 0.08, y - s * 0.46, x + s * 0.3, y - s * 0.38), fill=c)
    cv.circle(x, y - s * 0.82, s * 0.06, (250, 120, 170))

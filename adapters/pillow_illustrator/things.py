"""Big things that stand in the background or beside the hero: buildings, vehicles, water."""

from __future__ import annotations

import math

from adapters.pillow_illustrator.canvas import RGB, Canvas, darker, lighter

WINDOW = (255, 236, 150)


def house(
    cv: Canvas, x: float, y: float, s: float, wall: RGB = (246, 222, 190), roof: RGB = (210, 90, 80)
) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.35, y - s * 0.5, x + s * 0.35, y), fill=wall)
    d.polygon(
        [(x - s * 0.45, y - s * 0.48), (x, y - s * 0.85), (x + s * 0.45, y - s * 0.48)], fill=roof
    )
    d.rectangle((x - s * 0.08, y - s * 0.25, x + s * 0.08, y), fill=darker(roof, 0.2))
    for dx in (-0.22, 0.22):
        d.rectangle(
            (x + dx * s - s * 0.07, y - s * 0.4, x + dx * s + s * 0.07, y - s * 0.27), fill=WINDOW
        )


def barn(cv: Canvas, x: float, y: float, s: float) -> None:
    house(cv, x, y, s, (200, 60, 50), (120, 60, 50))
    cv.draw.line((x - s * 0.08, y - s * 0.25, x + s * 0.08, y), fill=(255, 255, 255), width=3)
    cv.draw.line((x + s * 0.08, y - s * 0.25, x - s * 0.08, y), fill=(255, 255, 255), width=3)


def castle(cv: Canvas, x: float, y: float, s: float, stone: RGB = (200, 196, 210)) -> None:
    d, dark = cv.draw, darker(stone, 0.15)
    for dx in (-0.38, 0.38):
        d.rectangle((x + dx * s - s * 0.12, y - s * 0.8, x + dx * s + s * 0.12, y), fill=dark)
        d.polygon(
            [
                (x + dx * s - s * 0.15, y - s * 0.8),
                (x + dx * s, y - s * 1.0),
                (x + dx * s + s * 0.15, y - s * 0.8),
            ],
            fill=(90, 110, 200),
        )
        d.line((x + dx * s, y - s * 1.0, x + dx * s, y - s * 1.12), fill=(90, 80, 80), width=2)
        d.polygon(
            [
                (x + dx * s, y - s * 1.12),
                (x + dx * s + s * 0.1, y - s * 1.08),
                (x + dx * s, y - s * 1.04),
            ],
            fill=(240, 80, 80),
        )
    d.rectangle((x - s * 0.28, y - s * 0.6, x + s * 0.28, y), fill=stone)
    for i in range(5):
        bx = x - s * 0.28 + i * s * 0.12
        d.rectangle((bx, y - s * 0.66, bx + s * 0.07, y - s * 0.6), fill=stone)
    d.chord((x - s * 0.1, y - s * 0.35, x + s * 0.1, y - s * 0.1), 180, 360, fill=(110, 80, 60))
    d.rectangle((x - s * 0.1, y - s * 0.22, x + s * 0.1, y), fill=(110, 80, 60))
    for dx in (-0.38, 0.38):
        d.rectangle(
            (x + dx * s - s * 0.04, y - s * 0.6, x + dx * s + s * 0.04, y - s * 0.5), fill=WINDOW
        )


def tower(cv: Canvas, x: float, y: float, s: float) -> None:
    """A round stone tower with a pointed roof and a flag."""
    d, stone = cv.draw, (205, 200, 214)
    d.rectangle((x - s * 0.14, y - s * 0.8, x + s * 0.14, y), fill=stone)
    d.rectangle((x + s * 0.04, y - s * 0.8, x + s * 0.14, y), fill=darker(stone, 0.1))
    d.polygon(
        [(x - s * 0.19, y - s * 0.8), (x, y - s * 1.12), (x + s * 0.19, y - s * 0.8)],
        fill=(90, 110, 200),
    )
    d.line((x, y - s * 1.12, x, y - s * 1.24), fill=(90, 80, 80), width=max(2, round(s * 0.015)))
    d.polygon(
        [(x, y - s * 1.24), (x + s * 0.1, y - s * 1.2), (x, y - s * 1.16)], fill=(240, 80, 80)
    )
    d.chord((x - s * 0.05, y - s * 0.62, x + s * 0.05, y - s * 0.48), 180, 360, fill=WINDOW)
    d.rectangle((x - s * 0.05, y - s * 0.55, x + s * 0.05, y - s * 0.45), fill=WINDOW)
    d.chord((x - s * 0.07, y - s * 0.2, x + s * 0.07, y + s * 0.05), 180, 360, fill=(110, 80, 60))


def lighthouse(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.polygon(
        [
            (x - s * 0.14, y),
            (x - s * 0.1, y - s * 0.85),
            (x + s * 0.1, y - s * 0.85),
            (x + s * 0.14, y),
        ],
        fill=(240, 240, 245),
    )
    for k in range(3):
        top = y - s * (0.2 + k * 0.25)
        d.rectangle((x - s * 0.13, top, x + s * 0.13, top + s * 0.08), fill=(220, 70, 70))
    d.rectangle((x - s * 0.12, y - s * 0.98, x + s * 0.12, y - s * 0.85), fill=WINDOW)
    d.polygon(
        [(x - s * 0.15, y - s * 0.98), (x, y - s * 1.1), (x + s * 0.15, y - s * 0.98)],
        fill=(70, 70, 90),
    )


def pyramid(cv: Canvas, x: float, y: float, s: float) -> None:
    sand = (230, 190, 110)
    cv.draw.polygon([(x - s * 0.6, y), (x, y - s * 0.7), (x + s * 0.6, y)], fill=sand)
    cv.draw.polygon([(x, y - s * 0.7), (x + s * 0.6, y), (x + s * 0.1, y)], fill=darker(sand, 0.15))


def dune(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.chord(
        (x - s * 0.7, y - s * 0.5, x + s * 0.7, y + s * 0.5), 180, 360, fill=(240, 196, 120)
    )


def windmill(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.polygon(
        [
            (x - s * 0.15, y),
            (x - s * 0.1, y - s * 0.6),
            (x + s * 0.1, y - s * 0.6),
            (x + s * 0.15, y),
        ],
        fill=(240, 236, 226),
    )
    hub = (x, y - s * 0.62)
    for ang in (20, 110, 200, 290):
        a = math.radians(ang)
        tip = (hub[0] + math.cos(a) * s * 0.4, hub[1] + math.sin(a) * s * 0.4)
        d.line((hub, tip), fill=(150, 110, 80), width=max(2, round(s * 0.05)))
    cv.circle(hub[0], hub[1], s * 0.04, (90, 70, 60))


def bridge(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.arc(
        (x - s * 0.6, y - s * 0.45, x + s * 0.6, y + s * 0.45),
        180,
        360,
        fill=(170, 110, 70),
        width=max(3, round(s * 0.08)),
    )
    for i in range(7):
        px = x - s * 0.5 + i * s * (1 / 6)
        d.line(
            (px, y - s * 0.42, px, y - s * 0.1), fill=(150, 95, 60), width=max(2, round(s * 0.03))
        )


def pond(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.oval(x, y - s * 0.1, s * 0.55, s * 0.14, (90, 160, 220))
    cv.oval(x - s * 0.12, y - s * 0.13, s * 0.2, s * 0.04, (170, 215, 245))


def island(cv: Canvas, x: float, y: float, s: float) -> None:
    from adapters.pillow_illustrator.nature import palm

    cv.draw.chord(
        (x - s * 0.5, y - s * 0.25, x + s * 0.5, y + s * 0.25), 180, 360, fill=(240, 210, 150)
    )
    palm(cv, x + s * 0.05, y - s * 0.15, s * 0.8)


def goal(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle(
        (x - s * 0.5, y - s * 0.5, x + s * 0.5, y),
        outline=(255, 255, 255),
        width=max(3, round(s * 0.04)),
    )
    for i in range(1, 8):
        d.line(
            (x - s * 0.5 + i * s / 8, y - s * 0.5, x - s * 0.5 + i * s / 8, y),
            fill=(230, 230, 230),
            width=1,
        )
    for i in range(1, 4):
        d.line(
            (x - s * 0.5, y - s * 0.5 + i * s / 8, x + s * 0.5, y - s * 0.5 + i * s / 8),
            fill=(230, 230, 230),
            width=1,
        )


def train(cv: Canvas, x: float, y: float, s: float, colour: RGB = (220, 60, 60)) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.5, y - s * 0.38, x + s * 0.1, y - s * 0.1), fill=colour)
    d.rectangle((x + s * 0.1, y - s * 0.55, x + s * 0.45, y - s * 0.1), fill=darker(colour, 0.15))
    d.rectangle((x + s * 0.17, y - s * 0.48, x + s * 0.38, y - s * 0.33), fill=WINDOW)
    d.rectangle((x - s * 0.4, y - s * 0.58, x - s * 0.28, y - s * 0.38), fill=(60, 60, 70))
    for k in range(3):
        cv.circle(
            x - s * 0.34 + k * s * 0.06,
            y - s * (0.66 + k * 0.08),
            s * (0.05 + k * 0.02),
            (235, 235, 240),
        )
    for dx in (-0.38, -0.12, 0.25):
        cv.circle(x + dx * s, y - s * 0.08, s * 0.08, (50, 50, 60))
        cv.circle(x + dx * s, y - s * 0.08, s * 0.03, (200, 200, 210))


def boat(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.polygon(
        [
            (x - s * 0.5, y - s * 0.25),
            (x + s * 0.5, y - s * 0.25),
            (x + s * 0.35, y),
            (x - s * 0.35, y),
        ],
        fill=(150, 90, 50),
    )
    d.line((x, y - s * 0.25, x, y - s * 0.95), fill=(110, 70, 40), width=max(2, round(s * 0.03)))
    d.polygon(
        [(x + s * 0.02, y - s * 0.92), (x + s * 0.4, y - s * 0.35), (x + s * 0.02, y - s * 0.35)],
        fill=(250, 250, 245),
    )
    d.polygon(
        [(x - s * 0.02, y - s * 0.8), (x - s * 0.3, y - s * 0.35), (x - s * 0.02, y - s * 0.35)],
        fill=(240, 220, 200),
    )
    d.polygon(
        [(x, y - s * 0.95), (x + s * 0.15, y - s * 0.9), (x, y - s * 0.85)], fill=(230, 70, 70)
    )


def rocket(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    for dy, r, c in ((0.02, 0.1, (255, 140, 40)), (0.0, 0.06, (255, 220, 90))):
        d.polygon([(x - r * s, y - s * 0.15), (x + r * s, y - s * 0.15), (x, y + dy * s)], fill=c)
    for side in (-1, 1):
        d.polygon(
            [
                (x + side * s * 0.1, y - s * 0.45),
                (x + side * s * 0.22, y - s * 0.15),
                (x + side * s * 0.1, y - s * 0.2),
            ],
            fill=(220, 70, 70),
        )
    d.rounded_rectangle(
        (x - s * 0.11, y - s * 0.75, x + s * 0.11, y - s * 0.15), s * 0.05, fill=(235, 238, 245)
    )
    d.polygon(
        [(x - s * 0.11, y - s * 0.72), (x, y - s * 0.98), (x + s * 0.11, y - s * 0.72)],
        fill=(220, 70, 70),
    )
    cv.circle(x, y - s * 0.55, s * 0.06, (100, 170, 230), outline=(150, 150, 170))


def planet(cv: Canvas, x: float, y: float, s: float, colour: RGB = (240, 170, 90)) -> None:
    cy = y - s * 0.45
    cv.circle(x, cy, s * 0.3, colour)
    cv.oval(x - s * 0.08, cy - s * 0.1, s * 0.08, s * 0.05, lighter(colour, 0.3))
    cv.draw.arc(
        (x - s * 0.5, cy - s * 0.12, x + s * 0.5, cy + s * 0.12),
        -10,
        190,
        fill=(250, 230, 170),
        width=max(2, round(s * 0.04)),
    )


def tractor(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.4, y - s * 0.4, x + s * 0.1, y - s * 0.15), fill=(220, 60, 50))
    d.rectangle((x + s * 0.05, y - s * 0.65, x + s * 0.35, y - s * 0.15), fill=(200, 50, 40))
    d.rectangle((x + s * 0.1, y - s * 0.6, x + s * 0.3, y - s * 0.4), fill=(180, 220, 240))
    cv.circle(x + s * 0.2, y - s * 0.2, s * 0.2, (50, 50, 55))
    cv.circle(x + s * 0.2, y - s * 0.2, s * 0.08, (240, 200, 60))
    cv.circle(x - s * 0.3, y - s * 0.12, s * 0.12, (50, 50, 55))


def bus(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rounded_rectangle(
        (x - s * 0.5, y - s * 0.5, x + s * 0.5, y - s * 0.1), s * 0.05, fill=(240, 190, 50)
    )
    for i in range(4):
        bx = x - s * 0.42 + i * s * 0.22
        d.rectangle((bx, y - s * 0.44, bx + s * 0.16, y - s * 0.3), fill=(180, 220, 240))
    for dx in (-0.3, 0.3):
        cv.circle(x + dx * s, y - s * 0.1, s * 0.09, (50, 50, 55))


def cave(cv: Canvas, x: float, y: float, s: float) -> None:
    rock = (150, 140, 160)
    cv.draw.chord((x - s * 0.6, y - s * 0.8, x + s * 0.6, y + s * 0.8), 180, 360, fill=rock)
    cv.draw.chord(
        (x - s * 0.22, y - s * 0.4, x + s * 0.22, y + s * 0.4), 180, 360, fill=(60, 50, 70)
    )
    for dx in (-0.12, 0.1):
        cv.circle(x + dx * s, y - s * 0.2, s * 0.03, (160, 220, 255))


def bed(cv: Canvas, x: float, y: float, s: float) -> None:
    """The bed behind the hero; the blanket is drawn later, over the hero's legs."""
    d = cv.draw
    wood = (170, 115, 75)
    d.rounded_rectangle((x - s * 0.55, y - s * 0.75, x - s * 0.42, y), s * 0.04, fill=wood)
    d.rounded_rectangle((x + s * 0.42, y - s * 0.45, x + s * 0.55, y), s * 0.04, fill=wood)
    d.rectangle((x - s * 0.45, y - s * 0.3, x + s * 0.45, y - s * 0.12), fill=(250, 250, 250))
    cv.oval(x - s * 0.3, y - s * 0.36, s * 0.12, s * 0.07, (255, 255, 255))
    d.rectangle((x - s * 0.45, y - s * 0.12, x + s * 0.45, y - s * 0.05), fill=darker(wood, 0.1))

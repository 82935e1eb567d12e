"""Sea creatures, birds and small friends: fish, whale, turtle, octopus, crab, penguin, birds,
owl, butterfly, a raindrop with a face, and swaying seaweed."""

from __future__ import annotations

import math

from adapters.pillow_illustrator.canvas import RGB, Canvas, darker, lighter
from adapters.pillow_illustrator.faces import INK, eyes, smile


def fish(cv: Canvas, x: float, y: float, s: float, colour: RGB = (250, 150, 60)) -> None:
    cy = y - s * 0.4
    cv.draw.polygon(
        [(x + s * 0.2, cy), (x + s * 0.45, cy - s * 0.18), (x + s * 0.45, cy + s * 0.18)],
        fill=darker(colour, 0.15),
    )
    cv.oval(x - s * 0.05, cy, s * 0.3, s * 0.18, colour)
    cv.draw.line(
        (x - s * 0.02, cy - s * 0.16, x - s * 0.02, cy + s * 0.16),
        fill=lighter(colour, 0.5),
        width=max(2, round(s * 0.04)),
    )
    eyes(cv, x - s * 0.22, cy - s * 0.04, 0, s * 0.04)


def whale(cv: Canvas, x: float, y: float, s: float) -> None:
    body = (90, 130, 200)
    cy = y - s * 0.35
    cv.draw.polygon(
        [(x + s * 0.4, cy), (x + s * 0.62, cy - s * 0.22), (x + s * 0.6, cy + s * 0.05)], fill=body
    )
    cv.oval(x, cy, s * 0.5, s * 0.28, body)
    cv.draw.chord(
        (x - s * 0.5, cy - s * 0.1, x + s * 0.5, cy + s * 0.28), 0, 180, fill=(200, 220, 240)
    )
    eyes(cv, x - s * 0.3, cy - s * 0.05, 0, s * 0.035)
    for k in (-1, 0, 1):
        cv.draw.line(
            (x - s * 0.1, cy - s * 0.28, x - s * 0.1 + k * s * 0.1, cy - s * 0.45),
            fill=(170, 220, 250),
            width=max(2, round(s * 0.03)),
        )


def turtle(cv: Canvas, x: float, y: float, s: float) -> None:
    skin, shell = (140, 200, 120), (60, 140, 90)
    for dx in (-0.25, 0.25):
        cv.oval(x + dx * s, y - s * 0.08, s * 0.1, s * 0.08, skin)
    cv.circle(x - s * 0.42, y - s * 0.25, s * 0.13, skin)
    eyes(cv, x - s * 0.45, y - s * 0.28, 0, s * 0.03)
    cv.draw.chord((x - s * 0.35, y - s * 0.5, x + s * 0.35, y + s * 0.05), 180, 360, fill=shell)
    for dx in (-0.15, 0.0, 0.15):
        cv.circle(x + dx * s, y - s * 0.25, s * 0.06, lighter(shell, 0.3))


def octopus(cv: Canvas, x: float, y: float, s: float) -> None:
    c = (230, 110, 170)
    for i in range(6):
        bx = x - s * 0.3 + i * s * 0.12
        cv.draw.arc(
            (bx - s * 0.06, y - s * 0.3, bx + s * 0.1, y),
            90,
            270 if i % 2 else 90 + 180,
            fill=c,
            width=max(2, round(s * 0.06)),
        )
    cv.oval(x, y - s * 0.45, s * 0.3, s * 0.28, c)
    eyes(cv, x, y - s * 0.45, s * 0.1, s * 0.05)
    smile(cv, x, y - s * 0.33, s * 0.06)


def crab(cv: Canvas, x: float, y: float, s: float) -> None:
    c = (230, 80, 60)
    for side in (-1, 1):
        for k in range(3):
            cv.draw.line(
                (x + side * s * 0.15, y - s * 0.15, x + side * s * (0.3 + k * 0.04), y),
                fill=c,
                width=max(2, round(s * 0.03)),
            )
        cv.circle(x + side * s * 0.36, y - s * 0.38, s * 0.09, c)
    cv.oval(x, y - s * 0.2, s * 0.25, s * 0.14, c)
    for side in (-1, 1):
        cv.draw.line(
            (x + side * s * 0.08, y - s * 0.3, x + side * s * 0.1, y - s * 0.42), fill=c, width=2
        )
        cv.circle(x + side * s * 0.1, y - s * 0.44, s * 0.04, (255, 255, 255))
        cv.circle(x + side * s * 0.1, y - s * 0.44, s * 0.02, INK)


def penguin(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.oval(x, y - s * 0.35, s * 0.22, s * 0.35, (40, 44, 60))
    cv.oval(x, y - s * 0.3, s * 0.15, s * 0.27, (250, 250, 250))
    cv.circle(x, y - s * 0.72, s * 0.15, (40, 44, 60))
    eyes(cv, x, y - s * 0.74, s * 0.06, s * 0.03)
    cv.draw.polygon(
        [(x - s * 0.05, y - s * 0.68), (x + s * 0.05, y - s * 0.68), (x, y - s * 0.6)],
        fill=(250, 170, 50),
    )
    for side in (-1, 1):
        cv.oval(x + side * s * 0.08, y, s * 0.07, s * 0.03, (250, 170, 50))


def bird(cv: Canvas, x: float, y: float, s: float, colour: RGB = (70, 170, 90)) -> None:
    cy = y - s * 0.35
    cv.draw.polygon(
        [(x + s * 0.15, cy), (x + s * 0.45, cy + s * 0.15), (x + s * 0.4, cy - s * 0.05)],
        fill=(70, 110, 220),
    )
    cv.oval(x, cy, s * 0.22, s * 0.18, colour)
    cv.draw.chord(
        (x - s * 0.05, cy - s * 0.12, x + s * 0.25, cy + s * 0.12),
        90,
        270,
        fill=darker(colour, 0.2),
    )
    cv.circle(
        x - s * 0.15, cy - s * 0.15, s * 0.13, (235, 70, 60) if colour == (70, 170, 90) else colour
    )
    eyes(cv, x - s * 0.18, cy - s * 0.17, 0, s * 0.03)
    cv.draw.polygon(
        [
            (x - s * 0.27, cy - s * 0.16),
            (x - s * 0.38, cy - s * 0.1),
            (x - s * 0.27, cy - s * 0.08),
        ],
        fill=(250, 190, 60),
    )


def owl(cv: Canvas, x: float, y: float, s: float) -> None:
    c = (150, 110, 80)
    cv.oval(x, y - s * 0.35, s * 0.25, s * 0.33, c)
    cv.oval(x, y - s * 0.28, s * 0.16, s * 0.22, (230, 210, 180))
    for side in (-1, 1):
        cv.draw.polygon(
            [
                (x + side * s * 0.2, y - s * 0.6),
                (x + side * s * 0.25, y - s * 0.78),
                (x + side * s * 0.08, y - s * 0.62),
            ],
            fill=c,
        )
        cv.circle(x + side * s * 0.1, y - s * 0.52, s * 0.09, (255, 255, 255), outline=INK)
        cv.circle(x + side * s * 0.1, y - s * 0.52, s * 0.04, INK)
    cv.draw.polygon(
        [(x - s * 0.03, y - s * 0.45), (x + s * 0.03, y - s * 0.45), (x, y - s * 0.39)],
        fill=(240, 170, 60),
    )


def butterfly(cv: Canvas, x: float, y: float, s: float) -> None:
    cy = y - s * 0.4
    for side in (-1, 1):
        cv.oval(x + side * s * 0.15, cy - s * 0.08, s * 0.14, s * 0.12, (240, 120, 180))
        cv.oval(x + side * s * 0.12, cy + s * 0.1, s * 0.1, s * 0.08, (250, 190, 80))
    cv.draw.line((x, cy - s * 0.15, x, cy + s * 0.17), fill=INK, width=max(2, round(s * 0.04)))


def raindrop(cv: Canvas, x: float, y: float, s: float) -> None:
    c = (110, 170, 240)
    cv.draw.polygon(
        [(x, y - s * 0.75), (x - s * 0.2, y - s * 0.3), (x + s * 0.2, y - s * 0.3)], fill=c
    )
    cv.circle(x, y - s * 0.25, s * 0.2, c)
    eyes(cv, x, y - s * 0.28, s * 0.07, s * 0.03)
    smile(cv, x, y - s * 0.2, s * 0.06)


def sway(cv: Canvas, x: float, y: float, s: float) -> None:
    """Seaweed: wavy green ribbons."""
    for k in range(3):
        bx = x + (k - 1) * s * 0.12
        points = [(bx + math.sin(i * 0.9 + k) * s * 0.06, y - i * s * 0.1) for i in range(8)]
        cv.draw.line(points, fill=(60, 160, 100), width=max(3, round(s * 0.07)), joint="curve")

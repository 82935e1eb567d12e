"""Toys and treasures: kites, umbrellas, snowflakes, chests, blocks, brushes, wands."""

from __future__ import annotations

import math

from adapters.pillow_illustrator.canvas import Canvas

GOLD = (245, 196, 60)
INK = (50, 40, 40)


def kite(cv: Canvas, x: float, y: float, s: float) -> None:
    cy = y - s * 0.6
    cv.draw.polygon(
        [(x, cy - s * 0.3), (x + s * 0.2, cy), (x, cy + s * 0.2), (x - s * 0.2, cy)],
        fill=(240, 90, 90),
    )
    cv.draw.polygon([(x, cy - s * 0.3), (x + s * 0.2, cy), (x, cy)], fill=(250, 210, 70))
    cv.draw.line(
        [(x, cy + s * 0.2), (x - s * 0.1, cy + s * 0.35), (x + s * 0.05, cy + s * 0.5)],
        fill=(120, 120, 120),
        width=max(1, round(s * 0.015)),
    )


def umbrella(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.pieslice(
        (x - s * 0.4, y - s * 0.85, x + s * 0.4, y - s * 0.25), 180, 360, fill=(240, 200, 60)
    )
    cv.draw.line((x, y - s * 0.55, x, y - s * 0.1), fill=INK, width=max(2, round(s * 0.03)))
    cv.draw.arc(
        (x - s * 0.1, y - s * 0.2, x, y - s * 0.05), 0, 180, fill=INK, width=max(2, round(s * 0.03))
    )


def snowflake(cv: Canvas, x: float, y: float, s: float) -> None:
    cy = y - s * 0.4
    for i in range(3):
        a = math.radians(i * 60)
        dx, dy = math.cos(a) * s * 0.3, math.sin(a) * s * 0.3
        cv.draw.line(
            (x - dx, cy - dy, x + dx, cy + dy), fill=(220, 240, 255), width=max(2, round(s * 0.05))
        )
    cv.circle(x, cy, s * 0.06, (255, 255, 255))


def chest(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.35, y - s * 0.35, x + s * 0.35, y), fill=(150, 95, 50))
    d.chord((x - s * 0.35, y - s * 0.6, x + s * 0.35, y - s * 0.1), 180, 360, fill=(170, 110, 60))
    d.rectangle((x - s * 0.35, y - s * 0.37, x + s * 0.35, y - s * 0.31), fill=GOLD)
    d.rectangle((x - s * 0.05, y - s * 0.4, x + s * 0.05, y - s * 0.25), fill=GOLD)
    for dx in (-0.2, 0.0, 0.2):
        cv.circle(x + dx * s, y - s * 0.6, s * 0.05, GOLD)


def blocks(cv: Canvas, x: float, y: float, s: float) -> None:
    colours = ((230, 80, 80), (80, 150, 230), (250, 200, 60))
    for i, (dx, dy) in enumerate(((-0.2, 0), (0.05, 0), (-0.08, -0.25))):
        cv.draw.rectangle(
            (x + dx * s - s * 0.12, y - s * 0.25 + dy * s, x + dx * s + s * 0.12, y + dy * s),
            fill=colours[i],
        )


def brush(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.line(
        (x - s * 0.2, y - s * 0.1, x + s * 0.15, y - s * 0.6),
        fill=(180, 120, 70),
        width=max(2, round(s * 0.06)),
    )
    cv.draw.polygon(
        [(x + s * 0.12, y - s * 0.58), (x + s * 0.25, y - s * 0.75), (x + s * 0.2, y - s * 0.55)],
        fill=(230, 80, 160),
    )


def stick_star(cv: Canvas, x: float, y: float, s: float) -> None:
    """A wand (or anything magical): a stick with a star on top."""
    cv.draw.line(
        (x - s * 0.15, y - s * 0.05, x + s * 0.1, y - s * 0.55),
        fill=(90, 60, 50),
        width=max(2, round(s * 0.04)),
    )
    cv.star(x + s * 0.12, y - s * 0.62, s * 0.16, GOLD)

"""More small treasures from the stories: coins, bells, spoons, tickets, instruments..."""

from __future__ import annotations

import math

from adapters.pillow_illustrator.canvas import Canvas, darker, lighter

GOLD = (245, 196, 60)
SILVER = (200, 206, 220)


def coin(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.circle(x, y - s * 0.3, s * 0.25, GOLD)
    cv.circle(x, y - s * 0.3, s * 0.18, lighter(GOLD, 0.3))
    cv.star(x, y - s * 0.3, s * 0.1, darker(GOLD, 0.2))


def bell(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.chord((x - s * 0.22, y - s * 0.75, x + s * 0.22, y - s * 0.15), 180, 360, fill=GOLD)
    d.polygon(
        [
            (x - s * 0.22, y - s * 0.45),
            (x + s * 0.22, y - s * 0.45),
            (x + s * 0.32, y - s * 0.15),
            (x - s * 0.32, y - s * 0.15),
        ],
        fill=GOLD,
    )
    cv.circle(x, y - s * 0.1, s * 0.07, darker(GOLD, 0.3))
    cv.circle(x, y - s * 0.78, s * 0.05, darker(GOLD, 0.2))


def jar(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rounded_rectangle(
        (x - s * 0.22, y - s * 0.6, x + s * 0.22, y), s * 0.08, fill=(200, 230, 245)
    )
    d.rectangle((x - s * 0.18, y - s * 0.7, x + s * 0.18, y - s * 0.6), fill=(200, 120, 80))
    cv.circle(x, y - s * 0.3, s * 0.12, (255, 220, 80))


def spoon(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.line((x, y - s * 0.05, x, y - s * 0.5), fill=SILVER, width=max(2, round(s * 0.06)))
    cv.oval(x, y - s * 0.62, s * 0.1, s * 0.15, SILVER)
    cv.oval(x - s * 0.03, y - s * 0.65, s * 0.03, s * 0.06, (240, 244, 250))


def ticket(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.35, y - s * 0.45, x + s * 0.35, y - s * 0.15), fill=GOLD)
    for side in (-1, 1):
        cv.circle(x + side * s * 0.35, y - s * 0.3, s * 0.06, (250, 250, 250))
    d.line(
        (x + s * 0.12, y - s * 0.42, x + s * 0.12, y - s * 0.18), fill=darker(GOLD, 0.3), width=2
    )
    cv.star(x - s * 0.1, y - s * 0.3, s * 0.08, (230, 80, 60))


def mirror(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.rectangle((x - s * 0.04, y - s * 0.25, x + s * 0.04, y), fill=GOLD)
    cv.oval(x, y - s * 0.5, s * 0.2, s * 0.27, GOLD)
    cv.oval(x, y - s * 0.5, s * 0.15, s * 0.21, (200, 230, 250))
    cv.draw.line(
        (x - s * 0.06, y - s * 0.6, x + s * 0.02, y - s * 0.68), fill=(255, 255, 255), width=3
    )


def compass(cv: Canvas, x: float, y: float, s: float) -> None:
    cy = y - s * 0.32
    cv.circle(x, cy, s * 0.28, GOLD)
    cv.circle(x, cy, s * 0.22, (250, 246, 230))
    cv.draw.polygon(
        [(x, cy - s * 0.18), (x + s * 0.05, cy), (x - s * 0.05, cy)], fill=(220, 60, 60)
    )
    cv.draw.polygon([(x, cy + s * 0.18), (x + s * 0.05, cy), (x - s * 0.05, cy)], fill=(80, 80, 90))


def guitar(cv: Canvas, x: float, y: float, s: float) -> None:
    body = (220, 140, 70)
    cv.draw.line(
        (x + s * 0.05, y - s * 0.4, x + s * 0.3, y - s * 0.85),
        fill=(110, 70, 40),
        width=max(2, round(s * 0.06)),
    )
    cv.circle(x - s * 0.05, y - s * 0.2, s * 0.2, body)
    cv.circle(x + s * 0.08, y - s * 0.4, s * 0.14, body)
    cv.circle(x, y - s * 0.28, s * 0.06, (80, 50, 30))


def flute(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.line(
        (x - s * 0.4, y - s * 0.2, x + s * 0.4, y - s * 0.5),
        fill=SILVER,
        width=max(3, round(s * 0.07)),
    )
    for i in range(4):
        t = 0.2 + i * 0.15
        cv.circle(x - s * 0.4 + t * s * 0.8, y - s * 0.2 - t * s * 0.3, s * 0.018, (90, 90, 110))


def banana(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.arc(
        (x - s * 0.35, y - s * 0.7, x + s * 0.35, y),
        20,
        160,
        fill=(250, 220, 70),
        width=max(3, round(s * 0.12)),
    )
    cv.circle(x + s * 0.33, y - s * 0.28, s * 0.03, (110, 80, 40))


def sled(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.35, y - s * 0.3, x + s * 0.3, y - s * 0.2), fill=(200, 60, 60))
    d.line(
        (x - s * 0.38, y - s * 0.05, x + s * 0.35, y - s * 0.05),
        fill=SILVER,
        width=max(2, round(s * 0.04)),
    )
    d.arc(
        (x + s * 0.25, y - s * 0.25, x + s * 0.45, y - s * 0.05),
        270,
        90,
        fill=SILVER,
        width=max(2, round(s * 0.04)),
    )
    for dx in (-0.25, 0.15):
        d.line(
            (x + dx * s, y - s * 0.2, x + dx * s, y - s * 0.05),
            fill=SILVER,
            width=max(2, round(s * 0.03)),
        )


def ribbon(cv: Canvas, x: float, y: float, s: float) -> None:
    blue = (60, 110, 220)
    for side in (-1, 1):
        cv.draw.polygon(
            [(x, y - s * 0.35), (x + side * s * 0.15, y), (x + side * s * 0.02, y - s * 0.05)],
            fill=blue,
        )
    for i in range(8):
        a = math.radians(i * 45)
        cv.circle(x + math.cos(a) * s * 0.15, y - s * 0.5 + math.sin(a) * s * 0.15, s * 0.08, blue)
    cv.circle(x, y - s * 0.5, s * 0.12, GOLD)


def battery(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.rounded_rectangle(
        (x - s * 0.14, y - s * 0.6, x + s * 0.14, y), s * 0.04, fill=(60, 170, 90)
    )
    cv.draw.rectangle((x - s * 0.06, y - s * 0.67, x + s * 0.06, y - s * 0.6), fill=SILVER)
    cv.draw.polygon(
        [
            (x + s * 0.03, y - s * 0.5),
            (x - s * 0.07, y - s * 0.28),
            (x, y - s * 0.28),
            (x - s * 0.03, y - s * 0.1),
            (x + s * 0.07, y - s * 0.34),
            (x, y - s * 0.34),
        ],
        fill=(255, 230, 80),
    )


def toolbox(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.rectangle((x - s * 0.35, y - s * 0.35, x + s * 0.35, y), fill=(220, 60, 60))
    d.arc(
        (x - s * 0.12, y - s * 0.5, x + s * 0.12, y - s * 0.25),
        180,
        360,
        fill=(70, 70, 80),
        width=max(2, round(s * 0.04)),
    )
    d.rectangle(
        (x - s * 0.35, y - s * 0.22, x + s * 0.35, y - s * 0.18), fill=darker((220, 60, 60), 0.3)
    )


def acorn(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.oval(x, y - s * 0.28, s * 0.17, s * 0.22, (200, 150, 60))
    cv.draw.chord(
        (x - s * 0.2, y - s * 0.58, x + s * 0.2, y - s * 0.22), 180, 360, fill=(130, 90, 50)
    )
    cv.draw.line(
        (x, y - s * 0.55, x + s * 0.04, y - s * 0.65),
        fill=(110, 70, 40),
        width=max(2, round(s * 0.03)),
    )


def whistle(cv: Canvas, x: float, y: float, s: float) -> None:
    cv.draw.rectangle((x - s * 0.05, y - s * 0.38, x + s * 0.3, y - s * 0.28), fill=SILVER)
    cv.circle(x - s * 0.1, y - s * 0.25, s * 0.15, SILVER)
    cv.circle(x - s * 0.1, y - s * 0.25, s * 0.05, darker(SILVER, 0.3))


def vane(cv: Canvas, x: float, y: float, s: float) -> None:
    d = cv.draw
    d.line((x, y, x, y - s * 0.8), fill=(70, 70, 80), width=max(2, round(s * 0.03)))
    d.line((x - s * 0.2, y - s * 0.45, x + s * 0.2, y - s * 0.45), fill=(70, 70, 80), width=2)
    d.polygon(
        [
            (x - s * 0.3, y - s * 0.75),
            (x + s * 0.2, y - s * 0.8),
            (x + s * 0.3, y - s * 0.72),
            (x - s * 0.1, y - s * 0.68),
        ],
        fill=(60, 60, 70),
    )
    cv.circle(x + s * 0.1, y - s * 0.82, s * 0.06, (60, 60, 70))

"""Animals and friends. Every painter stands the creature on (x, y) within about s pixels."""

from __future__ import annotations

import math

from adapters.pillow_illustrator.canvas import RGB, Canvas, darker, lighter

INK = (40, 30, 30)


def _eyes(cv: Canvas, x: float, y: float, gap: float, r: float) -> None:
    for side in (-1, 1):
        cv.circle(x + side * gap, y, r, INK)
        cv.circle(x + side * gap + r * 0.35, y - r * 0.35, r * 0.35, (255, 255, 255))


def _smile(cv: Canvas, x: float, y: float, w: float) -> None:
    cv.draw.arc(
        (x - w, y - w * 0.6, x + w, y + w * 0.6), 20, 160, fill=INK, width=max(1, round(w * 0.25))
    )


# (body colour, ear shape, extra) for four-legged friends drawn by one painter.
CRITTERS: dict[str, tuple[RGB, str, str]] = {
    "cat": ((240, 160, 80), "point", "whiskers"),
    "dog": ((200, 150, 100), "flop", ""),
    "bear": ((150, 100, 70), "round", ""),
    "mouse": ((170, 170, 180), "big", "whiskers"),
    "monkey": ((150, 100, 60), "side", "tail"),
    "cow": ((250, 250, 250), "side", "spots"),
    "sheep": ((250, 250, 245), "side", "wool"),
    "pig": ((246, 170, 180), "point", "snout"),
    "fox": ((236, 120, 50), "point", "tail"),
    "tiger": ((245, 150, 50), "round", "stripes"),
    "lion": ((230, 180, 80), "round", "mane"),
    "horse": ((250, 250, 250), "point", "mane"),
    "unicorn": ((252, 246, 255), "point", "horn"),
    "elephant": ((160, 170, 190), "big", "trunk"),
    "frog": ((110, 190, 90), "none", "frog"),
    "camel": ((214, 170, 110), "side", "hump"),
    "bunny": ((245, 245, 245), "long", ""),
}


def critter(cv: Canvas, x: float, y: float, s: float, kind: str) -> None:
    body, ears, extra = CRITTERS[kind]
    d, dark = cv.draw, darker(body, 0.2)
    bx, by = x, y - s * 0.3
    if extra == "tail":
        d.arc(
            (bx + s * 0.15, by - s * 0.45, bx + s * 0.55, by + s * 0.05),
            270,
            100,
            fill=dark,
            width=max(2, round(s * 0.06)),
        )
    for dx in (-0.22, -0.1, 0.1, 0.22):
        d.rounded_rectangle(
            (bx + dx * s - s * 0.05, by, bx + dx * s + s * 0.05, y), s * 0.03, fill=dark
        )
    cv.oval(bx, by, s * 0.32, s * 0.2, body if extra != "wool" else (240, 240, 235))
    if extra == "hump":
        cv.draw.chord((bx - s * 0.2, by - s * 0.42, bx + s * 0.2, by), 180, 360, fill=body)
        cv.draw.line(
            (bx - s * 0.2, by - s * 0.05, bx - s * 0.3, by - s * 0.35),
            fill=body,
            width=round(s * 0.12),
        )
    if extra == "wool":
        for i in range(7):
            cv.circle(
                bx - s * 0.26 + i * s * 0.087, by - s * 0.16 + (i % 2) * s * 0.05, s * 0.09, body
            )
    if extra == "spots":
        cv.oval(bx - s * 0.1, by - s * 0.05, s * 0.08, s * 0.06, INK)
        cv.oval(bx + s * 0.15, by + s * 0.04, s * 0.06, s * 0.05, INK)
    if extra == "stripes":
        for i in range(4):
            d.line(
                (
                    bx - s * 0.15 + i * s * 0.1,
                    by - s * 0.18,
                    bx - s * 0.12 + i * s * 0.1,
                    by - s * 0.02,
                ),
                fill=INK,
                width=max(2, round(s * 0.025)),
            )
    hx, hy, hr = bx - s * 0.28, by - s * 0.22, s * 0.2
    if extra == "mane":
        cv.circle(hx, hy, hr * 1.45, (200, 120, 50) if kind == "lion" else (240, 170, 200))
    ear = {"point": 0, "round": 1, "big": 2, "side": 3, "long": 4, "flop": 5}.get(ears, -1)
    for side in (-1, 1):
        ex = hx + side * hr * 0.7
        if ear == 0:
            d.polygon(
                [
                    (ex - hr * 0.3, hy - hr * 0.5),
                    (ex + side * hr * 0.15, hy - hr * 1.3),
                    (ex + hr * 0.3, hy - hr * 0.5),
                ],
                fill=body,
            )
        elif ear in (1, 2):
            cv.circle(ex, hy - hr * 0.75, hr * (0.35 if ear == 1 else 0.55), dark)
        elif ear == 3:
            cv.oval(ex + side * hr * 0.4, hy - hr * 0.45, hr * 0.35, hr * 0.15, dark)
        elif ear == 4:
            cv.oval(ex - side * hr * 0.2, hy - hr * 1.2, hr * 0.18, hr * 0.6, body)
        elif ear == 5:
            cv.oval(ex + side * hr * 0.3, hy, hr * 0.2, hr * 0.5, dark)
    cv.circle(hx, hy, hr, body)
    if extra == "horn":
        d.polygon(
            [
                (hx - hr * 0.15, hy - hr * 0.85),
                (hx, hy - hr * 1.8),
                (hx + hr * 0.15, hy - hr * 0.85),
            ],
            fill=(250, 210, 90),
        )
    if extra == "trunk":
        d.line(
            (hx - hr * 0.3, hy + hr * 0.3, hx - hr * 0.7, hy + hr * 1.3),
            fill=body,
            width=round(hr * 0.4),
        )
    if extra == "snout":
        cv.oval(hx - hr * 0.1, hy + hr * 0.3, hr * 0.35, hr * 0.25, darker(body, 0.1))
    if extra == "frog":
        for side in (-1, 1):
            cv.circle(hx + side * hr * 0.5, hy - hr * 0.8, hr * 0.35, body)
            cv.circle(hx + side * hr * 0.5, hy - hr * 0.8, hr * 0.18, INK)
    else:
        _eyes(cv, hx, hy - hr * 0.15, hr * 0.38, hr * 0.13)
    cv.circle(hx, hy + hr * 0.25, hr * 0.1, INK)
    _smile(cv, hx, hy + hr * 0.38, hr * 0.25)
    if extra == "whiskers":
        for side in (-1, 1):
            for k in (-1, 1):
                d.line(
                    (
                        hx + side * hr * 0.3,
                        hy + hr * 0.3,
                        hx + side * hr * 0.95,
                        hy + hr * (0.3 + k * 0.15),
                    ),
                    fill=INK,
                    width=1,
                )


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
    _eyes(cv, x - s * 0.22, cy - s * 0.04, 0, s * 0.04)


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
    _eyes(cv, x - s * 0.3, cy - s * 0.05, 0, s * 0.035)
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
    _eyes(cv, x - s * 0.45, y - s * 0.28, 0, s * 0.03)
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
    _eyes(cv, x, y - s * 0.45, s * 0.1, s * 0.05)
    _smile(cv, x, y - s * 0.33, s * 0.06)


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
    _eyes(cv, x, y - s * 0.74, s * 0.06, s * 0.03)
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
    _eyes(cv, x - s * 0.18, cy - s * 0.17, 0, s * 0.03)
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
    _eyes(cv, x, y - s * 0.28, s * 0.07, s * 0.03)
    _smile(cv, x, y - s * 0.2, s * 0.06)


def sheep_cloud(cv: Canvas, x: float, y: float, s: float) -> None:
    """A friendly cloud with a face (Nimbus)."""
    from adapters.pillow_illustrator.nature import cloud

    cloud(cv, x, y - s * 0.35, s)
    _eyes(cv, x, y - s * 0.38, s * 0.08, s * 0.03)
    _smile(cv, x, y - s * 0.3, s * 0.07)


def sway(cv: Canvas, x: float, y: float, s: float) -> None:
    """Seaweed: wavy green ribbons."""
    for k in range(3):
        bx = x + (k - 1) * s * 0.12
        points = [(bx + math.sin(i * 0.9 + k) * s * 0.06, y - i * s * 0.1) for i in range(8)]
        cv.draw.line(points, fill=(60, 160, 100), width=max(3, round(s * 0.07)), joint="curve")

"""Animals and friends. Every painter stands the creature on (x, y) within about s pixels."""

from __future__ import annotations

from adapters.pillow_illustrator.canvas import RGB, Canvas, darker
from adapters.pillow_illustrator.faces import INK, eyes, smile

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
    if kind in ("horse", "unicorn"):
        _horse(cv, x, y, s, body, horn=kind == "unicorn")
        return
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
        eyes(cv, hx, hy - hr * 0.15, hr * 0.38, hr * 0.13)
    cv.circle(hx, hy + hr * 0.25, hr * 0.1, INK)
    smile(cv, hx, hy + hr * 0.38, hr * 0.25)
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


def _horse(cv: Canvas, x: float, y: float, s: float, body: RGB, horn: bool) -> None:
    """Long legs, a long neck and a long face: a pony (or, with a horn, a unicorn)."""
    d, dark = cv.draw, darker(body, 0.15)
    mane = (240, 170, 200) if horn else (200, 160, 110)
    by = y - s * 0.42
    for dx in (-0.25, -0.12, 0.12, 0.25):
        d.rounded_rectangle(
            (x + dx * s - s * 0.04, by, x + dx * s + s * 0.04, y), s * 0.02, fill=dark
        )
        d.rectangle(
            (x + dx * s - s * 0.045, y - s * 0.04, x + dx * s + s * 0.045, y), fill=(90, 80, 80)
        )
    d.line(
        (x + s * 0.3, by - s * 0.05, x + s * 0.42, by + s * 0.2), fill=mane, width=round(s * 0.07)
    )
    cv.oval(x, by, s * 0.33, s * 0.15, body)
    d.polygon(
        [
            (x - s * 0.2, by - s * 0.05),
            (x - s * 0.38, by - s * 0.38),
            (x - s * 0.26, by - s * 0.42),
            (x - s * 0.08, by - s * 0.1),
        ],
        fill=body,
    )
    d.line(
        (x - s * 0.22, by - s * 0.4, x - s * 0.08, by - s * 0.06), fill=mane, width=round(s * 0.06)
    )
    head = (x - s * 0.4, by - s * 0.38)
    d.rounded_rectangle(
        (head[0] - s * 0.16, head[1] - s * 0.07, head[0] + s * 0.06, head[1] + s * 0.08),
        s * 0.06,
        fill=body,
    )
    d.polygon(
        [
            (head[0] - s * 0.02, head[1] - s * 0.06),
            (head[0] + s * 0.02, head[1] - s * 0.16),
            (head[0] + s * 0.05, head[1] - s * 0.05),
        ],
        fill=body,
    )
    cv.circle(head[0] - s * 0.03, head[1] - s * 0.01, s * 0.02, INK)
    cv.circle(head[0] - s * 0.13, head[1] + s * 0.03, s * 0.012, INK)
    if horn:
        d.polygon(
            [
                (head[0] - s * 0.06, head[1] - s * 0.06),
                (head[0] - s * 0.1, head[1] - s * 0.22),
                (head[0] - s * 0.02, head[1] - s * 0.07),
            ],
            fill=(250, 210, 90),
        )

"""What a child wears or uses every day, drawn on the hero: glasses, a head covering, a hearing
aid, a wheelchair. Only ever drawn when the parent chose it."""

from __future__ import annotations

import math

from adapters.pillow_illustrator.canvas import RGB, Canvas, darker, lighter

FRAME = (40, 40, 48)
METAL = (120, 128, 140)
TYRE = (50, 50, 58)
COVERING = {"hijab": (96, 70, 160), "patka": (220, 120, 40), "cap": (200, 60, 60)}


def glasses(cv: Canvas, x: float, eye_y: float, r: float) -> None:
    width = max(1, round(r * 0.07))
    for side in (-1, 1):
        ex = x + side * r * 0.36
        cv.draw.ellipse(
            (ex - r * 0.24, eye_y - r * 0.22, ex + r * 0.24, eye_y + r * 0.22),
            outline=FRAME,
            width=width,
        )
    cv.draw.line((x - r * 0.12, eye_y, x + r * 0.12, eye_y), fill=FRAME, width=width)


def hearing_aid(cv: Canvas, x: float, y: float, r: float, side: int) -> None:
    """A small bright aid behind the ear that faces us."""
    ear_x = x + side * r * 1.0
    cv.draw.rounded_rectangle(
        (ear_x - r * 0.1, y - r * 0.2, ear_x + r * 0.14, y + r * 0.25),
        r * 0.08,
        fill=(70, 150, 230),
    )
    cv.circle(ear_x, y + r * 0.05, r * 0.07, (250, 250, 250))


def covering_back(cv: Canvas, kind: str, x: float, y: float, r: float) -> None:
    """The part behind the head: a hijab falls to the shoulders."""
    if kind == "hijab":
        c = COVERING[kind]
        cv.draw.rounded_rectangle(
            (x - r * 1.22, y - r * 1.2, x + r * 1.22, y + r * 1.45), r * 0.9, fill=c
        )


def covering_front(cv: Canvas, kind: str, x: float, y: float, r: float, facing: int) -> None:
    c = COVERING.get(kind)
    if c is None:
        return
    if kind == "hijab":  # frames the face: a band over the forehead and the cheeks
        cv.draw.chord((x - r * 1.1, y - r * 1.16, x + r * 1.1, y + r * 0.7), 180, 360, fill=c)
        cv.draw.arc(
            (x - r * 1.02, y - r * 0.98, x + r * 1.02, y + r * 1.02),
            0,
            360,
            fill=c,
            width=max(1, round(r * 0.2)),
        )
    elif kind == "patka":  # a rounded cloth over the top-knot
        cv.draw.chord((x - r * 1.06, y - r * 1.2, x + r * 1.06, y + r * 0.5), 180, 360, fill=c)
        cv.circle(x, y - r * 1.05, r * 0.35, c)
        cv.draw.line(
            (x - r * 0.9, y - r * 0.5, x + r * 0.9, y - r * 0.5),
            fill=darker(c, 0.2),
            width=max(1, round(r * 0.06)),
        )
    elif kind == "cap":
        cv.draw.chord((x - r * 1.02, y - r * 1.12, x + r * 1.02, y + r * 0.3), 180, 360, fill=c)
        cv.draw.rounded_rectangle(
            (
                min(x + facing * r * 0.2, x + facing * r * 1.5),
                y - r * 0.5,
                max(x + facing * r * 0.2, x + facing * r * 1.5),
                y - r * 0.32,
            ),
            r * 0.08,
            fill=darker(c, 0.15),
        )


def wheelchair_back(cv: Canvas, x: float, seat: float, ground: float, h: float, f: int) -> None:
    """The big wheel and backrest, drawn before the seated hero."""
    wheel_r = (ground - seat) * 0.95
    wx, wy = x - f * h * 0.02, ground - wheel_r
    cv.draw.line(
        (x - f * h * 0.16, seat, x - f * h * 0.2, seat - h * 0.34),
        fill=METAL,
        width=round(h * 0.03),
    )
    cv.circle(wx, wy, wheel_r, TYRE)
    cv.circle(wx, wy, wheel_r * 0.82, lighter(METAL, 0.5))
    for k in range(6):
        a = math.radians(k * 30)
        dx, dy = math.cos(a) * wheel_r * 0.8, math.sin(a) * wheel_r * 0.8
        cv.draw.line(
            (wx - dx, wy - dy, wx + dx, wy + dy), fill=METAL, width=max(1, round(h * 0.008))
        )
    cv.circle(wx, wy, wheel_r * 0.12, METAL)


def wheelchair_front(cv: Canvas, x: float, seat: float, ground: float, h: float, f: int) -> None:
    """The seat edge, footrest and the small front caster, drawn over the legs."""
    cv.draw.line(
        (x - f * h * 0.12, seat, x + f * h * 0.16, seat), fill=METAL, width=round(h * 0.025)
    )
    foot_x = x + f * h * 0.2
    cv.draw.line(
        (x + f * h * 0.14, seat, foot_x, ground - h * 0.05), fill=METAL, width=round(h * 0.02)
    )
    cv.circle(foot_x + f * h * 0.03, ground - h * 0.035, h * 0.035, TYRE)


def tint(c: RGB) -> RGB:
    return darker(c, 0.1)

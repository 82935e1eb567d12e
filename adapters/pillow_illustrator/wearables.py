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


def covering_back(cv: Canvas, kind: str, x: float, y: float, r: float, facing: int = 1) -> None:
    """The part behind the head: a hijab's cloth round the head and draped over the
    shoulders; a patka's ties hanging behind the neck."""
    c = COVERING.get(kind)
    if c is None:
        return
    line = max(1, round(r * 0.07))
    if kind == "hijab":
        shade = darker(c, 0.14)
        # the drape over the shoulders and chest, a little wider at its hem
        cv.draw.polygon(
            [
                (x - r * 0.95, y + r * 0.45),
                (x + r * 0.95, y + r * 0.45),
                (x + r * 1.4, y + r * 1.55),
                (x - r * 1.4, y + r * 1.55),
            ],
            fill=c,
        )
        cv.draw.ellipse((x - r * 1.4, y + r * 1.3, x + r * 1.4, y + r * 1.8), fill=c)
        cv.draw.ellipse((x - r * 1.24, y - r * 1.28, x + r * 1.24, y + r * 1.2), fill=c)
        for side in (-1, 1):  # soft folds of the cloth
            cv.draw.line(
                (x + side * r * 0.55, y + r * 1.05, x + side * r * 0.8, y + r * 1.6),
                fill=shade,
                width=line,
            )
    elif kind == "patka":  # two ties hanging behind the neck, away from where the hero looks
        tx = x - facing * r * 0.75
        for k in (0, 1):
            dx = -facing * r * (0.12 + 0.22 * k)
            cv.draw.polygon(
                [
                    (tx, y - r * 0.55),
                    (tx + dx - facing * r * 0.2, y + r * (0.55 + 0.2 * k)),
                    (tx + dx + facing * r * 0.05, y + r * (0.6 + 0.2 * k)),
                ],
                fill=darker(c, 0.12 * k),
            )


def covering_front(cv: Canvas, kind: str, x: float, y: float, r: float, facing: int) -> None:
    c = COVERING.get(kind)
    if c is None:
        return
    line = max(1, round(r * 0.07))
    if kind == "hijab":  # frames the face: over the forehead, a soft edge round the cheeks
        cv.draw.chord((x - r * 1.08, y - r * 1.16, x + r * 1.08, y + r * 0.36), 180, 360, fill=c)
        cv.draw.arc(
            (x - r * 1.02, y - r * 1.0, x + r * 1.02, y + r * 1.04),
            0,
            360,
            fill=darker(c, 0.16),
            width=max(1, round(r * 0.1)),
        )
        cv.draw.arc(  # light on the folded edge over the forehead
            (x - r * 0.8, y - r * 0.98, x + r * 0.8, y - r * 0.2),
            200,
            340,
            fill=lighter(c, 0.3),
            width=line,
        )
    elif kind == "patka":  # a cloth tied snugly over the top-knot
        shade = darker(c, 0.2)
        cv.draw.chord((x - r * 1.06, y - r * 1.18, x + r * 1.06, y + r * 0.42), 180, 360, fill=c)
        cv.draw.ellipse((x - r * 0.5, y - r * 1.5, x + r * 0.5, y - r * 0.72), fill=c)
        for k in (-1, 1):  # the cloth's folds crossing over the knot
            cv.draw.arc(
                (x - r * 0.9, y - r * (1.35 - 0.25 * (k + 1)), x + r * 0.9, y + r * 0.2),
                200,
                340,
                fill=shade,
                width=line,
            )
        cv.draw.line((x - r * 0.3, y - r * 1.4, x + r * 0.3, y - r * 0.82), fill=shade, width=line)
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

"""Animals whose shape makes them: an elephant is its trunk and big flat ears, a monkey sits up
with a pale face and a curling tail. (x, y) is where the feet stand, s the size."""

from __future__ import annotations

from adapters.pillow_illustrator.canvas import Canvas, darker, lighter

INK = (40, 30, 30)


def _eye(cv: Canvas, x: float, y: float, r: float) -> None:
    cv.circle(x, y, r, INK)
    cv.circle(x + r * 0.35, y - r * 0.35, r * 0.35, (255, 255, 255))


def elephant(cv: Canvas, x: float, y: float, s: float) -> None:
    grey = (150, 160, 182)
    dark = darker(grey, 0.18)
    d = cv.draw
    body = (x - s * 0.42, y - s * 0.62, x + s * 0.3, y - s * 0.14)
    for lx in (-0.34, -0.18, 0.06, 0.2):  # four thick legs
        d.rounded_rectangle((x + s * lx, y - s * 0.3, x + s * (lx + 0.12), y), s * 0.04, fill=dark)
        d.rectangle((x + s * lx, y - s * 0.03, x + s * (lx + 0.12), y), fill=(230, 225, 215))
    d.ellipse(body, fill=grey)
    d.line(
        (x - s * 0.42, y - s * 0.45, x - s * 0.52, y - s * 0.3), fill=dark, width=round(s * 0.025)
    )
    hx, hy, hr = x + s * 0.32, y - s * 0.6, s * 0.2
    d.ellipse((hx - s * 0.3, hy - s * 0.2, hx + s * 0.02, hy + s * 0.24), fill=dark)  # big ear
    cv.circle(hx, hy, hr, grey)
    # the trunk curls down and forward, then up at the tip
    pts = [(hx + hr * 0.55, hy + hr * 0.2)]
    for i in range(1, 7):
        t = i / 6
        pts.append((hx + hr * (0.7 + 0.35 * t), hy + hr * (0.3 + 1.6 * t - 0.9 * t * t * t)))
    d.line(pts, fill=grey, width=round(s * 0.085), joint="curve")
    d.polygon(
        [
            (hx + hr * 0.35, hy + hr * 0.6),
            (hx + hr * 0.75, hy + hr * 1.0),
            (hx + hr * 0.5, hy + hr * 0.6),
        ],
        fill=(250, 248, 240),
    )  # a small tusk
    _eye(cv, hx + hr * 0.25, hy - hr * 0.15, hr * 0.12)


def monkey(cv: Canvas, x: float, y: float, s: float) -> None:
    brown = (139, 94, 60)
    face = (236, 200, 160)
    d = cv.draw
    d.arc(
        (x - s * 0.55, y - s * 0.55, x - s * 0.05, y - s * 0.05),
        60,
        300,
        fill=brown,
        width=round(s * 0.05),
    )  # the curling tail
    d.ellipse((x - s * 0.22, y - s * 0.5, x + s * 0.22, y - s * 0.02), fill=brown)  # sitting body
    d.ellipse((x - s * 0.12, y - s * 0.38, x + s * 0.12, y - s * 0.08), fill=lighter(face, 0.1))
    for side in (-1, 1):  # long arms and feet
        d.line(
            (x + side * s * 0.18, y - s * 0.42, x + side * s * 0.3, y - s * 0.12),
            fill=brown,
            width=round(s * 0.07),
        )
        cv.oval(x + side * s * 0.14, y - s * 0.02, s * 0.09, s * 0.04, darker(brown, 0.2))
    hx, hy, hr = x, y - s * 0.68, s * 0.2
    for side in (-1, 1):
        cv.circle(hx + side * hr * 1.05, hy, hr * 0.38, brown)
        cv.circle(hx + side * hr * 1.05, hy, hr * 0.22, face)
    cv.circle(hx, hy, hr, brown)
    d.ellipse((hx - hr * 0.72, hy - hr * 0.45, hx + hr * 0.72, hy + hr * 0.85), fill=face)
    for side in (-1, 1):
        _eye(cv, hx + side * hr * 0.3, hy - hr * 0.05, hr * 0.12)
    d.arc(
        (hx - hr * 0.3, hy + hr * 0.2, hx + hr * 0.3, hy + hr * 0.6),
        20,
        160,
        fill=INK,
        width=max(1, round(s * 0.012)),
    )

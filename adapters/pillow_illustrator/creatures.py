"""Storybook creatures: dinosaur, dragon, alien, robot, snowman and a friendly monster."""

from __future__ import annotations

from adapters.pillow_illustrator.canvas import RGB, Canvas, darker, lighter

INK = (40, 30, 30)


def _eye(cv: Canvas, x: float, y: float, r: float) -> None:
    cv.circle(x, y, r, (255, 255, 255))
    cv.circle(x - r * 0.2, y, r * 0.55, INK)


def dinosaur(cv: Canvas, x: float, y: float, s: float, colour: RGB = (110, 180, 110)) -> None:
    d, dark = cv.draw, darker(colour, 0.2)
    d.polygon(
        [(x + s * 0.15, y - s * 0.35), (x + s * 0.6, y - s * 0.12), (x + s * 0.15, y - s * 0.2)],
        fill=colour,
    )
    for dx in (-0.12, 0.12):
        d.rounded_rectangle(
            (x + dx * s - s * 0.06, y - s * 0.25, x + dx * s + s * 0.06, y), s * 0.03, fill=dark
        )
    cv.oval(x, y - s * 0.32, s * 0.25, s * 0.18, colour)
    for i in range(4):  # back plates
        px = x - s * 0.12 + i * s * 0.1
        d.polygon(
            [(px - s * 0.05, y - s * 0.46), (px, y - s * 0.58), (px + s * 0.05, y - s * 0.46)],
            fill=(240, 160, 70),
        )
    d.line(
        (x - s * 0.15, y - s * 0.4, x - s * 0.28, y - s * 0.7), fill=colour, width=round(s * 0.13)
    )
    cv.oval(x - s * 0.34, y - s * 0.74, s * 0.14, s * 0.1, colour)
    _eye(cv, x - s * 0.36, y - s * 0.78, s * 0.035)
    d.arc((x - s * 0.46, y - s * 0.76, x - s * 0.3, y - s * 0.68), 20, 160, fill=INK, width=2)
    cv.oval(x - s * 0.05, y - s * 0.28, s * 0.14, s * 0.08, lighter(colour, 0.3))


def dragon(cv: Canvas, x: float, y: float, s: float, colour: RGB = (220, 90, 80)) -> None:
    d, wing = cv.draw, (250, 180, 90)
    d.polygon(
        [(x - s * 0.05, y - s * 0.45), (x + s * 0.25, y - s * 0.95), (x + s * 0.35, y - s * 0.5)],
        fill=wing,
    )
    d.polygon(
        [
            (x + s * 0.2, y - s * 0.3),
            (x + s * 0.6, y - s * 0.15),
            (x + s * 0.55, y - s * 0.05),
            (x + s * 0.2, y - s * 0.18),
        ],
        fill=colour,
    )
    cv.oval(x, y - s * 0.3, s * 0.24, s * 0.2, colour)
    for dx in (-0.12, 0.1):
        d.rounded_rectangle(
            (x + dx * s - s * 0.05, y - s * 0.18, x + dx * s + s * 0.05, y),
            s * 0.03,
            fill=darker(colour, 0.2),
        )
    cv.circle(x - s * 0.22, y - s * 0.58, s * 0.15, colour)
    for side in (-1, 1):
        d.polygon(
            [
                (x - s * 0.22 + side * s * 0.08, y - s * 0.7),
                (x - s * 0.22 + side * s * 0.12, y - s * 0.84),
                (x - s * 0.22 + side * s * 0.02, y - s * 0.72),
            ],
            fill=(250, 230, 160),
        )
    _eye(cv, x - s * 0.27, y - s * 0.6, s * 0.04)
    cv.oval(x - s * 0.05, y - s * 0.26, s * 0.12, s * 0.1, lighter(colour, 0.4))
    for k in range(3):
        cv.circle(
            x - s * 0.42 - k * s * 0.05,
            y - s * 0.55 - k * s * 0.03,
            s * (0.025 + k * 0.01),
            (255, 200, 60),
        )


def alien(cv: Canvas, x: float, y: float, s: float) -> None:
    c = (120, 210, 110)
    d = cv.draw
    for dx in (-0.08, 0.08):
        d.rounded_rectangle(
            (x + dx * s - s * 0.04, y - s * 0.2, x + dx * s + s * 0.04, y),
            s * 0.02,
            fill=darker(c, 0.2),
        )
    cv.oval(x, y - s * 0.3, s * 0.16, s * 0.16, c)
    cv.circle(x, y - s * 0.58, s * 0.2, c)
    for dx in (-0.1, 0.1):
        d.line(
            (x + dx * s, y - s * 0.74, x + dx * s * 1.6, y - s * 0.9),
            fill=c,
            width=max(2, round(s * 0.03)),
        )
        cv.circle(x + dx * s * 1.6, y - s * 0.9, s * 0.04, (255, 220, 80))
    for dx in (-0.09, 0.0, 0.09):
        _eye(cv, x + dx * s, y - s * 0.62, s * 0.045)
    d.arc((x - s * 0.08, y - s * 0.58, x + s * 0.08, y - s * 0.46), 20, 160, fill=INK, width=2)


def robot(cv: Canvas, x: float, y: float, s: float, colour: RGB = (160, 180, 200)) -> None:
    d, dark = cv.draw, darker(colour, 0.25)
    for dx in (-0.1, 0.1):
        d.rectangle((x + dx * s - s * 0.04, y - s * 0.22, x + dx * s + s * 0.04, y), fill=dark)
    d.rounded_rectangle((x - s * 0.2, y - s * 0.5, x + s * 0.2, y - s * 0.2), s * 0.04, fill=colour)
    cv.circle(x, y - s * 0.35, s * 0.06, (240, 90, 90))
    for side in (-1, 1):
        d.line(
            (x + side * s * 0.2, y - s * 0.45, x + side * s * 0.32, y - s * 0.3),
            fill=dark,
            width=max(2, round(s * 0.04)),
        )
        cv.circle(x + side * s * 0.32, y - s * 0.3, s * 0.04, dark)
    d.rounded_rectangle(
        (x - s * 0.16, y - s * 0.78, x + s * 0.16, y - s * 0.52),
        s * 0.05,
        fill=lighter(colour, 0.15),
    )
    d.line((x, y - s * 0.78, x + s * 0.05, y - s * 0.92), fill=dark, width=max(2, round(s * 0.02)))
    cv.circle(x + s * 0.05, y - s * 0.93, s * 0.035, (255, 210, 60))
    for dx in (-0.07, 0.07):
        cv.circle(x + dx * s, y - s * 0.67, s * 0.04, (90, 200, 255))
    d.rectangle((x - s * 0.07, y - s * 0.59, x + s * 0.07, y - s * 0.57), fill=dark)


def snowman(cv: Canvas, x: float, y: float, s: float) -> None:
    white = (248, 250, 255)
    cv.circle(x, y - s * 0.2, s * 0.22, white)
    cv.circle(x, y - s * 0.55, s * 0.16, white)
    cv.draw.polygon(
        [(x, y - s * 0.57), (x + s * 0.14, y - s * 0.54), (x, y - s * 0.52)], fill=(250, 140, 40)
    )
    for dx in (-0.05, 0.05):
        cv.circle(x + dx * s, y - s * 0.6, s * 0.018, INK)
    cv.draw.rectangle((x - s * 0.16, y - s * 0.44, x + s * 0.16, y - s * 0.4), fill=(220, 60, 60))
    cv.draw.rectangle((x - s * 0.11, y - s * 0.86, x + s * 0.11, y - s * 0.68), fill=(50, 50, 60))
    cv.draw.rectangle((x - s * 0.17, y - s * 0.7, x + s * 0.17, y - s * 0.67), fill=(50, 50, 60))

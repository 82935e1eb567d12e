"""Friendly faces shared by the animal painters."""

from __future__ import annotations

from adapters.pillow_illustrator.canvas import Canvas

INK = (40, 30, 30)


def eyes(cv: Canvas, x: float, y: float, gap: float, r: float) -> None:
    for side in (-1, 1):
        cv.circle(x + side * gap, y, r, INK)
        cv.circle(x + side * gap + r * 0.35, y - r * 0.35, r * 0.35, (255, 255, 255))


def smile(cv: Canvas, x: float, y: float, w: float) -> None:
    cv.draw.arc(
        (x - w, y - w * 0.6, x + w, y + w * 0.6), 20, 160, fill=INK, width=max(1, round(w * 0.25))
    )

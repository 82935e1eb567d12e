"""Where a page happens: which backdrop, and the furniture or scenery that makes the place
itself (a kitchen has its counter and oven, a garden its fence, a jungle its vines). Scenery
belongs to the place; the page's own objects are drawn only when its words name them."""

from __future__ import annotations

from adapters.pillow_illustrator import nature, things
from adapters.pillow_illustrator.backdrop import Stage
from adapters.pillow_illustrator.canvas import Canvas, darker, lighter

# place -> the backdrop setting it is painted on
SETTINGS = {
    "kitchen": "kitchen",
    "bedroom": "bedroom",
    "living room": "indoor",
    "bakery": "bakery",
    "school": "indoor",
    "garden": "outdoor",
    "park": "outdoor",
    "meadow": "outdoor",
    "jungle": "forest",
    "forest": "forest",
    "castle": "outdoor",
    "mountains": "outdoor",
    "volcano land": "outdoor",
    "railway": "outdoor",
    "beach": "sea",
    "sea": "sea",
    "snow": "snowy",
    "desert": "desert",
    "farm": "farm",
    "city": "city",
    "market": "city",
    "stadium": "stadium",
    "space": "space",
    "sky": "sky",
    "underwater": "underwater",
}
INDOOR = {"kitchen", "bedroom", "living room", "bakery", "school"}


def setting_for(place: str, fallback: str) -> str:
    return SETTINGS.get(place, fallback)


def furnish(cv: Canvas, stage: Stage, place: str, keep_clear: float) -> None:
    """Paint the place's own furniture or scenery, away from x=keep_clear (the hero)."""
    u, w = cv.unit, cv.w
    side = 0.16 if keep_clear > w * 0.5 else 0.84  # the side away from the hero
    x = w * side
    if place == "kitchen":
        top = stage.horizon_y - u * 14
        cv.draw.rectangle((0, top, w, stage.horizon_y), fill=(236, 236, 240))  # the counter
        cv.draw.rectangle((0, top - u * 1.5, w, top), fill=(150, 110, 80))
        ox = x - u * 9
        cv.draw.rectangle((ox, top + u * 1.5, ox + u * 18, stage.horizon_y), fill=(90, 90, 100))
        cv.draw.rounded_rectangle(
            (ox + u * 2, top + u * 4, ox + u * 16, stage.horizon_y - u * 2), u, fill=(250, 170, 70)
        )  # the oven's warm window
        for i in range(3):  # jars on a shelf
            jx = w * 0.5 + (i - 1) * u * 8 + (side - 0.5) * w * 0.4
            cv.draw.rounded_rectangle(
                (jx - u * 2.5, top - u * 8, jx + u * 2.5, top - u * 1.5),
                u,
                fill=((200, 120, 90), (120, 170, 200), (230, 200, 110))[i],
            )
    elif place == "bedroom":
        cv.draw.rectangle(
            (x - u * 9, stage.horizon_y - u * 16, x + u * 9, stage.horizon_y), fill=(190, 140, 100)
        )
        cv.draw.rectangle(
            (x - u * 8, stage.horizon_y - u * 15, x + u * 8, stage.horizon_y - u * 9),
            fill=(210, 160, 120),
        )
        nature.star(cv, x, stage.horizon_y - u * 22, u * 4)  # a night-light star on the chest
    elif place == "living room":
        sofa = (120, 150, 210)
        cv.draw.rounded_rectangle(
            (x - u * 18, stage.horizon_y - u * 14, x + u * 18, stage.horizon_y + u * 2),
            u * 3,
            fill=sofa,
        )
        cv.draw.rounded_rectangle(
            (x - u * 16, stage.horizon_y - u * 6, x + u * 16, stage.horizon_y + u * 4),
            u * 2,
            fill=lighter(sofa, 0.2),
        )
    elif place == "school":
        cv.draw.rectangle((x - u * 16, u * 14, x + u * 16, u * 34), fill=(40, 80, 60))
    elif place in ("garden", "park"):
        y = stage.horizon_y + u * 2
        for i in range(0, int(w / (u * 6)) + 1):  # a picket fence along the back
            px = i * u * 6
            cv.draw.polygon(
                [
                    (px, y),
                    (px + u * 4, y),
                    (px + u * 4, y - u * 9),
                    (px + u * 2, y - u * 11),
                    (px, y - u * 9),
                ],
                fill=(250, 250, 245),
            )
        cv.draw.rectangle((0, y - u * 7, w, y - u * 5.8), fill=(235, 235, 230))
        nature.tree(cv, x, stage.horizon_y, u * 30)
        for i in range(4):
            nature.flower(cv, x + (i - 1.5) * u * 6, stage.ground_y - u * 2, u * 8)
    elif place == "jungle":
        for i in range(5):
            nature.palm(cv, w * (0.05 + i * 0.23), stage.horizon_y + u * 3, u * 34)
        for i in range(7):  # hanging vines
            vx = w * (0.07 + i * 0.14)
            cv.draw.line(
                (vx, 0, vx + u * 2, u * (14 + 5 * (i % 3))),
                fill=(60, 130, 60),
                width=round(u * 1.2),
            )
            cv.oval(vx + u * 2, u * (14 + 5 * (i % 3)), u * 2, u * 1.2, (80, 160, 70))
    elif place == "castle":
        things.castle(cv, x, stage.horizon_y + u * 2, u * 44)
    elif place == "mountains":
        nature.mountain(cv, x, stage.horizon_y + u * 2, u * 56)
    elif place == "volcano land":
        nature.mountain(cv, x, stage.horizon_y + u * 2, u * 52, lava=True)
        nature.palm(cv, w - x, stage.horizon_y + u * 2, u * 30)
    elif place == "railway":
        y = stage.horizon_y + u * 5
        cv.draw.rectangle((0, y, w, y + u * 1.2), fill=(110, 90, 80))
        for i in range(0, int(w / (u * 5)) + 1):
            cv.draw.rectangle(
                (i * u * 5, y - u * 0.6, i * u * 5 + u * 1.5, y + u * 1.8), fill=(140, 100, 70)
            )
    elif place == "meadow":
        for i in range(9):
            nature.flower(cv, w * (0.06 + i * 0.11), stage.horizon_y + u * (5 + 3 * (i % 3)), u * 7)
    elif place == "market":
        for i, colour in enumerate(((230, 90, 90), (90, 160, 230), (250, 190, 70))):
            sx = w * (0.2 + i * 0.3)
            cv.draw.rectangle(
                (sx - u * 10, stage.horizon_y - u * 14, sx + u * 10, stage.horizon_y),
                fill=(200, 160, 110),
            )
            cv.draw.polygon(
                [
                    (sx - u * 12, stage.horizon_y - u * 14),
                    (sx + u * 12, stage.horizon_y - u * 14),
                    (sx, stage.horizon_y - u * 22),
                ],
                fill=colour,
            )
    elif place == "beach":
        nature.palm(cv, x, stage.ground_y - u * 4, u * 36)
    elif place == "bakery":
        cv.draw.rectangle(
            (0, stage.horizon_y - u * 20, w, stage.horizon_y - u * 18),
            fill=darker((252, 232, 170), 0.3),
        )

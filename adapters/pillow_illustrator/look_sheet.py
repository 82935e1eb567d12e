"""A picture of the looks a parent can choose from, numbered like the list that follows it,
drawn with the same hero painter as every page so the choice is what the book shows."""

from __future__ import annotations

import asyncio
import io
import math
import random
from collections.abc import Sequence

from PIL import ImageFont

from adapters.pillow_illustrator.canvas import Canvas, darker
from adapters.pillow_illustrator.hero import Pose, draw_hero, look_from
from domain.looks import HAIR_COLOURS, SKIN_TONES, HeroLook
from domain.story import CharacterSheet

CELL = 360
BACKGROUNDS = ((232, 243, 252), (252, 240, 228), (236, 248, 234))
OUTFIT, ACCENT = "#1fa6a6", "#f2c12e"  # one neutral outfit: the sheet is about the child's look


def sheet_for(look: HeroLook) -> CharacterSheet:
    return CharacterSheet(
        description="",
        skin_tone=SKIN_TONES[look.skin][1],
        hair_colour=HAIR_COLOURS[look.hair_colour][1],
        outfit_colour=OUTFIT,
        accent_colour=ACCENT,
        hair_style=look.hair_style,
        glasses=look.glasses,
        head_covering=look.head_covering,
        hearing_aid=look.hearing_aid,
        wheelchair=look.wheelchair,
    )


def render_looks(looks: Sequence[HeroLook]) -> bytes:
    count = max(1, len(looks))
    cols = min(count, 3 if count != 4 else 2)
    rows = math.ceil(count / cols)
    cv = Canvas.new(cols * CELL, rows * CELL, random.Random(0))
    font = ImageFont.load_default(size=CELL // 9)
    for i, look in enumerate(looks):
        x0, y0 = (i % cols) * CELL, (i // cols) * CELL
        bg = BACKGROUNDS[i % len(BACKGROUNDS)]
        cv.draw.rounded_rectangle(
            (x0 + 8, y0 + 8, x0 + CELL - 8, y0 + CELL - 8), CELL // 14, fill=bg
        )
        ground = y0 + CELL * 0.9
        cv.oval(x0 + CELL / 2, ground, CELL * 0.16, CELL * 0.025, darker(bg, 0.12))
        pose = Pose(x0 + CELL / 2, ground, CELL * 0.72, "wave", 1, "excited")
        draw_hero(cv, look_from(sheet_for(look)), pose)
        badge = (x0 + CELL * 0.13, y0 + CELL * 0.13)
        cv.circle(*badge, CELL * 0.08, (255, 255, 255), outline=(90, 90, 110))
        cv.draw.text(badge, str(i + 1), fill=(40, 40, 60), font=font, anchor="mm")
    out = io.BytesIO()
    cv.img.save(out, format="JPEG", quality=88)
    return out.getvalue()


class PillowLookPainter:
    async def paint_looks(self, looks: Sequence[HeroLook]) -> bytes:
        return await asyncio.to_thread(render_looks, looks)

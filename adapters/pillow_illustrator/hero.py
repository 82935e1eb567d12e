"""The hero: the same child on every page, drawn from the CharacterSheet's colours and
the hair style named in its description; only the pose, place and expression change."""

from __future__ import annotations

import math
from dataclasses import dataclass

from adapters.pillow_illustrator import wearables
from adapters.pillow_illustrator.canvas import RGB, Canvas, darker, hex_rgb, lighter, mix
from domain.story import CharacterSheet

TROUSERS = (45, 58, 92)
INK = (52, 36, 32)
# Matched in a description when the sheet carries no chosen style ("afro" before "short").
HAIR_STYLES = ("ponytail", "braids", "afro", "curly", "bob", "bun", "spiky", "long", "short")
# Arm angles in degrees from hanging straight down (front arm, back arm).
POSES: dict[str, tuple[float, float]] = {
    "stand": (18, 14),
    "wave": (150, 16),
    "cheer": (145, 145),
    "walk": (38, 28),
    "point": (92, 12),
    "hold": (62, 20),
    "hug": (75, 70),
    "read": (55, 50),
    "cook": (70, 25),
    "run": (70, 40),
}
BODIES = ("stand", "walk", "run", "jump", "sit")


@dataclass(frozen=True, slots=True)
class Look:
    skin: RGB
    hair: RGB
    outfit: RGB
    accent: RGB
    style: str
    glasses: bool = False
    head_covering: str = "none"
    hearing_aid: bool = False
    wheelchair: bool = False


def look_from(sheet: CharacterSheet) -> Look:
    words = sheet.description.lower()
    style = sheet.hair_style or next((s for s in HAIR_STYLES if s in words), "short")
    return Look(
        skin=hex_rgb(sheet.skin_tone),
        hair=hex_rgb(sheet.hair_colour),
        outfit=hex_rgb(sheet.outfit_colour),
        accent=hex_rgb(sheet.accent_colour),
        style=style,
        glasses=sheet.glasses,
        head_covering=sheet.head_covering,
        hearing_aid=sheet.hearing_aid,
        wheelchair=sheet.wheelchair,
    )


@dataclass(frozen=True, slots=True)
class Pose:
    x: float  # centre of the feet
    ground: float
    height: float
    arms: str  # a POSES key
    facing: int  # 1 right, -1 left
    mood: str
    jump: bool = False
    body: str = "stand"  # a BODIES value; a hero in a wheelchair always sits in it


def _limb(
    cv: Canvas,
    start: tuple[float, float],
    angle: float,
    length: float,
    width: float,
    sleeve: RGB,
    skin: RGB,
    side: int,
) -> tuple[float, float]:
    a = math.radians(angle)
    end = (start[0] + side * math.sin(a) * length, start[1] + math.cos(a) * length)
    mid = (start[0] + (end[0] - start[0]) * 0.45, start[1] + (end[1] - start[1]) * 0.45)
    cv.draw.line((start, mid), fill=sleeve, width=round(width * 1.15))
    cv.draw.line((mid, end), fill=skin, width=round(width))
    cv.circle(end[0], end[1], width * 0.75, skin)
    return end


def _hair_back(cv: Canvas, look: Look, x: float, y: float, r: float, facing: int) -> None:
    c = look.hair
    if look.head_covering in ("hijab", "patka"):  # the hair is under the covering
        wearables.covering_back(cv, look.head_covering, x, y, r, facing)
        return
    if look.style == "afro":
        cv.circle(x, y - r * 0.12, r * 1.38, c)
    elif look.style == "long":
        cv.draw.rounded_rectangle(
            (x - r * 1.15, y - r * 1.0, x + r * 1.15, y + r * 1.6), r * 0.45, fill=c
        )
    elif look.style == "bob":
        cv.draw.rounded_rectangle(
            (x - r * 1.18, y - r * 1.1, x + r * 1.18, y + r * 0.75), r * 0.5, fill=c
        )
    elif look.style == "ponytail":
        tail_x = x - facing * r * 1.05
        cv.draw.polygon(
            [
                (x - facing * r * 0.6, y - r * 0.7),
                (tail_x - facing * r * 0.55, y + r * 0.2),
                (tail_x - facing * r * 0.25, y + r * 1.1),
                (tail_x + facing * r * 0.2, y + r * 0.3),
            ],
            fill=c,
        )
        cv.circle(x - facing * r * 0.85, y - r * 0.55, r * 0.2, look.accent)
    elif look.style == "braids":
        for side in (-1, 1):
            for k in range(4):
                cv.circle(x + side * r * 1.0, y + r * (0.1 + k * 0.32), r * 0.2, c)
            cv.circle(x + side * r * 1.0, y + r * 1.35, r * 0.12, look.accent)
    elif look.style == "bun":
        cv.circle(x, y - r * 1.05, r * 0.42, c)


def _hair_front(cv: Canvas, look: Look, x: float, y: float, r: float, facing: int) -> None:
    c = look.hair
    if look.head_covering in ("hijab", "patka"):
        wearables.covering_front(cv, look.head_covering, x, y, r, facing)
        return
    box = (x - r * 1.04, y - r * 1.06, x + r * 1.04, y + r * 0.9)
    cv.draw.chord(box, 180, 360, fill=c)
    cv.draw.pieslice((x - r * 1.04, y - r * 1.06, x + r * 0.4, y + r * 0.1), 180, 270, fill=c)
    if look.style == "curly":
        for i in range(9):
            a = math.radians(160 + i * 27.5)
            cv.circle(
                x + math.cos(a) * r * 0.98, y + math.sin(a) * r * 0.92 - r * 0.05, r * 0.26, c
            )
    elif look.style == "spiky":
        for i in range(6):
            bx = x - r * 0.9 + i * r * 0.36
            cv.draw.polygon(
                [
                    (bx - r * 0.2, y - r * 0.75),
                    (bx + r * 0.05, y - r * 1.35),
                    (bx + r * 0.25, y - r * 0.8),
                ],
                fill=c,
            )
    if look.head_covering == "cap":
        wearables.covering_front(cv, "cap", x, y, r, facing)
        return
    sheen = lighter(c, 0.25)
    cv.draw.arc(
        (x - r * 0.7, y - r * 0.95, x + r * 0.3, y - r * 0.2),
        200,
        250,
        fill=sheen,
        width=max(1, round(r * 0.08)),
    )


def _face(cv: Canvas, look: Look, x: float, y: float, r: float, mood: str, facing: int) -> None:
    d = cv.draw
    x += facing * r * 0.08  # the face turns a little towards where the hero is heading
    eye_y = y + r * 0.08
    for side in (-1, 1):
        ex = x + side * r * 0.36
        if mood == "sleepy":
            d.arc(
                (ex - r * 0.16, eye_y - r * 0.1, ex + r * 0.16, eye_y + r * 0.14),
                20,
                160,
                fill=INK,
                width=max(1, round(r * 0.07)),
            )
        else:
            cv.circle(ex, eye_y, r * 0.13, INK)
            cv.circle(ex + r * 0.04, eye_y - r * 0.05, r * 0.045, (255, 255, 255))
        cv.oval(
            x + side * r * 0.58,
            y + r * 0.38,
            r * 0.15,
            r * 0.1,
            mix(look.skin, (240, 110, 120), 0.35),
        )
        if mood == "worried":
            d.line(
                (
                    ex - r * 0.15,
                    eye_y - r * 0.3 + side * r * 0.05,
                    ex + r * 0.15,
                    eye_y - r * 0.3 - side * r * 0.05,
                ),
                fill=darker(look.hair, 0.1),
                width=max(1, round(r * 0.07)),
            )
    if look.glasses:
        wearables.glasses(cv, x, eye_y, r)
    if mood == "worried":
        cv.oval(x, y + r * 0.5, r * 0.1, r * 0.12, (150, 60, 60))
    elif mood in ("excited", "triumphant"):
        d.chord((x - r * 0.3, y + r * 0.2, x + r * 0.3, y + r * 0.7), 0, 180, fill=(150, 50, 60))
        d.chord(
            (x - r * 0.16, y + r * 0.45, x + r * 0.16, y + r * 0.68), 180, 360, fill=(235, 110, 120)
        )
    else:
        d.arc(
            (x - r * 0.3, y + r * 0.15, x + r * 0.3, y + r * 0.6),
            20,
            160,
            fill=(150, 60, 60),
            width=max(1, round(r * 0.08)),
        )


def _legs(
    cv: Canvas, look: Look, x: float, hip: float, ground: float, h: float, f: int, body: str
) -> None:
    width = round(h * 0.1)
    if body == "sit":  # thighs forward, shins down
        for side in (-1, 1):
            knee = (x + f * h * 0.17, hip + side * h * 0.01)
            foot = (knee[0] + f * h * 0.02, ground - h * 0.03)
            cv.draw.line((x, hip, *knee), fill=TROUSERS, width=width)
            cv.draw.line((*knee, *foot), fill=TROUSERS, width=width)
            cv.oval(foot[0] + f * h * 0.03, ground - h * 0.02, h * 0.065, h * 0.035, look.accent)
        return
    spread = h * {"walk": 0.09, "run": 0.16, "jump": 0.07}.get(body, 0.045)
    for side in (-1, 1):
        foot_x = x + side * spread + side * h * 0.05
        foot_y = ground - h * 0.03
        if body == "run" and side == -f:  # the back foot kicks up
            foot_y -= h * 0.12
        cv.draw.line(
            (x + side * h * 0.06, hip - h * 0.02, foot_x, foot_y), fill=TROUSERS, width=width
        )
        cv.oval(foot_x + f * h * 0.025, foot_y + h * 0.01, h * 0.065, h * 0.035, look.accent)
        cv.oval(
            foot_x + f * h * 0.025,
            foot_y + h * 0.022,
            h * 0.065,
            h * 0.014,
            darker(look.accent, 0.35),
        )


def draw_head(cv: Canvas, look: Look, x: float, head_y: float, r: float, mood: str, f: int) -> None:
    _hair_back(cv, look, x, head_y, r, f)
    for side in (-1, 1) if look.head_covering != "hijab" else ():  # a hijab covers the ears
        cv.circle(x + side * r * 0.98, head_y + r * 0.12, r * 0.2, look.skin)
    cv.circle(x, head_y, r, look.skin)
    _hair_front(cv, look, x, head_y, r, f)
    if look.hearing_aid:
        wearables.hearing_aid(cv, x, head_y + r * 0.12, r, -f)
    _face(cv, look, x, head_y, r, mood, f)


def head_box(pose: Pose) -> tuple[float, float, float, float]:
    """Where the hero's face is (with the hair), for keeping text off it."""
    h = pose.height
    body = "sit" if pose.arms != "sleep" and pose.body == "sit" else pose.body
    ground = pose.ground - (h * 0.12 if body == "jump" or pose.jump else 0.0)
    r = h * 0.15
    head_y = ground - h + r if body != "sit" else ground - h * 0.25 - h * 0.438
    return (pose.x - r * 1.45, head_y - r * 1.5, pose.x + r * 1.45, head_y + r * 1.1)


def draw_hero(cv: Canvas, look: Look, pose: Pose) -> tuple[float, float]:
    """Draw the hero; returns the front hand's position (for a held prop)."""
    h, x, f = pose.height, pose.x, pose.facing
    body = "sit" if look.wheelchair else pose.body
    lift = h * 0.12 if body == "jump" or pose.jump else 0.0
    ground = pose.ground - lift
    r = h * 0.15
    if body == "sit":
        seat = ground - h * 0.25
        head_y = seat - h * 0.438
    else:
        head_y = ground - h + r
    top = head_y + r * 0.92
    hip = top + h * 0.3
    skin_dark = darker(look.skin, 0.12)
    if look.wheelchair:
        wearables.wheelchair_back(cv, x, hip, pose.ground, h, f)
    _legs(cv, look, x, hip, ground, h, f, body)
    if look.wheelchair:
        wearables.wheelchair_front(cv, x, hip, pose.ground, h, f)
    front, back = POSES.get(pose.arms, POSES["stand"])
    shoulder_y = top + h * 0.05
    arm_w, arm_l = h * 0.07, h * 0.29
    _limb(
        cv,
        (x - f * h * 0.13, shoulder_y),
        back,
        arm_l,
        arm_w,
        darker(look.outfit, 0.12),
        skin_dark,
        -f,
    )
    # torso with the accent star
    cv.draw.rounded_rectangle(
        (x - h * 0.15, top, x + h * 0.15, hip + h * 0.02), h * 0.06, fill=look.outfit
    )
    cv.draw.rectangle((x - h * 0.14, hip - h * 0.03, x + h * 0.14, hip + h * 0.02), fill=TROUSERS)
    cv.star(x, top + h * 0.13, h * 0.065, look.accent)
    cv.draw.rectangle((x - r * 0.25, head_y + r * 0.7, x + r * 0.25, top + r * 0.1), fill=skin_dark)
    draw_head(cv, look, x, head_y, r, pose.mood, f)
    return _limb(cv, (x + f * h * 0.13, shoulder_y), front, arm_l, arm_w, look.outfit, look.skin, f)


def draw_sleeping(
    cv: Canvas, look: Look, x: float, pillow_y: float, r: float
) -> tuple[float, float, float, float]:
    """The hero asleep: the head on the pillow, eyes closed; the covers hide the rest.
    Returns the face's box."""
    draw_head(cv, look, x, pillow_y, r, "sleepy", 1)
    return (x - r * 1.45, pillow_y - r * 1.5, x + r * 1.45, pillow_y + r * 1.1)

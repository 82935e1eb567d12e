"""Composes one page: backdrop, the scene's objects, the hero and a touch of mood."""

from __future__ import annotations

import random

from PIL import Image

from adapters.pillow_illustrator.backdrop import Stage, paint_backdrop
from adapters.pillow_illustrator.canvas import Canvas, darker, lighter
from adapters.pillow_illustrator.hero import Look, Pose, draw_hero, look_from
from adapters.pillow_illustrator.registry import Thing, thing_for
from adapters.pillow_illustrator.things import bed
from domain.story import IllustrationRequest

POSES_BY_MOOD = {
    "calm": ("stand", "wave"),
    "excited": ("walk", "point", "wave"),
    "curious": ("point", "hold", "walk"),
    "worried": ("stand",),
    "hopeful": ("point", "wave", "hold"),
    "triumphant": ("cheer",),
}
# Quiet scenery added to sparse pictures, so pages of one place still look different.
SCENERY = {
    "outdoor": ("tree", "flower", "butterfly", "bird", "mushroom", "cloud"),
    "forest": ("mushroom", "flower", "butterfly", "tree"),
    "farm": ("tree", "flower", "butterfly", "bird"),
    "desert": ("cactus", "palm", "dune"),
    "snowy": ("snowflake", "pine", "bird"),
    "sea": ("bird", "island", "cloud"),
    "city": ("bird", "balloon", "tree"),
    "stadium": ("flag", "balloon", "ball"),
    "underwater": ("fish", "shell", "seaweed", "crab"),
    "space": ("star", "planet", "rocket"),
    "sky": ("bird", "kite", "star"),
    "indoor": ("blocks", "book", "ball", "balloon"),
    "bakery": ("cake", "cookie", "flower"),
}
FLOATERS = {"fish", "whale", "turtle", "octopus", "alien", "rocket"}
CONFETTI = ((240, 80, 90), (250, 200, 60), (80, 170, 240), (120, 200, 110), (200, 120, 230))


def _wash(cv: Canvas, mood: str) -> None:
    """A worried page is a little cooler, a sleepy one a little dimmer (backdrop only)."""
    tint = {"worried": ((40, 50, 100), 0.16), "sleepy": ((20, 20, 60), 0.12)}.get(mood)
    if tint:
        cv.img.paste(Image.blend(cv.img, Image.new("RGB", cv.img.size, tint[0]), tint[1]))


def _spots(rng: random.Random, count: int, avoid: float, low: float, high: float) -> list[float]:
    """Fractions of the width for background things, kept apart and away from the hero."""
    out: list[float] = []
    for _ in range(count * 12):
        if len(out) == count:
            break
        x = rng.uniform(low, high)
        if abs(x - avoid) > 0.16 and all(abs(x - o) > 0.22 for o in out):
            out.append(x)
    return out or [high]


def _paint(cv: Canvas, thing: Thing, x: float, y: float, scale: float = 1.0) -> None:
    thing.paint(cv, x, y, thing.size * cv.unit * scale)


def _decorate(cv: Canvas, mood: str, hero_x: float, head_y: float) -> None:
    rng, u = cv.rng, cv.unit
    if mood == "triumphant":
        for _ in range(45):
            x, y = rng.uniform(0, cv.w), rng.uniform(0, cv.h * 0.7)
            cv.draw.rectangle((x, y, x + u * 1.2, y + u * 0.7), fill=rng.choice(CONFETTI))
    elif mood in ("excited", "hopeful"):
        for _ in range(8 if mood == "excited" else 4):
            x = hero_x + rng.uniform(-18, 18) * u
            y = head_y + rng.uniform(-14, 4) * u
            cv.star(x, y, u * rng.uniform(1, 2), (255, 240, 150), points=4)


def _bedtime(cv: Canvas, look: Look, stage: Stage, others: list[tuple[str, Thing]]) -> None:
    u, rng = cv.unit, cv.rng
    bx, size = cv.w * rng.uniform(0.42, 0.58), u * 64
    bed(cv, bx, stage.ground_y, size)
    hero_h = u * 50
    seat = stage.ground_y - size * 0.12
    draw_hero(cv, look, Pose(bx - size * 0.18, seat, hero_h, "stand", 1, "sleepy"))
    cover = lighter(look.accent, 0.1) if look.accent != (255, 255, 255) else (140, 170, 230)
    top = seat - hero_h * 0.36
    cv.draw.rounded_rectangle(
        (bx - size * 0.46, top, bx + size * 0.46, stage.ground_y - size * 0.08), u * 3, fill=cover
    )
    for i in range(6):
        cv.star(
            bx - size * 0.36 + i * size * 0.14,
            top + (stage.ground_y - top) * 0.45,
            u * 1.6,
            darker(cover, 0.18),
        )
    for i, (_, thing) in enumerate(others[:2]):  # toys on the floor
        x = cv.w * (0.12 if i == 0 else 0.9)
        _paint(cv, thing, x, cv.h * 0.97, 0.6 if thing.size > 15 else 1.0)


def compose(request: IllustrationRequest, width: int, height: int) -> Image.Image:
    scene, rng = request.scene, random.Random(f"{request.seed}|{request.key}")
    cv = Canvas.new(width, height, rng)
    stage = paint_backdrop(cv, scene.setting, scene.time_of_day)
    _wash(cv, scene.mood)
    look = look_from(request.character)
    seen: dict[str, Thing] = {}
    for noun in scene.objects[:5]:
        key, thing = thing_for(noun)
        seen.setdefault(key, thing)
    items = list(seen.items())
    nouns = [n.lower().strip() for n in scene.objects[:5]]
    if "bed" in nouns:
        toys = [thing_for(n) for n in nouns if n not in ("bed", "moon", "star")]
        _bedtime(cv, look, stage, toys)
        return cv.img
    if stage.kind == "sky":  # the cloud kingdom already has its rainbow
        items = [(k, t) for k, t in items if k != "rainbow"]
    painted = {t.paint for _, t in items}
    extras = [
        n
        for n in SCENERY.get(scene.setting.lower(), SCENERY["outdoor"])
        if n not in seen and thing_for(n)[1].paint not in painted
    ]
    for noun in rng.sample(extras, min(len(extras), max(1, 5 - len(items)) - rng.randint(0, 1))):
        items.append(thing_for(noun))
    u = cv.unit
    hero_h = u * rng.uniform(40, 47)
    hero_x = cv.w * rng.choice((0.26, 0.5, 0.72)) + rng.uniform(-4, 4) * u
    facing = 1 if hero_x < cv.w * 0.45 else -1 if hero_x > cv.w * 0.55 else rng.choice((1, -1))
    floating = stage.kind in ("underwater", "space")
    sky = [(k, t) for k, t in items if t.place == "sky" or (floating and k in FLOATERS)]
    far = [(k, t) for k, t in items if t.place == "far" and (k, t) not in sky]
    near = [(k, t) for k, t in items if t.place == "ground" and (k, t) not in sky]
    small = [(k, t) for k, t in items if t.place == "small"]
    toy = 1.0
    if stage.kind == "indoor":  # at home, dinosaurs and castles are toys on the floor
        near, far, toy = far + near, [], 0.5
    for (_, thing), fx in zip(sky, _spots(rng, len(sky), hero_x / cv.w, 0.1, 0.9), strict=False):
        y = cv.h * rng.uniform(0.14, 0.32) if thing.centred else cv.h * rng.uniform(0.3, 0.5)
        _paint(cv, thing, cv.w * fx, y)
    for (_, thing), fx in zip(far, _spots(rng, len(far), hero_x / cv.w, 0.12, 0.88), strict=False):
        _paint(cv, thing, cv.w * fx, stage.horizon_y)
    edge = {1: hero_x + hero_h * 0.22, -1: hero_x - hero_h * 0.22}  # where free ground begins
    side = facing
    for _, thing in near[:3]:
        width_px = thing.size * u * toy
        room = {1: cv.w - edge[1], -1: edge[-1]}
        if room[side] < width_px * 0.8 and room[-side] > room[side]:
            side = -side
        x = edge[side] + side * width_px * 0.55
        edge[side] = x + side * width_px * 0.5
        x = min(max(x, width_px * 0.45), cv.w - width_px * 0.45)
        _paint(cv, thing, x, stage.ground_y - u * 2, toy)
        side = -side
    arms = rng.choice(POSES_BY_MOOD.get(scene.mood, ("stand", "wave")))
    cv.oval(hero_x, stage.ground_y, hero_h * 0.22, hero_h * 0.04, darker(stage.ground, 0.18))
    pose = Pose(
        hero_x, stage.ground_y, hero_h, arms, facing, scene.mood, scene.mood == "triumphant"
    )
    hand = draw_hero(cv, look, pose)
    for i, (_, thing) in enumerate(small[:2]):
        if i == 0 and arms == "hold":
            _paint(cv, thing, hand[0], hand[1] + thing.size * u * 0.35, 0.8)
            continue
        x = hero_x - facing * (hero_h * 0.32 + thing.size * u * (0.5 + i))
        x = min(max(x, thing.size * u), cv.w - thing.size * u)
        _paint(cv, thing, x, stage.ground_y + u * 2)
    _decorate(cv, scene.mood, hero_x, stage.ground_y - hero_h)
    return cv.img

"""Composes one page: backdrop, the scene's objects, the hero and a touch of mood."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from PIL import Image

from adapters.pillow_illustrator.backdrop import Stage, paint_backdrop
from adapters.pillow_illustrator.canvas import Canvas, darker, lighter
from adapters.pillow_illustrator.hero import (
    Look,
    Pose,
    draw_hero,
    draw_sleeping,
    head_box,
    look_from,
)
from adapters.pillow_illustrator.people import Figure, draw_figure, parse, width_of
from adapters.pillow_illustrator.places import furnish, setting_for
from adapters.pillow_illustrator.registry import THINGS, Thing, thing_for
from adapters.pillow_illustrator.things import bed
from domain.scenes import VIGNETTE_WINDOW
from domain.story import TEXT_ZONES, IllustrationRequest

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
# A page's action -> (arms, body) for the hero.
ACTIONS = {
    "stand": ("stand", "stand"),
    "walk": ("walk", "walk"),
    "run": ("run", "run"),
    "jump": ("cheer", "jump"),
    "sit": ("hold", "sit"),
    "hug": ("hug", "stand"),
    "wave": ("wave", "stand"),
    "cook": ("cook", "stand"),
    "read": ("read", "sit"),
    "point": ("point", "stand"),
    "cheer": ("cheer", "jump"),
    "hold": ("hold", "stand"),
}
PROPS = {"cook": "spoon", "read": "book"}
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


def _decorate(cv: Canvas, mood: str, hero_x: float, head_y: float, open_top: float) -> None:
    rng, u = cv.rng, cv.unit
    if mood == "triumphant":
        for _ in range(45):
            x, y = rng.uniform(0, cv.w), rng.uniform(cv.h * open_top, cv.h * 0.7)
            cv.draw.rectangle((x, y, x + u * 1.2, y + u * 0.7), fill=rng.choice(CONFETTI))
    elif mood in ("excited", "hopeful"):
        for _ in range(8 if mood == "excited" else 4):
            x = hero_x + rng.uniform(-18, 18) * u
            y = head_y + rng.uniform(-14, 4) * u
            cv.star(x, y, u * rng.uniform(1, 2), (255, 240, 150), points=4)


def _bedtime(cv: Canvas, look: Look, stage: Stage, companions: list[Figure]) -> Drawn:
    """Asleep in bed: the head on the pillow, the covers pulled up to the chin."""
    u, rng = cv.unit, cv.rng
    bx, size = cv.w * rng.uniform(0.42, 0.58), u * 70
    floor = stage.ground_y
    bed(cv, bx, floor, size)
    cover = lighter(look.accent, 0.1) if look.accent != (255, 255, 255) else (140, 170, 230)
    pillow_x, pillow_y = bx - size * 0.3, floor - size * 0.4
    cv.oval(pillow_x, pillow_y + size * 0.04, size * 0.14, size * 0.07, (255, 255, 255))
    face = draw_sleeping(cv, look, pillow_x, pillow_y, size * 0.09)
    top = pillow_y + size * 0.09
    cv.draw.rounded_rectangle(
        (bx - size * 0.44, top, bx + size * 0.46, floor - size * 0.07), u * 3, fill=cover
    )
    cv.draw.rounded_rectangle(
        (bx - size * 0.44, top, bx + size * 0.46, top + size * 0.05),
        u * 2,
        fill=lighter(cover, 0.35),
    )
    for i in range(5):
        cv.star(bx - size * 0.3 + i * size * 0.16, top + size * 0.15, u * 1.6, darker(cover, 0.18))
    for k in (0, 1):  # pyjama arms resting on the covers
        ax = pillow_x + size * (0.1 + k * 0.16)
        cv.draw.rounded_rectangle(
            (ax - size * 0.02, top + size * 0.01, ax + size * 0.13, top + size * 0.055),
            size * 0.02,
            fill=look.outfit,
        )
        cv.circle(ax + size * 0.14, top + size * 0.032, size * 0.026, look.skin)
    faces = [face]
    for figure in companions[:1]:  # a pet curled up at the foot of the bed
        if not figure.is_person:
            faces.append(
                draw_figure(
                    cv, figure, bx + size * 0.36, top + size * 0.02, u * 40, look, -1, "sleepy"
                )
            )
    return Drawn(pose="sleep", faces=tuple(faces), companions=tuple(f.kind for f in companions[:1]))


@dataclass(frozen=True, slots=True)
class Drawn:
    """What a page's picture shows, recorded while drawing it (for checks and for people)."""

    pose: str
    faces: tuple[tuple[float, float, float, float], ...] = ()  # pixels: hero first
    companions: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    place: str = ""
    text_zone: str = "top"

    def scaled(self, factor: float) -> Drawn:
        faces = tuple(tuple(v * factor for v in box) for box in self.faces)
        return replace(self, faces=faces)  # type: ignore[arg-type]


def _free_span(zone: str, w: float) -> tuple[float, float]:
    """Where figures may stand so that no face is under the words."""
    left, _, right, _ = TEXT_ZONES.get(zone, TEXT_ZONES["top"])
    if zone == "left":
        return w * (right + 0.06), w * 0.94
    if zone == "right":
        return w * 0.06, w * (left - 0.06)
    if zone == "vignette":  # inside the rounded window, clear of its corners
        return w * (VIGNETTE_WINDOW[0] + 0.06), w * (VIGNETTE_WINDOW[2] - 0.06)
    return w * 0.08, w * 0.92


def _fits(box: tuple[float, float, float, float], zone: str, w: float, h: float) -> bool:
    zx0, zy0, zx1, zy1 = TEXT_ZONES.get(zone, TEXT_ZONES["top"])
    x0, y0, x1, y1 = box
    return x1 <= zx0 * w or x0 >= zx1 * w or y1 <= zy0 * h or y0 >= zy1 * h


def compose(request: IllustrationRequest, width: int, height: int) -> Image.Image:
    return draw_page(request, width, height)[0]


def draw_page(request: IllustrationRequest, width: int, height: int) -> tuple[Image.Image, Drawn]:
    scene, rng = request.scene, random.Random(f"{request.seed}|{request.key}")
    cv = Canvas.new(width, height, rng)
    place = scene.place.lower().strip()
    zone = scene.text_zone if scene.text_zone in TEXT_ZONES else "top"
    open_top = TEXT_ZONES["full"][3] if zone == "full" else 0.0  # words go on the sky
    stage = paint_backdrop(cv, setting_for(place, scene.setting), scene.time_of_day, open_top)
    _wash(cv, scene.mood)
    look = look_from(request.character)
    u = cv.unit
    figures = [parse(c) for c in scene.companions][:3]
    nouns = [n.lower().strip() for n in scene.objects[:5]]
    action = scene.action or ("sleep" if "bed" in nouns else "")
    if action == "sleep":
        drawn = _bedtime(cv, look, stage, figures)
        return cv.img, replace(drawn, place=place, text_zone=zone, objects=("bed",))
    seen: dict[str, Thing] = {}
    for noun in scene.objects[:5]:
        key, thing = thing_for(noun)
        if key not in {f.kind for f in figures}:  # a companion is drawn once, as a companion
            seen.setdefault(key, thing)
    items = list(seen.items())
    if stage.kind == "sky":  # the cloud kingdom already has its rainbow
        items = [(k, t) for k, t in items if k != "rainbow"]
    if not place:  # an older text without places: quiet scenery so pages still differ
        painted = {t.paint for _, t in items}
        extras = [
            n
            for n in SCENERY.get(scene.setting.lower(), SCENERY["outdoor"])
            if n not in seen and thing_for(n)[1].paint not in painted
        ]
        for noun in rng.sample(
            extras, min(len(extras), max(1, 5 - len(items)) - rng.randint(0, 1))
        ):
            items.append(thing_for(noun))
    low, high = _free_span(zone, cv.w)
    hero_h = u * rng.uniform(40, 45)
    # With the words below, everyone stands just above them, on the grass or the floor; in a
    # vignette, their feet stay inside the window.
    ground = stage.ground_y
    if zone == "bottom":
        ground = min(ground, cv.h * (TEXT_ZONES["bottom"][1] - 0.01))
    elif zone == "vignette":
        ground = min(ground, cv.h * (VIGNETTE_WINDOW[3] - 0.04))
    group = [hero_h * 0.5] + [width_of(f, hero_h, u) for f in figures]
    gap = u * 3
    span = sum(group) + gap * len(figures)
    centres, at = [], 0.0
    for part in group:
        centres.append(at + part / 2)
        at += part + gap
    if span <= high - low:
        start = rng.uniform(low, high - span)
        xs = [start + c for c in centres]
    else:  # a crowd stands closer together, overlapping a little, all inside the free span
        first, last = low + group[0] / 2, high - group[-1] / 2
        scale = (last - first) / max(centres[-1] - centres[0], 1.0)
        xs = [first + (c - centres[0]) * scale for c in centres]
    if rng.random() < 0.5:  # the hero leads from the left or the right
        xs = [low + high - x for x in xs]
    order = list(range(len(group)))
    hero_x = xs[order[0]]
    facing = 1 if hero_x < cv.w * 0.5 else -1
    if place:
        furnish(cv, stage, place, hero_x)
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
        if zone == "full":  # the top band is open sky for the words
            y = max(y, cv.h * (TEXT_ZONES["full"][3] + 0.08))
        _paint(cv, thing, cv.w * fx, y)
    for (_, thing), fx in zip(far, _spots(rng, len(far), hero_x / cv.w, 0.12, 0.88), strict=False):
        _paint(cv, thing, cv.w * fx, stage.horizon_y)
    taken = [(x - w / 2, x + w / 2) for x, w in zip(xs, group, strict=True)]
    for _, thing in near[:3]:  # beside the group, where there is room, a little behind it
        size = thing.size * u * toy
        spots = [min(a for a, _ in taken) - size * 0.6, max(b for _, b in taken) + size * 0.6]
        x = max(spots, key=lambda s: min(s, cv.w - s))
        x = min(max(x, size * 0.45), cv.w - size * 0.45)
        _paint(cv, thing, x, ground - u * 5, toy * 0.9)
    faces: list[tuple[float, float, float, float]] = []
    drawn_companions: list[str] = []
    for figure, fx in zip(figures, xs[1:], strict=False):
        face_to = 1 if fx < hero_x else -1
        faces.append(
            draw_figure(cv, figure, fx, ground + u * 1.5, hero_h, look, face_to, scene.mood)
        )
        drawn_companions.append(figure.kind)
    pose_word = action or rng.choice(POSES_BY_MOOD.get(scene.mood, ("stand", "wave")))
    arms, body = ACTIONS.get(pose_word, (pose_word, "stand"))
    cv.oval(hero_x, ground, hero_h * 0.22, hero_h * 0.04, darker(stage.ground, 0.18))
    if body == "sit" and not look.wheelchair:  # something to sit on: a stool or a log
        seat_top = ground - hero_h * 0.25
        colour = (170, 115, 75) if stage.kind == "indoor" else (130, 95, 65)
        cv.draw.rounded_rectangle(
            (hero_x - hero_h * 0.14, seat_top, hero_x + hero_h * 0.1, ground),
            u,
            fill=colour,
        )
    pose = Pose(hero_x, ground, hero_h, arms, facing, scene.mood, body=body)
    hand = draw_hero(cv, look, pose)
    faces.insert(0, head_box(replace(pose, body="sit" if look.wheelchair else body)))
    prop = PROPS.get(pose_word)
    if prop:  # what the action needs in the hands: a bowl to stir, a book to read
        _paint(cv, THINGS[prop], hand[0], hand[1] + u * 3, 0.8)
    for i, (_, thing) in enumerate(small[:2]):
        if i == 0 and arms == "hold" and not prop:
            _paint(cv, thing, hand[0], hand[1] + thing.size * u * 0.35, 0.8)
            continue
        x = hero_x - facing * (hero_h * 0.32 + thing.size * u * (0.5 + i))
        x = min(max(x, thing.size * u), cv.w - thing.size * u)
        _paint(cv, thing, x, ground + u * 2)
    _decorate(cv, scene.mood, hero_x, ground - hero_h, open_top)
    record = Drawn(
        pose=pose_word,
        faces=tuple(faces),
        companions=tuple(drawn_companions),
        objects=tuple(k for k, _ in items if k in {thing_for(n)[0] for n in scene.objects}),
        place=place,
        text_zone=zone,
    )
    return cv.img, record

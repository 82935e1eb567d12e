"""Who else is in the picture: a sibling or friend drawn as a child (family likeness: the
hero's skin tone), a grandparent or parent as an adult, an animal as itself."""

from __future__ import annotations

from dataclasses import dataclass, replace

from adapters.pillow_illustrator.canvas import Canvas
from adapters.pillow_illustrator.hero import Look, Pose, draw_hero, head_box
from adapters.pillow_illustrator.registry import thing_for

Box = tuple[float, float, float, float]
PEOPLE = {"boy", "girl", "child", "baby", "grandma", "grandpa", "woman", "man"}
OUTFITS = {
    "boy": ((230, 120, 50), (250, 250, 250), "spiky"),
    "girl": ((200, 80, 160), (250, 220, 90), "braids"),
    "child": ((60, 170, 160), (250, 220, 90), "curly"),
    "baby": ((250, 200, 90), (255, 255, 255), "short"),
    "grandma": ((150, 90, 170), (240, 240, 240), "bun"),
    "grandpa": ((90, 120, 90), (240, 240, 240), "short"),
    "woman": ((210, 80, 90), (250, 220, 90), "long"),
    "man": ((70, 110, 170), (250, 250, 250), "short"),
}
GREY_HAIR = (205, 205, 210)
SCALE = {"baby": 0.62, "boy": 0.86, "girl": 0.86, "child": 0.86, "grandma": 1.12, "grandpa": 1.14}


@dataclass(frozen=True, slots=True)
class Figure:
    kind: str  # a PEOPLE word or an animal noun
    name: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind in PEOPLE


def parse(spec: str) -> Figure:
    """'boy:Arjun' -> a boy called Arjun; 'guide:mouse' -> a mouse; 'elephant' -> an elephant."""
    kind, _, name = spec.partition(":")
    if kind == "guide":
        return Figure(name)
    return Figure(kind, name)


def width_of(figure: Figure, hero_h: float, unit: float) -> float:
    if figure.is_person:
        return hero_h * SCALE.get(figure.kind, 1.1) * 0.45
    _, thing = thing_for(figure.kind)
    return thing.size * unit * 0.9


def draw_figure(
    cv: Canvas,
    figure: Figure,
    x: float,
    ground: float,
    hero_h: float,
    hero: Look,
    facing: int,
    mood: str,
) -> Box:
    """Draws the figure standing at (x, ground); returns where its face is."""
    if figure.is_person:
        outfit, accent, style = OUTFITS.get(figure.kind, OUTFITS["child"])
        hair = GREY_HAIR if figure.kind in ("grandma", "grandpa") else hero.hair
        look = replace(
            hero,
            outfit=outfit,
            accent=accent,
            style=style,
            hair=hair,
            glasses=figure.kind in ("grandma", "grandpa"),
            head_covering="none",
            hearing_aid=False,
            wheelchair=False,
        )
        pose = Pose(x, ground, hero_h * SCALE.get(figure.kind, 1.1), "wave", facing, mood)
        draw_hero(cv, look, pose)
        return head_box(pose)
    _, thing = thing_for(figure.kind)
    size = thing.size * cv.unit * 0.9
    y = ground if not thing.centred else ground - size * 0.5
    thing.paint(cv, x, y, size)
    return (x - size * 0.5, ground - size * 1.0, x + size * 0.5, ground - size * 0.35)

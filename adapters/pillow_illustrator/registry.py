"""Which painter draws which noun, where it goes in the picture and how big it is."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from adapters.pillow_illustrator import (
    beasts,
    creatures,
    critters,
    nature,
    props,
    things,
    toys,
    trinkets,
    wildlife,
)
from adapters.pillow_illustrator.canvas import Canvas

Paint = Callable[[Canvas, float, float, float], None]


@dataclass(frozen=True, slots=True)
class Thing:
    paint: Paint
    place: str  # sky | far (on the horizon) | ground (beside the hero) | small (at the feet)
    size: float  # in canvas units (1/100 of the shorter side)
    centred: bool = False  # painted around (x, y) instead of standing on it


def _t(paint: Paint, place: str, size: float, centred: bool = False) -> Thing:
    return Thing(paint, place, size, centred)


def _critter(kind: str) -> Paint:
    return partial(critters.critter, kind=kind)


BIG = {"elephant": 30, "horse": 30, "unicorn": 28, "camel": 30, "cow": 28}
THINGS: dict[str, Thing] = {
    "moon": _t(nature.moon, "sky", 20, True),
    "star": _t(nature.star, "sky", 10, True),
    "sun": _t(nature.sun, "sky", 22, True),
    "cloud": _t(nature.cloud, "sky", 22, True),
    "rainbow": _t(nature.rainbow, "far", 60),
    "planet": _t(things.planet, "sky", 24),
    "rocket": _t(things.rocket, "ground", 32),
    "tree": _t(nature.tree, "far", 34),
    "pine": _t(nature.pine, "far", 34),
    "palm": _t(nature.palm, "far", 34),
    "flower": _t(nature.flower, "small", 10),
    "mushroom": _t(nature.mushroom, "small", 11),
    "mountain": _t(nature.mountain, "far", 46),
    "volcano": _t(partial(nature.mountain, lava=True), "far", 46),
    "house": _t(things.house, "far", 30),
    "bandstand": _t(partial(things.house, wall=(250, 250, 250), roof=(90, 150, 210)), "far", 30),
    "barn": _t(things.barn, "far", 34),
    "castle": _t(things.castle, "far", 36),
    "tower": _t(things.tower, "far", 36),
    "lighthouse": _t(things.lighthouse, "far", 36),
    "pyramid": _t(things.pyramid, "far", 42),
    "dune": _t(things.dune, "far", 44),
    "windmill": _t(things.windmill, "far", 34),
    "bridge": _t(things.bridge, "far", 40),
    "island": _t(things.island, "far", 30),
    "goal": _t(things.goal, "far", 34),
    "cave": _t(things.cave, "far", 36),
    "pond": _t(things.pond, "ground", 34),
    "train": _t(things.train, "ground", 34),
    "boat": _t(things.boat, "far", 32),
    "tractor": _t(things.tractor, "ground", 30),
    "bus": _t(things.bus, "far", 30),
    "fish": _t(wildlife.fish, "ground", 16),
    "whale": _t(wildlife.whale, "far", 40),
    "turtle": _t(wildlife.turtle, "ground", 22),
    "octopus": _t(wildlife.octopus, "ground", 20),
    "crab": _t(wildlife.crab, "small", 13),
    "penguin": _t(wildlife.penguin, "ground", 22),
    "bird": _t(wildlife.bird, "ground", 16),
    "parrot": _t(wildlife.bird, "ground", 16),
    "owl": _t(wildlife.owl, "ground", 18),
    "butterfly": _t(wildlife.butterfly, "sky", 10),
    "raindrop": _t(wildlife.raindrop, "ground", 14),
    "seaweed": _t(wildlife.sway, "small", 16),
    "dinosaur": _t(creatures.dinosaur, "ground", 34),
    "dragon": _t(creatures.dragon, "ground", 34),
    "alien": _t(creatures.alien, "ground", 24),
    "robot": _t(creatures.robot, "ground", 26),
    "snowman": _t(creatures.snowman, "ground", 26),
    "ball": _t(props.ball, "small", 10),
    "cake": _t(props.cake, "small", 13),
    "cookie": _t(props.cookie, "small", 8),
    "book": _t(props.book, "small", 11),
    "key": _t(props.key, "small", 10),
    "map": _t(props.scroll_map, "small", 14),
    "gift": _t(props.gift, "small", 12),
    "balloon": _t(props.balloon, "small", 22),
    "crown": _t(props.crown, "small", 11),
    "shield": _t(props.shield, "small", 13),
    "egg": _t(props.egg, "small", 11),
    "drum": _t(props.drum, "small", 13),
    "note": _t(props.note, "sky", 10, True),
    "trophy": _t(props.trophy, "small", 13),
    "flag": _t(props.flag, "ground", 22),
    "lantern": _t(props.lantern, "small", 12),
    "gem": _t(props.gem, "small", 10),
    "heart": _t(props.heart, "small", 10),
    "gear": _t(props.gear, "small", 12),
    "pumpkin": _t(props.pumpkin, "small", 13),
    "apple": _t(props.apple, "small", 8),
    "shell": _t(props.shell, "small", 9),
    "cactus": _t(props.cactus, "ground", 24),
    "kite": _t(toys.kite, "sky", 20, True),
    "umbrella": _t(toys.umbrella, "small", 18),
    "snowflake": _t(toys.snowflake, "sky", 10, True),
    "chest": _t(toys.chest, "small", 14),
    "blocks": _t(toys.blocks, "small", 12),
    "brush": _t(toys.brush, "small", 11),
    "wand": _t(toys.stick_star, "small", 12),
    "coin": _t(trinkets.coin, "small", 8),
    "bell": _t(trinkets.bell, "small", 11),
    "jar": _t(trinkets.jar, "small", 11),
    "spoon": _t(trinkets.spoon, "small", 10),
    "whisk": _t(trinkets.spoon, "small", 10),
    "ticket": _t(trinkets.ticket, "small", 11),
    "mirror": _t(trinkets.mirror, "small", 12),
    "compass": _t(trinkets.compass, "small", 10),
    "guitar": _t(trinkets.guitar, "small", 15),
    "flute": _t(trinkets.flute, "small", 12),
    "banana": _t(trinkets.banana, "small", 9),
    "sled": _t(trinkets.sled, "small", 16),
    "ribbon": _t(trinkets.ribbon, "small", 10),
    "battery": _t(trinkets.battery, "small", 10),
    "toolbox": _t(trinkets.toolbox, "small", 12),
    "acorn": _t(trinkets.acorn, "small", 8),
    "whistle": _t(trinkets.whistle, "small", 8),
    "vane": _t(trinkets.vane, "far", 26),
    **{kind: _t(_critter(kind), "ground", BIG.get(kind, 24)) for kind in critters.CRITTERS},
    "elephant": _t(beasts.elephant, "ground", 34),
    "monkey": _t(beasts.monkey, "ground", 24),
}

ALIASES = {
    "ship": "boat",
    "sailboat": "boat",
    "lake": "pond",
    "river": "pond",
    "waterfall": "pond",
    "football": "ball",
    "soccer": "ball",
    "seagull": "bird",
    "songbird": "bird",
    "puppy": "dog",
    "kitten": "cat",
    "pony": "horse",
    "t-rex": "dinosaur",
    "dino": "dinosaur",
    "coral": "seaweed",
    "spaceship": "rocket",
    "sledge": "sled",
    "treasure": "chest",
    "cup": "trophy",
    "present": "gift",
    "bunny": "bunny",
    "rabbit": "bunny",
    "lamb": "sheep",
    "snowflake": "snowflake",
    "crystal": "gem",
    "stone": "gem",
    "badge": "star",
    "medal": "trophy",
    "helmet": "shield",
    "whales": "whale",
    "fishes": "fish",
    "lamp": "lantern",
    "cupcake": "cake",
    "biscuit": "cookie",
    "piano": "note",
    "music": "note",
    "song": "note",
    "tiger": "tiger",
    "camel": "camel",
}
FALLBACKS = ("gift", "balloon")


def _singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def thing_for(noun: str) -> tuple[str, Thing]:
    """The painter for a noun; an unknown noun becomes a gift box or a balloon (stable per noun)."""
    word = noun.lower().strip()
    for candidate in (word, _singular(word), word.split()[-1] if word.split() else word):
        key = ALIASES.get(candidate, candidate)
        if key in THINGS:
            return key, THINGS[key]
    pick = hashlib.sha256(word.encode("utf-8")).digest()[0] % len(FALLBACKS)
    return FALLBACKS[pick], THINGS[FALLBACKS[pick]]

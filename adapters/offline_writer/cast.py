"""Puts the child's own interests into the planned pages, and says where each page happens,
what the hero is doing and who is there (so the pictures can follow the words).

A hobby is something the hero does (at home on page 1, and to help on page 8); a person is a
character (a brother comes along on the adventure, a grandparent is there at home); an animal
becomes a companion from page 3; any other interest is what the hero loves (page 1).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from adapters.offline_writer.interests import Interest, classify_all
from adapters.offline_writer.pages import PagePlan
from adapters.offline_writer.text import article

# theme key -> the place the illustrator draws for the adventure's pages
WORLD_PLACES = {
    "space": "space",
    "weather": "sky",
    "dragons": "mountains",
    "ocean": "underwater",
    "pirates": "beach",
    "arctic": "snow",
    "dinosaurs": "volcano land",
    "jungle": "jungle",
    "desert": "desert",
    "castle": "castle",
    "magic_forest": "forest",
    "superheroes": "city",
    "robots": "city",
    "trains": "railway",
    "baking": "bakery",
    "sports": "stadium",
    "music": "meadow",
    "farm": "farm",
}
# hobby stem -> (where the hero is at home, the pose)
HOBBY_SCENES = {
    "bak": ("kitchen", "cook"),
    "cook": ("kitchen", "cook"),
    "draw": ("living room", "sit"),
    "paint": ("living room", "sit"),
    "colou": ("living room", "sit"),
    "read": ("living room", "read"),
    "book": ("living room", "read"),
    "lego": ("living room", "sit"),
    "build": ("living room", "sit"),
    "football": ("garden", "run"),
    "soccer": ("garden", "run"),
    "cricket": ("garden", "run"),
    "danc": ("living room", "jump"),
    "sing": ("living room", "wave"),
    "music": ("living room", "wave"),
    "swim": ("living room", "stand"),
    "cycl": ("garden", "walk"),
    "bike": ("garden", "walk"),
    "garden": ("garden", "hold"),
    "climb": ("garden", "jump"),
}
JOY = {
    "elephant": "trumpeted with joy",
    "monkey": "chattered and clapped",
    "dog": "barked a happy bark",
    "cat": "purred like a little engine",
    "horse": "neighed and tossed its mane",
    "unicorn": "tossed its shining mane",
    "bunny": "hopped in happy circles",
    "bird": "sang a happy song",
    "lion": "gave a proud little roar",
    "tiger": "gave a proud little roar",
}
# The hero's pose on each page of the story shape (pages.py).
POSES = {
    1: "stand",
    2: "wave",
    3: "walk",
    4: "stand",
    5: "point",
    6: "run",
    7: "sit",
    8: "point",
    9: "hold",
    10: "jump",
    11: "wave",
    12: "sleep",
}
ADVENTURE = range(3, 11)


@dataclass(frozen=True, slots=True)
class Cast:
    hobbies: list[Interest]
    people: list[Interest]
    animals: list[Interest]
    topics: list[Interest]

    @property
    def loved(self) -> list[str]:
        """What the hero 'loves' in so many words: topics and animals, as the parent wrote."""
        return [i.raw for i in (*self.topics, *self.animals)]


def cast_of(interests: tuple[str, ...] | list[str]) -> Cast:
    kinds = classify_all(interests)
    return Cast(
        hobbies=[i for i in kinds if i.kind == "hobby"],
        people=[i for i in kinds if i.kind == "person"],
        animals=[i for i in kinds if i.kind == "animal"],
        topics=[i for i in kinds if i.kind == "topic"],
    )


def _short(template: str) -> str:
    """The first clause, for the youngest listeners: 'X loved to bake, and ...' -> 'X loved
    to bake.'"""
    head = template.split(", ")[0].rstrip(".!")
    return head + "."


def _stem_scene(hobby: Interest) -> tuple[str, str]:
    words = hobby.raw.lower().split()
    for stem, scene in HOBBY_SCENES.items():
        if any(w.startswith(stem) for w in words):
            return scene
    return ("living room", "stand")


def person_refs(person: Interest) -> tuple[str, str]:
    """(first mention, later mentions): "her little brother Arjun" / "Arjun"."""
    if person.name and person.name.lower() not in person.role.lower():
        return f"{{their}} {person.role} {person.name}", person.name
    if person.role[:1].isupper():
        return person.role, person.role
    return f"{{their}} {person.role}", f"{{their}} {person.role}"


def figure(person: Interest) -> str:
    """How the illustrator draws a person: 'boy:Arjun', 'grandma'."""
    return f"{person.figure}:{person.name}" if person.name else person.figure


def add_interests(plans: list[PagePlan], cast: Cast, young: bool, guide: str) -> list[PagePlan]:
    """Each interest gets its sentences (level 0: always said) on the pages that suit it."""
    extra: dict[int, list[str]] = {n: [] for n in range(1, 13)}
    companions: dict[int, list[str]] = {n: [] for n in range(1, 13)}

    def say(page: int, template: str) -> None:
        extra[page].append(_short(template) if young else template)

    for n in range(2, 12):
        companions[n].append(f"guide:{guide}")
    if cast.hobbies:
        say(1, cast.hobbies[0].home)
        say(8, cast.hobbies[0].deed)
    for hobby in cast.hobbies[1:3]:
        say(5 if hobby is cast.hobbies[1] else 9, hobby.deed)
    for person in cast.people[:2]:
        first, later = person_refs(person)
        child = person.figure in ("boy", "girl", "child", "baby")
        cap = later[:1].upper() + later[1:] if not later.startswith("{") else "{Their}" + later[7:]
        if child:
            extra[1].append(f"{{name}} and {first} did almost everything together.")
            say(2, f"{cap} came running too, eyes as round as saucers.")
            say(10, f"{cap} cheered the loudest of all.")
            for n in range(2, 11):
                companions[n].append(figure(person))
        else:
            extra[1].append(f"{{name}} loved {first} very much, and the feeling was mutual.")
            say(11, f"{cap} was waiting at the door with a big warm hug.")
            for n in (1, 11):
                companions[n].append(figure(person))
    for animal in cast.animals[:2]:
        kind = animal.animal
        if kind == guide:
            continue  # the guide already is one: the child's favourite animal leads the way
        little = f"little {kind}"
        say(3, f"On the way, {article(little)} came trotting up, and it decided to come along.")
        say(10, f"The {little} {JOY.get(kind, 'did a happy little hop')}.")
        for n in range(3, 12):
            companions[n].append(kind)
    topics = [t.raw for t in cast.topics[2:]]
    if topics:
        listed = topics[0] if len(topics) == 1 else ", ".join(topics[:-1]) + " and " + topics[-1]
        extra[12].insert(0, f"{{name}} fell asleep thinking about {listed}.")
    out: list[PagePlan] = []
    for number, plan in enumerate(plans, start=1):
        sentences = list(plan.sentences)
        at = len(sentences) - 1 if plan.keep_last else len(sentences)
        # after the page's opening sentence, so the story beat still leads the page
        at = min(at, 2 if number == 1 else 1)
        for template in reversed(extra[number]):
            sentences.insert(at, (template, 0))
        out.append(
            replace(
                plan,
                sentences=tuple(sentences),
                pose=plan.pose or POSES[number],
                companions=tuple(dict.fromkeys(companions[number])),
            )
        )
    return out


def place_pages(plans: list[PagePlan], cast: Cast, theme_key: str) -> list[PagePlan]:
    world = WORLD_PLACES.get(theme_key, "meadow")
    home, pose = _stem_scene(cast.hobbies[0]) if cast.hobbies else ("living room", "stand")
    places = {1: home, 2: "garden", 11: "garden", 12: "bedroom"}
    out = []
    for number, plan in enumerate(plans, start=1):
        place = places.get(number, world)
        page_pose = pose if number == 1 else plan.pose
        out.append(replace(plan, place=place, pose=page_pose))
    return out

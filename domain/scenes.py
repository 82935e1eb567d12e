"""A page's scene in words every illustrator knows: the places, poses and people it may name,
how a writer's free answer is held to them, and which layout each page gets.

A language model answers in its own words ("the cosy kitchen", "running", "Arjun, her little
brother"); these rules turn that into the fixed vocabulary, and fall back per page (the page
before's place, a pose from the words) rather than failing a whole book over one field.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

# Places the illustrators draw (the Pillow illustrator paints each one).
PLACES = (
    "bedroom",
    "kitchen",
    "living room",
    "bakery",
    "school",
    "garden",
    "park",
    "meadow",
    "jungle",
    "forest",
    "castle",
    "mountains",
    "volcano land",
    "railway",
    "beach",
    "sea",
    "snow",
    "desert",
    "farm",
    "city",
    "market",
    "stadium",
    "space",
    "sky",
    "underwater",
)
PLACE_WORDS = {
    "home": "living room",
    "house": "living room",
    "lounge": "living room",
    "classroom": "school",
    "playground": "park",
    "field": "meadow",
    "woods": "forest",
    "wood": "forest",
    "rainforest": "jungle",
    "palace": "castle",
    "mountain": "mountains",
    "hill": "mountains",
    "volcano": "volcano land",
    "station": "railway",
    "train": "railway",
    "shore": "beach",
    "seaside": "beach",
    "ocean": "sea",
    "boat": "sea",
    "ship": "sea",
    "snowy": "snow",
    "ice": "snow",
    "arctic": "snow",
    "town": "city",
    "street": "city",
    "shop": "market",
    "bazaar": "market",
    "pitch": "stadium",
    "planet": "space",
    "moon": "space",
    "rocket": "space",
    "clouds": "sky",
    "cloud": "sky",
    "reef": "underwater",
}
SETTING_PLACES = {
    "indoor": "living room",
    "night": "garden",
    "underwater": "underwater",
    "space": "space",
    "outdoor": "park",
}
# The hero's poses; 'sleep' is the hero in bed.
ACTIONS = (
    "stand",
    "walk",
    "run",
    "jump",
    "sit",
    "sleep",
    "hug",
    "wave",
    "cook",
    "read",
    "point",
    "cheer",
    "hold",
)
ACTION_WORDS = {
    "standing": "stand",
    "walking": "walk",
    "explore": "walk",
    "exploring": "walk",
    "running": "run",
    "race": "run",
    "racing": "run",
    "jumping": "jump",
    "leap": "jump",
    "sitting": "sit",
    "sleeping": "sleep",
    "asleep": "sleep",
    "hugging": "hug",
    "cuddle": "hug",
    "waving": "wave",
    "cooking": "cook",
    "bake": "cook",
    "baking": "cook",
    "stir": "cook",
    "reading": "read",
    "pointing": "point",
    "look": "point",
    "looking": "point",
    "cheering": "cheer",
    "celebrate": "cheer",
    "dance": "cheer",
    "dancing": "cheer",
    "holding": "hold",
    "carry": "hold",
    "carrying": "hold",
}
# People drawn as people (anyone else named is an animal or creature drawn as itself).
PEOPLE = ("boy", "girl", "child", "baby", "grandma", "grandpa", "woman", "man")
PEOPLE_WORDS = {
    "brother": "boy",
    "sister": "girl",
    "friend": "child",
    "cousin": "child",
    "granny": "grandma",
    "grandmother": "grandma",
    "nani": "grandma",
    "dadi": "grandma",
    "grandfather": "grandpa",
    "nana": "grandpa",
    "dada": "grandpa",
    "mum": "woman",
    "mom": "woman",
    "mother": "woman",
    "mummy": "woman",
    "aunt": "woman",
    "teacher": "woman",
    "dad": "man",
    "father": "man",
    "daddy": "man",
    "uncle": "man",
}
MAX_COMPANIONS = 3
MAX_OBJECTS = 4


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.casefold())


def known_place(said: str, setting: str, before: str = "") -> str:
    """'the cosy kitchen' -> 'kitchen'; an unknown place stays where the page before was, or
    follows the setting ('underwater', 'space', 'indoor'...)."""
    text = " ".join(_words(said))
    for place in PLACES:
        if re.search(rf"\b{place}\b", text):
            return place
    for word in _words(said):
        if word in PLACE_WORDS:
            return PLACE_WORDS[word]
    return before or SETTING_PLACES.get(setting, "park")


def known_action(said: str, text: str) -> str:
    """'running to the gate' -> 'run'; otherwise a pose the page's words suggest, or 'stand'."""
    for word in _words(said):
        if word in ACTIONS:
            return word
        if word in ACTION_WORDS:
            return ACTION_WORDS[word]
    page = set(_words(text))
    if page & {"asleep", "sleeping", "snuggled", "snug"}:
        return "sleep"
    return "stand"


def known_companion(kind: str, name: str, hero: str) -> str | None:
    """('little brother', 'Arjun') -> 'boy:Arjun'; ('elephant', '') -> 'elephant'; the hero
    is never their own companion."""
    clean_name = " ".join(re.findall(r"[^\W\d_][\w'-]*", name))[:24]
    if clean_name.casefold() == hero.casefold():
        return None
    words = _words(kind)
    person = next(
        (w if w in PEOPLE else PEOPLE_WORDS[w] for w in words if w in PEOPLE or w in PEOPLE_WORDS),
        None,
    )
    if person:
        return f"{person}:{clean_name}" if clean_name else person
    if not words or (words and words[-1] == hero.casefold()):
        return None
    noun = words[-1][:24]
    return f"guide:{noun}" if clean_name else noun


def mentioned(objects: Sequence[str], text: str) -> tuple[str, ...]:
    """Only what the page's words name is drawn: 'football' stays when the page says footballs,
    a kite the page never mentions goes."""
    said = text.casefold()
    out: list[str] = []
    for noun in objects:
        words = _words(noun)
        if words and re.search(rf"\b{re.escape(words[-1])}(e?s)?\b", said):
            out.append(" ".join(words))
    return tuple(dict.fromkeys(out))[:MAX_OBJECTS]


# Where a page's words sit, as fractions of the picture (left, top, right, bottom): the
# illustrator keeps every face out of it. 'full' sets a few words straight onto the picture's
# open sky; 'vignette' shows the picture in a rounded window with the words on the paper
# below it; the others put the words in a panel on a full-bleed picture.
LAYOUTS: dict[str, tuple[float, float, float, float]] = {
    "top": (0.0, 0.0, 1.0, 0.38),
    "bottom": (0.0, 0.66, 1.0, 1.0),
    "left": (0.0, 0.0, 0.38, 1.0),
    "right": (0.62, 0.0, 1.0, 1.0),
    "full": (0.0, 0.0, 1.0, 0.28),
    "vignette": (0.0, 0.72, 1.0, 1.0),
}
# The picture shown through a vignette's window (the rest of the page is paper).
VIGNETTE_WINDOW = (0.08, 0.07, 0.92, 0.70)
# How many words each layout holds before the page needs a roomier one.
LAYOUT_WORDS = {"full": 28, "left": 110, "right": 110, "vignette": 100}


def choose_layouts(word_counts: Sequence[int], sleeping: Sequence[bool], seed: str) -> list[str]:
    """A layout per page: varied (never the same twice in a row, every kind used in a long
    book), each page's words fitting its layout, the bedtime page's words above the bed."""
    rng = random.Random(seed)
    kinds = list(LAYOUTS)
    out: list[str] = []
    pool: list[str] = []
    for n, (count, asleep) in enumerate(zip(word_counts, sleeping, strict=True)):
        if asleep:
            out.append("top")
            continue
        if not pool:
            pool = kinds[:]
            rng.shuffle(pool)
        taken = {out[-1] if out else "", "top" if sleeping[n + 1 : n + 2] == [True] else ""}
        fits = [
            k
            for k in (*pool, *rng.sample(kinds, len(kinds)))
            if count <= LAYOUT_WORDS.get(k, 10_000) and k not in taken
        ]
        # 'top' and 'bottom' hold any page; both taken only before a bedtime after 'bottom'
        pick = fits[0] if fits else "top"
        if pick in pool:
            pool.remove(pick)
        out.append(pick)
    return out

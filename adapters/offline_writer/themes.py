"""The theme table: what each kind of world looks, sounds and feels like.

The data lives in themes_*.py; this module holds the shapes, the registry and interest matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Line:
    """One story sentence in two registers: short for ages 1-4, long for older readers.
    `noun` is the thing the sentence puts into the picture."""

    short: str
    long: str
    noun: str = ""


def line(short: str, long: str = "", noun: str = "") -> Line:
    return Line(short, long or short, noun)


# Compact notations for the data tables, so each theme stays readable on one screen.
def kw(text: str) -> tuple[str, ...]:
    """'space, rocket, outer space' -> keywords."""
    return tuple(w.strip() for w in text.split(",") if w.strip())


def options(text: str) -> tuple[str, ...]:
    """'A | B | C' -> alternatives (titles may contain commas)."""
    return tuple(w.strip() for w in text.split(" | "))


def pairs(text: str) -> tuple[tuple[str, str], ...]:
    """'star map:map, moon lantern:lantern' -> (phrase, drawable noun) pairs."""
    return tuple((a.strip(), b.strip()) for a, b in (p.split(":") for p in text.split(",")))


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # "the Moon"
    prep: str  # "on"
    noun: str  # drawn in the picture

    @property
    def at(self) -> str:
        return f"{self.prep} {self.name}"


def spots(text: str) -> tuple[Place, ...]:
    """'on the Moon:moon; in the Comet Caves:mountain' -> places (the first word is the
    preposition)."""
    out = []
    for part in text.split(";"):
        where, noun = part.strip().rsplit(":", 1)
        prep, name = where.split(" ", 1)
        out.append(Place(name, prep, noun))
    return tuple(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class Theme:
    key: str
    label: str  # "space" as in "a space adventure"
    keywords: tuple[str, ...]
    icon: str  # a drawable noun standing for the theme
    world: str  # "the stars", as in "dreamed of the stars"
    setting: str  # SceneSpec.setting while inside the story world
    time_of_day: str
    guide: str
    guide_desc: str
    guide_noun: str
    # (phrase, drawable noun), singular, no article; items[0] can break and be mended.
    items: tuple[tuple[str, str], ...]
    places: tuple[Place, ...]
    little: tuple[str, str]  # someone small who needs help: (phrase, noun)
    event: str  # "the Starlight Parade"
    home: Line
    call: Line
    journey: Line
    sights: tuple[Line, ...]
    obstacles: tuple[Line, ...]
    cheer: Line
    keepsake: Line
    dream: Line
    sounds: tuple[str, ...]
    titles: tuple[str, ...]  # series titles, with or without {name}
    hooks: tuple[str, ...]
    interest_hooks: tuple[str, ...]  # hooks that weave in {interest}


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@cache
def all_themes() -> tuple[Theme, ...]:
    # Imported here: the data modules import the shapes above.
    from adapters.offline_writer.themes_land import LAND_THEMES
    from adapters.offline_writer.themes_make import MAKE_THEMES
    from adapters.offline_writer.themes_play import PLAY_THEMES
    from adapters.offline_writer.themes_sea import SEA_THEMES
    from adapters.offline_writer.themes_sky import SKY_THEMES
    from adapters.offline_writer.themes_tale import TALE_THEMES

    # Order matters only for interest matching: the first theme with a keyword wins.
    return SKY_THEMES + SEA_THEMES + LAND_THEMES + TALE_THEMES + MAKE_THEMES + PLAY_THEMES


def theme_by_key(key: str) -> Theme | None:
    return next((t for t in all_themes() if t.key == key), None)


def interest_words(interest: str) -> set[str]:
    tokens = re.findall(r"[^\W_]+(?:-[^\W_]+)*", interest.lower())
    return {_stem(t) for t in tokens} | {t for t in tokens}


def match_theme(text: str) -> Theme | None:
    """The theme whose keywords appear in `text` (an interest, a title, a hook).
    Phrases ('ice cream') are tried before single words ('ice') so the specific one wins."""
    lowered = " ".join(re.findall(r"[^\W_]+", text.lower()))
    for theme in all_themes():
        if any(" " in k and f" {k} " in f" {lowered} " for k in theme.keywords):
            return theme
    found = interest_words(text)
    for theme in all_themes():
        if any(" " not in k and (k in found or _stem(k) in found) for k in theme.keywords):
            return theme
    return None

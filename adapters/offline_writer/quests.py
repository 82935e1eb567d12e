"""Storyline plots ("quests"): the problem and resolution pages of a book.

A quest is theme-neutral; the theme fills in {item}, {place}, {little}, {guide}, {event}.
Each beat has a core sentence (short for ages 1-4, long for older readers), details for
ages 5+ and rich details for ages 9+. `action` describes the picture for AI illustrators
(no names: the hero is described by the character sheet).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from adapters.offline_writer.themes import Line, line


@dataclass(frozen=True, slots=True, kw_only=True)
class Beat:
    core: Line
    details: tuple[str, ...] = ()
    rich: tuple[str, ...] = ()
    action: str = ""
    nouns: tuple[str, ...] = ()  # 'item', 'place', 'place2', 'little', 'guide' or a noun
    time_of_day: str = ""  # overrides the theme's time when the beat needs it
    mood: str = ""  # overrides the page's usual mood


@dataclass(frozen=True, slots=True, kw_only=True)
class Quest:
    key: str
    titles: tuple[str, ...]  # tried in order; the first that fits wins
    hooks: tuple[str, ...]  # the last one has no {name}, as a fallback for long names
    problem: Beat  # page 4
    search: Beat  # page 5
    setback: Beat  # page 7
    idea: Beat  # page 8
    solution: Beat  # page 9
    celebrate: Beat  # page 10


def beat(
    short: str,
    long: str,
    details: tuple[str, ...] = (),
    rich: tuple[str, ...] = (),
    *,
    action: str,
    nouns: tuple[str, ...] = (),
    time_of_day: str = "",
    mood: str = "",
) -> Beat:
    return Beat(
        core=line(short, long),
        details=details,
        rich=rich,
        action=action,
        nouns=nouns,
        time_of_day=time_of_day,
        mood=mood,
    )


@cache
def all_quests() -> tuple[Quest, ...]:
    # Imported here: the data modules import the shapes above.
    from adapters.offline_writer.quests_find import FIND_QUESTS
    from adapters.offline_writer.quests_heart import HEART_QUESTS
    from adapters.offline_writer.quests_help import HELP_QUESTS
    from adapters.offline_writer.quests_make import MAKE_QUESTS

    return FIND_QUESTS + HELP_QUESTS + MAKE_QUESTS + HEART_QUESTS

"""What a parent's regeneration request asks for, in the kinds every writer can follow:
shorter or longer text, a calmer or funnier tone, another ending, a person or an animal to
add, a different look. The bot says plainly which of these it understood (and the offline
writer follows exactly these); anything else needs a language model."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHORTER = re.compile(r"\b(shorter|less (text|words?)|fewer words|too long|too many words)\b", re.I)
_LONGER = re.compile(r"\b(longer|more (text|words?|detail)|too short)\b", re.I)
_CALMER = re.compile(r"\b(calm\w*|gentle\w*|quiet\w*|soothing|less scary|too scary|sleepy)\b", re.I)
_FUNNIER = re.compile(r"\b(funn\w*|sill\w*|jokes?|laugh\w*|humou?r\w*|giggl\w*)\b", re.I)
_ENDING = re.compile(r"\b(ending|end)\b", re.I)
_RELATIONS = (
    "brother|sister|cousin|friend|twin|grandma|granny|nana|nani|dadi|grandpa|grandad|nanu|"
    "dada|mum|mummy|mom|mommy|mama|dad|daddy|papa|aunt|auntie|uncle|baby"
)
_PERSON = re.compile(
    rf"\b(?:(?:her|his|their|my|a|the)\s+)?(?:(?:little|big|baby|best)\s+)?({_RELATIONS})"
    r"(?:\s+([A-Z][\w'\u2019-]+))?",
    re.I,
)
_ANIMALS = (
    "elephant|monkey|cat|kitten|dog|puppy|horse|pony|unicorn|bunny|rabbit|penguin|owl|tiger|"
    "lion|fox|bear|turtle|frog|mouse|cow|sheep|pig|whale|octopus|bird|parrot|dragon|dinosaur|"
    "giraffe|camel"
)
_ANIMAL = re.compile(rf"\b({_ANIMALS})(?:s|es)?\b", re.I)


@dataclass(frozen=True, slots=True)
class Wishes:
    shorter: bool = False
    longer: bool = False
    calmer: bool = False
    funnier: bool = False
    new_ending: bool = False
    people: tuple[str, ...] = ()  # "her cousin Maya", "Grandma": as the parent wrote them
    animals: tuple[str, ...] = ()  # "puppy", "dragon": singular

    @property
    def empty(self) -> bool:
        return self == Wishes()

    def described(self) -> list[str]:
        """In plain words, for telling the parent what the new version changes."""
        out = []
        if self.shorter:
            out.append("shorter pages")
        if self.longer:
            out.append("longer pages")
        if self.calmer:
            out.append("a calmer, gentler tone")
        if self.funnier:
            out.append("a funnier, sillier tone")
        if self.new_ending:
            out.append("a different ending")
        out += [f"{p} in the story" for p in self.people]
        out += [f"a {a} on the adventure" for a in self.animals]
        return out


def read_wishes(text: str | None) -> Wishes:
    if not text:
        return Wishes()
    shorter, longer = bool(_SHORTER.search(text)), bool(_LONGER.search(text))
    people = []
    for match in _PERSON.finditer(text):
        phrase = match.group(0).strip()
        people.append(phrase)
    animals = list(dict.fromkeys(m.group(1).lower() for m in _ANIMAL.finditer(text)))
    return Wishes(
        shorter=shorter and not longer,
        longer=longer and not shorter,
        calmer=bool(_CALMER.search(text)),
        funnier=bool(_FUNNIER.search(text)),
        new_ending=bool(_ENDING.search(text)),
        people=tuple(dict.fromkeys(people))[:2],
        animals=tuple(animals)[:2],
    )


def people_named(text: str | None) -> list[str]:
    """The names a parent gives people in a phrase ('her brother Kabir' -> ['Kabir']), so
    what must stay private can be found; over-finding is harmless."""
    return [m.group(2) for m in _PERSON.finditer(text or "") if m.group(2)]

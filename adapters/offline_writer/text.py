"""Text helpers for the offline writer: stable seeding, pronoun-aware templates, page fitting.

Templates use `{token}` placeholders. Pronoun tokens follow the hero's pronouns:
`{they}`, `{them}`, `{their}`, `{themselves}`, `{they_were}`, `{they_are}`, `{they_have}`;
`{they:verb}` conjugates a present-tense verb ("she finds" / "they find"). A capitalised
token (`{They}`, `{Guide}`) capitalises the first letter of its value.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.profiles import Pronouns

_TOKEN = re.compile(r"\{(\w+)(?::(\w+))?\}")
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_VOWEL_SOUND = re.compile(r"^(?:[aeiou]|hour|honest)", re.IGNORECASE)


def stable_rng(*parts: object) -> random.Random:
    """A Random seeded from a sha256 of the inputs: hash() is salted per process, sha256 is not."""
    text = "\x1f".join(repr(p) for p in parts)
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    return random.Random(seed)


def words(text: str) -> int:
    return len(text.split())


# A sentence this long or longer is never repeated between two books of one child.
LONG_SENTENCE = 8
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\u2019\"])\s+(?=[\u201c\"A-Z0-9])")


def sentences_of(text: str) -> list[str]:
    """A page's sentences (a quotation closing a sentence stays with it)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def long_sentences(texts: Sequence[str]) -> set[str]:
    return {s for t in texts for s in sentences_of(t) if words(s) >= LONG_SENTENCE}


def third_person(verb: str) -> str:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    return verb + "s"


def article(phrase: str) -> str:
    """'a star map', 'an ice crown'."""
    return f"{'an' if _VOWEL_SOUND.match(phrase) else 'a'} {phrase}"


def title_case(phrase: str) -> str:
    small = {"a", "an", "the", "of", "and", "in", "on", "to"}
    parts = phrase.split()
    return " ".join(
        p if (i and p in small) or not p[:1].islower() else p[:1].upper() + p[1:]
        for i, p in enumerate(parts)
    )


def possessive(name: str) -> str | None:
    """ "Mia's"; None when the name ends in an emoji or symbol, where "'s" reads badly."""
    if name and unicodedata.category(name[-1])[0] in "LMN":
        return f"{name}'s"
    return None


def smart_quotes(text: str) -> str:
    """Straight quotes to curly ones; templates are written with plain ASCII quotes."""
    out: list[str] = []
    opening = True
    for ch in text:
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
            opening = not opening
        elif ch == "'":
            out.append("\u2019")
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Voice:
    """Renders templates for one hero: name, pronouns and story-specific values."""

    name: str
    pronouns: Pronouns
    values: Mapping[str, str]

    def _lookup(self, key: str, verb: str | None) -> str:
        p = self.pronouns
        base = {
            "name": self.name,
            "they": p.subject,
            "them": p.object,
            "their": p.possessive,
            "themselves": p.reflexive,
            "they_were": f"{p.subject} {p.was()}",
            "they_are": f"{p.subject} {p.be()}",
            "they_have": f"{p.subject} {p.has()}",
            "name_s": possessive(self.name) or p.possessive,
        }
        if key == "they" and verb:
            return f"{p.subject} {verb if p.plural_verbs else third_person(verb)}"
        if key in base:
            return base[key]
        return self.values[key]

    def render(self, template: str) -> str:
        def replace(match: re.Match[str]) -> str:
            key, verb = match.group(1), match.group(2)
            if key[:1].isupper() and key != "name":
                value = self._lookup(key[:1].lower() + key[1:], verb)
                return value[:1].upper() + value[1:]
            return self._lookup(key, verb)

        return _TOKEN.sub(replace, template)


@dataclass(frozen=True, slots=True)
class Band:
    """Words per page for an age: little ones hear short pages, older readers longer ones."""

    low: int
    high: int
    level: int  # 0 core only, 1 + details, 2 + rich details

    @property
    def target(self) -> int:
        return (self.low + self.high) // 2


def band_for_age(age: int) -> Band:
    if age <= 4:
        return Band(20, 40, 0)
    if age <= 8:
        return Band(40, 80, 1)
    return Band(80, 120, 2)


def fit_page(
    sentences: Sequence[tuple[str, int]],
    band: Band,
    fillers: Sequence[str],
    *,
    keep_last: bool = False,
) -> list[str]:
    """Choose sentences (kept in story order) so the page lands inside the band.

    Level-0 sentences are always kept. Details up to the band's own level are added while the
    page is short of its target; deeper details only while it is short of the band's lower
    half. Fillers (mood lines) pad a page that is still below the minimum, before the last
    sentence when that one closes the page ("Goodnight").
    """
    chosen = {i for i, (_, lvl) in enumerate(sentences) if lvl == 0}
    total = sum(words(sentences[i][0]) for i in chosen)
    for level in (1, 2):
        goal = band.target if level <= band.level else (band.low + band.target) // 2
        for i, (text, lvl) in enumerate(sentences):
            n = words(text)
            if lvl == level and total < goal and total + n <= band.high:
                chosen.add(i)
                total += n
    picked = [sentences[i][0] for i in sorted(chosen)]
    spare = list(fillers)
    while total < band.low and spare:
        text = spare.pop(0)
        if total + words(text) <= band.high:
            picked.insert(len(picked) - 1 if keep_last else len(picked), text)
            total += words(text)
    while total > band.high and len(picked) > 1:
        # Only an unusually long name gets here: drop the longest non-opening sentence.
        longest = max(range(1, len(picked)), key=lambda i: words(picked[i]))
        total -= words(picked.pop(longest))
    return picked

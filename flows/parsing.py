"""Tolerant reading of what parents type: 'a, b and c'; 'skip'; PIN codes and phone numbers.
Names, ages, yes/no and choices are read in flows.understanding."""

from __future__ import annotations

import re
import unicodedata

from domain.profiles import clean_text
from flows.understanding import plain, read_yes_no, words_of

_SKIP = {
    "skip", "none", "nothing", "no thanks", "not now", "later", "-", "n/a", "na", "no need",
    "not needed", "no dedication", "without", "leave it", "leave it blank", "blank", "pass",
}  # fmt: skip
_DONE = {
    "done", "thats all", "that is all", "thats it", "that is it", "finished", "no more",
    "enough", "nothing else", "nothing more", "all done", "im done", "thats everything",
}  # fmt: skip
# What comes before the things a child loves: "she loves", "Zoya is really into", "likes".
_LOVES = re.compile(
    r"^\s*(?:(?:she|he|they|my \w+|\w+)\s*(?:'s|is|are)?\s+)?(?:really\s+|also\s+|"
    r"absolutely\s+)?(?:loves?|likes?|enjoys?|adores?|into|is into|obsessed with|is obsessed with|"
    r"crazy about|is crazy about|mad about)\s+",
    re.IGNORECASE,
)
_NOT_INTERESTS = {"i dont know", "dont know", "idk", "not sure", "dunno", "no idea", "?"}


def normalise(text: str) -> str:
    return clean_text(unicodedata.normalize("NFKC", text)).casefold().strip(" .!?")


def parse_interests(text: str) -> list[str]:
    """Split 'dinosaurs, football and baking' (or 'she loves dinosaurs and football') into
    the things themselves; a yes, a no or an "I don't know" is none."""
    if read_yes_no(text) is not None or plain(text) in _NOT_INTERESTS or not words_of(text):
        return []
    lines = re.split(r"[\r\n]+", text)  # before clean_text, which joins lines
    parts = re.split(r",|;|\band\b|&|\+|/", "\n".join(map(clean_text, lines)), flags=re.I)
    seen: list[str] = []
    for part in (p for chunk in parts for p in chunk.split("\n")):
        item = _LOVES.sub("", part).strip(" .!-*•")
        item = re.sub(r"^(?:also|plus|oh)\s+", "", item, flags=re.IGNORECASE)
        item = re.sub(
            r"\s+(?:please|pls|thanks|thank you|too|as well|also)$", "", item, flags=re.IGNORECASE
        )
        if item and words_of(item) and item.casefold() not in (s.casefold() for s in seen):
            seen.append(item[:40])
    return seen


def parse_pronouns(text: str) -> str | None:
    """he | she | they from "she", "a girl", "he/him", "my son"; None for none or a mix."""
    words = set(words_of(text))
    found = [
        pronouns
        for pronouns, said in (
            ("he", {"he", "him", "his", "boy", "son", "male", "hes", "boys"}),
            ("she", {"she", "her", "hers", "girl", "daughter", "female", "shes", "girls"}),
            ("they", {"they", "them", "their", "theirs", "nonbinary", "enby", "neutral"}),
        )
        if words & said
    ]
    if len(found) == 1:
        return found[0]
    if "binary" in words and "non" in words:
        return "they"
    return None


# Words around a "no" that still only say no: "no dedication needed, thanks", "none for now".
_SKIP_WORDS = {
    "no", "none", "nothing", "dedication", "needed", "need", "thanks", "thank", "you", "please",
    "pls", "one", "for", "now", "we", "i", "dont", "want", "it", "this", "time", "required",
}  # fmt: skip


def is_skip(text: str) -> bool:
    """Skip this (optional) question: "skip", "no thanks", "none", "skip it please",
    "no dedication needed"."""
    said = plain(text)
    words = said.split()
    return (
        said in _SKIP
        or normalise(text) in _SKIP
        or (len(words) <= 4 and "skip" in words)
        or read_yes_no(text) == "no"
        or (set(words) <= _SKIP_WORDS and bool(set(words) & {"no", "none", "nothing", "dont"}))
    )


def is_done(text: str) -> bool:
    """No more to add: "done", "that's all", "no", "nope, that's it"."""
    return plain(text) in _DONE or normalise(text) in _DONE or read_yes_no(text) == "no"


def parse_pin(text: str) -> str | None:
    digits = re.sub(r"\s", "", text)
    return digits if re.fullmatch(r"[1-9]\d{5}", digits) else None


def parse_phone(text: str) -> str | None:
    digits = re.sub(r"[\s\-()]", "", text)
    digits = re.sub(r"^(\+91|0091|91(?=\d{10}$)|0(?=\d{10}$))", "", digits)
    return digits if re.fullmatch(r"[6-9]\d{9}", digits) else None


_LOOK_WORDS = re.compile(
    r"\b(hair|blond\w*|curl\w*|skin|glasses|spectacles|hijab|head ?scarf|turban|patka|"
    r"wheel ?chair|hearing aid|braid\w*|pony ?tail|afro|looks? like|doesn'?t look)\b",
    re.IGNORECASE,
)


def about_looks(text: str) -> bool:
    """Feedback about how the hero looks ('straight black hair, not blonde curls')."""
    return bool(_LOOK_WORDS.search(text))

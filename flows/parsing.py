"""Tolerant reading of what parents type: '6', 'six', '6 years'; 'a, b and c'; 'skip'."""

from __future__ import annotations

import re
import unicodedata

from domain.profiles import clean_text

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_SKIP = {"skip", "no", "none", "nothing", "no thanks", "not now", "later", "-", "n/a", "nope"}
_YES = {"yes", "y", "yeah", "yep", "ok", "okay", "sure", "correct", "right", "agree", "i agree"}
_DONE = {"done", "that's all", "thats all", "that is all", "finished", "no more", "enough"}


def normalise(text: str) -> str:
    return clean_text(unicodedata.normalize("NFKC", text)).casefold().strip(" .!?")


def parse_age(text: str) -> int | None:
    words = normalise(text)
    digits = re.search(r"\d+", words)
    if digits:
        value = int(digits.group())
    else:
        found = [n for w, n in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", words)]
        if len(found) != 1:
            return None
        value = found[0]
    return value if 1 <= value <= 12 else None


def parse_interests(text: str) -> list[str]:
    """Split 'dinosaurs, football and baking' into three interests."""
    parts = re.split(r",|;|\n|\band\b|&|\+|/", clean_text(text), flags=re.IGNORECASE)
    seen: list[str] = []
    for part in parts:
        item = part.strip(" .!-*•")
        if item and item.casefold() not in (s.casefold() for s in seen):
            seen.append(item[:40])
    return seen


def parse_pronouns(text: str) -> str | None:
    words = set(re.findall(r"[a-z]+", normalise(text)))
    if words & {"he", "him", "his", "boy", "son"}:
        return "he"
    if words & {"she", "her", "hers", "girl", "daughter"}:
        return "she"
    if words & {"they", "them", "their"}:
        return "they"
    return None


def is_skip(text: str) -> bool:
    return normalise(text) in _SKIP


def is_yes(text: str) -> bool:
    return normalise(text) in _YES


def is_done(text: str) -> bool:
    return normalise(text) in _DONE


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

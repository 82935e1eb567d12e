"""The child profile: the hero of every book. Exactly one per parent."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import ValidationFailed
from domain.looks import HeroLook
from domain.text_input import name_refusal

NAME_MAX_CODE_POINTS = 40
AGE_MIN, AGE_MAX = 1, 12
INTERESTS_MIN, INTERESTS_MAX = 1, 5
INTEREST_MAX_CODE_POINTS = 40


class Pronouns(StrEnum):
    HE = "he"
    SHE = "she"
    THEY = "they"

    @property
    def subject(self) -> str:
        return {"he": "he", "she": "she", "they": "they"}[self.value]

    @property
    def object(self) -> str:
        return {"he": "him", "she": "her", "they": "them"}[self.value]

    @property
    def possessive(self) -> str:
        return {"he": "his", "she": "her", "they": "their"}[self.value]

    @property
    def reflexive(self) -> str:
        return {"he": "himself", "she": "herself", "they": "themselves"}[self.value]

    @property
    def plural_verbs(self) -> bool:
        """'they are' / 'they were' take the plural verb form."""
        return self is Pronouns.THEY

    def be(self) -> str:
        return "are" if self.plural_verbs else "is"

    def was(self) -> str:
        return "were" if self.plural_verbs else "was"

    def has(self) -> str:
        return "have" if self.plural_verbs else "has"


def clean_text(value: str) -> str:
    """Normalise user text: NFC, collapse whitespace."""
    return " ".join(unicodedata.normalize("NFC", value).split())


@dataclass(frozen=True, slots=True, kw_only=True)
class ChildProfile:
    name: str
    age: int
    pronouns: Pronouns
    interests: tuple[str, ...]
    photo_asset_id: str | None = None
    look: HeroLook | None = None  # chosen by the parent; None = not chosen yet

    def __post_init__(self) -> None:
        problems = profile_problems(self.name, self.age, self.interests)
        if problems:
            raise ValidationFailed("; ".join(problems))


def profile_problems(name: str, age: int, interests: tuple[str, ...]) -> list[str]:
    problems: list[str] = []
    if not 1 <= len(clean_text(name)) <= NAME_MAX_CODE_POINTS:
        problems.append(f"name must be 1..{NAME_MAX_CODE_POINTS} characters")
    elif name_refusal(name) is not None:
        problems.append("name must be letters without control characters")
    if not AGE_MIN <= age <= AGE_MAX:
        problems.append(f"age must be {AGE_MIN}..{AGE_MAX}")
    if not INTERESTS_MIN <= len(interests) <= INTERESTS_MAX:
        problems.append(f"interests must be {INTERESTS_MIN}..{INTERESTS_MAX} short phrases")
    elif any(not 1 <= len(clean_text(i)) <= INTEREST_MAX_CODE_POINTS for i in interests):
        problems.append(f"each interest must be 1..{INTEREST_MAX_CODE_POINTS} characters")
    return problems

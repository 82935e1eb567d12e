"""The hero's look, chosen by the parent: what every illustrator draws on every page.

Plain data with a fixed vocabulary (so the offline illustrator can draw every value and a
prompt can name it). Head covering, hearing aid and wheelchair are options, never defaults.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from domain.errors import ValidationFailed

# key -> (words for a prompt, colour for the offline illustrator)
SKIN_TONES: dict[str, tuple[str, str]] = {
    "fair": ("fair", "#f3d2b3"),
    "light": ("light golden", "#e3b48f"),
    "tan": ("warm tan", "#c98e63"),
    "brown": ("brown", "#a86b45"),
    "dark": ("dark brown", "#7d4a2c"),
    "deep": ("deep brown", "#5b3520"),
}
HAIR_COLOURS: dict[str, tuple[str, str]] = {
    "black": ("black", "#1f1410"),
    "dark_brown": ("dark brown", "#3b2417"),
    "brown": ("brown", "#6b3e1f"),
    "auburn": ("auburn", "#a0522d"),
    "red": ("ginger", "#c8642a"),
    "blonde": ("golden blonde", "#d9a94e"),
}
# key -> words for a prompt; the offline illustrator draws each one.
HAIR_STYLES: dict[str, str] = {
    "short": "short straight hair",
    "spiky": "short spiky hair",
    "curly": "short curly hair",
    "afro": "a round afro",
    "bob": "a straight bob",
    "long": "long straight hair",
    "ponytail": "a ponytail",
    "braids": "two braids",
    "bun": "hair in a bun",
}
HEAD_COVERINGS: dict[str, str] = {
    "none": "",
    "hijab": "a hijab",
    "patka": "a patka",
    "cap": "a cap",
}
LABELS = {
    "skin": "Skin tone",
    "hair_style": "Hair style",
    "hair_colour": "Hair colour",
    "glasses": "Glasses",
    "head_covering": "Head covering",
    "hearing_aid": "Hearing aid",
    "wheelchair": "Wheelchair",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class HeroLook:
    skin: str = "tan"
    hair_style: str = "short"
    hair_colour: str = "dark_brown"
    glasses: bool = False
    head_covering: str = "none"
    hearing_aid: bool = False
    wheelchair: bool = False

    def __post_init__(self) -> None:
        problems = [
            f"{name} {value!r} is unknown"
            for name, value, known in (
                ("skin", self.skin, SKIN_TONES),
                ("hair_style", self.hair_style, HAIR_STYLES),
                ("hair_colour", self.hair_colour, HAIR_COLOURS),
                ("head_covering", self.head_covering, HEAD_COVERINGS),
            )
            if value not in known
        ]
        if problems:
            raise ValidationFailed("; ".join(problems))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> HeroLook | None:
        if not data:
            return None
        known = {k: v for k, v in data.items() if k in LABELS}
        return cls(**known)

    def sheet_fields(self) -> dict[str, Any]:
        """The CharacterSheet fields that draw exactly this look (colours and options)."""
        return {
            "skin_tone": SKIN_TONES[self.skin][1],
            "hair_colour": HAIR_COLOURS[self.hair_colour][1],
            "hair_style": self.hair_style,
            "glasses": self.glasses,
            "head_covering": self.head_covering,
            "hearing_aid": self.hearing_aid,
            "wheelchair": self.wheelchair,
        }

    def with_(self, **changes: Any) -> HeroLook:
        return replace(self, **changes)

    def words(self) -> str:
        """'brown skin, long straight black hair and round glasses', for a caption or a prompt."""
        hair = HAIR_STYLES[self.hair_style]
        colour = HAIR_COLOURS[self.hair_colour][0]
        if self.head_covering in ("hijab", "patka"):
            hair_words = f"{HEAD_COVERINGS[self.head_covering]} covering {colour} hair"
        elif hair.startswith(("a ", "two ")):
            first, _, rest = hair.partition(" ")
            hair_words = f"{first} {colour} {rest}"
        else:
            hair_words = f"{hair.replace(' hair', '')} {colour} hair"
        parts = [f"{SKIN_TONES[self.skin][0]} skin", hair_words]
        if self.head_covering == "cap":
            parts.append("a cap")
        if self.glasses:
            parts.append("round glasses")
        if self.hearing_aid:
            parts.append("a hearing aid")
        if self.wheelchair:
            parts.append("a wheelchair")
        return ", ".join(parts[:-1]) + " and " + parts[-1]


def ready_made(pronouns: str) -> list[HeroLook]:
    """A row of varied looks to start from; the parent changes any part afterwards."""
    styles = (
        ("ponytail", "long", "braids", "curly", "bob", "afro")
        if pronouns == "she"
        else ("short", "curly", "spiky", "afro", "short", "bob")
        if pronouns == "he"
        else ("short", "curly", "bob", "afro", "long", "spiky")
    )
    combos = (
        ("fair", "blonde"),
        ("light", "dark_brown"),
        ("tan", "black"),
        ("brown", "black"),
        ("dark", "black"),
        ("deep", "dark_brown"),
    )
    return [
        HeroLook(skin=skin, hair_colour=hair, hair_style=style)
        for (skin, hair), style in zip(combos, styles, strict=True)
    ]

"""The hero's look, chosen from the child's name so every page (and every regeneration) agrees."""

from __future__ import annotations

from adapters.offline_writer.text import article, stable_rng
from domain.looks import HeroLook
from domain.profiles import ChildProfile, Pronouns
from domain.story import CharacterSheet

SKIN = (
    ("#f3d2b3", "fair"),
    ("#e3b48f", "light golden"),
    ("#c98e63", "warm tan"),
    ("#a86b45", "light brown"),
    ("#7d4a2c", "brown"),
    ("#5b3520", "deep brown"),
)
HAIR = (
    ("#1f1410", "black"),
    ("#3b2417", "dark brown"),
    ("#6b3e1f", "chestnut"),
    ("#a0522d", "auburn"),
    ("#d9a94e", "golden blonde"),
    ("#4a2c1a", "brown"),
)
OUTFIT = (
    ("#2f6fd6", "blue"),
    ("#d63f3f", "red"),
    ("#2e9e5b", "green"),
    ("#8e44ad", "purple"),
    ("#f28c28", "orange"),
    ("#e84f9a", "pink"),
    ("#1fa6a6", "teal"),
    ("#3f51b5", "indigo"),
)
ACCENT = (
    ("#f2c12e", "yellow"),
    ("#ffffff", "white"),
    ("#ff7f50", "coral"),
    ("#7fdbff", "sky-blue"),
    ("#b5e655", "lime"),
)
# Hair styles the offline illustrator can draw; the words are matched in the description.
STYLES = {
    Pronouns.SHE: (
        "long hair in a ponytail",
        "two braids",
        "curly hair",
        "a short bob",
        "hair in a bun",
    ),
    Pronouns.HE: ("short hair", "curly hair", "short spiky hair", "short hair"),
    Pronouns.THEY: (
        "curly hair",
        "a short bob",
        "short hair",
        "long hair in a ponytail",
        "short spiky hair",
    ),
}
KID = {Pronouns.SHE: "girl", Pronouns.HE: "boy", Pronouns.THEY: "child"}


def kid_word(pronouns: Pronouns) -> str:
    return KID[pronouns]


def character_for(child: ChildProfile) -> CharacterSheet:
    if child.look is not None:
        return _chosen(child, child.look)
    rng = stable_rng("character", child.name)
    skin, skin_name = rng.choice(SKIN)
    hair, hair_name = rng.choice(HAIR)
    outfit, outfit_name = rng.choice(OUTFIT)
    accent, accent_name = rng.choice(ACCENT)
    style = rng.choice(STYLES[child.pronouns])
    if style.startswith("a short bob"):
        hair_words = f"a short {hair_name} bob"
    elif style == "two braids":
        hair_words = f"two {hair_name} braids"
    elif style == "hair in a bun":
        hair_words = f"{hair_name} hair in a bun"
    else:
        hair_words = style.replace("hair", f"{hair_name} hair")
    description = (
        f"a cheerful {child.age}-year-old {KID[child.pronouns]} with {skin_name} skin and "
        f"{hair_words}, wearing {article(outfit_name)} t-shirt with a {accent_name} star on the "
        f"front, navy trousers and {accent_name} trainers"
    )
    return CharacterSheet(
        description=description,
        skin_tone=skin,
        hair_colour=hair,
        outfit_colour=outfit,
        accent_colour=accent,
    )


def _chosen(child: ChildProfile, look: HeroLook) -> CharacterSheet:
    """Exactly the look the parent chose; only the outfit's colours come from the name."""
    rng = stable_rng("character", child.name)
    outfit, outfit_name = rng.choice(OUTFIT)
    accent, accent_name = rng.choice(ACCENT)
    description = (
        f"a cheerful {child.age}-year-old {KID[child.pronouns]} with {look.words()}, wearing "
        f"{article(outfit_name)} t-shirt with a {accent_name} star on the front, navy trousers "
        f"and {accent_name} trainers"
    )
    return CharacterSheet(
        description=description,
        outfit_colour=outfit,
        accent_colour=accent,
        **look.sheet_fields(),
    )

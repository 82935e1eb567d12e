"""What each interest is, so the story can use it the way a person would: a hobby is something
the hero does, a person is a character (a brother is a child in the pictures), an animal is a
companion on the adventure, anything else is what the hero loves and thinks about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.profiles import clean_text

# relation word -> (how the story names the role, pronoun, drawn as)
RELATIONS: dict[str, tuple[str, str, str]] = {
    "brother": ("brother", "he", "boy"),
    "sister": ("sister", "she", "girl"),
    "cousin": ("cousin", "they", "child"),
    "friend": ("friend", "they", "child"),
    "baby": ("baby", "they", "baby"),
    "twin": ("twin", "they", "child"),
    "grandma": ("Grandma", "she", "grandma"),
    "granny": ("Granny", "she", "grandma"),
    "nana": ("Nana", "she", "grandma"),
    "nani": ("Nani", "she", "grandma"),
    "dadi": ("Dadi", "she", "grandma"),
    "grandpa": ("Grandpa", "he", "grandpa"),
    "grandad": ("Grandad", "he", "grandpa"),
    "nanu": ("Nanu", "he", "grandpa"),
    "dada": ("Dada", "he", "grandpa"),
    "mum": ("Mum", "she", "woman"),
    "mummy": ("Mummy", "she", "woman"),
    "mom": ("Mom", "she", "woman"),
    "mommy": ("Mommy", "she", "woman"),
    "mama": ("Mama", "she", "woman"),
    "dad": ("Dad", "he", "man"),
    "daddy": ("Daddy", "he", "man"),
    "papa": ("Papa", "he", "man"),
    "aunt": ("aunt", "she", "woman"),
    "auntie": ("Auntie", "she", "woman"),
    "uncle": ("uncle", "he", "man"),
}
# animal word stem -> the animal (drawable noun, singular)
ANIMALS = {
    "elephant": "elephant",
    "monkey": "monkey",
    "cat": "cat",
    "kitten": "cat",
    "kitty": "cat",
    "dog": "dog",
    "pupp": "dog",
    "horse": "horse",
    "pony": "horse",
    "unicorn": "unicorn",
    "bunn": "bunny",
    "rabbit": "bunny",
    "penguin": "penguin",
    "owl": "owl",
    "tiger": "tiger",
    "lion": "lion",
    "fox": "fox",
    "bear": "bear",
    "turtle": "turtle",
    "tortoise": "turtle",
    "frog": "frog",
    "mouse": "mouse",
    "mice": "mouse",
    "cow": "cow",
    "sheep": "sheep",
    "pig": "pig",
    "whale": "whale",
    "octopus": "octopus",
    "bird": "bird",
    "parrot": "bird",
    "duck": "bird",
    "giraffe": "giraffe",
}
# hobby stem -> (at home, in the adventure); {name}, {they}... are the hero's
HOBBIES: dict[str, tuple[str, str]] = {
    "bak": (
        "{name} loved to bake, and the best job of all was licking the spoon.",
        "{name} knew all about baking, so {they} mixed up a bowl of honey biscuits to share.",
    ),
    "cook": (
        "{name} loved to cook, stirring pots with the biggest spoon in the kitchen.",
        "Like a real cook, {name} stirred up a warm soup that made everyone smile.",
    ),
    "draw": (
        "{name} loved to draw, and pictures of {their} own covered the fridge door.",
        "{name} drew a quick map with a stick in the sand, so nobody would get lost.",
    ),
    "paint": (
        "{name} loved to paint, and there was usually a little paint on {their} nose.",
        "{name} painted a bright sign, so everyone could find the way.",
    ),
    "colou": (
        "{name} loved colouring in, always with the brightest crayons in the box.",
        "{name} coloured a bright sign, so everyone could find the way.",
    ),
    "football": (
        "{name} loved playing football, and could kick a ball right over the hedge.",
        "{name} kicked a pine cone like a football, straight between two trees. Goal!",
    ),
    "soccer": (
        "{name} loved playing soccer, and could kick a ball right over the hedge.",
        "{name} kicked a pine cone like a soccer ball, straight between two trees. Goal!",
    ),
    "cricket": (
        "{name} loved cricket, and could bowl a ball straight at the stumps.",
        "{name} caught it like a cricket ball, safe and sound. Howzat!",
    ),
    "danc": (
        "{name} loved to dance, spinning round the kitchen until {they_were} dizzy.",
        "{name} did a happy dance, and soon everyone was dancing too.",
    ),
    "sing": (
        "{name} loved to sing, and knew every song by heart.",
        "{name} sang a brave little song, and everyone felt braver.",
    ),
    "music": (
        "{name} loved music, and drummed a beat on anything {they} could find.",
        "{name} tapped out a happy beat, and everyone marched along to it.",
    ),
    "read": (
        "{name} loved reading, even under the covers with a torch.",
        "{name} remembered a story {they} had read, and it gave {them} an idea.",
    ),
    "book": (
        "{name} loved books, even under the covers with a torch.",
        "{name} remembered a story from a book, and it gave {them} an idea.",
    ),
    "swim": (
        "{name} loved swimming, and could float like a starfish.",
        "{name} remembered {their} swimming lessons: stay calm, breathe and kick.",
    ),
    "lego": (
        "{name} loved building with bricks, the taller the tower the better.",
        "{name} built a little bridge from sticks, just like the towers {they} built at home.",
    ),
    "build": (
        "{name} loved building things, the taller the better.",
        "{name} built a little bridge from sticks, just like the towers {they} built at home.",
    ),
    "cycl": (
        "{name} loved riding {their} bike, ringing the bell at every corner.",
        "{name} pedalled the little cart as fast as a bike, and they made it just in time.",
    ),
    "bike": (
        "{name} loved riding {their} bike, ringing the bell at every corner.",
        "{name} pedalled the little cart as fast as a bike, and they made it just in time.",
    ),
    "garden": (
        "{name} loved gardening, and had a row of sunflowers taller than Dad.",
        "{name} planted a seed, just as {they} did at home, and a tiny green shoot popped up.",
    ),
    "climb": (
        "{name} loved climbing, and could reach the top of the climbing frame in a flash.",
        "{name} climbed up to have a look, quick and careful, just like at the playground.",
    ),
}


@dataclass(frozen=True, slots=True)
class Interest:
    raw: str
    kind: str  # hobby | person | animal | topic
    # person: what the story calls them ("Arjun", "Grandma"), the role and how they are drawn
    name: str = ""
    role: str = ""
    pronoun: str = "they"
    figure: str = ""
    animal: str = ""  # animal: the drawable noun
    home: str = ""  # hobby: the home sentence
    deed: str = ""  # hobby: what the hero does with it on the adventure
    stem: str = ""  # hobby: the word stem the sentences use ('bak' for baking)

    @property
    def words(self) -> set[str]:
        """Words that show the interest is in a text (for checks)."""
        if self.kind == "person":
            return {self.name.lower()}
        if self.kind == "animal":
            return {self.animal}
        if self.kind == "hobby":
            return {self.stem}
        return set(re.findall(r"[a-z]+", self.raw.lower()))


def classify(raw: str) -> Interest:
    text = clean_text(raw)
    tokens = re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", text)
    lowered = [t.lower() for t in tokens]
    for i, word in enumerate(lowered):
        if word in RELATIONS:
            role, pronoun, figure = RELATIONS[word]
            # the name follows the relation word ("brother Arjun"), else the role is the name
            after = [t for t in tokens[i + 1 :] if t[:1].isupper()]
            before = [
                t
                for t in tokens[:i]
                if t[:1].isupper() and t.lower() not in ("my", "her", "his", "their")
            ]
            name = after[0] if after else before[0] if before else ""
            adjective = (
                "little "
                if "little" in lowered or "baby" in lowered
                else ("big " if "big" in lowered else "")
            )
            if not name:
                name = role if role[:1].isupper() else f"{adjective}{role}".strip()
            return Interest(
                text, "person", name=name, role=f"{adjective}{role}", pronoun=pronoun, figure=figure
            )
    joined = " ".join(lowered)
    for stem, (home, deed) in HOBBIES.items():
        if any(w.startswith(stem) for w in lowered):
            shown = {"lego": "build", "cycl": "bike"}.get(stem, stem)  # as the sentences say it
            return Interest(text, "hobby", home=home, deed=deed, stem=shown)
    for stem, animal in ANIMALS.items():
        if any(w.startswith(stem) for w in lowered) and "book" not in joined:
            return Interest(text, "animal", animal=animal)
    return Interest(text, "topic")


def classify_all(raws: tuple[str, ...] | list[str]) -> list[Interest]:
    return [classify(r) for r in raws]

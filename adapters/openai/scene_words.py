"""A page's scene in the words of an image prompt: the hero's pose, who else is there, and where
the picture must stay clear because the page's words go there (its layout)."""

from __future__ import annotations

from adapters.openai.prompting import PAGE_IMAGE
from domain.story import IllustrationRequest

ACTIONS = {
    "stand": "standing",
    "walk": "walking along",
    "run": "running",
    "jump": "jumping for joy",
    "sit": "sitting down",
    "sleep": "asleep in bed, tucked under the covers up to the chin",
    "hug": "giving someone a big hug",
    "wave": "waving",
    "cook": "cooking, stirring a mixing bowl",
    "read": "reading a book",
    "point": "pointing at something exciting",
    "cheer": "cheering with both arms up",
    "hold": "holding something carefully",
}
PEOPLE = {
    "boy": "a boy",
    "girl": "a girl",
    "child": "a child",
    "baby": "a baby",
    "grandma": "a grandmother",
    "grandpa": "a grandfather",
    "woman": "a woman (family)",
    "man": "a man (family)",
}
COMPOSITION = {
    "top": "keep the upper third calm open sky or plain wall with no faces in it (the words "
    "go there); everyone stands in the lower two thirds.",
    "bottom": "keep the lowest third plain ground or floor with no faces in it (the words go "
    "there); everyone stands above it.",
    "left": "keep the left third plain and free of faces (the words go there); everyone is on "
    "the right.",
    "right": "keep the right third plain and free of faces (the words go there); everyone is "
    "on the left.",
    "full": "a full-bleed picture with a wide, pale, empty sky or wall across the top quarter "
    "(a few words are set straight onto it); no faces there.",
    "vignette": "shown in a rounded window on white paper: keep everyone well inside the "
    "middle of the picture, above its lowest quarter, with soft edges.",
}


def companion_words(spec: str) -> str:
    """'boy:Arjun' -> 'a boy called Arjun'; 'guide:mouse' -> 'a friendly mouse'."""
    kind, _, name = spec.partition(":")
    if kind == "guide":
        return f"a friendly {name}, a real {name} (not a person)"
    if kind in PEOPLE:
        return f"{PEOPLE[kind]} called {name}" if name else PEOPLE[kind]
    return f"a friendly {kind}, a real {kind} (not a person)"


def page_prompt(request: IllustrationRequest, *, has_reference: bool) -> str:
    scene = request.scene
    return PAGE_IMAGE.render(
        character=request.character.description,
        scene=request.prompt,
        place=scene.place or scene.setting,
        setting=scene.setting,
        time_of_day=scene.time_of_day,
        mood=scene.mood,
        action=ACTIONS.get(scene.action, "in the middle of the scene"),
        companions=[companion_words(c) for c in scene.companions],
        objects=list(scene.objects),
        composition=COMPOSITION.get(scene.text_zone, COMPOSITION["top"]),
        has_reference=has_reference,
    )

"""Story content: what writers produce and what illustrators and the PDF renderer consume.

Plain frozen dataclasses, no I/O. A book is: cover, title page, optional dedication,
STORY_PAGES story pages, an ending page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.scenes import LAYOUTS

OPTIONS_PER_ROUND = 5
STORY_PAGES = 12
# A book version's image_ids may hold the hero's master portrait (painted from the photo)
# under PORTRAIT_KEY, or PORTRAIT_REFUSED when the provider refused the photo.
PORTRAIT_KEY = "portrait"
PORTRAIT_REFUSED = "refused"


@dataclass(frozen=True, slots=True, kw_only=True)
class SeriesIdea:
    """One of the 5 series offered in a round. `theme` is a short stable key (e.g. 'space')."""

    title: str
    hook: str
    theme: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StorylineIdea:
    """One of the 5 storylines offered for a chosen series."""

    title: str
    hook: str


# Where a page's words may sit (the layouts, domain.scenes): the illustrator keeps every face
# out of the zone and the book's layout puts the words inside it.
TEXT_ZONES = LAYOUTS


@dataclass(frozen=True, slots=True, kw_only=True)
class SceneSpec:
    """What an illustration shows, structured so an offline illustrator can draw it
    and an AI illustrator can turn it into a prompt.

    setting: 'outdoor' | 'indoor' | 'night' | 'underwater' | 'space' (free text allowed)
    objects: nouns drawn in the scene ('moon', 'dragon', 'football', ...), only those the
      page's words mention
    mood: 'calm' | 'excited' | 'worried' | 'triumphant' | 'sleepy' ...
    """

    setting: str
    objects: tuple[str, ...] = ()
    mood: str = "calm"
    time_of_day: str = "day"
    # What the page's words say happens, for illustrators that draw from data (all optional):
    place: str = ""  # 'kitchen', 'bedroom', 'garden', 'jungle', 'castle', 'space' ...
    action: str = ""  # the hero's pose: stand walk run jump sit sleep hug wave cook read ...
    companions: tuple[str, ...] = ()  # who is there: 'elephant', 'boy:Arjun', 'grandma' ...
    text_zone: str = "top"  # the page's layout: top | bottom | left | right | full | vignette


@dataclass(frozen=True, slots=True, kw_only=True)
class PageText:
    number: int  # 1..STORY_PAGES
    text: str
    illustration_prompt: str
    scene: SceneSpec


@dataclass(frozen=True, slots=True, kw_only=True)
class CharacterSheet:
    """The hero's look, fixed once per book so every illustration agrees."""

    description: str
    skin_tone: str = "#c98e63"
    hair_colour: str = "#3b2417"
    outfit_colour: str = "#2f6fd6"
    accent_colour: str = "#f2b33d"
    # The parent's chosen look, for illustrators that draw from data (domain.looks keys);
    # an empty hair_style means "read it from the description".
    hair_style: str = ""
    glasses: bool = False
    head_covering: str = "none"
    hearing_aid: bool = False
    wheelchair: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class BookText:
    title: str
    dedication: str | None
    character: CharacterSheet
    pages: tuple[PageText, ...]
    ending: str
    cover_scene: SceneSpec = field(default_factory=lambda: SceneSpec(setting="outdoor"))


@dataclass(frozen=True, slots=True, kw_only=True)
class IllustrationRequest:
    """One image to draw. `key` is stable per book version and page ('cover', 'page-03')."""

    key: str
    prompt: str
    scene: SceneSpec
    character: CharacterSheet
    width_px: int
    height_px: int
    seed: int
    reference_jpeg: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class IllustratedPage:
    page: PageText
    image_jpeg: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class BookLayout:
    """Everything the PDF renderer needs, images as JPEG bytes."""

    title: str
    child_name: str
    author: str
    dedication: str | None
    cover_image_jpeg: bytes
    pages: tuple[IllustratedPage, ...]
    ending: str

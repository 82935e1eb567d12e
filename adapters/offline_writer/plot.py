"""A plot is a quest set in a theme: which item, which places. This module also builds the
template values for a hero and finds the plot behind a stored storyline title."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.offline_writer.beats_end import AGE_WORDS
from adapters.offline_writer.character import kid_word
from adapters.offline_writer.interests import classify_all
from adapters.offline_writer.quests import Quest, all_quests
from adapters.offline_writer.text import Voice, article, stable_rng, title_case
from adapters.offline_writer.themes import Place, Theme, all_themes, match_theme, theme_by_key
from domain.profiles import ChildProfile, clean_text
from domain.story import SeriesIdea, StorylineIdea

TITLE_MAX = 24
HOOK_MAX = 72
# Common hobbies a phone may have capitalised ("Drawing"); lower-cased mid-sentence.
PROPER_NOUNS = {
    "lego",
    "marvel",
    "spiderman",
    "spider-man",
    "batman",
    "superman",
    "avengers",
    "christmas",
    "egypt",
    "antarctica",
    "jurassic",
}
COMMON_WORDS = {
    "drawing",
    "painting",
    "reading",
    "books",
    "colouring",
    "coloring",
    "animals",
    "swimming",
    "puzzles",
    "crafts",
    "nature",
    "bugs",
    "insects",
    "flowers",
}


@dataclass(frozen=True, slots=True)
class Plot:
    quest: Quest
    item: tuple[str, str]
    place: Place
    place2: Place


def plot_at(theme: Theme, quest: Quest, item_no: int, place_no: int) -> Plot:
    places = theme.places
    if quest.key == "repair":
        item_no = 0  # the one item of each theme that can break and be mended
    return Plot(
        quest=quest,
        item=theme.items[item_no % len(theme.items)],
        place=places[place_no % len(places)],
        place2=places[(place_no + 1) % len(places)],
    )


def interest_phrase(interest: str) -> str:
    """'Dinosaurs' reads 'dinosaurs' mid-sentence; 'Peppa Pig' and 'Lego' stay as typed."""
    text = clean_text(interest)
    single = " " not in text and text[:1].isupper() and text[1:].islower()
    lowered = text.lower()
    known = match_theme(text) is not None or lowered in COMMON_WORDS
    if single and lowered not in PROPER_NOUNS and (known or lowered.endswith("ing")):
        return text.lower()
    return text


def interests_of(child: ChildProfile) -> list[str]:
    return [interest_phrase(i) for i in child.interests]


def loved_first(child: ChildProfile) -> list[str]:
    """The interests as the story says 'loves {interest}': things and animals first, then
    hobbies, then people by name ('Arjun', not 'her little brother Arjun')."""
    kinds = classify_all(child.interests)
    phrases = interests_of(child)
    order = {"topic": 0, "animal": 0, "hobby": 1, "person": 2}
    ranked = sorted(zip(phrases, kinds, strict=True), key=lambda pk: order[pk[1].kind])
    return [k.name if k.kind == "person" and k.name else p for p, k in ranked]


def voice_for(
    child: ChildProfile, theme: Theme, plot: Plot | None = None, interest: str | None = None
) -> Voice:
    interests = loved_first(child)
    first = interest or interests[0]
    others = [i for i in interests if i != first]
    values = {
        "kid": kid_word(child.pronouns),
        "age_years": f"{AGE_WORDS[child.age - 1]} year{'s' if child.age > 1 else ''}",
        "interest": first,
        "interest2": others[0] if others else first,
        "guide": theme.guide,
        "guide_desc": theme.guide_desc,
        "guide_noun": theme.guide_noun,
        "world": theme.world,
        "event": theme.event,
        "label": theme.label,
        "label_t": title_case(theme.label),
    }
    if plot is not None:
        item, little = plot.item[0], theme.little[0]
        values |= {
            "item": item,
            "a_item": article(item),
            "item_t": title_case(item),
            "little": little,
            "a_little": article(little),
            "little_t": title_case(little),
            "place": plot.place.name,
            "at_place": plot.place.at,
            "place2": plot.place2.name,
            "at_place2": plot.place2.at,
        }
    return Voice(name=clean_text(child.name), pronouns=child.pronouns, values=values)


def first_fitting(voice: Voice, templates: list[str], limit: int) -> str | None:
    for template in templates:
        text = voice.render(template)
        if len(text) <= limit:
            return text
    return None


def theme_for_series(series: SeriesIdea) -> Theme:
    """Our own themes by key; a series from another writer by its words, else a stable pick."""
    found = theme_by_key(series.theme) or match_theme(
        f"{series.theme} {series.title} {series.hook}"
    )
    if found is not None:
        return found
    themes = all_themes()
    return themes[stable_rng("theme", series.theme, series.title).randrange(len(themes))]


def all_plots(theme: Theme) -> list[Plot]:
    return [
        plot_at(theme, quest, item_no, place_no)
        for quest in all_quests()
        for item_no in range(len(theme.items))
        for place_no in range(len(theme.places))
    ]


def find_plot(child: ChildProfile, theme: Theme, storyline: StorylineIdea) -> Plot:
    """Recover the plot from a storyline's title and hook (storage keeps only those)."""
    title_matches: list[Plot] = []
    for plot in all_plots(theme):
        voice = voice_for(child, theme, plot)
        titles = {voice.render(t) for t in plot.quest.titles}
        if storyline.title in titles:
            if storyline.hook in {voice.render(h) for h in plot.quest.hooks}:
                return plot
            title_matches.append(plot)
    if title_matches:
        return title_matches[0]
    rng = stable_rng("plot", storyline.title, storyline.hook)
    quests = all_quests()
    quest = next((q for q in quests if q.key in storyline.title.lower()), rng.choice(quests))
    return plot_at(theme, quest, rng.randrange(len(theme.items)), rng.randrange(9))

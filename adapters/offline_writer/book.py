"""Turns page plans into the BookText: text fitted to the age, scenes and illustration prompts."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from adapters.offline_writer import beats_end
from adapters.offline_writer.cast import (
    WORLD_PLACES,
    Cast,
    add_interests,
    cast_of,
    place_pages,
)
from adapters.offline_writer.character import character_for
from adapters.offline_writer.interests import Interest, classify
from adapters.offline_writer.moods import mood_lines
from adapters.offline_writer.pages import PagePlan, Planner, plan_pages
from adapters.offline_writer.plot import Plot, interests_of, voice_for
from adapters.offline_writer.retelling import retold
from adapters.offline_writer.text import (
    Band,
    Voice,
    band_for_age,
    fit_page,
    long_sentences,
    sentences_of,
    smart_quotes,
    stable_rng,
    words,
)
from adapters.offline_writer.themes import Theme, match_theme
from adapters.offline_writer.tones import CALM, FUNNY
from domain.book_rules import page_word_limit
from domain.feedback import Wishes
from domain.profiles import ChildProfile
from domain.scenes import choose_layouts
from domain.story import STORY_PAGES, BookText, CharacterSheet, PageText, SceneSpec

# Drawable stand-ins for common interests that no theme covers.
INTEREST_ICONS = {
    **{
        animal: animal
        for animal in (
            "elephant",
            "unicorn",
            "horse",
            "dragon",
            "penguin",
            "whale",
            "owl",
            "monkey",
            "tiger",
            "lion",
            "fox",
            "bear",
            "cow",
            "sheep",
            "pig",
            "frog",
            "turtle",
            "octopus",
            "crab",
            "rocket",
            "train",
            "robot",
            "dinosaur",
            "pony",
        )
    },
    "bunn": "bunny",
    "rabbit": "bunny",
    "shark": "fish",
    "book": "book",
    "read": "book",
    "drawing": "brush",
    "painting": "brush",
    "art": "brush",
    "colour": "brush",
    "color": "brush",
    "flower": "flower",
    "balloon": "balloon",
    "kite": "kite",
    "bug": "butterfly",
    "butterfl": "butterfly",
    "insect": "butterfly",
    "puzzle": "gift",
    "bird": "bird",
    "cat": "cat",
    "dog": "dog",
}
# Where the home pages happen; pages 3-10 are in the theme's world.
HOME_PLACES = {
    1: "inside a cosy family home",
    2: "in the garden at home",
    11: "at the garden gate at home",
    12: "in a cosy bedroom",
}


def interest_icon(interest: str) -> str:
    """A drawable noun for an interest: the animal or thing itself when it is one, else the
    icon of its theme, else the interest's own words (an AI illustrator can use those)."""
    lowered = interest.lower()
    found = next((icon for key, icon in INTEREST_ICONS.items() if key in lowered), None)
    if found is not None:
        return found
    theme = match_theme(interest)
    return theme.icon if theme is not None else interest


SUBORDINATE = {"when", "if", "as", "while", "because", "although", "before", "after", "until"}


def _said_anew(
    voice: Voice, template: str, shorter: dict[str, str], fresh: Callable[[str], bool]
) -> str | None:
    """The same story beat without an earlier book's sentence: the plainer register, or the
    sentence split where it turns ('..., and ...' -> two sentences)."""
    candidates = [voice.render(shorter[template])] if template in shorter else []
    text = voice.render(template)
    for joint in (", and ", ", but ", "; ", ", so "):
        head, found, tail = text.partition(joint)
        if found and tail:
            word = found.strip(" ,;")
            second = f"{word.capitalize()} {tail}" if word != "" else tail[:1].upper() + tail[1:]
            candidates.append(f"{head}. {second}")
            candidates.append(f"{head}.")
    opener, comma, rest = text.partition(", ")
    if comma and words(opener) <= 4 and words(rest) >= 4:  # "At last, Zoya ..." -> "Zoya ..."
        candidates.append(rest[:1].upper() + rest[1:])
    head, comma, _ = text.rpartition(", ")
    whole = head.split(" ", 1)[0].lower() not in SUBORDINATE  # "When she was ..." is no sentence
    if (
        comma
        and whole
        and words(head) >= 4
        and not head.count("\u201c") % 2
        and not head.count('"') % 2
    ):
        candidates.append(f"{head}.")
    return next((c for c in candidates if fresh(c)), None)


def _render_page(
    voice: Voice,
    plan: PagePlan,
    band: Band,
    fillers: list[str],
    avoid: set[str],
    shorter: dict[str, str],
    stand_ins: list[str] | None = None,
) -> str:
    def fresh(text: str) -> bool:
        return not any(s in avoid for s in sentences_of(smart_quotes(text)))

    sentences: list[tuple[str, int]] = []
    missing = 0  # words of an earlier book's sentences left out
    for number, (template, level) in enumerate(plan.sentences):
        text = voice.render(template)
        if fresh(text):
            sentences.append((text, level))
            continue
        if level == 0:  # the story needs it: say it another way, or leave it out
            other = _said_anew(voice, template, shorter, fresh)
            if other is not None:
                sentences.append((other, level))
            elif number == len(plan.sentences) - 1 and plan.keep_last:
                sentences.append((voice.render("Goodnight, {name}. Sleep tight."), level))
        missing += words(text) - (words(sentences[-1][0]) if sentences[-1:] else 0) * (level == 0)
    # an earlier book's detail is left out, and a fresh mood line takes its room
    while stand_ins and (missing > 0 or sum(words(t) for t, _ in sentences) < band.target):
        line = voice.render(stand_ins.pop())
        if fresh(line):
            at = len(sentences) - 1 if plan.keep_last and sentences else len(sentences)
            sentences.insert(at, (line, 1))
            missing -= words(line)
    spare = [t for t in (voice.render(f) for f in fillers) if fresh(t)]
    chosen = fit_page(sentences, band, spare, keep_last=plan.keep_last)
    if not any(voice.name in s for s in chosen):
        # Keep the hero named on every page: add (or swap in) a short line with the name.
        named = [voice.render(f) for f in beats_end.FILLERS[plan.mood] if "{name}" in f]
        named = [line for line in named if fresh(line)] or named
        total = sum(words(s) for s in chosen)
        for line in named:
            if total + words(line) <= band.high:
                chosen.append(line)
                break
            if len(chosen) > 1 and total - words(chosen[-1]) + words(line) >= band.low:
                chosen[-1] = line
                break
    return smart_quotes(" ".join(chosen))


def _prompt(
    number: int, character: CharacterSheet, voice: Voice, plan: PagePlan, theme: Theme
) -> str:
    place = HOME_PLACES.get(number, f"in {theme.world}")
    objects = ", ".join(plan.objects)
    return (
        "Children's picture-book illustration, soft watercolour and gouache, warm and gentle. "
        f"The hero is {character.description}. Scene: the hero is {voice.render(plan.action)}, "
        f"{place}, {plan.time_of_day}. Also in the picture: {objects}. Mood: {plan.mood}. "
        "Keep the hero looking the same on every page. Leave the top third of the picture as "
        "open sky or wall, where the page's text will sit, with the hero in the lower half. "
        "No text, letters or numbers."
    )


def _ending(voice: Voice, rng: random.Random, avoid: set[str]) -> str:
    endings = [smart_quotes(voice.render(e)) for e in beats_end.ENDINGS]
    fresh = [e for e in endings if not any(s in avoid for s in sentences_of(e))]
    return rng.choice(fresh or [voice.render("The end, {name}, until the next adventure.")])


def mentioned(objects: Sequence[str], text: str, planner: Planner) -> tuple[str, ...]:
    """Only the things the page's words name are drawn (the place's own scenery is the
    illustrator's): 'map' for 'the explorer map', 'cake' for 'cakes'."""
    said = text.lower()
    phrases = {
        planner.plot.item[1]: planner.plot.item[0],
        planner.theme.little[1]: planner.theme.little[0],
    }
    phrases["bed"] = "covers"  # "snuggled down under the covers" is a bed too
    out = []
    for noun in objects:
        words = {noun, *phrases.get(noun, "").split()[-1:]}
        if any(re.search(rf"\b{re.escape(w)}(e?s)?\b", said) for w in words if w):
            out.append(noun)
    return tuple(out)


def _band(age: int, wishes: Wishes) -> Band:
    """The age's words per page; a parent may ask for shorter or longer pages."""
    band = band_for_age(age)
    if wishes.shorter:
        return Band(
            max(8, band.low // 2), max(band.low, band.high * 2 // 3), max(0, band.level - 1)
        )
    if wishes.longer:
        limit = page_word_limit(age)
        high = min(limit, band.high + band.high // 2)
        return Band(
            min(high, band.high - (band.high - band.low) // 3), high, min(2, band.level + 1)
        )
    return band


def with_wishes(cast: Cast, wishes: Wishes) -> Cast:
    """The people and animals a parent asked for join the child's own."""
    people = [classify(p) for p in wishes.people]
    animals = [Interest(a, "animal", animal=a) for a in wishes.animals]
    return Cast(
        hobbies=cast.hobbies,
        people=[*cast.people, *(p for p in people if p.kind == "person")],
        animals=[*cast.animals, *animals],
        topics=cast.topics,
    )


def add_tone(plans: list[PagePlan], lines: dict[int, str]) -> list[PagePlan]:
    return [
        replace(plan, sentences=(*plan.sentences[:1], (lines[n], 0), *plan.sentences[1:]))
        if n in lines
        else plan
        for n, plan in enumerate(plans, start=1)
    ]


def book_title(child_name: str, storyline_title: str) -> str:
    if child_name in storyline_title:
        return storyline_title
    if storyline_title.startswith("The ") and len(child_name) + len(storyline_title) <= 44:
        return f"{child_name} and the {storyline_title[4:]}"  # The Moon Map -> Aarav and the...
    article, _, rest = storyline_title.partition(" ")
    if article in ("A", "An") and rest and len(child_name) + len(rest) <= 44:
        return f"{child_name}'s {rest}"  # A Daring Rescue -> Meera's Daring Rescue
    return storyline_title


def compose_book(
    child: ChildProfile,
    theme: Theme,
    plot: Plot,
    storyline_title: str,
    dedication: str | None,
    variation: int = 1,
    earlier: Sequence[str] = (),
    wishes: Wishes | None = None,
) -> BookText:
    wishes = wishes or Wishes()
    interests = interests_of(child)
    # A storyline this child has had before is told again with another friend and shape.
    theme, shape = retold(theme, earlier, {a.animal for a in cast_of(child.interests).animals})
    avoid = long_sentences(earlier)
    if wishes.new_ending and variation > 1:  # not the ending the last version had
        before = compose_book(child, theme, plot, storyline_title, dedication, variation - 1)
        avoid |= set(sentences_of(before.ending)) | set(sentences_of(before.pages[-1].text))
    voice = voice_for(child, theme, plot)
    # The first version keeps its seed; each later one is another take on the same plot.
    rng = stable_rng(
        "book" if variation == 1 else f"book:{variation}",
        child.name,
        child.age,
        child.pronouns.value,
        tuple(child.interests),
        theme.key,
        plot.quest.key,
        plot.item,
        plot.place.name,
        storyline_title,
    )
    planner = Planner(
        theme=theme,
        plot=plot,
        rng=rng,
        young=child.age <= 4,
        interest_icon=interest_icon(interests[0]),
        two_interests=len(set(cast_of(child.interests).loved)) > 1,
        shape=shape,
        stale=lambda template: any(
            s in avoid for s in sentences_of(smart_quotes(voice.render(template)))
        ),
    )
    cast = with_wishes(cast_of(child.interests), wishes)
    plans = add_interests(plan_pages(planner), cast, planner.young, theme.guide_noun)
    plans = add_tone(plans, CALM if wishes.calmer else FUNNY if wishes.funnier else {})
    plans = place_pages(plans, cast, theme.key)
    assert len(plans) == STORY_PAGES
    band = _band(child.age, wishes)
    character = character_for(child)
    pages: list[PageText] = []
    stand_ins = {mood: mood_lines(mood, rng) for mood in beats_end.FILLERS} if avoid else {}
    for number, plan in enumerate(plans, start=1):
        fillers = list(beats_end.FILLERS[plan.mood])
        rng.shuffle(fillers)
        text = _render_page(
            voice, plan, band, fillers, avoid, planner.shorter, stand_ins.get(plan.mood)
        )
        scene = SceneSpec(
            setting=plan.setting,
            objects=mentioned(plan.objects, text, planner),
            mood=plan.mood,
            time_of_day=plan.time_of_day,
            place=plan.place,
            action=plan.pose,
            companions=plan.companions,
        )
        pages.append(
            PageText(
                number=number,
                text=text,
                illustration_prompt=_prompt(number, character, voice, plan, theme),
                scene=scene,
            )
        )
    # Layouts vary page to page, each page's words fitting its layout (domain.scenes).
    layouts = choose_layouts(
        [words(p.text) for p in pages],
        [p.scene.action == "sleep" for p in pages],
        f"{child.name}|{storyline_title}|{variation}",
    )
    pages = [
        replace(p, scene=replace(p.scene, text_zone=layout))
        for p, layout in zip(pages, layouts, strict=True)
    ]
    return BookText(
        title=book_title(voice.name, storyline_title),
        dedication=dedication,
        character=character,
        pages=tuple(pages),
        ending=_ending(voice, rng, avoid),
        cover_scene=SceneSpec(
            setting=theme.setting,
            objects=(theme.icon, plot.item[1]),
            mood="excited",
            time_of_day=theme.time_of_day,
            # the hero in the story's world, with its guide and the child's own companions
            place=WORLD_PLACES.get(theme.key, ""),
            action="wave",
            companions=plans[2].companions,
        ),
    )

"""Five series (one theme each) per round, and five storylines (one quest each) per series."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from adapters.offline_writer.interests import classify
from adapters.offline_writer.plot import (
    HOOK_MAX,
    TITLE_MAX,
    first_fitting,
    interests_of,
    plot_at,
    theme_for_series,
    voice_for,
)
from adapters.offline_writer.quests import all_quests
from adapters.offline_writer.text import stable_rng
from adapters.offline_writer.themes import Theme, all_themes, interest_words, match_theme
from domain.profiles import ChildProfile
from domain.story import OPTIONS_PER_ROUND, SeriesIdea, StorylineIdea


def _profile_key(child: ChildProfile) -> tuple[object, ...]:
    return (child.name, child.age, child.pronouns.value, tuple(child.interests))


def theme_order(child: ChildProfile) -> list[Theme]:
    """Themes the child's interests point to first, then the rest in a stable shuffle."""
    matched: list[Theme] = []
    for interest in child.interests:
        theme = match_theme(interest)
        if theme is not None and theme not in matched:
            matched.append(theme)
    rest = [t for t in all_themes() if t not in matched]
    stable_rng("themes", *_profile_key(child)).shuffle(rest)
    return matched + rest


def pick_themes(child: ChildProfile, round_no: int, avoid_themes: Sequence[str]) -> list[Theme]:
    order = theme_order(child)
    avoid = set(avoid_themes)
    fresh = [t for t in order if t.key not in avoid]
    # Rounds the caller did not list in avoid_themes still move us along the order.
    skip = max(0, (round_no - 1) * OPTIONS_PER_ROUND - len(avoid))
    if fresh:
        start = skip % len(fresh)
        fresh = fresh[start:] + fresh[:start]
    picked = fresh[:OPTIONS_PER_ROUND]
    picked += [t for t in order if t not in picked][: OPTIONS_PER_ROUND - len(picked)]
    return picked


def _assign_interests(child: ChildProfile, themes: list[Theme]) -> dict[str, str]:
    """theme key -> the interest its hook should mention, so every interest shows up."""
    interests = interests_of(child)
    assigned: dict[str, str] = {}
    leftovers: list[str] = []
    for raw, phrase in zip(child.interests, interests, strict=True):
        if classify(raw).kind == "person":
            continue  # "Goals, cheers and her little brother Arjun" reads pasted: the
            # person is in the story itself, not in a series blurb
        theme = match_theme(raw)
        if theme is not None and theme in themes and theme.key not in assigned:
            assigned[theme.key] = phrase
        else:
            leftovers.append(phrase)
    for phrase in leftovers:
        free = next((t for t in themes if t.key not in assigned), None)
        if free is None:
            break
        assigned[free.key] = phrase
    return assigned


def _echoes(template: str, interest: str) -> bool:
    """True when the template already names the interest ('Rockets, planets and {interest}'
    for a rockets fan would say 'rockets' twice)."""
    literal = interest_words(re.sub(r"\{\w+(?::\w+)?\}", " ", template))
    return any(len(w) > 3 and w in literal for w in interest_words(interest))


def _series_idea(
    child: ChildProfile, theme: Theme, interest: str | None, taken: set[str], seed: int
) -> SeriesIdea:
    rng = stable_rng("series-idea", seed, theme.key)
    voice = voice_for(child, theme, interest=interest)
    titles = list(theme.titles)
    rng.shuffle(titles)
    titles.append("{label_t} Adventures")  # unique per theme, so always free
    title = next(
        t for t in (voice.render(t) for t in titles) if len(t) <= TITLE_MAX and t not in taken
    )
    hooks: list[str] = []
    if interest is not None:
        hooks += [h for h in rng.sample(theme.interest_hooks, 2) if not _echoes(h, interest)]
        hooks += [
            "A {label} adventure for a fan of {interest}.",
            "A {label} adventure full of {interest}.",
            "A {label} tale with {interest}.",
        ]
    hooks += rng.sample(theme.hooks, len(theme.hooks))
    hooks.append("An adventure in {world}, with a brand-new friend.")
    hook = first_fitting(voice, hooks, HOOK_MAX)
    assert hook is not None  # the last fallback has no name and always fits
    return SeriesIdea(title=title, hook=hook, theme=theme.key)


def write_series(
    child: ChildProfile, round_no: int, avoid_themes: Sequence[str]
) -> list[SeriesIdea]:
    themes = pick_themes(child, round_no, avoid_themes)
    interests = _assign_interests(child, themes)
    seed = stable_rng("series", *_profile_key(child), round_no, sorted(avoid_themes)).getrandbits(
        64
    )
    ideas: list[SeriesIdea] = []
    taken: set[str] = set()
    for theme in themes:
        idea = _series_idea(child, theme, interests.get(theme.key), taken, seed)
        taken.add(idea.title)
        ideas.append(idea)
    return ideas


def write_storylines(
    child: ChildProfile, series: SeriesIdea, round_no: int, used: Collection[str] = ()
) -> list[StorylineIdea]:
    theme = theme_for_series(series)
    quests = list(all_quests())
    stable_rng("quests", *_profile_key(child), theme.key, series.title).shuffle(quests)
    start = (round_no - 1) * OPTIONS_PER_ROUND
    fresh = [q for q in quests if q.key not in used]
    if used and fresh:
        # Plot shapes of the child's earlier books come last: every round of a new book
        # offers the others first.
        turn = start % len(fresh)
        quests = fresh[turn:] + fresh[:turn] + [q for q in quests if q.key in used]
        start = 0
    rng = stable_rng("storylines", *_profile_key(child), theme.key, series.title, round_no)
    item_base = rng.randrange(len(theme.items))
    ideas: list[StorylineIdea] = []
    taken: set[str] = set()
    offset = 0
    while len(ideas) < OPTIONS_PER_ROUND and offset < 10 * len(quests):
        index = start + offset
        quest = quests[index % len(quests)]
        # A quest offered again in a later round comes back with a different item and place.
        lap = index // len(quests)
        plot = plot_at(theme, quest, item_base + offset + lap, lap + offset)
        voice = voice_for(child, theme, plot)
        titles = rng.sample(quest.titles, len(quest.titles))
        title = next(
            (
                t
                for t in (voice.render(t) for t in titles)
                if len(t) <= TITLE_MAX and t not in taken
            ),
            None,
        )
        offset += 1
        if title is None:
            continue
        hook = first_fitting(voice, list(quest.hooks), HOOK_MAX)
        if hook is None:
            continue
        taken.add(title)
        ideas.append(StorylineIdea(title=title, hook=hook))
    return ideas

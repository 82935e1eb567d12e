"""Series and storyline options: exactly 5 per round, distinct, within WhatsApp's list limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain.profiles import clean_text
from domain.story import OPTIONS_PER_ROUND, SeriesIdea, StorylineIdea

TITLE_MAX = 24  # a WhatsApp list row title
HOOK_MAX = 72  # a WhatsApp list row description


@dataclass(frozen=True, slots=True, kw_only=True)
class SeriesOption:
    id: str
    child_profile_id: str
    round: int
    position: int
    idea: SeriesIdea
    selected: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class StorylineOption:
    id: str
    series_id: str
    round: int
    position: int
    idea: StorylineIdea
    selected: bool = False


def round_problems(ideas: Sequence[SeriesIdea | StorylineIdea]) -> list[str]:
    """Why a writer's round cannot be offered; empty when it can."""
    problems: list[str] = []
    if len(ideas) != OPTIONS_PER_ROUND:
        problems.append(f"expected exactly {OPTIONS_PER_ROUND} options, got {len(ideas)}")
    titles = [clean_text(i.title).casefold() for i in ideas]
    if len(set(titles)) != len(titles):
        problems.append("titles are not distinct")
    for idea in ideas:
        if not 1 <= len(clean_text(idea.title)) <= TITLE_MAX:
            problems.append(f"title {idea.title!r} must be 1..{TITLE_MAX} characters")
        if not 1 <= len(clean_text(idea.hook)) <= HOOK_MAX:
            problems.append(f"hook of {idea.title!r} must be 1..{HOOK_MAX} characters")
    return problems

"""Structured outputs: the JSON the text model must return, as pydantic models.

Counts are part of the schema (exactly 5 options, exactly 12 pages), so the API's strict mode
enforces them and a wrong count from any server fails parsing. String lengths are not in the
schema (strict mode does not take them); the domain's rules check them after parsing.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from domain.story import OPTIONS_PER_ROUND, STORY_PAGES


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SeriesItem(_Strict):
    title: str
    hook: str
    theme: str


class SeriesRound(_Strict):
    series: Annotated[
        list[SeriesItem], Field(min_length=OPTIONS_PER_ROUND, max_length=OPTIONS_PER_ROUND)
    ]


class StorylineItem(_Strict):
    title: str
    hook: str


class StorylineRound(_Strict):
    storylines: Annotated[
        list[StorylineItem], Field(min_length=OPTIONS_PER_ROUND, max_length=OPTIONS_PER_ROUND)
    ]


class Companion(_Strict):
    kind: str  # 'elephant', 'little brother', 'grandma' ...
    name: str  # '' when the page gives none


class Scene(_Strict):
    setting: str
    place: str
    time_of_day: str
    action: str
    companions: Annotated[list[Companion], Field(max_length=3)]
    objects: Annotated[list[str], Field(max_length=4)]
    mood: str


class Page(_Strict):
    number: int
    text: str
    illustration_prompt: str
    scene: Scene


class Character(_Strict):
    description: str


class Book(_Strict):
    title: str
    character: Character
    cover_scene: Scene
    pages: Annotated[list[Page], Field(min_length=STORY_PAGES, max_length=STORY_PAGES)]
    ending: str


class SeriesPick(_Strict):
    position: int
    reason: str

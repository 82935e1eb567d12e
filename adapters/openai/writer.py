"""OpenAIStoryWriter: series, storylines, the book and the 'Surprise me' pick from a text model
with structured outputs. Validity rules (lengths, duplicates, word budget, the hero's name) and
the bounded retries live in the domain services, so every writer is held to the same rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from openai import AsyncOpenAI

from adapters.openai import schemas
from adapters.openai.prompting import BOOK, PICK, SERIES, STORYLINES
from adapters.openai.structured import TextCall
from domain import scenes
from domain.book_rules import page_word_limit, word_budget
from domain.profiles import ChildProfile, clean_text
from domain.story import (
    BookText,
    CharacterSheet,
    PageText,
    SceneSpec,
    SeriesIdea,
    StorylineIdea,
)

PROMPT_SET_VERSION = "openai-v1"
OPTIONS_MAX_TOKENS = 4000
PICK_MAX_TOKENS = 2000


class OpenAIStoryWriter:
    def __init__(
        self,
        client: AsyncOpenAI,
        model: str,
        *,
        max_output_tokens: int = 16000,
        reasoning_effort: str | None = "low",
        temperature: float | None = None,
        pick_timeout_seconds: float = 20.0,
    ) -> None:
        self._call = TextCall(
            client,
            model,
            max_output_tokens=max_output_tokens,
            reasoning_effort=reasoning_effort,
            temperature=temperature,
        )
        self._pick_timeout = pick_timeout_seconds

    @property
    def model(self) -> str:
        return self._call.model

    @property
    def prompt_version(self) -> str:
        return PROMPT_SET_VERSION

    async def write_series(
        self, child: ChildProfile, round_no: int, avoid_themes: Sequence[str]
    ) -> list[SeriesIdea]:
        values = {**_hero(child), "round_no": round_no, "avoid": list(avoid_themes)}
        answer = await self._call.parse(
            SERIES, schemas.SeriesRound, values, max_output_tokens=OPTIONS_MAX_TOKENS
        )
        return [
            SeriesIdea(title=clean_text(s.title), hook=clean_text(s.hook), theme=_theme(s.theme))
            for s in answer.series
        ]

    async def write_storylines(
        self,
        child: ChildProfile,
        series: SeriesIdea,
        round_no: int,
        *,
        earlier: Sequence[tuple[SeriesIdea, StorylineIdea]] = (),  # the model invents anew
    ) -> list[StorylineIdea]:
        values = {**_hero(child), **_series(series), "round_no": round_no}
        answer = await self._call.parse(
            STORYLINES, schemas.StorylineRound, values, max_output_tokens=OPTIONS_MAX_TOKENS
        )
        return [
            StorylineIdea(title=clean_text(s.title), hook=clean_text(s.hook))
            for s in answer.storylines
        ]

    async def write_book(
        self,
        child: ChildProfile,
        series: SeriesIdea,
        storyline: StorylineIdea,
        dedication: str | None,
        *,
        version: int = 1,
        feedback: str | None = None,
        earlier: Sequence[str] = (),  # a new story from a language model shares no sentences
    ) -> BookText:
        values = {
            "version": version,
            "feedback": feedback,
            **_hero(child),
            **_series(series),
            "storyline_title": storyline.title,
            "storyline_hook": storyline.hook,
            "dedication": dedication,
            "page_words": page_word_limit(child.age),
            "total_words": word_budget(child.age),
            "places": scenes.PLACES,
            "actions": scenes.ACTIONS,
        }
        book = await self._call.parse(BOOK, schemas.Book, values)
        pages: list[PageText] = []
        place = ""
        for p in book.pages:
            text = p.text.strip()
            scene = _scene(p.scene, text, child.name, place)
            place = scene.place
            pages.append(
                PageText(
                    number=p.number,
                    text=text,
                    illustration_prompt=clean_text(p.illustration_prompt),
                    scene=scene,
                )
            )
        layouts = scenes.choose_layouts(
            [len(p.text.split()) for p in pages],
            [p.scene.action == "sleep" for p in pages],
            f"{child.name}|{storyline.title}|{version}",
        )
        look = child.look.sheet_fields() if child.look is not None else {}
        return BookText(
            title=clean_text(book.title),
            # Only the parent's own words are printed, as written: a parent who skipped the
            # dedication gets none (as with the offline writer), never one signed for them.
            dedication=dedication,
            character=CharacterSheet(
                description=_character(child, book.character.description), **look
            ),
            pages=tuple(
                replace(p, scene=replace(p.scene, text_zone=layout))
                for p, layout in zip(pages, layouts, strict=True)
            ),
            ending=clean_text(book.ending),
            # the cover names no words of its own: its things are the book's
            cover_scene=_scene(
                book.cover_scene, " ".join(p.text for p in pages), child.name, pages[0].scene.place
            ),
        )

    async def rank_series(
        self, child: ChildProfile, options: Sequence[SeriesIdea]
    ) -> tuple[int, str]:
        """Runs inside the parent's turn, so it has a short timeout of its own."""
        values = {**_hero(child), "options": list(options)}
        pick = await self._call.parse(
            PICK,
            schemas.SeriesPick,
            values,
            max_output_tokens=PICK_MAX_TOKENS,
            timeout_seconds=self._pick_timeout,
            max_retries=1,
        )
        return pick.position, pick.reason.strip()


def _character(child: ChildProfile, described: str) -> str:
    """The look the parent chose leads the sheet, so every page prompt carries it exactly."""
    text = clean_text(described)
    if child.look is None:
        return text
    return f"The hero has {child.look.words()}. {text}"


def _hero(child: ChildProfile) -> dict[str, Any]:
    return {
        "name": child.name,
        "age": child.age,
        "pronouns": f"{child.pronouns.subject}/{child.pronouns.object}",
        "interests": list(child.interests),
        "look": None if child.look is None else child.look.words(),
    }


def _series(series: SeriesIdea) -> dict[str, str]:
    return {
        "series_title": series.title,
        "series_hook": series.hook,
        "series_theme": series.theme,
    }


def _theme(value: str) -> str:
    return (clean_text(value).casefold().split() or ["adventure"])[0][:24]


def _scene(scene: schemas.Scene, text: str, hero: str, place_before: str) -> SceneSpec:
    """The model's scene held to the words every illustrator knows (domain.scenes); a field
    it got wrong falls back for this page alone (the place before, a pose from the words)."""
    setting = clean_text(scene.setting).casefold() or "outdoor"
    companions = (
        scenes.known_companion(clean_text(c.kind), clean_text(c.name), hero)
        for c in scene.companions
    )
    return SceneSpec(
        setting=setting,
        objects=scenes.mentioned([clean_text(o) for o in scene.objects], text),
        mood=clean_text(scene.mood).casefold()[:24] or "calm",
        time_of_day=clean_text(scene.time_of_day).casefold()[:24] or "day",
        place=scenes.known_place(clean_text(scene.place), setting, place_before),
        action=scenes.known_action(clean_text(scene.action), text),
        companions=tuple(dict.fromkeys(c for c in companions if c))[: scenes.MAX_COMPANIONS],
    )

"""Rounds of exactly 5 series and 5 storylines, and the parent's selection."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from domain.errors import GenerationFailed, NotFound
from domain.options import SeriesOption, StorylineOption, round_problems
from domain.parents import StoredProfile
from domain.ports import IdFactory, SeriesRanker, StoryWriter
from domain.profiles import ChildProfile, clean_text
from domain.repositories import UnitOfWork, UnitOfWorkFactory
from domain.services.generation_log import CallInfo, GenerationLogger
from domain.services.moderation import ContentModeration
from domain.services.surprise import surprise_pick
from domain.story import SeriesIdea, StorylineIdea
from domain.units import UnitBound

logger = logging.getLogger(__name__)
DEFAULT_ATTEMPTS = 3
REASON_MAX = 160  # "Surprise me" explains its pick in one short line
IdeaT = TypeVar("IdeaT", SeriesIdea, StorylineIdea)


class StoryOptionsService(UnitBound):
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        writer: StoryWriter,
        ids: IdFactory,
        *,
        attempts: int = DEFAULT_ATTEMPTS,
        moderation: ContentModeration | None = None,
        ranker: SeriesRanker | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._writer = writer
        self._ids = ids
        self._attempts = attempts
        self._moderation = moderation
        self._ranker = ranker
        self._log = GenerationLogger(uow_factory)

    def _bind(self, factory: UnitOfWorkFactory) -> None:
        super()._bind(factory)
        self._log = GenerationLogger(factory)  # a ranking inside a turn is logged with the turn

    async def new_series_round(self, user_id: str) -> list[SeriesOption]:
        """Generate, check and keep the next round of 5 series for the parent's child."""
        async with self._uow_factory() as uow:
            stored = await uow.profiles.for_user(user_id)
            if stored is None:
                raise NotFound("the parent has no child profile yet")
            round_no = await uow.options.last_series_round(stored.id) + 1
            offered = await uow.options.series_themes(stored.id)
        ideas = await self._series_ideas(stored, round_no, offered)
        options = [
            SeriesOption(
                id=self._ids(), child_profile_id=stored.id, round=round_no, position=n, idea=idea
            )
            for n, idea in enumerate(ideas, start=1)
        ]
        async with self._uow_factory() as uow:
            await uow.options.add_series(options)
            await uow.commit()
        return options

    async def _series_ideas(
        self, stored: StoredProfile, round_no: int, offered: Sequence[str]
    ) -> list[SeriesIdea]:
        async def call() -> list[SeriesIdea]:
            return await self._writer.write_series(stored.profile, round_no, offered)

        info = CallInfo(
            kind="series",
            model=self._writer.model,
            prompt_version=self._writer.prompt_version,
            inputs={"profile": stored.profile, "round": round_no, "avoid": list(offered)},
            params={"round": round_no},
        )
        return await self._attempt(info, call)

    async def new_storyline_round(self, series_id: str) -> list[StorylineOption]:
        async with self._uow_factory() as uow:
            series = await uow.options.get_series(series_id)
            if series is None:
                raise NotFound("no such series")
            stored = await uow.profiles.get(series.child_profile_id)
            assert stored is not None  # the foreign key guarantees it
            round_no = await uow.options.last_storyline_round(series_id) + 1
            earlier = await _earlier_stories(uow, stored.user_id)

        async def call() -> list[StorylineIdea]:
            return await self._writer.write_storylines(
                stored.profile, series.idea, round_no, earlier=earlier
            )

        info = CallInfo(
            kind="storylines",
            model=self._writer.model,
            prompt_version=self._writer.prompt_version,
            inputs={"profile": stored.profile, "series": series.idea, "round": round_no},
            params={"round": round_no},
        )
        ideas = await self._attempt(info, call)
        options = [
            StorylineOption(
                id=self._ids(), series_id=series_id, round=round_no, position=n, idea=idea
            )
            for n, idea in enumerate(ideas, start=1)
        ]
        async with self._uow_factory() as uow:
            await uow.options.add_storylines(options)
            await uow.commit()
        return options

    async def _attempt(
        self, info: CallInfo, call: Callable[[], Awaitable[list[IdeaT]]]
    ) -> list[IdeaT]:
        """Ask the writer up to `attempts` times for a valid round; never keep 4 or 6."""
        failures: list[str] = []
        for attempt in range(1, self._attempts + 1):
            try:
                ideas, problems = await self._log.run(info, call, check=round_problems)
            except Exception as exc:  # the writer failed outright: retry like an invalid round
                failures.append(f"attempt {attempt}: {type(exc).__name__}: {exc}")
                continue
            if not problems and self._moderation is not None:
                texts = [text for idea in ideas for text in (idea.title, idea.hook)]
                problems = await self._moderation.generated_problems(texts, info.kind)
            if not problems:
                return ideas
            failures.append(f"attempt {attempt}: {'; '.join(problems)}")
        logger.error(
            "story options round failed",
            extra={"kind": info.kind, "attempts": self._attempts, "failures": failures},
        )
        raise GenerationFailed(f"could not write 5 valid {info.kind}: {failures[-1]}")

    async def surprise(self, user_id: str, round_no: int) -> tuple[SeriesOption, str]:
        """'Surprise me': the ranker's pick and its one-line reason, or, when there is no ranker
        or it fails, the best match of the child's interests (the parent is never left waiting)."""
        async with self._uow_factory() as uow:
            stored = await uow.profiles.for_user(user_id)
            if stored is None:
                raise NotFound("the parent has no child profile yet")
            options = await uow.options.series_round(stored.id, round_no)
        if not options:
            raise NotFound(f"no series round {round_no}")
        if self._ranker is not None:
            try:
                return await self._ranked(self._ranker, stored.profile, options)
            except Exception as exc:
                logger.warning(
                    "ranking failed; picking by interests", extra={"error": type(exc).__name__}
                )
        return surprise_pick(stored.profile, options)

    async def _ranked(
        self, ranker: SeriesRanker, child: ChildProfile, options: list[SeriesOption]
    ) -> tuple[SeriesOption, str]:
        ideas = [o.idea for o in options]

        async def call() -> tuple[int, str]:
            return await ranker.rank_series(child, ideas)

        def check(answer: tuple[int, str]) -> list[str]:
            position, reason = answer
            problems = [] if 1 <= position <= len(options) else [f"no option {position}"]
            if not 1 <= len(clean_text(reason)) <= REASON_MAX or "\n" in reason.strip():
                problems.append(f"the reason must be one line of 1..{REASON_MAX} characters")
            return problems

        info = CallInfo(
            kind="ranking",
            model=ranker.model,
            prompt_version=self._writer.prompt_version,
            inputs={"profile": child, "options": ideas},
        )
        (position, reason), problems = await self._log.run(info, call, check=check)
        if not problems and self._moderation is not None:
            problems = await self._moderation.generated_problems([reason], "ranking")
        if problems:
            raise GenerationFailed("; ".join(problems))
        return options[position - 1], clean_text(reason)

    async def series_round(self, user_id: str, round_no: int) -> list[SeriesOption]:
        async with self._uow_factory() as uow:
            stored = await uow.profiles.for_user(user_id)
            if stored is None:
                raise NotFound("the parent has no child profile yet")
            return await uow.options.series_round(stored.id, round_no)

    async def latest_storylines(self, series_id: str) -> list[StorylineOption]:
        async with self._uow_factory() as uow:
            round_no = await uow.options.last_storyline_round(series_id)
            return await uow.options.storyline_round(series_id, round_no)

    async def get_series(self, series_id: str) -> SeriesOption:
        async with self._uow_factory() as uow:
            series = await uow.options.get_series(series_id)
        if series is None:
            raise NotFound("no such series")
        return series

    async def select_series(self, series_id: str) -> SeriesOption:
        async with self._uow_factory() as uow:
            series = await uow.options.get_series(series_id)
            if series is None:
                raise NotFound("no such series")
            await uow.options.select_series(series_id)
            await uow.commit()
        return series

    async def select_storyline(self, storyline_id: str) -> StorylineOption:
        async with self._uow_factory() as uow:
            storyline = await uow.options.get_storyline(storyline_id)
            if storyline is None:
                raise NotFound("no such storyline")
            await uow.options.select_storyline(storyline_id)
            await uow.commit()
        return storyline


async def _earlier_stories(uow: UnitOfWork, user_id: str) -> list[tuple[SeriesIdea, StorylineIdea]]:
    """The series and storyline of every book the child already has (drafts included)."""
    out = []
    for book in await uow.books.for_user(user_id):
        if book.series_id and book.storyline_id:
            series = await uow.options.get_series(book.series_id)
            line = await uow.options.get_storyline(book.storyline_id)
            if series is not None and line is not None:
                out.append((series.idea, line.idea))
    return out

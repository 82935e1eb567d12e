"""Series and storyline options: every round kept, one row selected."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.options import SeriesOption, StorylineOption
from domain.ports import Clock
from domain.story import SeriesIdea, StorylineIdea
from storage.tables import SeriesRow, StorylineRow


def _series_of(row: SeriesRow) -> SeriesOption:
    return SeriesOption(
        id=row.id,
        child_profile_id=row.child_profile_id,
        round=row.round,
        position=row.position,
        selected=row.selected,
        idea=SeriesIdea(title=row.title, hook=row.hook, theme=row.theme),
    )


def _storyline_of(row: StorylineRow) -> StorylineOption:
    return StorylineOption(
        id=row.id,
        series_id=row.series_id,
        round=row.round,
        position=row.position,
        selected=row.selected,
        idea=StorylineIdea(title=row.title, hook=row.hook),
    )


class SqlAlchemyOptionRepository:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def last_series_round(self, profile_id: str) -> int:
        query = select(func.max(SeriesRow.round)).where(SeriesRow.child_profile_id == profile_id)
        return (await self._session.execute(query)).scalar() or 0

    async def series_themes(self, profile_id: str) -> list[str]:
        query = (
            select(SeriesRow.theme)
            .where(SeriesRow.child_profile_id == profile_id)
            .order_by(SeriesRow.round, SeriesRow.position)
        )
        return list((await self._session.execute(query)).scalars())

    async def add_series(self, options: Sequence[SeriesOption]) -> None:
        now = self._clock.now()
        self._session.add_all(
            SeriesRow(
                id=o.id,
                child_profile_id=o.child_profile_id,
                round=o.round,
                position=o.position,
                title=o.idea.title,
                hook=o.idea.hook,
                theme=o.idea.theme,
                selected=o.selected,
                created_at=now,
            )
            for o in options
        )
        await self._session.flush()

    async def series_round(self, profile_id: str, round_no: int) -> list[SeriesOption]:
        query = (
            select(SeriesRow)
            .where(SeriesRow.child_profile_id == profile_id, SeriesRow.round == round_no)
            .order_by(SeriesRow.position)
        )
        return [_series_of(r) for r in (await self._session.execute(query)).scalars()]

    async def get_series(self, series_id: str) -> SeriesOption | None:
        row = await self._session.get(SeriesRow, series_id)
        return None if row is None else _series_of(row)

    async def select_series(self, series_id: str) -> None:
        row = await self._session.get(SeriesRow, series_id)
        assert row is not None
        await self._session.execute(
            update(SeriesRow)
            .where(SeriesRow.child_profile_id == row.child_profile_id)
            .values(selected=SeriesRow.id == series_id)
        )

    async def last_storyline_round(self, series_id: str) -> int:
        query = select(func.max(StorylineRow.round)).where(StorylineRow.series_id == series_id)
        return (await self._session.execute(query)).scalar() or 0

    async def add_storylines(self, options: Sequence[StorylineOption]) -> None:
        now = self._clock.now()
        self._session.add_all(
            StorylineRow(
                id=o.id,
                series_id=o.series_id,
                round=o.round,
                position=o.position,
                title=o.idea.title,
                hook=o.idea.hook,
                selected=o.selected,
                created_at=now,
            )
            for o in options
        )
        await self._session.flush()

    async def storyline_round(self, series_id: str, round_no: int) -> list[StorylineOption]:
        query = (
            select(StorylineRow)
            .where(StorylineRow.series_id == series_id, StorylineRow.round == round_no)
            .order_by(StorylineRow.position)
        )
        return [_storyline_of(r) for r in (await self._session.execute(query)).scalars()]

    async def get_storyline(self, storyline_id: str) -> StorylineOption | None:
        row = await self._session.get(StorylineRow, storyline_id)
        return None if row is None else _storyline_of(row)

    async def select_storyline(self, storyline_id: str) -> None:
        row = await self._session.get(StorylineRow, storyline_id)
        assert row is not None
        await self._session.execute(
            update(StorylineRow)
            .where(StorylineRow.series_id == row.series_id)
            .values(selected=StorylineRow.id == storyline_id)
        )

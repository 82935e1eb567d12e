"""Where a store's statements run: in a turn's transaction when it is given one (the turn
commits), else in a transaction of its own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.repositories import UnitOfWork
from storage.turn_unit import SqlAlchemyTurnUnit


def turn_unit(uow: UnitOfWork) -> SqlAlchemyTurnUnit:
    assert isinstance(uow, SqlAlchemyTurnUnit), "storage joins only its own turn units"
    return uow


@asynccontextmanager
async def transaction(
    sessions: async_sessionmaker[AsyncSession], unit: SqlAlchemyTurnUnit | None
) -> AsyncIterator[AsyncSession]:
    if unit is not None:
        yield unit.session
        return
    async with sessions() as s, s.begin():
        yield s

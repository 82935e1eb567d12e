"""Shipping addresses for printed books."""

from __future__ import annotations

from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ports import Clock, IdFactory
from domain.repositories import UnitOfWork
from storage.scoped import transaction, turn_unit
from storage.tables import ShippingAddressRow
from storage.turn_unit import SqlAlchemyTurnUnit


class SqlAlchemyAddressBook:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        ids: IdFactory,
        unit: SqlAlchemyTurnUnit | None = None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ids = ids
        self._unit = unit

    def within(self, uow: UnitOfWork) -> Self:
        return type(self)(self._sessions, self._clock, self._ids, turn_unit(uow))

    async def save_address(self, user_id: str, address: dict[str, str]) -> str:
        address_id = self._ids()
        async with transaction(self._sessions, self._unit) as s:
            s.add(
                ShippingAddressRow(
                    id=address_id,
                    user_id=user_id,
                    full_name=address["name"],
                    line1=address["line1"],
                    line2=address.get("line2") or None,
                    city=address["city"],
                    region=address.get("state"),
                    postal_code=address["pin"],
                    country_code="IN",
                    phone=address.get("phone"),
                    created_at=self._clock.now(),
                )
            )
        return address_id

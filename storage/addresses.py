"""Shipping addresses for printed books."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.ports import Clock, IdFactory
from storage.tables import ShippingAddressRow


class SqlAlchemyAddressBook:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Clock, ids: IdFactory
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ids = ids

    async def save_address(self, user_id: str, address: dict[str, str]) -> str:
        address_id = self._ids()
        async with self._sessions() as s, s.begin():
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

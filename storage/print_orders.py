"""Print orders: one per printed book, changed under a row lock together with its audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import AuditEntry
from domain.ports import Clock, IdFactory
from domain.printing import (
    FINISHED,
    PROBLEMS,
    PrintAddress,
    PrintOrder,
    PrintStatus,
    QueueFilter,
    state_code,
)
from storage.audit_rows import audit_row
from storage.tables import PrintOrderRow, ShippingAddressRow, WebhookEventRow

HISTORY_MAX = 100  # the newest reports are kept


def _order(row: PrintOrderRow) -> PrintOrder:
    return PrintOrder(
        id=row.id, book_id=row.book_id, user_id=row.user_id,
        shipping_address_id=row.shipping_address_id, provider=row.provider,
        provider_order_id=row.provider_order_id, status=PrintStatus(row.status),
        created_at=row.created_at, updated_at=row.updated_at,
        status_changed_at=row.status_changed_at or row.updated_at, carrier=row.carrier,
        tracking_url=row.tracking_url, last_error=row.last_error, page_count=row.page_count,
        history=list(row.history or []), attempt=row.attempt,
    )  # fmt: skip


def _copy(order: PrintOrder, row: PrintOrderRow) -> None:
    row.shipping_address_id = order.shipping_address_id
    row.provider_order_id = order.provider_order_id
    row.status = order.status.value
    row.updated_at, row.status_changed_at = order.updated_at, order.status_changed_at
    row.carrier, row.tracking_url = order.carrier, order.tracking_url
    row.last_error = order.last_error[:2000] if order.last_error else None
    row.page_count = order.page_count
    row.history = order.history[-HISTORY_MAX:]
    row.attempt = order.attempt


class SqlAlchemyPrintOrders:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Clock, ids: IdFactory
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ids = ids

    async def open_order(self, order: PrintOrder) -> PrintOrder:
        row = PrintOrderRow(
            id=order.id, book_id=order.book_id, provider=order.provider,
            status=order.status.value, created_at=order.created_at, user_id=order.user_id,
            updated_at=order.updated_at,
        )  # fmt: skip
        _copy(order, row)
        try:
            async with self._sessions() as s, s.begin():
                s.add(row)
        except IntegrityError:
            pass  # the book has its order already (a repeated job)
        existing = await self.by_book(order.book_id)
        assert existing is not None
        return existing

    async def _one(self, *where: Any) -> PrintOrder | None:
        async with self._sessions() as s:
            row = (await s.execute(select(PrintOrderRow).where(*where))).scalar_one_or_none()
        return _order(row) if row is not None else None

    async def get(self, order_id: str) -> PrintOrder | None:
        return await self._one(PrintOrderRow.id == order_id)

    async def by_book(self, book_id: str) -> PrintOrder | None:
        return await self._one(PrintOrderRow.book_id == book_id)

    async def by_job(self, provider: str, job_id: str) -> PrintOrder | None:
        return await self._one(
            PrintOrderRow.provider == provider, PrintOrderRow.provider_order_id == job_id
        )

    async def change(
        self, order_id: str, mutate: Callable[[PrintOrder], list[AuditEntry]]
    ) -> PrintOrder | None:
        async with self._sessions() as s, s.begin():
            query = select(PrintOrderRow).where(PrintOrderRow.id == order_id).with_for_update()
            row = (await s.execute(query)).scalar_one_or_none()
            if row is None:
                return None
            order = _order(row)
            entries = mutate(order)
            _copy(order, row)
            for entry in entries:
                s.add(audit_row(entry))
        return order

    async def waiting(self, provider: str) -> list[str]:
        done = [s.value for s in FINISHED]
        query = (
            select(PrintOrderRow.id)
            .where(PrintOrderRow.provider == provider, PrintOrderRow.status.not_in(done))
            .order_by(PrintOrderRow.created_at)
        )
        async with self._sessions() as s:
            return list((await s.execute(query)).scalars())

    async def queue(self, query: QueueFilter) -> list[PrintOrder]:
        stmt = select(PrintOrderRow).order_by(PrintOrderRow.created_at.desc()).limit(query.limit)
        if query.needs_attention:
            problems = PrintOrderRow.status.in_([s.value for s in PROBLEMS])
            if query.stuck_before is not None:
                done = [s.value for s in FINISHED]
                stuck = (PrintOrderRow.status.not_in(done)) & (
                    PrintOrderRow.status_changed_at < query.stuck_before
                )
                stmt = stmt.where(or_(problems, stuck, PrintOrderRow.last_error.is_not(None)))
            else:
                stmt = stmt.where(or_(problems, PrintOrderRow.last_error.is_not(None)))
        async with self._sessions() as s:
            return [_order(r) for r in (await s.execute(stmt)).scalars()]

    async def record_event(self, provider: str, event_id: str, kind: str, raw: bytes) -> bool:
        row = WebhookEventRow(
            provider=provider, event_id=event_id[:128], event_type=kind[:64], raw_body=raw,
            received_at=self._clock.now(),
        )  # fmt: skip
        try:
            async with self._sessions() as s, s.begin():
                s.add(row)
        except IntegrityError:
            return False
        return True

    async def address(self, address_id: str) -> PrintAddress | None:
        async with self._sessions() as s:
            row = await s.get(ShippingAddressRow, address_id)
        if row is None:
            return None
        return PrintAddress(
            name=row.full_name, street1=row.line1, street2=row.line2 or "", city=row.city,
            state_code=state_code(row.region or "", row.country_code), postcode=row.postal_code,
            country_code=row.country_code, phone=row.phone or "",
        )  # fmt: skip

    async def latest_address_id(self, user_id: str) -> str | None:
        query = (
            select(ShippingAddressRow.id)
            .where(ShippingAddressRow.user_id == user_id)
            .order_by(ShippingAddressRow.created_at.desc())
            .limit(1)
        )
        async with self._sessions() as s:
            return (await s.execute(query)).scalar_one_or_none()

    async def save_address(self, user_id: str, address: PrintAddress) -> str:
        address_id = self._ids()
        async with self._sessions() as s, s.begin():
            s.add(
                ShippingAddressRow(
                    id=address_id, user_id=user_id, full_name=address.name,
                    line1=address.street1, line2=address.street2 or None, city=address.city,
                    region=address.state_code, postal_code=address.postcode,
                    country_code=address.country_code, phone=address.phone or None,
                    created_at=self._clock.now(),
                )
            )  # fmt: skip
        return address_id

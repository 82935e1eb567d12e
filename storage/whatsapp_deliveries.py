"""The raw WhatsApp inbox in SQLAlchemy Core: one multi-row insert at the ack, then claims,
marks and sweeps for the drainers. No ORM unit of work on this path: it is the ack's floor."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, text, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.ports import Clock
from domain.whatsapp_records import ClaimedItem, NewItem
from storage.db import rows_of
from storage.tables_inbox import WhatsAppDeliveryRow

_T = WhatsAppDeliveryRow.__table__.c
_INSERT_ARRAYS = text(
    "INSERT INTO whatsapp_deliveries"
    " (item_key, kind, raw, received_at, attempts, processed_at, error)"
    " SELECT item_key, kind, raw, :now, 0, processed_at, error FROM unnest("
    "CAST(:item_key AS varchar[]), CAST(:kind AS varchar[]), CAST(:raw AS text[]),"
    " CAST(:processed_at AS timestamptz[]), CAST(:error AS text[]))"
    " AS given(item_key, kind, raw, processed_at, error)"
    " ON CONFLICT (item_key) DO NOTHING RETURNING item_key"
)


class DeliveryInbox:
    """domain.whatsapp_records.DeliveryQueue on the whatsapp_deliveries table."""

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock
        self._postgres = engine.dialect.name == "postgresql"

    async def insert(self, items: Sequence[NewItem]) -> set[str]:
        """Keep every item in one statement and one transaction. Returns the keys that are new:
        a key kept before (Meta's redelivery), or twice in this batch, is dropped by the
        unique key, not raised."""
        if not items:
            return set()
        now = self._clock.now()
        columns: dict[str, list[Any]] = {
            "item_key": [i.key for i in items],
            "kind": [i.kind for i in items],
            "raw": [i.raw for i in items],
            # Refused at the edge: kept handled, with why, for support to see.
            "processed_at": [None if i.rejected is None else now for i in items],
            "error": [None if i.rejected is None else f"rejected: {i.rejected}" for i in items],
        }
        async with self._engine.begin() as conn:
            if self._postgres:
                # One array per column: the statement's text is the same for any number of
                # items, so it is compiled and prepared once (a VALUES list was, per batch).
                kept = await conn.execute(_INSERT_ARRAYS, {"now": now, **columns})
            else:
                kept = await conn.execute(
                    sqlite.insert(WhatsAppDeliveryRow)
                    .values(rows_of(columns, received_at=now, attempts=0))
                    .on_conflict_do_nothing(index_elements=["item_key"])
                    .returning(_T.item_key)
                )
            return set(kept.scalars())

    def _free(self) -> Any:
        now = self._clock.now()
        return and_(
            _T.processed_at.is_(None), or_(_T.claimed_until.is_(None), _T.claimed_until < now)
        )

    async def claim(self, limit: int, lease_seconds: float) -> list[ClaimedItem]:
        """The oldest unhandled items nobody holds, leased to the caller. A conditional
        UPDATE (SQLite has no SKIP LOCKED); on PostgreSQL the pick also skips locked rows."""
        pick = select(_T.id).where(self._free()).order_by(_T.id).limit(limit)
        picked: Any = pick.scalar_subquery()
        if self._postgres:  # materialized: an inlined pick may run again and exceed the limit
            locked = pick.with_for_update(skip_locked=True).cte("picked")
            picked = select(locked.prefix_with("MATERIALIZED").c.id)
        until = self._clock.now() + timedelta(seconds=lease_seconds)
        statement = (
            update(WhatsAppDeliveryRow)
            .where(_T.id.in_(picked), self._free())
            .values(claimed_until=until, attempts=_T.attempts + 1)
            .returning(_T.id, _T.item_key, _T.kind, _T.raw, _T.attempts)
        )
        async with self._engine.begin() as conn:
            rows = (await conn.execute(statement)).all()
        return sorted((ClaimedItem(*row) for row in rows), key=lambda item: item.id)

    async def processed(self, ids: Sequence[int], set_aside: str | None = None) -> None:
        """Done with these items: handled (an earlier failure forgotten), or set aside with
        why (the last failure's error kept when there was one)."""
        if not ids:
            return
        error = func.coalesce(_T.error, set_aside) if set_aside is not None else None
        statement = (
            update(WhatsAppDeliveryRow)
            .where(_T.id.in_(ids))
            .values(processed_at=self._clock.now(), error=error)
        )
        async with self._engine.begin() as conn:
            await conn.execute(statement)

    async def failed(self, item_id: int, error: str) -> None:
        """Kept unhandled, with why: claimed again once its lease runs out."""
        statement = update(WhatsAppDeliveryRow).where(_T.id == item_id).values(error=error[:2000])
        async with self._engine.begin() as conn:
            await conn.execute(statement)

    async def stranded(self, older_than: timedelta) -> int:
        """How many items were kept a while ago and are neither handled nor held (a process
        died after its ack, or before it finished draining)."""
        cutoff = self._clock.now() - older_than
        waiting = select(_T.id).where(self._free(), _T.received_at <= cutoff).limit(1000)
        async with self._engine.connect() as conn:
            return int(await conn.scalar(select(func.count()).select_from(waiting.subquery())) or 0)

    async def prune(self, older_than: timedelta, limit: int = 5000) -> int:
        """Forget handled items once Meta no longer redelivers them (it retries for up to
        7 days); chat_messages' unique message id still drops a later duplicate."""
        cutoff = self._clock.now() - older_than
        old = select(_T.id).where(_T.processed_at < cutoff).limit(limit)
        statement = delete(WhatsAppDeliveryRow).where(_T.id.in_(old.scalar_subquery()))
        async with self._engine.begin() as conn:
            result = await conn.execute(statement)
        return int(result.rowcount)

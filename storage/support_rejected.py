"""The console's list of WhatsApp items never handled: refused at the ack or set aside by the
worker side. Both are kept handled with why (whatsapp_deliveries.error), until pruned."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.support import RejectedDelivery
from storage.tables_inbox import WhatsAppDeliveryRow

_T = WhatsAppDeliveryRow.__table__.c


async def rejected_page(
    sessions: async_sessionmaker[AsyncSession], page: int, size: int
) -> tuple[list[RejectedDelivery], bool]:
    """One page, newest first, and whether an older page follows. A handled item keeps an
    error only when it was refused or set aside (a retried one that went through loses it)."""
    query = (
        select(_T.id, _T.received_at, _T.kind, _T.error, _T.attempts, _T.raw)
        .where(_T.processed_at.is_not(None), _T.error.is_not(None))
        .order_by(_T.id.desc())
        .offset((page - 1) * size)
        .limit(size + 1)
    )
    async with sessions() as s:
        rows = (await s.execute(query)).all()
    return [RejectedDelivery(*row) for row in rows[:size]], len(rows) > size

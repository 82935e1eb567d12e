"""The chat outbox: outbound messages written by turns, leased and marked by the sender."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.tables import ChatMessageRow


class ChatOutbox:
    _sessions: async_sessionmaker[AsyncSession]

    async def pending_outbound(
        self, session_id: str | None, now: datetime, limit: int = 100
    ) -> list[ChatMessageRow]:
        async with self._sessions() as s:
            query = (
                select(ChatMessageRow)
                .where(
                    ChatMessageRow.direction == "out",
                    ChatMessageRow.delivery_status == "pending",
                    ChatMessageRow.next_attempt_at <= now,
                )
                .order_by(ChatMessageRow.id)
                .limit(limit)
            )
            if session_id is not None:
                query = query.where(ChatMessageRow.session_id == session_id)
            return list((await s.execute(query)).scalars())

    async def lease_outbound(self, message_id: int, now: datetime, lease_seconds: float) -> bool:
        """Take one pending message for sending. A sender that dies leaves it to be retried
        when the lease ends; two senders never both get it."""
        async with self._sessions() as s, s.begin():
            result = await s.execute(
                update(ChatMessageRow)
                .where(
                    ChatMessageRow.id == message_id,
                    ChatMessageRow.delivery_status == "pending",
                    ChatMessageRow.next_attempt_at <= now,
                )
                .values(
                    attempts=ChatMessageRow.attempts + 1,
                    next_attempt_at=now + timedelta(seconds=lease_seconds),
                )
            )
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def mark_outbound(self, message_id: int, **values: Any) -> None:
        async with self._sessions() as s, s.begin():
            await s.execute(
                update(ChatMessageRow).where(ChatMessageRow.id == message_id).values(**values)
            )

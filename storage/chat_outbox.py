"""The chat outbox: outbound messages written by turns, leased and marked by the sender."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.conversation import ChatSession, OutboxItem
from storage.tables import ChatMessageRow, ChatSessionRow

_ITEM = (
    ChatMessageRow.id,
    ChatMessageRow.session_id,
    ChatMessageRow.body,
    ChatMessageRow.created_at,
    ChatMessageRow.attempts,
)
SESSION_COLUMNS = (
    ChatSessionRow.id,
    ChatSessionRow.user_id,
    ChatSessionRow.channel,
    ChatSessionRow.channel_user_id,
    ChatSessionRow.last_inbound_at,
    ChatSessionRow.state,
)


class ChatOutbox:
    """The outbox's side of the chat tables, as plain data (domain.conversation.OutboxStore)."""

    _sessions: async_sessionmaker[AsyncSession]

    async def session(self, session_id: str) -> ChatSession | None:
        async with self._sessions() as s:
            row = (
                await s.execute(select(*SESSION_COLUMNS).where(ChatSessionRow.id == session_id))
            ).one_or_none()
        return None if row is None else ChatSession(*row)

    async def pending_outbound(
        self, session_id: str | None, now: datetime, limit: int = 100
    ) -> list[OutboxItem]:
        async with self._sessions() as s:
            query = (
                select(*_ITEM)
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
            return [OutboxItem(*row) for row in (await s.execute(query)).all()]

    async def lease_outbound(self, message_id: int, now: datetime, lease_seconds: float) -> bool:
        async with self._sessions() as s, s.begin():
            result = await (await s.connection()).execute(
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
            return result.rowcount == 1

    async def mark_outbound(self, message_id: int, **values: Any) -> None:
        async with self._sessions() as s, s.begin():
            await (await s.connection()).execute(
                update(ChatMessageRow).where(ChatMessageRow.id == message_id).values(**values)
            )

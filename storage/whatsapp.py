"""What the WhatsApp channel keeps beyond the generic chat store: identities, photos being
fetched, and delivery statuses of our messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.chat import FETCHING, RECEIVED
from storage.tables import ChatMessageRow, ChatSessionRow, User


@dataclass(frozen=True, slots=True)
class PendingPhoto:
    row_id: int
    media_id: str
    context_id: str | None
    user_id: str


# A status only moves forward (Meta's statuses arrive out of order).
_PRIOR = {
    "sent": ("pending",),
    "delivered": ("pending", "sent"),
    "read": ("pending", "sent", "delivered"),
    "played": ("pending", "sent", "delivered"),
    "failed": ("pending", "sent"),
}


class WhatsAppStore:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def recipient_of(self, user_id: str) -> str | None:
        async with self._sessions() as s:
            return await s.scalar(select(User.wa_id).where(User.id == user_id))

    async def fetching(self, session_id: str) -> list[PendingPhoto]:
        """The session's photos recorded before the ack and not downloaded yet, oldest first."""
        async with self._sessions() as s:
            query = (
                select(ChatMessageRow, ChatSessionRow.user_id)
                .join(ChatSessionRow, ChatSessionRow.id == ChatMessageRow.session_id)
                .where(
                    ChatMessageRow.session_id == session_id,
                    ChatMessageRow.direction == "in",
                    ChatMessageRow.delivery_status == FETCHING,
                )
                .order_by(ChatMessageRow.id)
            )
            return [
                PendingPhoto(row.id, row.body["media_id"], row.body.get("context_id"), user_id)
                for row, user_id in (await s.execute(query)).all()
                if user_id is not None
            ]

    async def fetched(self, message_id: int, kind: str, body: dict[str, Any]) -> None:
        """The photo is stored (or refused): hand the message to the turn runner."""
        async with self._sessions() as s, s.begin():
            await s.execute(
                update(ChatMessageRow)
                .where(ChatMessageRow.id == message_id, ChatMessageRow.delivery_status == FETCHING)
                .values(kind=kind, body=body, delivery_status=RECEIVED)
            )

    async def apply_status(
        self,
        channel_message_id: str,
        status: str,
        error_code: str | None = None,
        error_detail: str | None = None,
    ) -> bool:
        """Move one of our sent messages forward; False if unknown or already further on."""
        prior = _PRIOR.get(status)
        if prior is None:
            return False
        values: dict[str, Any] = {"delivery_status": status}
        if status == "failed":
            values.update(error_code=error_code, error_detail=error_detail)
        async with self._sessions() as s, s.begin():
            result = await s.execute(
                update(ChatMessageRow)
                .where(
                    ChatMessageRow.channel_message_id == channel_message_id,
                    ChatMessageRow.direction == "out",
                    ChatMessageRow.delivery_status.in_(prior),
                )
                .values(**values)
            )
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

"""What the WhatsApp channel keeps beyond the generic chat store: identities, photos being
fetched, and delivery statuses of our messages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.tables import ChatMessageRow, ChatSessionRow, User

FETCHING = "fetching"  # an inbound photo recorded before the ack, downloaded after it
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

    async def rekey_session(self, channel: str, old_key: str, new_key: str) -> None:
        """A parent first seen in the older payload format (keyed on wa_id) keeps their session
        when their business-scoped user id appears."""
        async with self._sessions() as s:
            try:
                async with s.begin():
                    await s.execute(
                        update(ChatSessionRow)
                        .where(
                            ChatSessionRow.channel == channel,
                            ChatSessionRow.channel_user_id == old_key,
                        )
                        .values(channel_user_id=new_key)
                    )
            except IntegrityError:  # a session with the new key exists already: keep both
                return

    async def remember_identity(
        self, user_id: str, wa_user_id: str | None, wa_id: str | None
    ) -> None:
        """Keep the latest wa_id (to send to) and the business-scoped id beside each other."""
        values = {k: v for k, v in (("wa_user_id", wa_user_id), ("wa_id", wa_id)) if v}
        if not values:
            return
        try:
            async with self._sessions() as s, s.begin():
                user = await s.get(User, user_id)
                if user is None or all(getattr(user, k) == v for k, v in values.items()):
                    return
                await s.execute(update(User).where(User.id == user_id).values(**values))
        except IntegrityError:  # another parent row holds it: leave both as they are
            return

    async def recipient_of(self, user_id: str) -> str | None:
        async with self._sessions() as s:
            return await s.scalar(select(User.wa_id).where(User.id == user_id))

    async def record_fetching(
        self, session_id: str, channel_message_id: str, body: dict[str, Any], now: datetime
    ) -> int | None:
        """Record a photo message before its download; None for a duplicate."""
        row = ChatMessageRow(
            session_id=session_id,
            direction="in",
            channel_message_id=channel_message_id,
            kind="image",
            body=body,
            delivery_status=FETCHING,
            created_at=now,
        )
        async with self._sessions() as s:
            try:
                async with s.begin():
                    s.add(row)
                    await s.execute(
                        update(ChatSessionRow)
                        .where(ChatSessionRow.id == session_id)
                        .values(last_inbound_at=now)
                    )
            except IntegrityError:
                return None
        return row.id

    async def fetched(self, message_id: int, kind: str, body: dict[str, Any]) -> None:
        """The photo is stored (or refused): hand the message to the turn runner."""
        async with self._sessions() as s, s.begin():
            await s.execute(
                update(ChatMessageRow)
                .where(ChatMessageRow.id == message_id, ChatMessageRow.delivery_status == FETCHING)
                .values(kind=kind, body=body, delivery_status="received")
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

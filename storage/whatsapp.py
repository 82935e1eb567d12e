"""What the WhatsApp channel keeps beyond the generic chat store: the number to send to,
photos being fetched, delivery statuses (early ones too), and messages a template stood in for.
Recording a webhook message (session, identity, message) is ChatStore.record_from_channel."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.conversation import HELD
from domain.whatsapp_records import PendingPhoto, StatusUpdate
from domain.whatsapp_window import REENGAGEMENT_REQUIRED
from storage.chat import FETCHING, RECEIVED
from storage.db import one_statement, single_statements
from storage.tables import ChatMessageRow, ChatSessionRow, WebhookEventRow

EARLY_STATUS = "wa_status"  # webhook_events.provider of a status that overtook its send


# A status only moves forward (Meta's statuses arrive out of order).
_PRIOR = {
    "sent": ("pending",),
    "delivered": ("pending", "sent"),
    "read": ("pending", "sent", "delivered"),
    "played": ("pending", "sent", "delivered"),
    "failed": ("pending", "sent"),
}
# Built once: they run for every session's task and every message sent.
_RELEASE_HELD = (
    update(ChatMessageRow)
    .where(
        ChatMessageRow.session_id == bindparam("sid"),
        ChatMessageRow.direction == "out",
        ChatMessageRow.delivery_status == HELD,
    )
    .values(delivery_status="pending", next_attempt_at=bindparam("now"))
)
_TAKE_EARLY = (
    update(WebhookEventRow)
    .where(
        WebhookEventRow.provider == EARLY_STATUS,
        WebhookEventRow.event_id.in_(bindparam("keys", expanding=True)),
        WebhookEventRow.processed_at.is_(None),
    )
    .values(processed_at=bindparam("now"))
    .returning(WebhookEventRow.id, WebhookEventRow.raw_body)
)


class WhatsAppStore:
    """domain.whatsapp_records.WhatsAppRecords on the chat and webhook event tables."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._single = single_statements(sessions)  # most calls here are one statement

    async def fetching(self, session_id: str) -> list[PendingPhoto]:
        """The session's photos recorded before the ack and not downloaded yet, oldest first."""
        async with one_statement(self._single) as c:
            query = (
                select(
                    ChatMessageRow.id,
                    ChatMessageRow.body,
                    ChatSessionRow.user_id,
                    ChatSessionRow.state,
                )
                .join(ChatSessionRow, ChatSessionRow.id == ChatMessageRow.session_id)
                .where(
                    ChatMessageRow.session_id == session_id,
                    ChatMessageRow.direction == "in",
                    ChatMessageRow.inbox_status == FETCHING,
                )
                .order_by(ChatMessageRow.id)
            )
            return [
                PendingPhoto(row_id, body["media_id"], body.get("context_id"), user_id, state)
                for row_id, body, user_id, state in (await c.execute(query)).all()
                if user_id is not None
            ]

    async def fetched(self, message_id: int, kind: str, body: dict[str, Any]) -> None:
        """The photo is stored (or refused): hand the message to the turn runner."""
        async with one_statement(self._single) as c:
            await c.execute(
                update(ChatMessageRow)
                .where(ChatMessageRow.id == message_id, ChatMessageRow.inbox_status == FETCHING)
                .values(kind=kind, body=body, inbox_status=RECEIVED)
            )

    async def apply_status(self, update_: StatusUpdate, now: datetime) -> str:
        """Move one of our sent messages forward. Returns "applied", "stale" (already further
        on), "early" (its send is not recorded yet: kept, and applied once it is) or "resend"
        (refused for the 24-hour window: queued again, to go as a template)."""
        prior = _PRIOR.get(update_.status)
        if prior is None:
            return "stale"
        values: dict[str, Any] = {"delivery_status": update_.status}
        if update_.status == "failed":
            values.update(error_code=update_.error_code, error_detail=update_.error_detail)
            if update_.error_code == REENGAGEMENT_REQUIRED:
                values.update(delivery_status="pending", next_attempt_at=now)
        async with self._sessions() as s, s.begin():
            result = await s.execute(
                update(ChatMessageRow)
                .where(
                    ChatMessageRow.channel_message_id == update_.wamid,
                    ChatMessageRow.direction == "out",
                    ChatMessageRow.delivery_status.in_(prior),
                )
                .values(**values)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                return "resend" if values["delivery_status"] == "pending" else "applied"
            known = await s.scalar(
                select(ChatMessageRow.id).where(ChatMessageRow.channel_message_id == update_.wamid)
            )
        if known is not None:
            return "stale"
        await self._keep_early(update_, now)
        return "early"

    async def _keep_early(self, update_: StatusUpdate, now: datetime) -> None:
        row = WebhookEventRow(
            provider=EARLY_STATUS,
            event_id=f"{update_.wamid}:{update_.status}"[:128],
            event_type=update_.status,
            raw_body=json.dumps(
                {
                    "wamid": update_.wamid,
                    "status": update_.status,
                    "error_code": update_.error_code,
                    "error_detail": update_.error_detail,
                }
            ).encode(),
            received_at=now,
        )
        try:
            async with self._sessions() as s, s.begin():
                s.add(row)
        except IntegrityError:
            pass  # the same status delivered twice

    async def take_early_statuses(self, wamid: str, now: datetime) -> list[StatusUpdate]:
        """Statuses that arrived before the send of `wamid` was recorded, taken once, in the
        order they arrived (one statement: it runs after every send)."""
        async with one_statement(self._single) as c:
            keys = [f"{wamid}:{status}"[:128] for status in _PRIOR]
            taken = (await c.execute(_TAKE_EARLY, {"keys": keys, "now": now})).all()
        return [StatusUpdate(**json.loads(raw)) for _, raw in sorted(taken)]

    async def hold_copy(self, message_id: int, now: datetime) -> None:
        """A template went out in place of this message: keep a copy to send once the parent
        writes again (their message opens the 24-hour window)."""
        async with self._sessions() as s, s.begin():
            row = await s.get(ChatMessageRow, message_id)
            if row is None:
                return
            s.add(
                ChatMessageRow(
                    session_id=row.session_id,
                    direction="out",
                    kind=row.kind,
                    body=row.body,
                    delivery_status=HELD,
                    created_at=now,
                )
            )

    async def release_held(self, session_id: str, now: datetime) -> int:
        """The parent wrote: what templates stood in for goes out now, before the answer."""
        async with one_statement(self._single) as c:
            result = await c.execute(_RELEASE_HELD, {"sid": session_id, "now": now})
            return int(result.rowcount)

"""The chat inbox: inbound messages and internal events kept durably until a turn handles
them (the turn reads and marks them in its own transaction, storage/turn_unit.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Exists, bindparam, exists, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import AuditEntry
from domain.conversation import FETCHING, HELD, RECEIVED, Waiting
from domain.ports import Clock
from storage.audit_rows import audit_row
from storage.db import one_statement
from storage.tables import ChatMessageRow, ChatSessionRow


def _any(direction: str, *where: ColumnElement[bool]) -> Exists:
    return exists().where(
        ChatMessageRow.session_id == bindparam("sid"), ChatMessageRow.direction == direction, *where
    )


# Built once: it is read before every session's task.
_WAITING = select(
    _any("in", ChatMessageRow.inbox_status == RECEIVED),
    _any("in", ChatMessageRow.inbox_status == FETCHING),
    _any("out", ChatMessageRow.delivery_status == HELD),
)


class ChatInbox:
    _sessions: async_sessionmaker[AsyncSession]
    _single: async_sessionmaker[AsyncSession]
    _clock: Clock

    async def record_inbound(
        self,
        session_id: str,
        kind: str,
        body: dict[str, Any],
        channel_message_id: str | None = None,
        audit: AuditEntry | None = None,
    ) -> int | None:
        """Keep an inbound message (or internal event) durably, with the audit entry of the
        person who asked for it in the same transaction. None if already recorded."""
        now = self._clock.now()
        row = insert(ChatMessageRow).values(
            session_id=session_id,
            direction="in",
            channel_message_id=channel_message_id,
            kind=kind,
            body=body,
            inbox_status=RECEIVED,
            attempts=0,
            created_at=now,
        )
        async with self._sessions() as s:
            try:
                async with s.begin():
                    conn = await s.connection()  # Core: nothing here is loaded as an object
                    row_id = await conn.scalar(row.returning(ChatMessageRow.id))
                    if audit is not None:
                        s.add(audit_row(audit))
                    if kind != "event":
                        await conn.execute(
                            update(ChatSessionRow)
                            .where(ChatSessionRow.id == session_id)
                            .values(last_inbound_at=now)
                        )
            except IntegrityError:
                return None
        return row_id

    async def waiting(self, session_id: str) -> Waiting:
        async with one_statement(self._single) as c:
            items, fetching, held = (await c.execute(_WAITING, {"sid": session_id})).one()
        return Waiting(bool(items), bool(fetching), bool(held))

    async def stranded_sessions(self, older_than: timedelta) -> list[str]:
        """Sessions with inbound items left unhandled for a while (a process died between
        recording and handling them): they are handed to the queue again."""
        cutoff = self._clock.now() - older_than
        async with self._sessions() as s:
            query = (
                select(ChatMessageRow.session_id)
                .where(
                    ChatMessageRow.direction == "in",
                    ChatMessageRow.inbox_status.in_((RECEIVED, FETCHING)),
                    ChatMessageRow.created_at < cutoff,
                )
                .distinct()
                .limit(500)
            )
            return list((await s.execute(query)).scalars())

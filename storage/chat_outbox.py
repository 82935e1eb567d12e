"""The chat outbox: outbound messages written by turns, leased and marked by the sender."""

from __future__ import annotations

import dataclasses
import functools
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BindParameter, Update, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.dml import ReturningUpdate

from domain.conversation import ChatSession, OutboxItem
from storage.db import one_statement
from storage.tables import ChatMessageRow, ChatSessionRow, User

_ITEM = (
    ChatMessageRow.id,
    ChatMessageRow.session_id,
    ChatMessageRow.body,
    ChatMessageRow.created_at,
    ChatMessageRow.attempts,
    ChatMessageRow.error_code,
    ChatMessageRow.next_attempt_at,
)
SESSION_COLUMNS = (
    ChatSessionRow.id,
    ChatSessionRow.user_id,
    ChatSessionRow.channel,
    ChatSessionRow.channel_user_id,
    ChatSessionRow.last_inbound_at,
    ChatSessionRow.state,
)
# Built once: they run for every message sent.
_SESSION = (
    select(*SESSION_COLUMNS, User.wa_id)
    .outerjoin(User, User.id == ChatSessionRow.user_id)
    .where(ChatSessionRow.id == bindparam("sid"))
)
_MARKS: dict[tuple[str, ...], Update] = {}  # by the columns a mark sets


def _mark(columns: tuple[str, ...]) -> Update:
    statement = _MARKS.get(columns)
    if statement is None:
        statement = _MARKS[columns] = (
            update(ChatMessageRow)
            .where(ChatMessageRow.id == bindparam("message_id"))
            .values({column: bindparam(f"v_{column}") for column in columns})
        )
    return statement


@functools.cache
def _lease(postgres: bool) -> ReturningUpdate[Any]:
    """ChatOutbox.lease_due's statement, built once per database kind."""
    now: BindParameter[datetime] = bindparam("now")
    pending = (
        ChatMessageRow.session_id == bindparam("sid"),
        ChatMessageRow.direction == "out",
        ChatMessageRow.delivery_status == "pending",
    )
    first_waiting = (
        select(func.min(ChatMessageRow.id))
        .where(*pending, ChatMessageRow.next_attempt_at > now)
        .scalar_subquery()
    )
    due = (
        select(ChatMessageRow.id)
        .where(
            *pending,
            ChatMessageRow.next_attempt_at <= now,
            or_(first_waiting.is_(None), ChatMessageRow.id < first_waiting),
        )
        .order_by(ChatMessageRow.id)
        .limit(bindparam("most"))
    )
    picked: Any = due.scalar_subquery()
    if postgres:  # Materialized: an inlined pick may run again and exceed the limit.
        locked = due.with_for_update(skip_locked=True).cte("picked")
        picked = select(locked.prefix_with("MATERIALIZED").c.id)
    return (
        update(ChatMessageRow)
        .where(
            ChatMessageRow.id.in_(picked),
            ChatMessageRow.delivery_status == "pending",
            ChatMessageRow.next_attempt_at <= now,
        )
        .values(attempts=ChatMessageRow.attempts + 1, next_attempt_at=bindparam("until"))
        .returning(*_ITEM)
    )


class ChatOutbox:
    """The outbox's side of the chat tables, as plain data (domain.conversation.OutboxStore).
    Every call is one statement, so it runs in autocommit (storage.db.single_statements)."""

    _single: async_sessionmaker[AsyncSession]

    async def session(self, session_id: str) -> ChatSession | None:
        async with one_statement(self._single) as c:
            row = (await c.execute(_SESSION, {"sid": session_id})).one_or_none()
        return None if row is None else ChatSession(*row)

    async def pending_outbound(
        self, session_id: str | None, now: datetime, limit: int = 100
    ) -> list[OutboxItem]:
        async with one_statement(self._single) as c:
            query = (
                select(*_ITEM)
                .where(
                    ChatMessageRow.direction == "out",
                    ChatMessageRow.delivery_status == "pending",
                )
                .order_by(ChatMessageRow.id)
                .limit(limit)
            )
            if session_id is not None:
                query = query.where(ChatMessageRow.session_id == session_id)
            else:
                query = query.where(ChatMessageRow.next_attempt_at <= now)
            return [OutboxItem(*row) for row in (await c.execute(query)).all()]

    async def due_sessions(
        self, now: datetime, after: str | None = None, limit: int = 100
    ) -> list[str]:
        query = (
            select(ChatMessageRow.session_id)
            .where(
                ChatMessageRow.direction == "out",
                ChatMessageRow.delivery_status == "pending",
                ChatMessageRow.next_attempt_at <= now,
            )
            .distinct()
            .order_by(ChatMessageRow.session_id)
            .limit(limit)
        )
        if after is not None:
            query = query.where(ChatMessageRow.session_id > after)
        async with one_statement(self._single) as c:
            return list((await c.execute(query)).scalars())

    async def lease_due(
        self, session_id: str, now: datetime, lease_seconds: float, limit: int = 20
    ) -> list[OutboxItem]:
        """Take the session's due messages for sending, oldest first, in one statement (their
        `attempts` as they were before), up to the first one that is not due (waiting out a
        backoff, or being sent): later ones keep their place behind it. A sender that dies
        leaves them to be retried when the lease ends; two senders never both get one."""
        lease = _lease(self._single.kw["bind"].dialect.name == "postgresql")
        until = now + timedelta(seconds=lease_seconds)
        async with one_statement(self._single) as c:
            given = {"sid": session_id, "now": now, "until": until, "most": limit}
            rows = (await c.execute(lease, given)).all()
        items = [OutboxItem(*row) for row in sorted(rows)]
        return [dataclasses.replace(item, attempts=item.attempts - 1) for item in items]

    async def give_back(self, message_ids: list[int], now: datetime) -> None:
        """Leased messages that were not tried (one before them failed): due again now, and
        the lease not counted as an attempt."""
        if not message_ids:
            return
        async with one_statement(self._single) as c:
            await c.execute(
                update(ChatMessageRow)
                .where(
                    ChatMessageRow.id.in_(message_ids),
                    ChatMessageRow.delivery_status == "pending",
                )
                .values(attempts=ChatMessageRow.attempts - 1, next_attempt_at=now)
            )

    async def mark_outbound(self, message_id: int, **values: Any) -> None:
        async with one_statement(self._single) as c:
            given = {f"v_{column}": value for column, value in values.items()}
            await c.execute(_mark(tuple(sorted(values))), {"message_id": message_id, **given})

    async def wake_outbound(self, channel: str, now: datetime, due_after: datetime) -> int:
        of_channel = select(ChatSessionRow.id).where(ChatSessionRow.channel == channel)
        async with one_statement(self._single) as c:
            result = await c.execute(
                update(ChatMessageRow)
                .where(
                    ChatMessageRow.direction == "out",
                    ChatMessageRow.delivery_status == "pending",
                    ChatMessageRow.next_attempt_at > due_after,
                    ChatMessageRow.session_id.in_(of_channel),
                )
                .values(next_attempt_at=now)
            )
            return int(result.rowcount)

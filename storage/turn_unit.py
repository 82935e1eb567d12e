"""A turn's transaction: lock and read the session with its inbox in one statement, let the
flow's domain services write through the same session, then write the conversation's rows."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, Self, cast

from sqlalchemy import Table, and_, bindparam, case, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from domain.conversation import FETCHING, PROCESSED, RECEIVED, InboxItem, SessionSnapshot, TurnWrite
from domain.errors import Conflict
from domain.ports import Clock
from storage.base import UTCDateTime
from storage.tables import AuditLogRow, ChatEventRow, ChatMessageRow, ChatSessionRow, JobRow
from storage.uow import SqlAlchemyUnitOfWork

logger = logging.getLogger(__name__)
READ_AHEAD = 20  # inbox items read with the session: a turn needs one and to know of more

_SESSION = (
    ChatSessionRow.id.label("sid"),
    ChatSessionRow.user_id,
    ChatSessionRow.channel,
    ChatSessionRow.channel_user_id,
    ChatSessionRow.state_json,
    ChatSessionRow.version,
)
_ITEM = (
    ChatMessageRow.id.label("item_id"),
    ChatMessageRow.kind,
    ChatMessageRow.body,
    ChatMessageRow.created_at,
    ChatMessageRow.inbox_status,
)
# The statements of every turn, built once (building one cost as much as running it).
_LOAD = (
    select(*_SESSION, *_ITEM)
    .outerjoin(
        ChatMessageRow,
        and_(
            ChatMessageRow.session_id == ChatSessionRow.id,
            ChatMessageRow.direction == "in",
            ChatMessageRow.inbox_status.in_((RECEIVED, FETCHING)),
        ),
    )
    .where(ChatSessionRow.id == bindparam("sid"))
    .order_by(ChatMessageRow.id)
    .limit(READ_AHEAD)
    # NO KEY UPDATE: the turn changes no key, so messages may be inserted for the session
    # meanwhile (their foreign key's share lock would wait for FOR UPDATE: a drainer's batch
    # would queue behind every turn in progress). SQLite: BEGIN IMMEDIATE serialises writers.
    .with_for_update(of=ChatSessionRow, key_share=True)
)
_INBOUND_AT = bindparam("inbound_at", type_=UTCDateTime())
_SAVE_STATE = (
    update(ChatSessionRow)
    .where(ChatSessionRow.id == bindparam("sid"), ChatSessionRow.version == bindparam("expected"))
    .values(
        state_json=bindparam("state_json"),
        state=bindparam("state"),
        flow_version=bindparam("flow_version"),
        version=bindparam("version"),
        handed_off=bindparam("handed_off"),
        last_activity_at=bindparam("now"),
        # Moved up, never back: a drainer's batch may have set a later one. A turn without a
        # parent's line gives NULL, and a comparison with NULL is not true: it stays.
        last_inbound_at=case(
            (
                or_(
                    ChatSessionRow.last_inbound_at.is_(None),
                    ChatSessionRow.last_inbound_at < _INBOUND_AT,
                ),
                _INBOUND_AT,
            ),
            else_=ChatSessionRow.last_inbound_at,
        ),
    )
)
# "in" too: an erasure in the turn deleted the item, and SQLite may have given its id to one
# of the replies inserted before this.
_HANDLED = (
    update(ChatMessageRow)
    .where(
        ChatMessageRow.id.in_(bindparam("ids", expanding=True)),
        ChatMessageRow.direction == "in",
    )
    .values(inbox_status=PROCESSED)
)
# Core inserts: the ORM's bulk insert would keep books on rows never loaded.
_WRITTEN = (ChatMessageRow, ChatEventRow, JobRow, AuditLogRow)
_INSERT = {table: insert(cast(Table, table.__table__)) for table in _WRITTEN}


class SqlAlchemyTurnUnit(SqlAlchemyUnitOfWork):
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        writers: asyncio.Lock | None = None,
    ) -> None:
        super().__init__(sessions, clock)
        self._after: list[Callable[[], Awaitable[None]]] = []
        self._writers = writers
        self._writing = False

    async def __aenter__(self) -> Self:
        # SQLite has one writer at a time, and a turn writes from its first statement (BEGIN
        # IMMEDIATE). Turns of one process queue here, in order, instead of polling SQLite's
        # busy handler, whose growing sleeps make a queue of turns slow at the tail.
        if self._writers is not None:
            await self._writers.acquire()
            self._writing = True
        try:
            return await super().__aenter__()
        except BaseException:
            self._release()
            raise

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await super().__aexit__(exc_type, exc, tb)
        finally:
            self._release()

    def _release(self) -> None:
        if self._writers is not None and self._writing:
            self._writing = False
            self._writers.release()

    async def load(self, session_id: str) -> tuple[SessionSnapshot, list[InboxItem]] | None:
        rows = (await (await self.session.connection()).execute(_LOAD, {"sid": session_id})).all()
        if not rows or rows[0].user_id is None:
            return None
        first = rows[0]
        snapshot = SessionSnapshot(
            first.sid, first.user_id, first.channel, first.channel_user_id,
            first.state_json, first.version,
        )  # fmt: skip
        items: list[InboxItem] = []
        for row in rows:
            if row.item_id is None or row.inbox_status == FETCHING:
                break
            items.append(InboxItem(row.item_id, row.kind, row.body, row.created_at))
        return snapshot, items

    async def save(self, write: TurnWrite) -> None:
        # Core statements on the turn's connection: the ORM session would add bookkeeping
        # (identity map, bulk synchronisation) that rows written once and never loaded need not.
        s, now = await self.session.connection(), self._clock.now()
        result = await s.execute(
            _SAVE_STATE,
            {
                "sid": write.session_id,
                "expected": write.expected_version,
                "state_json": write.state_json,
                "state": write.state,
                "flow_version": write.state_json["flow_version"],
                "version": write.expected_version + 1,
                "handed_off": write.handed_off,
                "now": now,
                "inbound_at": write.inbound_at,
            },
        )
        if result.rowcount != 1:
            raise Conflict("the chat session changed during the turn")
        sid = write.session_id
        await _insert(s, ChatMessageRow, [
            {"session_id": sid, "direction": "out", "kind": kind, "body": body,
             "delivery_status": "pending", "attempts": 0, "created_at": now,
             "next_attempt_at": now}
            for kind, body in write.outbound
        ])  # fmt: skip
        await _insert(s, ChatEventRow, [
            {"session_id": sid, "name": name, "data": data, "created_at": now}
            for name, data in write.events
        ])  # fmt: skip
        await _insert(s, JobRow, [
            {"id": job_id, "kind": kind, "session_id": sid, "payload": payload,
             "status": "queued", "created_at": now, "updated_at": now}
            for job_id, kind, payload in write.jobs
        ])  # fmt: skip
        await _insert(s, AuditLogRow, [
            {"actor_type": "parent", "actor_id": write.actor_id, "action": action,
             "subject_type": "chat_session", "subject_id": sid, "data": data, "created_at": now}
            for action, data in write.audits
        ])  # fmt: skip
        if write.inbound_ids:
            await s.execute(_HANDLED, {"ids": list(write.inbound_ids)})

    def after_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        self._after.append(action)

    async def commit(self) -> None:
        await super().commit()
        actions, self._after = self._after, []
        for action in actions:
            try:
                await action()
            except Exception:  # the turn is committed: a leftover is logged, not undone
                logger.exception("an action after a turn's commit failed")


async def _insert(s: AsyncConnection, table: Any, rows: list[dict[str, Any]]) -> None:
    """One statement per table, however many rows."""
    if rows:
        await s.execute(_INSERT[table], rows)

"""Chat persistence: sessions, the inbound inbox, the outbound outbox and system events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.errors import Conflict
from domain.ports import Clock, IdFactory
from storage.tables import AuditLogRow, ChatEventRow, ChatMessageRow, ChatSessionRow, JobRow, User


@dataclass(frozen=True, slots=True)
class SessionRef:
    id: str
    user_id: str
    channel: str
    channel_user_id: str


@dataclass(frozen=True, slots=True)
class TurnWrite:
    """Everything one turn changes, saved in one transaction."""

    session_id: str
    expected_version: int
    state_json: dict[str, Any]
    state: str
    handed_off: bool
    inbound_id: int | None
    outbound: Sequence[tuple[str, dict[str, Any]]]  # (kind, body)
    events: Sequence[tuple[str, dict[str, Any]]]  # (name, data)
    jobs: Sequence[tuple[str, str, dict[str, Any]]]  # (job id, kind, payload)
    audits: Sequence[tuple[str, dict[str, Any]]] = ()  # (action, data), acted by the parent
    actor_id: str | None = None


class ChatStore:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Clock, ids: IdFactory
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ids = ids

    async def open_session(
        self,
        channel: str,
        channel_user_id: str,
        *,
        user_id: str | None = None,
        identity: dict[str, str] | None = None,
    ) -> SessionRef:
        """The session of this channel user, created (with its parent) on first contact."""
        for _ in range(2):  # a concurrent first contact may win the insert: then read theirs
            try:
                async with self._sessions() as s, s.begin():
                    found = await self._find(s, channel, channel_user_id)
                    if found is not None:
                        return found
                    return await self._create(s, channel, channel_user_id, user_id, identity)
            except IntegrityError:
                continue
        raise Conflict("could not open the chat session")

    @staticmethod
    async def _find(s: AsyncSession, channel: str, channel_user_id: str) -> SessionRef | None:
        row = (
            await s.execute(
                select(ChatSessionRow).where(
                    ChatSessionRow.channel == channel,
                    ChatSessionRow.channel_user_id == channel_user_id,
                )
            )
        ).scalar_one_or_none()
        if row is None or row.user_id is None:
            return None
        return SessionRef(row.id, row.user_id, row.channel, row.channel_user_id)

    async def _create(
        self,
        s: AsyncSession,
        channel: str,
        channel_user_id: str,
        user_id: str | None,
        identity: dict[str, str] | None,
    ) -> SessionRef:
        now = self._clock.now()
        if user_id is None:
            user_id = self._ids()
            s.add(User(id=user_id, created_at=now, updated_at=now, **(identity or {})))
            await s.flush()
        session_id = self._ids()
        s.add(
            ChatSessionRow(
                id=session_id,
                user_id=user_id,
                channel=channel,
                channel_user_id=channel_user_id,
                state="start",
                state_json={},
                flow_version=0,
                version=1,
                last_activity_at=now,
                created_at=now,
            )
        )
        await s.flush()
        return SessionRef(session_id, user_id, channel, channel_user_id)

    async def get(self, session_id: str) -> ChatSessionRow | None:
        async with self._sessions() as s:
            return await s.get(ChatSessionRow, session_id)

    async def sessions_of_user(self, user_id: str) -> list[ChatSessionRow]:
        async with self._sessions() as s:
            query = (
                select(ChatSessionRow)
                .where(ChatSessionRow.user_id == user_id)
                .order_by(ChatSessionRow.last_activity_at.desc())
            )
            return list((await s.execute(query)).scalars())

    async def record_inbound(
        self,
        session_id: str,
        kind: str,
        body: dict[str, Any],
        channel_message_id: str | None = None,
    ) -> int | None:
        """Keep an inbound message (or internal event) durably. None if already recorded."""
        now = self._clock.now()
        row = ChatMessageRow(
            session_id=session_id,
            direction="in",
            channel_message_id=channel_message_id,
            kind=kind,
            body=body,
            delivery_status="received",
            created_at=now,
        )
        async with self._sessions() as s:
            try:
                async with s.begin():
                    s.add(row)
                    if kind != "event":
                        await s.execute(
                            update(ChatSessionRow)
                            .where(ChatSessionRow.id == session_id)
                            .values(last_inbound_at=now)
                        )
            except IntegrityError:
                return None
        return row.id

    async def pending_inbound(self, session_id: str) -> list[ChatMessageRow]:
        async with self._sessions() as s:
            query = (
                select(ChatMessageRow)
                .where(
                    ChatMessageRow.session_id == session_id,
                    ChatMessageRow.direction == "in",
                    ChatMessageRow.delivery_status == "received",
                )
                .order_by(ChatMessageRow.id)
            )
            return list((await s.execute(query)).scalars())

    async def save_turn(self, write: TurnWrite) -> list[int]:
        """Save a turn atomically; refuse it if someone else saved the session meanwhile."""
        now = self._clock.now()
        async with self._sessions() as s, s.begin():
            result = await s.execute(
                update(ChatSessionRow)
                .where(
                    ChatSessionRow.id == write.session_id,
                    ChatSessionRow.version == write.expected_version,
                )
                .values(
                    state_json=write.state_json,
                    state=write.state,
                    flow_version=write.state_json["flow_version"],
                    version=write.expected_version + 1,
                    handed_off=write.handed_off,
                    last_activity_at=now,
                )
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise Conflict("the chat session changed during the turn")
            rows = [
                ChatMessageRow(
                    session_id=write.session_id,
                    direction="out",
                    kind=kind,
                    body=body,
                    delivery_status="pending",
                    created_at=now,
                    next_attempt_at=now,
                )
                for kind, body in write.outbound
            ]
            s.add_all(rows)
            s.add_all(
                ChatEventRow(session_id=write.session_id, name=name, data=data, created_at=now)
                for name, data in write.events
            )
            s.add_all(
                JobRow(
                    id=job_id,
                    kind=kind,
                    session_id=write.session_id,
                    payload=payload,
                    status="queued",
                    created_at=now,
                    updated_at=now,
                )
                for job_id, kind, payload in write.jobs
            )
            s.add_all(
                AuditLogRow(
                    actor_type="parent",
                    actor_id=write.actor_id,
                    action=action,
                    subject_type="chat_session",
                    subject_id=write.session_id,
                    data=data,
                    created_at=now,
                )
                for action, data in write.audits
            )
            if write.inbound_id is not None:
                await s.execute(
                    update(ChatMessageRow)
                    .where(ChatMessageRow.id == write.inbound_id)
                    .values(delivery_status="processed")
                )
            await s.flush()
            return [r.id for r in rows]

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

    async def history(self, session_id: str, after: int, limit: int = 500) -> list[ChatMessageRow]:
        async with self._sessions() as s:
            query = (
                select(ChatMessageRow)
                .where(
                    ChatMessageRow.session_id == session_id,
                    ChatMessageRow.id > after,
                    ChatMessageRow.kind != "event",
                )
                .order_by(ChatMessageRow.id)
                .limit(limit)
            )
            return list((await s.execute(query)).scalars())

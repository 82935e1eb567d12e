"""Chat persistence: sessions, the inbound inbox, the outbound outbox and system events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import AuditEntry
from domain.errors import Conflict
from domain.ports import Clock, IdFactory
from storage.audit_rows import audit_row
from storage.tables import AuditLogRow, ChatEventRow, ChatMessageRow, ChatSessionRow, JobRow, User

RECEIVED = "received"  # an inbound item ready for the turn runner
FETCHING = "fetching"  # a photo recorded before a webhook's ack, downloaded after it


@dataclass(frozen=True, slots=True)
class SessionRef:
    id: str
    user_id: str
    channel: str
    channel_user_id: str


@dataclass(frozen=True, slots=True)
class ChannelInbound:
    """One message as a channel's webhook delivered it, to be recorded before the ack."""

    channel: str
    channel_user_id: str
    channel_message_id: str
    kind: str
    body: dict[str, Any]
    identity: dict[str, str] = field(default_factory=dict)  # users columns, e.g. wa_id
    status: str = RECEIVED
    rekey_from: str | None = None  # an older key of the same channel user


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

    async def record_from_channel(self, item: ChannelInbound) -> tuple[SessionRef, int | None]:
        """One transaction for a webhook item: the session (created with its parent on first
        contact), the parent's channel identity, and the message. The row id is None for a
        duplicate (the channel message id is unique)."""
        for _ in range(2):  # a concurrent first contact may win the insert: then read theirs
            try:
                async with self._sessions() as s, s.begin():
                    if item.rekey_from is not None:
                        await self._rekey(s, item.channel, item.rekey_from, item.channel_user_id)
                    ref = await self._find(s, item.channel, item.channel_user_id)
                    if ref is None:
                        ref = await self._create_keeping_identity(s, item)
                    else:
                        await self._remember_identity(s, ref.user_id, item.identity)
                    return ref, await self._insert_inbound(s, ref.id, item)
            except IntegrityError:
                continue
        raise Conflict("could not open the chat session")

    @staticmethod
    async def _rekey(s: AsyncSession, channel: str, old_key: str, new_key: str) -> None:
        """A parent first seen under an older key (WhatsApp's wa_id) keeps their session when
        a better one (the business-scoped user id) appears; if both exist, both are kept."""
        try:
            async with s.begin_nested():
                await s.execute(
                    update(ChatSessionRow)
                    .where(
                        ChatSessionRow.channel == channel,
                        ChatSessionRow.channel_user_id == old_key,
                    )
                    .values(channel_user_id=new_key)
                )
        except IntegrityError:
            pass

    async def _create_keeping_identity(self, s: AsyncSession, item: ChannelInbound) -> SessionRef:
        """A new parent; if their identity is held by another parent row already (a number
        that changed hands), the new row is keyed on the channel user id alone."""
        try:
            async with s.begin_nested():
                return await self._create(
                    s, item.channel, item.channel_user_id, None, item.identity
                )
        except IntegrityError:
            pass
        async with s.begin_nested():  # an IntegrityError here is a concurrent first contact
            ref = await self._create(s, item.channel, item.channel_user_id, None, None)
        await self._remember_identity(s, ref.user_id, item.identity)
        return ref

    @staticmethod
    async def _remember_identity(s: AsyncSession, user_id: str, identity: dict[str, str]) -> None:
        """Keep the latest channel identity beside the parent (e.g. the wa_id to send to)."""
        if not identity:
            return
        user = await s.get(User, user_id)
        if user is None or all(getattr(user, k) == v for k, v in identity.items()):
            return
        try:
            async with s.begin_nested():
                await s.execute(update(User).where(User.id == user_id).values(**identity))
        except IntegrityError:  # another parent row holds it: leave both as they are
            pass

    async def _insert_inbound(
        self, s: AsyncSession, session_id: str, item: ChannelInbound
    ) -> int | None:
        now = self._clock.now()
        row = ChatMessageRow(
            session_id=session_id,
            direction="in",
            channel_message_id=item.channel_message_id,
            kind=item.kind,
            body=item.body,
            delivery_status=item.status,
            created_at=now,
        )
        try:
            async with s.begin_nested():
                s.add(row)
                await s.flush()
        except IntegrityError:
            return None  # recorded already
        await s.execute(
            update(ChatSessionRow)
            .where(ChatSessionRow.id == session_id)
            .values(last_inbound_at=now)
        )
        return row.id

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
        audit: AuditEntry | None = None,
    ) -> int | None:
        """Keep an inbound message (or internal event) durably, with the audit entry of the
        person who asked for it in the same transaction. None if already recorded."""
        now = self._clock.now()
        row = ChatMessageRow(
            session_id=session_id,
            direction="in",
            channel_message_id=channel_message_id,
            kind=kind,
            body=body,
            delivery_status=RECEIVED,
            created_at=now,
        )
        async with self._sessions() as s:
            try:
                async with s.begin():
                    s.add(row)
                    if audit is not None:
                        s.add(audit_row(audit))
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
        """Inbound items not handled yet, oldest first, up to the first one still being
        prepared (a photo downloading): nothing overtakes it."""
        async with self._sessions() as s:
            query = (
                select(ChatMessageRow)
                .where(
                    ChatMessageRow.session_id == session_id,
                    ChatMessageRow.direction == "in",
                    ChatMessageRow.delivery_status.in_((RECEIVED, FETCHING)),
                )
                .order_by(ChatMessageRow.id)
            )
            rows = list((await s.execute(query)).scalars())
        ready = []
        for row in rows:
            if row.delivery_status == FETCHING:
                break
            ready.append(row)
        return ready

    async def stranded_sessions(self, older_than: timedelta) -> list[str]:
        """Sessions with inbound items left unhandled for a while (a process died between
        recording and handling them): they are handed to the queue again."""
        cutoff = self._clock.now() - older_than
        async with self._sessions() as s:
            query = (
                select(ChatMessageRow.session_id)
                .where(
                    ChatMessageRow.direction == "in",
                    ChatMessageRow.delivery_status.in_((RECEIVED, FETCHING)),
                    ChatMessageRow.created_at < cutoff,
                )
                .distinct()
                .limit(500)
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

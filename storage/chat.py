"""Chat sessions: opened on first contact (with their parent), recorded from a channel,
read for transcripts. The inbox, the outbox and a turn's transaction have their own modules;
`ChatStore` gathers them for the callers that use several."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.conversation import (
    FETCHING,
    RECEIVED,
    ChatSession,
    HistoryItem,
    QuietSession,
    SessionRef,
)
from domain.errors import Conflict
from domain.ports import Clock, IdFactory
from domain.whatsapp_records import ChannelInbound
from storage.chat_batch import ChannelBatch
from storage.chat_inbox import ChatInbox
from storage.chat_outbox import SESSION_COLUMNS, ChatOutbox
from storage.chat_tokens import ChatTokens
from storage.db import single_statements
from storage.tables import ChatMessageRow, ChatSessionRow, User

__all__ = ["FETCHING", "RECEIVED", "ChannelInbound", "ChatStore", "SessionRef"]


class ChatStore(ChatInbox, ChatOutbox, ChannelBatch, ChatTokens):
    """The chat tables behind domain.conversation's ports: ChatSessions, Inbox, OutboxStore,
    QuietSessions and SessionTokens (and `record_from_channel` / `get` for the WhatsApp inbox
    and the support console, not behind ports yet)."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Clock, ids: IdFactory
    ) -> None:
        self._sessions = sessions
        self._single = single_statements(sessions)
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
            inbox_status=item.status,
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
        """The whole row, for the support console (not behind a port yet)."""
        async with self._sessions() as s:
            return await s.get(ChatSessionRow, session_id)

    async def sessions_of_user(self, user_id: str) -> list[ChatSession]:
        async with self._sessions() as s:
            query = (
                select(*SESSION_COLUMNS)
                .where(ChatSessionRow.user_id == user_id)
                .order_by(ChatSessionRow.last_activity_at.desc())
            )
            return [ChatSession(*row) for row in (await s.execute(query)).all()]

    async def quiet_sessions(
        self, states: Sequence[str], idle_since: datetime
    ) -> list[QuietSession]:
        async with self._sessions() as s:
            query = select(
                ChatSessionRow.id, ChatSessionRow.version, ChatSessionRow.state_json
            ).where(
                ChatSessionRow.handed_off.is_(False),
                ChatSessionRow.state.in_(states),
                ChatSessionRow.last_activity_at <= idle_since,
            )
            return [QuietSession(*row) for row in (await s.execute(query)).all()]

    async def history(self, session_id: str, after: int, limit: int = 500) -> list[HistoryItem]:
        async with self._sessions() as s:
            query = (
                select(
                    ChatMessageRow.id,
                    ChatMessageRow.direction,
                    ChatMessageRow.kind,
                    ChatMessageRow.body,
                )
                .where(
                    ChatMessageRow.session_id == session_id,
                    ChatMessageRow.id > after,
                    ChatMessageRow.kind != "event",
                )
                .order_by(ChatMessageRow.id)
                .limit(limit)
            )
            return [HistoryItem(*row) for row in (await s.execute(query)).all()]

    async def last_outbound_before(self, session_id: str, before: int) -> HistoryItem | None:
        async with self._sessions() as s:
            query = (
                select(
                    ChatMessageRow.id,
                    ChatMessageRow.direction,
                    ChatMessageRow.kind,
                    ChatMessageRow.body,
                )
                .where(
                    ChatMessageRow.session_id == session_id,
                    ChatMessageRow.id < before,
                    ChatMessageRow.direction == "out",
                    ChatMessageRow.kind != "event",
                )
                .order_by(ChatMessageRow.id.desc())
                .limit(1)
            )
            row = (await s.execute(query)).first()
            return None if row is None else HistoryItem(*row)

"""A drainer's batch of channel messages recorded in one transaction of a few statements (the
sessions found, the new parents and sessions inserted, the messages inserted, the sessions
touched), in SQLAlchemy Core: the campaign burst's first contacts are the hot path, and one
ORM unit of work with savepoints per message cost ten round trips each.

Anything unusual (a re-key, an identity held by another parent, a concurrent first contact) is
left to the one-by-one path, `ChatStore.record_from_channel`: the batch answers None."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import BigInteger, String, Table, insert, select, text, tuple_, update
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.conversation import SessionRef
from domain.ports import Clock, IdFactory
from domain.whatsapp_records import ChannelInbound, Recorded
from storage.db import rows_of
from storage.tables import ChatMessageRow, ChatSessionRow, User

Key = tuple[str, str]  # channel, channel user id
_USERS, _SESSIONS = cast(Table, User.__table__), cast(Table, ChatSessionRow.__table__)
# In the order given (ordinality): a parent's messages keep their order in the ids.
_INSERT_MESSAGES = text(
    "INSERT INTO chat_messages (session_id, direction, channel_message_id, kind, body,"
    " inbox_status, attempts, created_at)"
    " SELECT session_id, 'in', channel_message_id, kind, CAST(body AS jsonb), inbox_status,"
    " 0, :now FROM unnest(CAST(:session_id AS varchar[]),"
    " CAST(:channel_message_id AS varchar[]), CAST(:kind AS varchar[]),"
    " CAST(:body AS text[]), CAST(:inbox_status AS varchar[])) WITH ORDINALITY"
    " AS given(session_id, channel_message_id, kind, body, inbox_status, n)"
    " ORDER BY n ON CONFLICT (channel_message_id) DO NOTHING"
    " RETURNING channel_message_id, id"
).columns(channel_message_id=String, id=BigInteger)


class ChannelBatch:
    _sessions: async_sessionmaker[AsyncSession]
    _clock: Clock
    _ids: IdFactory

    async def record_batch(self, items: Sequence[ChannelInbound]) -> list[Recorded] | None:
        """Record `items` (none re-keying), in order, each with its
        session (created with its parent on first contact). None: nothing was written, and
        the caller records them one by one."""
        if not items or any(i.rekey_from is not None for i in items):
            return None
        try:
            async with self._sessions() as s, s.begin():
                refs = await self._batch_sessions(s, items)
                if refs is None:
                    return None
                ids = await self._batch_messages(s, items, refs)
        except IntegrityError:  # a concurrent first contact or a taken identity
            return None
        return [
            (refs[(i.channel, i.channel_user_id)], ids.get(i.channel_message_id)) for i in items
        ]

    async def _batch_sessions(
        self, s: AsyncSession, items: Sequence[ChannelInbound]
    ) -> dict[Key, SessionRef] | None:
        # Each channel user's identity as their newest item in the batch gives it.
        identities: dict[Key, dict[str, str]] = {
            (i.channel, i.channel_user_id): i.identity for i in items
        }
        keys = list(identities)
        found = (
            await s.execute(
                select(
                    ChatSessionRow.id,
                    ChatSessionRow.user_id,
                    ChatSessionRow.channel,
                    ChatSessionRow.channel_user_id,
                    User.wa_id,
                    User.wa_user_id,
                )
                .join(User, User.id == ChatSessionRow.user_id)
                .where(tuple_(ChatSessionRow.channel, ChatSessionRow.channel_user_id).in_(keys))
            )
        ).all()
        refs: dict[tuple[str, str], SessionRef] = {}
        for sid, user_id, channel, channel_user_id, wa_id, wa_user_id in found:
            assert user_id is not None  # joined to its parent
            known = {"wa_id": wa_id, "wa_user_id": wa_user_id}
            given = identities[(channel, channel_user_id)]
            if any(known.get(k) != v for k, v in given.items()):
                return None  # a changed identity is remembered on the one-by-one path
            refs[(channel, channel_user_id)] = SessionRef(sid, user_id, channel, channel_user_id)
        new = {k: identities[k] for k in keys if k not in refs}
        if new:
            refs.update(await self._batch_create(s, new))
        return refs

    async def _batch_create(
        self, s: AsyncSession, new: dict[Key, dict[str, str]]
    ) -> dict[Key, SessionRef]:
        now = self._clock.now()
        users, sessions, refs = [], [], {}
        for (channel, channel_user_id), identity in new.items():
            user_id, session_id = self._ids(), self._ids()
            users.append(
                {"id": user_id, "created_at": now, "updated_at": now}
                | {"wa_id": None, "wa_user_id": None}
                | identity
            )
            sessions.append(
                {
                    "id": session_id,
                    "user_id": user_id,
                    "channel": channel,
                    "channel_user_id": channel_user_id,
                    "state": "start",
                    "state_json": {},
                    "flow_version": 0,
                    "version": 1,
                    "last_activity_at": now,
                    "created_at": now,
                }
            )
            refs[(channel, channel_user_id)] = SessionRef(
                session_id, user_id, channel, channel_user_id
            )
        # Core executemany (no ORM bulk bookkeeping): the same statement for any batch.
        await s.execute(insert(_USERS), users)
        await s.execute(insert(_SESSIONS), sessions)
        return refs

    async def _batch_messages(
        self,
        s: AsyncSession,
        items: Sequence[ChannelInbound],
        refs: dict[tuple[str, str], SessionRef],
    ) -> dict[str, int]:
        """The new messages' row ids by channel message id; one recorded before is skipped."""
        now = self._clock.now()
        columns: dict[str, list[Any]] = {
            "session_id": [refs[(i.channel, i.channel_user_id)].id for i in items],
            "channel_message_id": [i.channel_message_id for i in items],
            "kind": [i.kind for i in items],
            "body": [i.body for i in items],
            "inbox_status": [i.status for i in items],
        }
        if s.get_bind().dialect.name == "postgresql":
            # One array per column: the same statement text for any batch (compiled and
            # prepared once; a VALUES list was compiled per batch, in the drainer's time).
            columns["body"] = [json.dumps(body) for body in columns["body"]]
            inserted = await s.execute(_INSERT_MESSAGES, {"now": now, **columns})
        else:
            inserted = await s.execute(
                sqlite.insert(ChatMessageRow)
                .values(rows_of(columns, direction="in", attempts=0, created_at=now))
                .on_conflict_do_nothing(index_elements=["channel_message_id"])
                .returning(ChatMessageRow.channel_message_id, ChatMessageRow.id)
            )
        ids = {key: row_id for key, row_id in inserted.all()}
        touched = {
            refs[(i.channel, i.channel_user_id)].id for i in items if i.channel_message_id in ids
        }
        if not touched:
            return ids
        sessions = ChatSessionRow.id.in_(sorted(touched))
        if s.get_bind().dialect.name == "postgresql":
            # A session a turn holds is left to that session's next turn (TurnWrite.inbound_at):
            # waiting for each one held a batch of a thousand parents for seconds, and every
            # turn of those parents behind it.
            free = select(ChatSessionRow.id).where(sessions)
            free = free.with_for_update(skip_locked=True, key_share=True)
            sessions = ChatSessionRow.id.in_(free.scalar_subquery())
        await s.execute(update(ChatSessionRow).where(sessions).values(last_inbound_at=now))
        return ids

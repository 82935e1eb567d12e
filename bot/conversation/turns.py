"""The turn runner, serialised per session: lock, load, handle, save in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.conversation.inbound_codec import decode, encode
from domain.audit import AuditEntry
from domain.ports import Clock, IdFactory, Locker
from flows import engine
from flows.context import FlowDeps, TurnContext
from flows.journey import known_states
from flows.messages import Inbound, Text, to_json
from flows.state import ConversationState
from flows.words import say
from storage.chat import ChatStore, TurnWrite
from storage.tables import ChatMessageRow, ChatSessionRow

logger = logging.getLogger(__name__)
LOCK_TTL_SECONDS = 300
LOCK_WAIT_SECONDS = 120

Deliver = Callable[[str], Awaitable[None]]
Enqueue = Callable[[str], Awaitable[None]]


class TurnRunner:
    def __init__(
        self,
        chat: ChatStore,
        locker: Locker,
        deps: FlowDeps,
        clock: Clock,
        ids: IdFactory,
    ) -> None:
        self._chat = chat
        self._locker = locker
        self._deps = deps
        self._clock = clock
        self._ids = ids
        self.deliver: Deliver | None = None  # set by the composition root (outbox)
        self.enqueue: Enqueue | None = None  # set by the composition root (job queue)
        self.active = 0  # turns in progress in this process (shutdown and tests wait for 0)

    async def post(
        self,
        session_id: str,
        inbound: Inbound,
        key: str | None = None,
        audit: AuditEntry | None = None,
    ) -> None:
        """Record an inbound message or internal event durably, then run the session's turns."""
        await self.record(session_id, inbound, key, audit)
        await self.process(session_id)

    async def record(
        self,
        session_id: str,
        inbound: Inbound,
        key: str | None = None,
        audit: AuditEntry | None = None,
    ) -> None:
        """Keep it in the session's inbox (once per key), with the audit entry of whoever
        asked for it in the same transaction; `process` handles it."""
        kind, body = encode(inbound)
        await self._chat.record_inbound(session_id, kind, body, channel_message_id=key, audit=audit)

    async def process(self, session_id: str) -> None:
        """Handle every inbound item of the session not handled yet, oldest first."""
        jobs: list[str] = []
        self.active += 1
        try:
            async with self._locker.lock(
                f"chat:{session_id}", ttl=LOCK_TTL_SECONDS, wait=LOCK_WAIT_SECONDS
            ):
                for row in await self._chat.pending_inbound(session_id):
                    jobs += await self._turn(session_id, row)
        finally:
            self.active -= 1
        if self.deliver is not None:
            await self.deliver(session_id)
        if self.enqueue is not None:
            for job_id in jobs:
                try:
                    await self.enqueue(job_id)
                except Exception:  # the job row is kept: it is re-queued when the broker is back
                    logger.warning("could not queue a job", extra={"job_id": job_id})

    async def _turn(self, session_id: str, row: ChatMessageRow) -> list[str]:
        session = await self._chat.get(session_id)
        assert session is not None and session.user_id is not None
        state = ConversationState.from_json(session.state_json, known_states())
        ctx = TurnContext(
            state=state, user_id=session.user_id, deps=self._deps, now=self._clock.now()
        )
        try:
            await engine.handle(ctx, decode(row.kind, row.body))
        except Exception:
            logger.exception("turn failed", extra={"session_id": session_id, "state": state.state})
            ctx = self._apology(session, ctx)
        ctx.state.touch(ctx.now)
        jobs = [(self._ids(), job.kind, job.payload) for job in ctx.jobs]
        await self._chat.save_turn(
            TurnWrite(
                session_id=session_id,
                expected_version=session.version,
                state_json=ctx.state.to_json(),
                state=ctx.state.state,
                handed_off=ctx.state.handed_off,
                inbound_id=row.id,
                outbound=[(m.kind, to_json(m)) for m in ctx.out],
                events=[(e.name, e.data) for e in ctx.events],
                jobs=jobs,
                audits=[(e.name, e.data) for e in ctx.events if e.audit],
                actor_id=ctx.user_id,
            )
        )
        return [job_id for job_id, _, _ in jobs]

    def _apology(self, session: ChatSessionRow, failed: TurnContext) -> TurnContext:
        """Keep the state as it was before the failed turn; tell the parent plainly."""
        state = ConversationState.from_json(session.state_json, known_states())
        ctx = TurnContext(state=state, user_id=failed.user_id, deps=self._deps, now=failed.now)
        ctx.send(Text(say("turn_failed")))
        ctx.record("turn_failed")
        return ctx

"""The turn runner, serialised per session: lock, then one transaction per turn.

A turn reads the session with its inbox, runs the engine (whose domain services write through
the turn's unit of work), writes the state, the outbound messages, events, audit rows and job
requests, and commits once: a turn happens entirely or not at all (DESIGN §3). Jobs are queued
and the outbox is flushed after the commit.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.conversation.flood import FloodGuard
from bot.conversation.inbound_codec import decode, encode
from domain.audit import AuditEntry
from domain.conversation import (
    Inbox,
    InboxItem,
    SessionSnapshot,
    TurnUnit,
    TurnUnits,
    TurnWrite,
)
from domain.ports import Clock, IdFactory, Locker
from flows import engine
from flows.context import FlowDeps, TurnContext
from flows.journey import known_states
from flows.messages import Inbound, Text, to_json
from flows.state import ConversationState
from flows.words import say

logger = logging.getLogger(__name__)
LOCK_TTL_SECONDS = 30  # renewed while the turns run: a dead holder frees it within this
LOCK_WAIT_SECONDS = 120
FROM_PARENT = ("text", "choice", "image", "unsupported")  # inbox kinds a parent sends
FLOOD_TOLD = "flood_told"  # a slot: the parent was told about the pause of this burst
# Channels whose widget replaces the previous progress message with the next one.
PROGRESS_IN_PLACE = frozenset({"webchat"})
TOGETHER = 10  # a session's waiting items handled in one transaction, a turn each

Deliver = Callable[[str], Awaitable[object]]
Enqueue = Callable[[str], Awaitable[None]]


class TurnRunner:
    def __init__(
        self,
        inbox: Inbox,
        units: TurnUnits,
        locker: Locker,
        deps: FlowDeps,
        flood: FloodGuard,
        clock: Clock,
        ids: IdFactory,
        *,
        deliver: Deliver,
        enqueue: Enqueue,
    ) -> None:
        self._inbox = inbox
        self._units = units
        self._locker = locker
        self._deps = deps
        self._flood = flood
        self._clock = clock
        self._ids = ids
        self._deliver = deliver  # the outbox, after every turn
        self._enqueue = enqueue  # the job queue, for the jobs a turn requested
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
        await self._inbox.record_inbound(
            session_id, kind, body, channel_message_id=key, audit=audit
        )

    async def close(self) -> None:
        """At shutdown: slowed sessions are not looked at again by this process."""
        await self._flood.close()

    async def process(self, session_id: str) -> None:
        """Handle every inbound item of the session not handled yet, oldest first."""
        jobs: list[str] = []
        self.active += 1
        try:
            async with self._locker.lock(
                f"chat:{session_id}", ttl=LOCK_TTL_SECONDS, wait=LOCK_WAIT_SECONDS
            ):
                one_by_one = 0  # after a failed batch: its turns again, each on its own
                more = True
                while more:
                    try:
                        done = await self._next_turns(session_id, 1 if one_by_one else TOGETHER)
                    except _BatchFailed as failed:
                        one_by_one = failed.handled + 1  # up to and with the one that failed
                        continue
                    if done is None:
                        break
                    requested, more = done
                    jobs += requested
                    one_by_one = max(0, one_by_one - 1)
        finally:
            self.active -= 1
        await self._deliver(session_id)
        for job_id in jobs:
            try:
                await self._enqueue(job_id)
            except Exception:  # the job row is kept: it is re-queued when the broker is back
                logger.warning("could not queue a job", extra={"job_id": job_id})

    async def _next_turns(self, session_id: str, most: int) -> tuple[list[str], bool] | None:
        """The session's next waiting items, at most `most`, a turn each, in one transaction
        (a parent who typed several lines, or a burst of them, costs one read and one write):
        the ids of the jobs they requested and whether more items were waiting behind them;
        None when the session has nothing to handle now. (An item recorded after the read
        comes with its own call to `process`.)"""
        async with self._units() as unit:
            loaded = await unit.load(session_id)
            if loaded is None or not loaded[1]:
                return None
            session, items = loaded
            state = ConversationState.from_json(session.state_json, known_states())
            deps = self._deps.within(unit)  # every domain write joins the transaction
            turns: list[TurnContext] = []
            handled: list[InboxItem] = []
            # The parent's lines of the batch are counted against the flood limit together.
            lines = sum(1 for item in items[:most] if item.kind in FROM_PARENT)
            allowed, wait = await self._flood.take(session.user_id, lines) if lines else (0, 0.0)
            try:
                for item in items[:most]:
                    if item.kind in FROM_PARENT:
                        if not allowed:
                            return await self._slowed(
                                unit, session, state, deps, turns, handled, wait
                            )
                        allowed -= 1
                    ctx = self._context(session, state, deps)
                    try:
                        await engine.handle(ctx, decode(item.kind, item.body))
                    except Exception:
                        logger.exception("turn failed", extra={"session_id": session_id})
                        if handled:  # the turns before it are redone without it
                            raise _BatchFailed(len(handled)) from None
                        break
                    turns.append(ctx)
                    handled.append(item)
                    state = ctx.state  # a turn may start the conversation afresh (erasure)
                    if any(event.audit for event in ctx.events):
                        break  # consent, erasure, hand-off...: committed before what follows
                else:
                    # The burst, if any, is over: a next one is told again.
                    if len(handled) == len(items):
                        state.slots.pop(FLOOD_TOLD, None)
            finally:  # lines counted and not reached are not counted again by the next turn
                self._flood.give_back(session.user_id, allowed)
            if handled:
                return await self._save(unit, session, turns, handled), len(handled) < len(items)
        # The failed turn's writes went with its transaction; the state stays as it was.
        async with self._units() as unit:
            loaded = await unit.load(session_id)
            assert loaded is not None
            session, item = loaded[0], items[0]
            state = ConversationState.from_json(session.state_json, known_states())
            ctx = self._context(session, state, self._deps.within(unit))
            ctx.send(Text(say("turn_failed")))
            ctx.record("turn_failed")
            return await self._save(unit, session, [ctx], [item]), len(items) > 1

    async def _slowed(
        self,
        unit: TurnUnit,
        session: SessionSnapshot,
        state: ConversationState,
        deps: FlowDeps,
        turns: list[TurnContext],
        handled: list[InboxItem],
        wait: float,
    ) -> tuple[list[str], bool] | None:
        """A parent over the flood limit waits (their messages stay in the inbox, in order);
        they are told once per burst, kindly, and the session is looked at again when it may
        go on. What was handled before the limit is kept."""
        if not state.slots.get(FLOOD_TOLD):
            ctx = self._context(session, state, deps)
            ctx.slots[FLOOD_TOLD] = True
            ctx.send(Text(say("slow_down")))
            ctx.record("flood_slowed", wait_seconds=round(wait, 1))
            turns = [*turns, ctx]
        self._flood.retry_later(session.id, wait, lambda: self.process(session.id))
        if not turns:
            return None
        return await self._save(unit, session, turns, handled), False

    def _context(
        self, session: SessionSnapshot, state: ConversationState, deps: FlowDeps
    ) -> TurnContext:
        return TurnContext(
            state=state,
            user_id=session.user_id,
            deps=deps,
            now=self._clock.now(),
            progress_in_place=session.channel in PROGRESS_IN_PLACE,
        )

    async def _save(
        self,
        unit: TurnUnit,
        session: SessionSnapshot,
        turns: list[TurnContext],
        handled: list[InboxItem],
    ) -> list[str]:
        last = turns[-1]
        last.state.touch(last.now)
        jobs = [(self._ids(), job.kind, job.payload) for ctx in turns for job in ctx.jobs]
        events = [event for ctx in turns for event in ctx.events]
        from_parent = [item.created_at for item in handled if item.kind in FROM_PARENT]
        await unit.save(
            TurnWrite(
                session_id=session.id,
                expected_version=session.version,
                state_json=last.state.to_json(),
                state=last.state.state,
                handed_off=last.state.handed_off,
                inbound_ids=tuple(item.id for item in handled),
                outbound=[
                    (m.kind, {**to_json(m), "step": step})
                    for ctx in turns
                    for m, step in zip(ctx.out, ctx.out_steps, strict=True)
                ],
                events=[(e.name, e.data) for e in events],
                jobs=jobs,
                audits=[(e.name, e.data) for e in events if e.audit],
                actor_id=last.user_id,
                inbound_at=max(from_parent, default=None),
            )
        )
        await unit.commit()
        return [job_id for job_id, _, _ in jobs]


class _BatchFailed(Exception):
    """A turn of a batch failed after `handled` others: the batch is rolled back whole."""

    def __init__(self, handled: int) -> None:
        super().__init__(handled)
        self.handled = handled

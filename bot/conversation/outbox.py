"""The outbox: delivers pending outbound messages through their channel, with retries.

A provider's outage is outlasted: a retryable failure is tried again with backoff (capped) for
`give_up` (24 hours by default) after the message was made; only then, or for an error no retry
can help, is it marked failed (support sees it). When a send on a channel succeeds again after
failures, every message of that channel waiting out a backoff is woken at once, so parents hear
back as soon as the provider is back. The channel's sender decides the form of a late message
(WhatsApp: a template outside the 24-hour window)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from bot.conversation.rendering import MessageRenderer, is_progress, replaced_progress
from domain.conversation import ChatSession, ChatSessions, OutboxItem, OutboxStore
from domain.ports import Clock

logger = logging.getLogger(__name__)
LEASE_SECONDS = 60
GIVE_UP_AFTER = timedelta(hours=24)
MAX_BACKOFF_SECONDS = 300.0
LEASE_AT_ONCE = 20  # of one session's messages, sent together after its turn
# While its channel is at its send rate (it was within PRESSURE_SECONDS), a turn's answer goes
# at once only to a parent this process has sent nothing yet (a first answer), and at most
# AT_ONCE of it; the rest (a batch of turns, a parent answered before) is left to the sweep's
# rounds, woken for it. So a parent's many answers do not take the send rate from other
# parents' first ones.
AT_ONCE = 3
PRESSURE_SECONDS = 10.0
# Sessions looked at per sweep: a window of them (by id), the next window once each of them had
# its turn, going round. A burst's parents fit in one, so the least lately answered go first.
SWEEP_SESSIONS = 1000
NEVER = datetime.min.replace(tzinfo=UTC)
KNOWN_SESSIONS = 10_000  # sessions whose channel and last send are remembered


class DeliveryError(Exception):
    """A failed send. With `retry_after` (seconds) it is a deferral, not a failure (a send rate
    was reached): the message is tried again that soon and the attempt does not count. With
    `channel_wide`, the whole channel is at its rate: nothing else is tried on it before then."""

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        retryable: bool = True,
        retry_after: float | None = None,
        channel_wide: bool = False,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.retryable = retryable
        self.retry_after = retry_after
        self.channel_wide = channel_wide


class ChannelSender(Protocol):
    async def send(
        self,
        session: ChatSession,
        message_id: int,
        body: dict[str, Any],
        created_at: datetime | None = None,
        *,
        last_error: str | None = None,
    ) -> str | None:
        """Deliver one message (made at `created_at`; `last_error`: the code its last attempt
        ended with); return the channel's id if it has one."""
        ...

    async def on_sent(self, channel_message_id: str) -> None:
        """The message is recorded as sent under this id: apply what arrived before (a
        provider's status webhook can overtake the answer to the send)."""
        ...


class Outbox:
    def __init__(
        self,
        chat: OutboxStore,
        senders: dict[str, ChannelSender],
        clock: Clock,
        *,
        give_up: timedelta = GIVE_UP_AFTER,
        max_backoff_seconds: float = MAX_BACKOFF_SECONDS,
    ) -> None:
        self._chat = chat
        self._senders = senders
        self._clock = clock
        self._give_up = give_up
        self._max_backoff = max_backoff_seconds
        self._troubled: set[str] = set()  # channels with sends failing in this process
        # One lock per session being flushed; it goes away when nobody holds or awaits it.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self._wake = asyncio.Event()  # a deferred message is due before the next sweep
        # A channel at its send rate until then (the last time it was): its sessions are left
        # alone (no lease, no deferral written per message), which keeps a burst's backlog
        # cheap to carry.
        self._paused_until: dict[str, datetime] = {}
        # Per session, its channel (so a paused channel's sessions are passed over without
        # reading them) and when this process last sent to it (who goes first under a rate).
        self._known: OrderedDict[str, _Known] = OrderedDict()
        # Where the sweep's window of sessions starts (by id; None: the first ones).
        self._window: str | None = None
        self._window_opened = NEVER

    def register(self, channel: str, sender: ChannelSender) -> None:
        """Add a channel whose client opens after the runtime (WhatsApp)."""
        self._senders[channel] = sender

    def unregister(self, channel: str) -> None:
        self._senders.pop(channel, None)

    async def flush(self, session_id: str | None = None) -> int:
        """Send what is due, oldest first, one session at a time (messages keep their order):
        one session's answer (see AT_ONCE), or, in a sweep, one message of each session with
        one due, the least lately answered first (under the channel's send rate, every parent
        gets a first answer before anyone gets a second message). Returns how many were sent."""
        if session_id is not None:
            sent = await self._flush_one(session_id, None)
            known = self._known.get(session_id)
            if known is not None and self._pressed(known.channel):
                self._wake.set()  # what was not sent now is the sweep's
            return sent
        now, sent = self._clock.now(), 0
        sids = await self._chat.due_sessions(now, self._window, SWEEP_SESSIONS)
        after = sids[-1] if len(sids) == SWEEP_SESSIONS else None  # the next window's start
        if after is None and self._window is not None:  # round the circle: the first ones again
            sids += [
                s for s in await self._chat.due_sessions(now, None, SWEEP_SESSIONS) if s not in sids
            ]
        # Least lately answered first: under a send rate, the parents still waiting for a first
        # answer go before anyone's next message, and the others in turn.
        for sid in sorted(sids, key=self._last_sent):
            sent += await self._flush_one(sid, 1)
        if all(self._last_sent(sid) > self._window_opened for sid in sids if self._sendable(sid)):
            # Each of the window's sessions had its turn since it opened: the next window.
            self._window, self._window_opened = after, now
        return sent

    def _sendable(self, session_id: str) -> bool:
        """A session whose channel can send here (not one whose channel is switched off)."""
        known = self._known.get(session_id)
        return known is not None and known.channel in self._senders

    def _last_sent(self, session_id: str) -> datetime:
        known = self._known.get(session_id)
        return NEVER if known is None or known.sent_at is None else known.sent_at

    async def _flush_one(self, session_id: str, most: int | None) -> int:
        """`most`: how many of its messages; None for a turn's answer (see AT_ONCE)."""
        lock = self._locks.get(session_id)
        if lock is None:
            lock = self._locks[session_id] = asyncio.Lock()
        async with lock:
            return await self._flush_session(session_id, most)

    def _remember(self, session_id: str, channel: str) -> _Known:
        known = self._known.get(session_id) or _Known(channel)
        self._known[session_id] = known
        self._known.move_to_end(session_id)
        if len(self._known) > KNOWN_SESSIONS:
            self._known.popitem(last=False)
        return known

    async def _flush_session(self, session_id: str, most: int | None) -> int:
        known = self._known.get(session_id)
        if known is not None and self._held(known, most):  # no read for a session held back
            return 0
        session = await self._chat.session(session_id)
        if session is None:
            return 0
        known = self._remember(session_id, session.channel)
        sender = self._senders.get(session.channel)
        if sender is None or self._held(known, most):
            return 0
        if most is None:
            most = AT_ONCE if self._pressed(session.channel) else LEASE_AT_ONCE
        due = await self._chat.lease_due(session_id, self._clock.now(), LEASE_SECONDS, most)
        sent = 0
        for index, row in enumerate(due):
            now = self._clock.now()
            try:
                channel_id = await sender.send(
                    session, row.id, row.body, row.created_at, last_error=row.error_code
                )
            except DeliveryError as exc:
                if exc.retryable and exc.retry_after is not None:
                    if exc.channel_wide:
                        self._pause(session.channel, exc.retry_after)
                    await self._defer(row.id, row.attempts, exc.retry_after, exc)
                else:
                    await self._failed(row, session.channel, exc)
                await self._chat.give_back([r.id for r in due[index + 1 :]], now)
                break  # keep the order: later messages wait for this one
            except Exception as exc:  # a sender's bug must not stop the outbox: retry later
                logger.exception("sender failed unexpectedly", extra={"message_id": row.id})
                error = DeliveryError(
                    f"{type(exc).__name__}: {exc}", code="unexpected", retryable=True
                )
                await self._failed(row, session.channel, error)
                await self._chat.give_back([r.id for r in due[index + 1 :]], now)
                break
            await self._chat.mark_outbound(
                row.id,
                delivery_status="sent",
                sent_at=now,
                channel_message_id=channel_id,
                next_attempt_at=None,
            )
            sent += 1
            known.sent_at = now
            if channel_id is not None:
                await sender.on_sent(channel_id)
            if session.channel in self._troubled:
                await self._recovered(session.channel)
        return sent

    def _paused(self, channel: str) -> bool:
        until = self._paused_until.get(channel)
        return until is not None and until > self._clock.now()

    def _pause(self, channel: str, seconds: float) -> None:
        self._paused_until[channel] = self._clock.now() + timedelta(seconds=seconds)

    def _held(self, known: _Known, most: int | None) -> bool:
        """Nothing goes now: the channel is at its rate, or this is a turn's answer to a parent
        answered before while it was lately (left to the sweep's rounds, behind parents
        waiting for a first answer)."""
        if self._paused(known.channel):
            return True
        return most is None and known.sent_at is not None and self._pressed(known.channel)

    def _pressed(self, channel: str) -> bool:
        """At its send rate now or within PRESSURE_SECONDS."""
        until = self._paused_until.get(channel)
        return until is not None and until > self._clock.now() - timedelta(seconds=PRESSURE_SECONDS)

    async def _defer(self, message_id: int, attempts: int, seconds: float, exc: Exception) -> None:
        """Not a failed attempt: the lease's count is given back and the sweeper woken soon."""
        seconds = max(seconds, 0.001)
        await self._chat.mark_outbound(
            message_id,
            attempts=attempts,
            error_code=getattr(exc, "code", None),
            next_attempt_at=self._clock.now() + timedelta(seconds=seconds),
        )
        asyncio.get_running_loop().call_later(seconds, self._wake.set)

    async def _failed(self, row: OutboxItem, channel: str, exc: DeliveryError) -> None:
        attempts, now = row.attempts + 1, self._clock.now()
        final = not exc.retryable or now - _aware(row.created_at) >= self._give_up
        backoff = timedelta(seconds=min(2 ** min(attempts, 20), self._max_backoff))
        if exc.retryable:
            self._troubled.add(channel)
        logger.warning(
            "delivery failed",
            extra={
                "message_id": row.id,
                "attempts": attempts,
                "code": exc.code,
                "final": final,
            },
        )
        await self._chat.mark_outbound(
            row.id,
            delivery_status="failed" if final else "pending",
            error_code=exc.code,
            error_detail=str(exc)[:2000],
            next_attempt_at=None if final else now + backoff,
        )
        if not final:  # tried again when due, not at the sweeper's next round
            asyncio.get_running_loop().call_later(backoff.total_seconds(), self._wake.set)

    async def _recovered(self, channel: str) -> None:
        """The channel works again: what waits out a backoff is due now, in its order."""
        self._troubled.discard(channel)
        now = self._clock.now()
        # Only backoffs longer than a lease: a message due later than that is not being sent
        # by anyone (a send in progress holds it for at most LEASE_SECONDS).
        woken = await self._chat.wake_outbound(channel, now, now + timedelta(seconds=LEASE_SECONDS))
        if woken:
            logger.info("channel back; retrying waiting messages", extra={"count": woken})
            self._wake.set()

    async def run(self, interval_seconds: float = 2.0) -> None:
        """Background retries of whatever is still pending (a crashed send, a backoff)."""
        while True:
            self._wake.clear()
            try:
                sent = await self.flush()
            except Exception:
                logger.exception("outbox sweep failed")
                sent = 0
            now = self._clock.now()
            pauses = [until for until in self._paused_until.values() if until > now]
            if pauses:  # nothing goes on that channel before then: no pass is woken in between
                await asyncio.sleep(min((min(pauses) - now).total_seconds(), interval_seconds))
                continue
            if sent:  # their next may be due
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), interval_seconds)


@dataclass(slots=True)
class _Known:
    channel: str
    sent_at: datetime | None = None  # by this process


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


Publish = Callable[[str, dict[str, Any]], Awaitable[None]]


class WebChatSender:
    """Web chat delivery: push to connected widgets (through `publish`: this process's hub, or
    the Redis relay that reaches every process). A widget that is not connected fetches the
    message through history when it comes back, so the message counts as sent either way."""

    def __init__(
        self, publish: Publish, renderer: MessageRenderer, chat: ChatSessions | None = None
    ) -> None:
        self._publish = publish
        self._renderer = renderer
        self._chat = chat  # to find the progress message a new one replaces

    async def send(
        self,
        session: ChatSession,
        message_id: int,
        body: dict[str, Any],
        created_at: datetime | None = None,
        *,
        last_error: str | None = None,
    ) -> str | None:
        message = await self._renderer.render(body)
        frame: dict[str, Any] = {"type": "message", "seq": message_id, "message": message}
        if self._chat is not None and is_progress(body):
            previous = await self._chat.last_outbound_before(session.id, message_id)
            replaces = replaced_progress(previous, body)
            if replaces is not None:
                frame["replaces"] = replaces
        await self._publish(session.id, frame)
        return None

    async def on_sent(self, channel_message_id: str) -> None:
        return None  # web chat has no delivery statuses

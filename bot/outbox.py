"""The outbox: delivers pending outbound messages through their channel, with retries."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, Protocol

from bot.rendering import MessageRenderer
from domain.ports import Clock
from storage.chat import ChatStore
from storage.tables import ChatSessionRow

logger = logging.getLogger(__name__)
LEASE_SECONDS = 60
MAX_ATTEMPTS = 8


class DeliveryError(Exception):
    def __init__(self, message: str, *, code: str | None = None, retryable: bool = True) -> None:
        super().__init__(message)
        self.code = code
        self.retryable = retryable


class ChannelSender(Protocol):
    async def send(
        self, session: ChatSessionRow, message_id: int, body: dict[str, Any]
    ) -> str | None:
        """Deliver one message; return the channel's message id if it has one."""
        ...


class Outbox:
    def __init__(self, chat: ChatStore, senders: dict[str, ChannelSender], clock: Clock) -> None:
        self._chat = chat
        self._senders = senders
        self._clock = clock
        self._locks: dict[str, asyncio.Lock] = {}

    def register(self, channel: str, sender: ChannelSender) -> None:
        """Add a channel whose client opens after the runtime (WhatsApp)."""
        self._senders[channel] = sender

    def unregister(self, channel: str) -> None:
        self._senders.pop(channel, None)

    async def flush(self, session_id: str | None = None) -> None:
        """Send what is due, oldest first, one session at a time (messages keep their order)."""
        rows = await self._chat.pending_outbound(session_id, self._clock.now())
        for sid in dict.fromkeys(r.session_id for r in rows):
            async with self._locks.setdefault(sid, asyncio.Lock()):
                await self._flush_session(sid)

    async def _flush_session(self, session_id: str) -> None:
        session = await self._chat.get(session_id)
        if session is None:
            return
        sender = self._senders.get(session.channel)
        for row in await self._chat.pending_outbound(session_id, self._clock.now()):
            now = self._clock.now()
            if sender is None or not await self._chat.lease_outbound(row.id, now, LEASE_SECONDS):
                continue
            try:
                channel_id = await sender.send(session, row.id, row.body)
            except DeliveryError as exc:
                await self._failed(row.id, row.attempts + 1, exc)
                break  # keep the order: later messages wait for this one
            await self._chat.mark_outbound(
                row.id,
                delivery_status="sent",
                sent_at=now,
                channel_message_id=channel_id,
                next_attempt_at=None,
            )

    async def _failed(self, message_id: int, attempts: int, exc: DeliveryError) -> None:
        final = not exc.retryable or attempts >= MAX_ATTEMPTS
        backoff = timedelta(seconds=min(2**attempts, 300))
        logger.warning(
            "delivery failed",
            extra={
                "message_id": message_id,
                "attempts": attempts,
                "code": exc.code,
                "final": final,
            },
        )
        await self._chat.mark_outbound(
            message_id,
            delivery_status="failed" if final else "pending",
            error_code=exc.code,
            error_detail=str(exc)[:2000],
            next_attempt_at=None if final else self._clock.now() + backoff,
        )

    async def run(self, interval_seconds: float = 2.0) -> None:
        """Background retries of whatever is still pending (a crashed send, a backoff)."""
        while True:
            try:
                await self.flush()
            except Exception:
                logger.exception("outbox sweep failed")
            await asyncio.sleep(interval_seconds)


Publish = Callable[[str, dict[str, Any]], Awaitable[None]]


class WebChatSender:
    """Web chat delivery: push to connected widgets (through `publish`: this process's hub, or
    the Redis relay that reaches every process). A widget that is not connected fetches the
    message through history when it comes back, so the message counts as sent either way."""

    def __init__(self, publish: Publish, renderer: MessageRenderer) -> None:
        self._publish = publish
        self._renderer = renderer

    async def send(
        self, session: ChatSessionRow, message_id: int, body: dict[str, Any]
    ) -> str | None:
        message = await self._renderer.render(body)
        await self._publish(session.id, {"type": "message", "seq": message_id, "message": message})
        return None

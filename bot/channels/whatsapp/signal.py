"""Telling the drainers there is work: an asyncio.Event in this process, and with Redis at
most one small PUBLISH per few milliseconds for drainers in other processes."""

from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis

logger = logging.getLogger(__name__)
PUBLISH_EVERY_SECONDS = 0.005
RESUBSCRIBE_SECONDS = 2.0


class DrainSignal:
    def __init__(self, redis: Redis | None, channel: str) -> None:
        self.event = asyncio.Event()  # the drainer of this process waits on it
        self._redis = redis
        self._channel = channel
        self._publisher: asyncio.Task[None] | None = None
        self._again = False

    def notify(self) -> None:
        """Cheap and coalesced: a burst of acks costs one message per few milliseconds."""
        self.event.set()
        if self._redis is None:
            return
        if self._publisher is None:
            self._publisher = asyncio.create_task(self._publish(), name="whatsapp-drain-signal")
        else:
            self._again = True

    async def _publish(self) -> None:
        assert self._redis is not None
        try:
            while True:
                self._again = False
                try:
                    await self._redis.publish(self._channel, b"1")
                except Exception as exc:  # the items are kept: the stranded sweep drains them
                    logger.warning("drain signal not sent", extra={"error": type(exc).__name__})
                await asyncio.sleep(PUBLISH_EVERY_SECONDS)
                if not self._again:
                    return
        finally:
            self._publisher = None

    async def listen(self) -> None:
        """In a draining process: every message from another process wakes the local drainer.
        After (re)subscribing it drains once, for what was published while it was away."""
        assert self._redis is not None
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    self.event.set()
                    while True:
                        # A timeout under the client's socket timeout: an idle wait is no error.
                        message = await pubsub.get_message(
                            ignore_subscribe_messages=True, timeout=1
                        )
                        if message is not None:
                            self.event.set()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.warning(
                    "drain signal lost; resubscribing", extra={"error": type(exc).__name__}
                )
                await asyncio.sleep(RESUBSCRIBE_SECONDS)

"""Per-parent pacing on one web chat socket: a flood of frames is slowed and coalesced.

Up to `limit` frames in any `window` seconds are posted as they come. Past that, frames wait
on the socket (in order, none lost): the texts of a burst become one message, so the bot
answers the burst once, and of a spree of taps only the last one counts. The parent is told
once per burst, kindly. Nothing here holds a worker or a lock: other parents are not delayed.
The turn runner's own flood limit still applies across sockets and channels."""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from collections.abc import Awaitable, Callable

from flows.messages import Inbound, InboundChoice, InboundText

logger = logging.getLogger(__name__)
SLOW_DOWN = "That's a lot of messages at once! I'll read them together in a moment."
TEXT_MAX = 4096

Post = Callable[[Inbound], Awaitable[None]]
Notify = Callable[[str], Awaitable[None]]


class FramePacer:
    def __init__(self, post: Post, notify: Notify, limit: int, window: float) -> None:
        self._post = post
        self._notify = notify
        self._limit = limit
        self._window = window
        self._sent: collections.deque[float] = collections.deque()
        self._texts: list[str] = []
        self._choice: InboundChoice | None = None
        self._flusher: asyncio.Task[None] | None = None

    def _wait(self) -> float:
        now = time.monotonic()
        while self._sent and now - self._sent[0] >= self._window:
            self._sent.popleft()
        return 0.0 if len(self._sent) < self._limit else self._window - (now - self._sent[0])

    async def frame(self, inbound: Inbound) -> None:
        """A frame from the parent: posted now, or kept for the burst's one message."""
        if self._flusher is None and not self._wait():
            self._sent.append(time.monotonic())
            await self._post(inbound)
            return
        if isinstance(inbound, InboundText):
            self._texts.append(inbound.text)
        elif isinstance(inbound, InboundChoice):
            self._choice = inbound  # a spree of taps: the last one counts
        if self._flusher is None:
            await self._notify(SLOW_DOWN)
            self._flusher = asyncio.create_task(self._flush_later(), name="webchat-burst")

    async def _flush_later(self) -> None:
        try:
            await asyncio.sleep(self._wait())  # until the window allows one more
            texts, choice = self._texts, self._choice
            self._texts, self._choice = [], None
            self._sent.append(time.monotonic())
            await self._post_burst(texts, choice)
        except Exception:
            logger.warning("a web chat burst was not posted", exc_info=True)
        finally:
            self._flusher = None
            if self._texts or self._choice is not None:  # more came in while posting
                self._flusher = asyncio.create_task(self._flush_later(), name="webchat-burst")

    async def close(self) -> None:
        """The socket closed: what waits is posted now (nothing the parent sent is lost)."""
        if self._flusher is not None:
            self._flusher.cancel()
            self._flusher = None
        texts, choice = self._texts, self._choice
        self._texts, self._choice = [], None
        await self._post_burst(texts, choice)

    async def _post_burst(self, texts: list[str], choice: InboundChoice | None) -> None:
        """The burst's texts as few messages as fit (none cut off), then its last tap."""
        chunk: list[str] = []
        for text in texts:
            if chunk and len("\n".join([*chunk, text])) > TEXT_MAX:
                await self._post(InboundText("\n".join(chunk)))
                chunk = []
            chunk.append(text)
        if chunk:
            await self._post(InboundText("\n".join(chunk)))
        if choice is not None:
            await self._post(choice)

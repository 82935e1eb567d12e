"""A parent who floods the bot is slowed, per parent, inside the turn runner.

At most `limit` of a parent's messages are handled in any `window_seconds`; the rest wait in
the inbox (durable, in order: nothing is lost, nothing is answered twice) and are handled when
the window allows. The parent is told once per burst, kindly. Other parents are never delayed:
no worker waits; the session is simply looked at again later. The counts live in the rate
limiter (Redis in production), so every worker sees the same parent the same way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from domain.ports import RateLimiter

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FloodLimit:
    limit: int = 10
    window_seconds: float = 10.0


class FloodGuard:
    def __init__(self, limiter: RateLimiter, limit: FloodLimit) -> None:
        self._limiter = limiter
        self._limit = limit
        self._later: set[asyncio.Task[None]] = set()
        self._sleeping: set[str] = set()  # sessions with a look-again not begun yet

    async def wait_for(self, user_id: str) -> float:
        """0 when the parent's next message may be handled now, else the seconds to wait."""
        return await self._limiter.hit(
            f"turns:{user_id}", limit=self._limit.limit, window_seconds=self._limit.window_seconds
        )

    def retry_later(self, key: str, seconds: float, again: Callable[[], Awaitable[None]]) -> None:
        """Look at the session (`key`) again when the window allows (a sleeping task: no
        worker slot or lock is held meanwhile), once however often it was slowed meanwhile.
        If this process dies first, the sweep of stranded sessions hands the waiting messages
        to another one."""
        if key in self._sleeping:
            return
        self._sleeping.add(key)
        task = asyncio.create_task(self._after(key, seconds, again))
        self._later.add(task)
        task.add_done_callback(self._done)

    async def _after(self, key: str, seconds: float, again: Callable[[], Awaitable[None]]) -> None:
        await asyncio.sleep(seconds)
        self._sleeping.discard(key)  # slowed again while looking: looked at again later
        await again()

    def _done(self, task: asyncio.Task[None]) -> None:
        self._later.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.warning("a slowed session could not be handled", exc_info=task.exception())

    async def close(self) -> None:
        """At shutdown: nothing more is started; what waits stays in the inbox for the sweep."""
        for task in self._later:
            task.cancel()
        await asyncio.gather(*self._later, return_exceptions=True)

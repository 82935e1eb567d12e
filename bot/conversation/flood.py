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
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from domain.ports import RateLimiter

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FloodLimit:
    limit: int = 10
    window_seconds: float = 10.0


KEPT_PARENTS = 10_000  # parents with counted messages a turn gave back, in this process


class FloodGuard:
    def __init__(
        self, limiter: RateLimiter, limit: FloodLimit, now: Callable[[], float] = time.monotonic
    ) -> None:
        self._limiter = limiter
        self._limit = limit
        self._now = now
        self._later: set[asyncio.Task[None]] = set()
        self._sleeping: set[str] = set()  # sessions with a look-again not begun yet
        # Per parent: messages counted for a turn that stopped before handling them, and until
        # when that count is in the window; the parent's next turn here uses them first.
        self._given_back: OrderedDict[str, tuple[int, float]] = OrderedDict()

    async def take(self, user_id: str, count: int) -> tuple[int, float]:
        """How many of the parent's next `count` messages may be handled now (they are
        counted; one round trip for a batch of them), and when that is fewer than `count`, the
        seconds to wait before the next may go."""
        kept, until = self._given_back.pop(user_id, (0, 0.0))
        kept = min(kept, count) if until > self._now() else 0
        if kept == count:
            return kept, 0.0
        taken, wait = await self._limiter.take(
            f"turns:{user_id}",
            count - kept,
            limit=self._limit.limit,
            window_seconds=self._limit.window_seconds,
        )
        return kept + taken, wait

    def give_back(self, user_id: str, count: int) -> None:
        """Messages taken and not handled (an audited turn, or a failed one, ended the
        batch): the parent's next turn in this process does not count them again."""
        if count <= 0:
            return
        self._given_back[user_id] = (count, self._now() + self._limit.window_seconds)
        if len(self._given_back) > KEPT_PARENTS:
            self._given_back.popitem(last=False)

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

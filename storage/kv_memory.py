"""In-process key-value services: the embedded default (one process, no Redis)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from domain.errors import LockTimeout

Monotonic = Callable[[], float]


class InProcessIdempotencyStore:
    def __init__(self, clock: Monotonic = time.monotonic) -> None:
        self._clock = clock
        self._expiry: dict[str, float] = {}

    async def claim(self, key: str, ttl_seconds: float) -> bool:
        now = self._clock()
        self._purge(now)
        if key in self._expiry:
            return False
        self._expiry[key] = now + ttl_seconds
        return True

    async def release(self, key: str) -> None:
        self._expiry.pop(key, None)

    def _purge(self, now: float) -> None:
        # Bounded work per call: expired keys are dropped as they are met.
        expired = [k for k, until in itertools.islice(self._expiry.items(), 64) if until <= now]
        for key in expired:
            del self._expiry[key]


class InProcessLocker:
    """Per-key locks with an expiry, so a holder that dies cannot block a key forever."""

    def __init__(self, clock: Monotonic = time.monotonic) -> None:
        self._clock = clock
        self._holders: dict[str, tuple[object, float]] = {}
        self._changed = asyncio.Condition()

    @asynccontextmanager
    async def lock(self, key: str, *, ttl: float, wait: float) -> AsyncIterator[None]:
        token = object()
        await self._acquire(key, token, ttl, wait)
        renewal = asyncio.create_task(self._renew(key, token, ttl), name=f"lock-renewal:{key}")
        try:
            yield
        finally:
            renewal.cancel()
            await self._release(key, token)

    async def _renew(self, key: str, token: object, ttl: float) -> None:
        """Keep a short lock while its holder works (a stuck holder's task would stop it)."""
        while True:
            await asyncio.sleep(ttl / 3)
            holder = self._holders.get(key)
            if holder is None or holder[0] is not token:
                return
            self._holders[key] = (token, self._clock() + ttl)

    async def _acquire(self, key: str, token: object, ttl: float, wait: float) -> None:
        deadline = self._clock() + wait
        async with self._changed:
            while True:
                now = self._clock()
                holder = self._holders.get(key)
                if holder is None or holder[1] <= now:
                    self._holders[key] = (token, now + ttl)
                    return
                remaining = deadline - now
                if remaining <= 0:
                    raise LockTimeout(f"lock {key!r} is held")
                pause = min(remaining, max(holder[1] - now, 0.001))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), pause)

    async def _release(self, key: str, token: object) -> None:
        async with self._changed:
            holder = self._holders.get(key)
            if holder is not None and holder[0] is token:
                del self._holders[key]
            self._changed.notify_all()


class InProcessRateLimiter:
    """Sliding-window limiter: at most `limit` events in any `window_seconds`."""

    def __init__(self, clock: Monotonic = time.monotonic, max_keys: int = 100_000) -> None:
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._max_keys = max_keys

    async def hit(self, key: str, *, limit: int, window_seconds: float) -> float:
        return (await self.take(key, 1, limit=limit, window_seconds=window_seconds))[1]

    async def take(
        self, key: str, count: int, *, limit: int, window_seconds: float
    ) -> tuple[int, float]:
        now = self._clock()
        events = self._events.get(key)
        if events is None:
            if len(self._events) >= self._max_keys:
                self._events.pop(next(iter(self._events)))
            events = self._events[key] = deque()
        while events and events[0] <= now - window_seconds:
            events.popleft()
        taken = max(0, min(count, limit - len(events)))
        events.extend([now] * taken)
        if taken == count:
            return taken, 0.0
        return taken, max(events[0] + window_seconds - now, 0.001)

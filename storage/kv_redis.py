"""Redis key-value services: for several processes or machines sharing one Redis."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from redis.exceptions import LockError, RedisError

from domain.errors import LockTimeout

logger = logging.getLogger(__name__)


class RedisIdempotencyStore:
    def __init__(self, redis: Redis, prefix: str = "idem:") -> None:
        self._redis = redis
        self._prefix = prefix

    async def claim(self, key: str, ttl_seconds: float) -> bool:
        ttl_ms = max(int(ttl_seconds * 1000), 1)
        return bool(await self._redis.set(self._prefix + key, b"1", nx=True, px=ttl_ms))

    async def release(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)


class RedisLocker:
    def __init__(self, redis: Redis, prefix: str = "lock:") -> None:
        self._redis = redis
        self._prefix = prefix

    @asynccontextmanager
    async def lock(self, key: str, *, ttl: float, wait: float) -> AsyncIterator[None]:
        # A new Lock per acquisition: redis-py keeps the token on the Lock object
        # (thread-locally), so a shared Lock object would confuse concurrent holders.
        lock = Lock(
            self._redis,
            self._prefix + key,
            timeout=ttl,
            blocking_timeout=wait,
            thread_local=False,
        )
        if not await lock.acquire():
            raise LockTimeout(f"lock {key!r} is held")
        renewal = asyncio.create_task(_renew(lock, key, ttl), name=f"lock-renewal:{key}")
        try:
            yield
        finally:
            renewal.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewal
            try:
                await lock.release()
            except LockError:
                logger.warning("lock expired before release", extra={"lock_key": key})
            except (RedisError, OSError) as exc:  # it expires by itself within its ttl
                logger.warning("lock not released", extra={"error": type(exc).__name__})


async def _renew(lock: Lock, key: str, ttl: float) -> None:
    """Keep a short lock while its holder works: a holder that dies stops renewing it."""
    while True:
        await asyncio.sleep(ttl / 3)
        try:
            await lock.reacquire()
        except LockError:
            logger.warning("lock lost while held", extra={"lock_key": key})
            return
        except (RedisError, OSError) as exc:  # Redis away for a moment: try again
            logger.warning("lock not renewed", extra={"error": type(exc).__name__})


# Sliding window in one round trip: drop old events, count, add as many as allowed; when not
# all were, the wait until the oldest leaves the window.
_SLIDING_WINDOW = """
local key, now, window, limit, member, count = KEYS[1], tonumber(ARGV[1]),
  tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local taken = math.max(0, math.min(count, limit - redis.call('ZCARD', key)))
for i = 1, taken do
  redis.call('ZADD', key, now, member .. ':' .. i)
end
if taken > 0 then
  redis.call('PEXPIRE', key, math.ceil(window * 1000))
end
if taken == count then
  return {taken, '0'}
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return {taken, tostring(tonumber(oldest[2]) + window - now)}
"""


class RedisRateLimiter:
    def __init__(self, redis: Redis, prefix: str = "rate:") -> None:
        self._redis = redis
        self._prefix = prefix
        self._script = redis.register_script(_SLIDING_WINDOW)

    async def hit(self, key: str, *, limit: int, window_seconds: float) -> float:
        return (await self.take(key, 1, limit=limit, window_seconds=window_seconds))[1]

    async def take(
        self, key: str, count: int, *, limit: int, window_seconds: float
    ) -> tuple[int, float]:
        now = time.time()
        try:
            taken, wait = await self._script(
                keys=[self._prefix + key],
                args=[repr(now), repr(window_seconds), limit, uuid.uuid4().hex, count],
            )
        except (RedisError, OSError) as exc:  # Redis away: let the request through, not a 500
            logger.warning("rate limit not checked", extra={"error": type(exc).__name__})
            return count, 0.0
        seconds = float(wait)
        return int(taken), max(seconds, 0.001) if seconds > 0 else 0.0

"""cleanup_ctx resources: each opens one thing at start-up and closes it at shutdown."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from aiohttp import web
from redis.asyncio import Redis

from bot import keys
from storage.db import create_engine, create_session_factory
from storage.kv_memory import InProcessIdempotencyStore, InProcessLocker, InProcessRateLimiter
from storage.kv_redis import RedisIdempotencyStore, RedisLocker, RedisRateLimiter

logger = logging.getLogger(__name__)


async def database(app: web.Application) -> AsyncIterator[None]:
    engine = create_engine(app[keys.SETTINGS].database_url)
    app[keys.ENGINE] = engine
    app[keys.SESSIONS] = create_session_factory(engine)
    yield
    await engine.dispose()


async def key_value(app: web.Application) -> AsyncIterator[None]:
    """Redis-backed services when REDIS_URL is set, in-process ones otherwise."""
    url = app[keys.SETTINGS].redis_url
    if url is None:
        app[keys.IDEMPOTENCY] = InProcessIdempotencyStore()
        app[keys.LOCKER] = InProcessLocker()
        app[keys.RATE_LIMITER] = InProcessRateLimiter()
        yield
        return
    redis = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    app[keys.REDIS] = redis
    app[keys.IDEMPOTENCY] = RedisIdempotencyStore(redis)
    app[keys.LOCKER] = RedisLocker(redis)
    app[keys.RATE_LIMITER] = RedisRateLimiter(redis)
    yield
    await redis.aclose()

"""cleanup_ctx resources: each opens one thing at start-up and closes it at shutdown."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from datetime import timedelta

from aiohttp import web
from redis.asyncio import Redis

from bot.app import keys
from bot.app.runtime import build_runtime
from bot.app.services import Services, build_services
from bot.app.signing_key import files_signing_key
from bot.conversation.jobs import SWEEP_SECONDS
from bot.conversation.stream_broker import retrying
from bot.payments import sandbox_checkout
from storage.db import create_engine, create_session_factory
from storage.kv_memory import InProcessLocker, InProcessRateLimiter
from storage.kv_redis import RedisLocker, RedisRateLimiter
from web_chat import routes as webchat_routes

logger = logging.getLogger(__name__)
STRANDED_AFTER = timedelta(seconds=30)


async def database(app: web.Application) -> AsyncIterator[None]:
    url = app[keys.SETTINGS].database_url
    engine = create_engine(url)
    app[keys.ENGINE] = engine
    app[keys.SESSIONS] = create_session_factory(engine)
    # Webhook acks on PostgreSQL connections of their own (a group commit writes one batch at
    # a time): an ack never waits for a pooled connection behind turns, drains or sends.
    # Connections are opened on first use; SQLite's one writer is shared either way.
    own = engine.dialect.name == "postgresql"
    app[keys.ACK_ENGINE] = create_engine(url, pool_size=1) if own else engine
    yield
    if own:
        await app[keys.ACK_ENGINE].dispose()
    await engine.dispose()


async def key_value(app: web.Application) -> AsyncIterator[None]:
    """Redis-backed services when REDIS_URL is set, in-process ones otherwise."""
    url = app[keys.SETTINGS].redis_url
    if url is None:
        app[keys.LOCKER] = InProcessLocker()
        app[keys.RATE_LIMITER] = InProcessRateLimiter()
        yield
        return
    redis = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5, **retrying())
    app[keys.REDIS] = redis
    app[keys.LOCKER] = RedisLocker(redis)
    app[keys.RATE_LIMITER] = RedisRateLimiter(redis)
    yield
    await redis.aclose()


async def runtime(app: web.Application) -> AsyncIterator[None]:
    """Domain services and the conversation runtime; background loops start and stop here."""
    settings = app[keys.SETTINGS]
    master_key = files_signing_key(settings)
    services = build_services(settings, app[keys.SESSIONS], locker=app[keys.LOCKER])
    rt = build_runtime(
        settings,
        app[keys.SESSIONS],
        services,
        app[keys.LOCKER],
        app[keys.RATE_LIMITER],
        master_key,
        app.get(keys.REDIS),
    )
    app[keys.SERVICES] = services
    app[keys.RUNTIME] = rt
    app[keys.BACKGROUND] = rt.background
    app[keys.PAYMENT_WEBHOOKS] = rt.payment_webhooks
    app[webchat_routes.BACKEND] = rt.webchat
    app[webchat_routes.HUB] = rt.hub
    app[sandbox_checkout.SANDBOX_SECRET] = rt.sandbox_secret
    loops = [
        asyncio.create_task(_run_jobs(app), name="jobs"),
        asyncio.create_task(rt.reminders.run(), name="reminder-sweeper"),
        asyncio.create_task(rt.reconciler.run(), name="payment-reconciler"),
        asyncio.create_task(_sweep_photos(services), name="photo-retention"),
    ]
    background = app.get(keys.REDIS) is None or settings.consume_jobs
    if background:  # retries and the send rate's backlog: not in a serve that only acks
        loops.append(asyncio.create_task(rt.outbox.run(), name="outbox-sweeper"))
    if settings.feature_print_ship and background:
        loops.append(asyncio.create_task(rt.print_tracker.run(), name="print-tracker"))
    if rt.relay is not None:
        loops.append(asyncio.create_task(rt.relay.run(), name="webchat-relay"))
    yield
    for loop in loops:
        loop.cancel()
    # Wait for them to stop: a query still in flight must end before the engine is disposed.
    await asyncio.gather(*loops, return_exceptions=True)
    await rt.turns.close()
    await rt.background.wait_idle()
    await rt.consumer.stop()
    await rt.queue.broker.shutdown()
    await close_payment_clients(services)
    close = getattr(services.printing.partner, "close", None)
    if close is not None:
        await close()


async def _sweep_photos(services: Services, every_seconds: float = 3600) -> None:
    """Photos past PHOTO_RETENTION_DAYS are deleted even when their book never became final."""
    while True:
        try:
            await services.photos.sweep()
        except Exception as exc:  # the database or the bucket is away: the next sweep tries
            logger.warning("photo sweep failed", extra={"error": type(exc).__name__})
        await asyncio.sleep(every_seconds)


async def close_payment_clients(services: Services) -> None:
    for provider in services.payments.providers:
        close = getattr(services.payments.gateway(provider), "close", None)
        if close is not None:
            await close()


async def _run_jobs(app: web.Application, retry_seconds: float = 2.0) -> None:
    """Start the job queue once its broker answers (Redis may still be starting), re-queue what a
    previous process left unfinished, then keep sweeping: jobs whose worker died (lease run out)
    or that were never picked up go back on the queue, and so do stranded inboxes. It runs in
    every process, so recovery never waits for new traffic or a restart."""
    rt, lease = app[keys.RUNTIME], app[keys.SETTINGS].job_lease_seconds
    while True:
        try:
            await rt.queue.broker.startup()
            rt.consumer.start()
            recovered = await rt.queue.recover(rt.jobs)
            break
        except Exception as exc:
            logger.warning("job queue not ready; retrying", extra={"error": type(exc).__name__})
            await asyncio.sleep(retry_seconds)
    if recovered:
        logger.info("re-queued unfinished jobs", extra={"count": recovered})
    every = min(max(lease / 3, 0.2), SWEEP_SECONDS)
    last_stranded = 0.0
    while True:
        await asyncio.sleep(every)
        try:
            again = await rt.queue.sweep(rt.jobs, waiting_seconds=lease)
            if again:
                logger.info("re-queued jobs of dead or missed workers", extra={"count": again})
        except Exception as exc:  # the database or Redis is away: the next sweep tries again
            logger.warning("job sweep failed", extra={"error": type(exc).__name__})
        if time.monotonic() - last_stranded >= min(STRANDED_AFTER.total_seconds(), lease):
            last_stranded = time.monotonic()
            try:
                await requeue_stranded(app, min(STRANDED_AFTER, timedelta(seconds=lease)))
            except Exception as exc:
                logger.warning("stranded sweep failed", extra={"error": type(exc).__name__})


async def requeue_stranded(app: web.Application, older_than: timedelta = STRANDED_AFTER) -> int:
    """Inbound items kept but never handled go on: raw webhook items acked but never drained
    (a process died after the ack) are drained, and sessions with recorded messages never
    handled (a process died before their turns, or the queue was down) go back to the queue.
    Nothing a parent sent is left unanswered. Returns how many items and sessions it found."""
    rt = app[keys.RUNTIME]
    drainer = app.get(keys.INBOX_DRAINER)  # set where WhatsApp items are drained
    drained = await drainer.sweep(older_than) if drainer is not None else 0
    stranded = await rt.chat.stranded_sessions(older_than)
    for session_id in stranded:
        await rt.queue.process_later(session_id)
    if stranded:
        logger.info("re-queued stranded sessions", extra={"count": len(stranded)})
    return drained + len(stranded)

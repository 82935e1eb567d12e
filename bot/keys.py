"""Typed keys for everything create_app stores on the application."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Protocol

from aiohttp import web
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.background import BackgroundTasks
from bot.metrics import HttpMetrics
from bot.payment_webhooks import PaymentWebhooks
from bot.runtime import Runtime
from bot.services import Services
from bot.settings import Settings
from domain.ports import Locker, RateLimiter

SETTINGS = web.AppKey("settings", Settings)
ENGINE = web.AppKey("engine", AsyncEngine)
SESSIONS = web.AppKey("sessions", async_sessionmaker[AsyncSession])
REDIS = web.AppKey("redis", Redis)
LOCKER = web.AppKey("locker", Locker)
RATE_LIMITER = web.AppKey("rate_limiter", RateLimiter)
METRICS = web.AppKey("metrics", HttpMetrics)
SERVICES = web.AppKey("services", Services)
RUNTIME = web.AppKey("runtime", Runtime)
BACKGROUND = web.AppKey("background", BackgroundTasks)
PAYMENT_WEBHOOKS = web.AppKey("payment_webhooks", PaymentWebhooks)
# Provider webhooks whose signature is checked on the raw body: path -> check. Signed traffic
# is never rate-limited by address (every delivery of a provider comes from a few addresses).
SignatureCheck = Callable[[web.Request, bytes], bool]
SIGNED_WEBHOOKS = web.AppKey("signed_webhooks", dict[str, SignatureCheck])


class InboxSweep(Protocol):
    """Drains webhook items kept at the ack (WhatsApp's); the stranded sweep drives it too."""

    async def sweep(self, older_than: timedelta) -> int: ...


# Set only in a process that drains (where jobs are consumed).
INBOX_DRAINER = web.AppKey("inbox_drainer", InboxSweep)

"""Typed keys for everything create_app stores on the application.

The runtime's own types are imported for type checking only: every part of bot/ reads its keys
here, so importing the runtime would tie each channel to every other one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from aiohttp import web
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.app.settings import Settings
from bot.http.client_address import Network
from bot.http.metrics import HttpMetrics
from domain.ports import Locker, RateLimiter

if TYPE_CHECKING:
    from bot.app.runtime import Runtime
    from bot.app.services import Services
    from bot.conversation.background import BackgroundTasks
    from bot.payments.webhooks import PaymentWebhooks

SETTINGS = web.AppKey("settings", Settings)
TRUSTED_PROXIES = web.AppKey("trusted_proxies", list[Network])
ENGINE = web.AppKey("engine", AsyncEngine)
ACK_ENGINE = web.AppKey("ack_engine", AsyncEngine)  # the webhook acks' own connections
SESSIONS = web.AppKey("sessions", async_sessionmaker[AsyncSession])
REDIS = web.AppKey("redis", Redis)
LOCKER = web.AppKey("locker", Locker)
RATE_LIMITER = web.AppKey("rate_limiter", RateLimiter)
METRICS = web.AppKey("metrics", HttpMetrics)
SERVICES: web.AppKey[Services] = web.AppKey("services")
RUNTIME: web.AppKey[Runtime] = web.AppKey("runtime")
BACKGROUND: web.AppKey[BackgroundTasks] = web.AppKey("background")
PAYMENT_WEBHOOKS: web.AppKey[PaymentWebhooks] = web.AppKey("payment_webhooks")
# Provider webhooks whose signature is checked on the raw body: path -> check. Signed traffic
# is never rate-limited by address (every delivery of a provider comes from a few addresses).
SignatureCheck = Callable[[web.Request, bytes], bool]
SIGNED_WEBHOOKS = web.AppKey("signed_webhooks", dict[str, SignatureCheck])


class InboxSweep(Protocol):
    """Drains webhook items kept at the ack (WhatsApp's); the stranded sweep drives it too."""

    async def sweep(self, older_than: timedelta) -> int: ...


# Set only in a process that drains (where jobs are consumed).
INBOX_DRAINER = web.AppKey("inbox_drainer", InboxSweep)

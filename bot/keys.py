"""Typed keys for everything create_app stores on the application."""

from __future__ import annotations

from aiohttp import web
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.metrics import HttpMetrics
from bot.settings import Settings
from domain.ports import IdempotencyStore, Locker, RateLimiter

SETTINGS = web.AppKey("settings", Settings)
ENGINE = web.AppKey("engine", AsyncEngine)
SESSIONS = web.AppKey("sessions", async_sessionmaker[AsyncSession])
REDIS = web.AppKey("redis", Redis)
IDEMPOTENCY = web.AppKey("idempotency", IdempotencyStore)
LOCKER = web.AppKey("locker", Locker)
RATE_LIMITER = web.AppKey("rate_limiter", RateLimiter)
METRICS = web.AppKey("metrics", HttpMetrics)

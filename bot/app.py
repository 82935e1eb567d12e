"""The composition root: create_app(settings) builds the whole service."""

from __future__ import annotations

from aiohttp import web

from bot import health, keys, middleware, resources
from bot.metrics import HttpMetrics
from bot.settings import Settings


def create_app(settings: Settings) -> web.Application:
    app = web.Application(
        client_max_size=settings.max_body_bytes,
        middlewares=[middleware.request_context, middleware.error_envelope, middleware.rate_limit],
    )
    app[keys.SETTINGS] = settings
    app[keys.METRICS] = HttpMetrics()
    app.cleanup_ctx.append(resources.database)
    app.cleanup_ctx.append(resources.key_value)
    health.setup(app)
    return app

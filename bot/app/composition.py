"""The composition root: create_app(settings) builds the whole service."""

from __future__ import annotations

from aiohttp import web

from bot.app import ai_resources, keys, resources
from bot.app.settings import Settings
from bot.channels.whatsapp import channel as whatsapp_channel
from bot.http import files, health, middleware
from bot.http.client_address import parse_networks
from bot.http.metrics import HttpMetrics
from bot.payments import paypal_routes, razorpay_routes, sandbox_checkout
from bot.printing import routes as print_routes
from bot.support import routes as support_routes
from web_chat import routes as webchat_routes


def create_app(settings: Settings) -> web.Application:
    app = web.Application(
        client_max_size=settings.max_body_bytes,
        middlewares=[
            middleware.request_context,
            middleware.cors,
            middleware.error_envelope,
            middleware.refuse_unkeepable,
            middleware.rate_limit,
        ],
    )
    app[keys.SETTINGS] = settings
    app[keys.TRUSTED_PROXIES] = parse_networks(settings.trusted_proxies)
    app[keys.METRICS] = HttpMetrics()
    app[keys.SIGNED_WEBHOOKS] = {}  # filled by the channels' setup
    app.cleanup_ctx.append(resources.database)
    app.cleanup_ctx.append(resources.key_value)
    app.cleanup_ctx.append(ai_resources.openai_clients)  # closes it after the runtime stops
    app.cleanup_ctx.append(resources.runtime)
    app.cleanup_ctx.append(ai_resources.openai_models)  # checks the models once services exist
    health.setup(app)
    files.setup(app)
    webchat_routes.setup(app)
    # The sandbox exists only while no real provider is configured: otherwise its pages and
    # webhook are not routes at all (404), so nobody can "pay" with its button.
    if not settings.payment_providers:
        sandbox_checkout.setup(app)
    if "razorpay" in settings.payment_providers:
        razorpay_routes.setup(app)
    if "paypal" in settings.payment_providers:
        paypal_routes.setup(app)
    if settings.print_partner == "lulu":  # the local partner sends no webhooks
        print_routes.setup(app)
    support_routes.setup(app)  # the support console under /support/
    if settings.whatsapp_enabled:  # after resources.runtime: it registers its outbox sender
        whatsapp_channel.setup(app)
    return app

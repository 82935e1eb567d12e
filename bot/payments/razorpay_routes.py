"""Razorpay: the webhook (`POST /webhooks/razorpay`) and the callback after paying
(`GET /payments/razorpay/callback`). Both end in the same settle path, which asks Razorpay."""

from __future__ import annotations

import logging

from aiohttp import web

from adapters.razorpay import webhooks as rzp
from adapters.razorpay.gateway import PROVIDER
from bot.app import keys
from bot.http.errors import ApiError
from bot.payments import pages
from domain.text_input import keepable_id

logger = logging.getLogger(__name__)


async def webhook(request: web.Request) -> web.Response:
    settings = request.app[keys.SETTINGS]
    raw = await request.read()
    secret = settings.razorpay_webhook_secret
    signature = request.headers.get("X-Razorpay-Signature")
    if secret is None or not rzp.webhook_signature_ok(secret.get_secret_value(), raw, signature):
        raise ApiError(401, "The webhook signature is missing or wrong", code="bad_signature")
    event_id = keepable_id(request.headers.get("X-Razorpay-Event-Id"), 128)
    if event_id is None:
        raise ApiError(400, "X-Razorpay-Event-Id is missing")
    try:
        event = rzp.parse_event(raw)
    except (ValueError, TypeError):  # signed: a retry brings the same bytes; nothing kept
        logger.warning("signed razorpay event refused")
        return web.json_response({"status": "refused"})
    hooks = request.app[keys.PAYMENT_WEBHOOKS]
    if event.event not in rzp.HANDLED:
        return web.json_response({"status": "ignored"})
    if event.event == "refund.processed" and event.payment_id and event.refund_id:
        new = await hooks.refunded_by_provider(
            PROVIDER, event_id, event.event, raw, event.payment_id, event.refund_id
        )
    else:
        declined = event.provider_payment_id if event.event == "payment.failed" else None
        new = await hooks.accept_event(
            PROVIDER, event_id, event.event, raw, event.payment_id, declined
        )
    return web.json_response({"status": "accepted" if new else "duplicate"})


async def callback(request: web.Request) -> web.Response:
    settings = request.app[keys.SETTINGS]
    params = dict(request.query)
    secret = settings.razorpay_key_secret
    if secret is None or not rzp.callback_signature_ok(secret.get_secret_value(), params):
        return pages.page(request, "invalid", status=400)
    services = request.app[keys.SERVICES]
    payment = await services.payments.get(params["razorpay_payment_link_reference_id"])
    if payment is None or payment.provider_order_id != params["razorpay_payment_link_id"]:
        return pages.page(request, "invalid", status=400)
    try:
        settled = await request.app[keys.PAYMENT_WEBHOOKS].settle_now(payment.id, "callback")
    except Exception:  # the webhook or the sweep settles it; the parent is not kept waiting
        logger.exception("settling on the callback failed")
        return pages.page(request, "pending")
    now = await services.payments.get(payment.id)
    return pages.outcome_page(request, settled.news, now.status.value if now else None)


def setup(app: web.Application) -> None:
    pages.setup(app)
    app.router.add_post("/webhooks/razorpay", webhook)
    app.router.add_get("/payments/razorpay/callback", callback)

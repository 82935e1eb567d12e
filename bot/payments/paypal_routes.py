"""PayPal: the webhook (`POST /webhooks/paypal`, verified by PayPal's own API), and the return
and cancel pages. Every path settles by asking PayPal (capturing an approved order once)."""

from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web

from adapters.paypal.gateway import PROVIDER, PayPalPaymentGateway
from bot.app import keys
from bot.http.errors import ApiError
from bot.payments import pages
from domain.payments import PaymentProviderError, PaymentStatus
from domain.services.payment_settlement import Settled
from domain.text_input import keepable_id

logger = logging.getLogger(__name__)
HANDLED = frozenset(
    {
        "CHECKOUT.ORDER.APPROVED",
        "PAYMENT.CAPTURE.COMPLETED",
        "PAYMENT.CAPTURE.DENIED",
        "PAYMENT.CAPTURE.REFUNDED",
    }
)


def _gateway(request: web.Request) -> PayPalPaymentGateway:
    gateway = request.app[keys.SERVICES].payments.gateway(PROVIDER)
    assert isinstance(gateway, PayPalPaymentGateway)
    return gateway


async def webhook(request: web.Request) -> web.Response:
    raw = await request.read()
    try:
        event = json.loads(raw)
        event_id, event_type = str(event["id"]), str(event["event_type"])
        resource: dict[str, Any] = event["resource"]
        if not isinstance(resource, dict):
            raise TypeError("resource is not an object")
    except (ValueError, KeyError, TypeError, RecursionError):
        raise ApiError(400, "The webhook body is not a PayPal event") from None
    webhook_id = request.app[keys.SETTINGS].paypal_webhook_id or ""
    try:
        verified = await _gateway(request).verify_webhook(dict(request.headers), event, webhook_id)
    except PaymentProviderError:  # PayPal will deliver it again
        raise ApiError(503, "PayPal's verification API is not answering") from None
    if not verified:
        raise ApiError(401, "PayPal did not verify this webhook", code="bad_signature")
    if event_type not in HANDLED or keepable_id(event_id, 128) is None:
        return web.json_response({"status": "ignored"})
    payment_id = await _our_payment(request, event_type, resource)
    hooks = request.app[keys.PAYMENT_WEBHOOKS]
    if event_type == "PAYMENT.CAPTURE.REFUNDED" and payment_id is not None:
        new = await hooks.refunded_by_provider(
            PROVIDER, event_id, event_type, raw, payment_id, keepable_id(resource.get("id")) or ""
        )
    else:
        new = await hooks.accept_event(PROVIDER, event_id, event_type, raw, payment_id)
    return web.json_response({"status": "accepted" if new else "duplicate"})


async def _our_payment(
    request: web.Request, event_type: str, resource: dict[str, Any]
) -> str | None:
    """Our payment id: custom_id where PayPal carries it, else found by the order or capture."""
    payments = request.app[keys.SERVICES].payments
    if event_type == "CHECKOUT.ORDER.APPROVED":
        units = _list(resource.get("purchase_units")) or [{}]
        found = keepable_id(_dict(units[0]).get("custom_id"))
        order_id = keepable_id(resource.get("id"))
    else:
        found = keepable_id(resource.get("custom_id"))
        related = _dict(_dict(resource.get("supplementary_data")).get("related_ids"))
        order_id = keepable_id(related.get("order_id"))
    if found:
        return found
    if order_id:
        payment = await payments.order(PROVIDER, order_id)
        return payment.id if payment else None
    for link in map(_dict, _list(resource.get("links"))):  # a refund points "up" to its capture
        if link.get("rel") == "up" and "/captures/" in str(link.get("href")):
            capture_id = keepable_id(str(link["href"]).rstrip("/").rsplit("/", 1)[-1])
            payment = await payments.by_provider_payment(PROVIDER, capture_id or "")
            return payment.id if payment else None
    return None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


async def return_page(request: web.Request) -> web.Response:
    order_id = request.query.get("token", "")
    payments = request.app[keys.SERVICES].payments
    payment = await payments.order(PROVIDER, order_id) if 0 < len(order_id) <= 64 else None
    if payment is None:
        return pages.page(request, "invalid", status=400)
    try:
        settled = await request.app[keys.PAYMENT_WEBHOOKS].settle_now(payment.id, "return")
    except Exception:  # the webhook or the sweep settles it
        logger.exception("settling on the return failed")
        return pages.page(request, "pending")
    now = await payments.get(payment.id)
    return pages.outcome_page(request, settled.news, now.status.value if now else None)


async def cancel_page(request: web.Request) -> web.Response:
    """Nothing was charged; the chat offers the link again (once per order: the token is
    unsigned, so it can never do more than that)."""
    order_id = request.query.get("token", "")
    payments = request.app[keys.SERVICES].payments
    payment = await payments.order(PROVIDER, order_id) if 0 < len(order_id) <= 64 else None
    if payment is not None and payment.status in (PaymentStatus.CREATED, PaymentStatus.FAILED):
        news = Settled(payment.id, payment.book_id, payment.user_id, "declined",
                       f"payment:{payment.id}:cancelled")  # fmt: skip
        await request.app[keys.PAYMENT_WEBHOOKS].tell(news)
    return pages.page(request, "cancelled")


def setup(app: web.Application) -> None:
    pages.setup(app)
    app.router.add_post("/webhooks/paypal", webhook)
    app.router.add_get("/payments/paypal/return", return_page)
    app.router.add_get("/payments/paypal/cancel", cancel_page)

"""The sandbox provider's checkout page and its signed webhook (`/webhooks/sandbox`)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from pathlib import Path

import aiohttp
from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape

from adapters import sandbox_payments as sandbox
from bot.app import keys
from bot.http.errors import ApiError
from domain.payments import PaymentStatus

logger = logging.getLogger(__name__)

SANDBOX_SECRET = web.AppKey("sandbox_secret", bytes)
PAGES = web.AppKey("sandbox_pages", Environment)
SETTLE_WAIT_SECONDS = 10.0


def _form_token(secret: bytes, order_id: str) -> str:
    return hmac.new(secret, f"checkout:{order_id}".encode(), hashlib.sha256).hexdigest()


async def checkout_page(request: web.Request) -> web.Response:
    order_id = request.match_info["order_id"]
    payment = await request.app[keys.SERVICES].payments.order(sandbox.PROVIDER, order_id)
    state, description = "gone", "Your personalised storybook"
    if payment is not None and payment.book_id is not None:
        book = await request.app[keys.SERVICES].books.get(payment.book_id)
        description = book.title or description
    if payment is not None:
        state = {
            PaymentStatus.CREATED: "open",
            PaymentStatus.PAID: "paid",
            PaymentStatus.FAILED: "declined",
        }.get(payment.status, "gone")
    html = (
        request.app[PAGES]
        .get_template("checkout.html")
        .render(
            state=state,
            order_id=order_id,
            amount=payment.amount.display() if payment else "",
            description=description,
            form_token=_form_token(request.app[SANDBOX_SECRET], order_id),
        )
    )
    return web.Response(
        text=html, content_type="text/html", status=200 if payment is not None else 404
    )


async def checkout_answer(request: web.Request) -> web.StreamResponse:
    """Pay or Decline: the sandbox 'provider' posts its signed webhook, as a real one would."""
    order_id, answer = request.match_info["order_id"], request.match_info["answer"]
    secret = request.app[SANDBOX_SECRET]
    form = await request.post()
    if not hmac.compare_digest(str(form.get("form_token", "")), _form_token(secret, order_id)):
        raise ApiError(403, "This checkout form is not valid")
    services = request.app[keys.SERVICES]
    payment = await services.payments.order(sandbox.PROVIDER, order_id)
    if payment is None:
        raise ApiError(404, "No such order")
    paid, payment_id = answer == "pay", f"sbx_pay_{services.ids()[:20]}"
    gateway = services.payments.gateway(sandbox.PROVIDER)
    assert isinstance(gateway, sandbox.SandboxPaymentGateway)
    gateway.answered(order_id, payment_id, payment.amount, paid)
    event_id = f"sbx_evt_{services.ids()[:20]}"
    body = sandbox.event_body(
        event_id=event_id,
        order_id=order_id,
        payment_id=payment_id,
        amount=payment.amount,
        paid=paid,
    )
    # Like a real provider, to the address the shop gave (PUBLIC_BASE_URL), never to the
    # request's Host header, which the browser (or anyone) chooses.
    url = f"{request.app[keys.SETTINGS].public_base_url.rstrip('/')}/webhooks/sandbox"
    headers = {
        sandbox.SIGNATURE_HEADER: sandbox.sign(secret, body),
        "Content-Type": "application/json",
    }
    try:
        async with (
            aiohttp.ClientSession() as client,
            client.post(url, data=body, headers=headers) as response,
        ):
            reached = response.status == 200
    except aiohttp.ClientError:
        reached = False
    if not reached:
        logger.warning("the sandbox webhook did not reach the shop", extra={"url": url})
        raise ApiError(
            502, f"The sandbox provider could not reach the shop at {url} (PUBLIC_BASE_URL)"
        )
    raise web.HTTPSeeOther(f"/sandbox/checkout/{order_id}/done?event={event_id}")


async def checkout_done(request: web.Request) -> web.Response:
    """The page after an answer shows the settled state: it waits (a little) for the job
    that applies the sandbox's event."""
    event_id = request.query.get("event", "")[:64]
    payments = request.app[keys.SERVICES].payments
    deadline = time.monotonic() + SETTLE_WAIT_SECONDS
    while event_id and time.monotonic() < deadline:
        if not await payments.event_pending(sandbox.PROVIDER, event_id):
            break
        await asyncio.sleep(0.05)
    return await checkout_page(request)


async def webhook(request: web.Request) -> web.Response:
    raw = await request.read()
    if not sandbox.verify(
        request.app[SANDBOX_SECRET], raw, request.headers.get(sandbox.SIGNATURE_HEADER)
    ):
        raise ApiError(401, "The webhook signature is missing or wrong", code="bad_signature")
    try:
        confirmation = sandbox.parse_event(raw)
    except (ValueError, KeyError, TypeError):
        # Signed, so a retry brings the same bytes: acknowledged, nothing kept.
        logger.warning("signed sandbox event refused")
        return web.json_response({"status": "refused"})
    event_type = "payment.captured" if confirmation.paid else "payment.failed"
    new = await request.app[keys.PAYMENT_WEBHOOKS].accept(confirmation, event_type, raw)
    return web.json_response({"status": "accepted" if new else "duplicate"})


def setup(app: web.Application) -> None:
    app[PAGES] = Environment(
        loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
        autoescape=select_autoescape(["html"]),
    )
    app.router.add_get("/sandbox/checkout/{order_id}", checkout_page)
    app.router.add_get("/sandbox/checkout/{order_id}/done", checkout_done)
    app.router.add_post("/sandbox/checkout/{order_id}/{answer:pay|decline}", checkout_answer)
    app.router.add_post("/webhooks/sandbox", webhook)

"""A strict fake Razorpay on loopback: Payment Links API, a hosted pay page, refunds, and
webhooks signed as Razorpay signs them, which a test delivers (twice, shuffled, or not at all).

Strict where Razorpay is: Basic auth, amount in paise (>= 100), INR only, reference_id at most
40 characters and unique, expire_by at least 15 minutes ahead, callback_method with a callback
URL, at most 15 notes of at most 256 characters, no unknown fields.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import random
import time
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

LINK_FIELDS = {
    "amount", "currency", "accept_partial", "first_min_partial_amount", "expire_by",
    "reference_id", "description", "customer", "notify", "reminder_enable", "notes",
    "callback_url", "callback_method", "upi_link",
}  # fmt: skip


def bad(description: str, field: str | None = None, status: int = 400) -> web.Response:
    error = {"code": "BAD_REQUEST_ERROR", "description": description, "field": field}
    return web.json_response({"error": error}, status=status)


class FakeRazorpay:
    def __init__(self, key_id: str, key_secret: str, webhook_secret: str) -> None:
        self.key_id, self.key_secret, self.webhook_secret = key_id, key_secret, webhook_secret
        self.base_url = ""
        self.links: dict[str, dict[str, Any]] = {}
        self.payments: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}  # by idempotency key
        self.events: list[tuple[str, bytes]] = []  # (event id, body) signed when delivered
        self.calls: list[tuple[str, str]] = []
        self.fail_next: list[int] = []  # answer these statuses first (429, 500, ...)
        self.paid_amount_delta = 0  # a test can make the provider record another amount
        self._ids = itertools.count(1)

    def _id(self, prefix: str) -> str:
        return f"{prefix}_{next(self._ids):014d}"

    # -- the API -------------------------------------------------------------------------------

    @web.middleware
    async def _auth(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/pay/"):
            return await handler(request)  # the hosted page is the payer's, not the API's
        self.calls.append((request.method, request.path))
        if self.fail_next:
            return web.json_response(
                {"error": {"code": "SERVER_ERROR"}}, status=self.fail_next.pop(0)
            )
        expected = base64.b64encode(f"{self.key_id}:{self.key_secret}".encode()).decode()
        if request.headers.get("Authorization") != f"Basic {expected}":
            return bad("The api key provided is invalid", status=401)
        return await handler(request)

    async def create_link(self, request: web.Request) -> web.Response:
        body = await request.json()
        unknown = set(body) - LINK_FIELDS
        if unknown:
            return bad(f"{sorted(unknown)[0]} is/are not required and should not be sent")
        amount, currency = body.get("amount"), body.get("currency", "INR")
        if not isinstance(amount, int) or amount < 100:
            return bad("The amount must be at least INR 1.00", "amount")
        if currency != "INR":
            return bad("Currency is not supported", "currency")
        ref = body.get("reference_id")
        if ref is not None and (not isinstance(ref, str) or len(ref) > 40):
            return bad("The reference id may not be greater than 40 characters.", "reference_id")
        if ref and any(link["reference_id"] == ref for link in self.links.values()):
            return bad(f"Payment Link with reference_id {ref} already exists", "reference_id")
        expire_by = body.get("expire_by")
        if expire_by is not None and expire_by < time.time() + 15 * 60:
            return bad("expire_by should be at least 15 minutes after current time", "expire_by")
        if body.get("callback_url") and body.get("callback_method") != "get":
            return bad(
                "callback_method should be get when callback_url is given", "callback_method"
            )
        notes = body.get("notes") or {}
        if len(notes) > 15 or any(len(str(v)) > 256 for v in notes.values()):
            return bad("notes may have at most 15 keys of at most 256 characters", "notes")
        link_id = self._id("plink")
        self.links[link_id] = {
            "id": link_id, "amount": amount, "amount_paid": 0, "currency": currency,
            "reference_id": ref or "", "status": "created", "expire_by": expire_by,
            "notes": notes, "payments": None, "order_id": None,
            "callback_url": body.get("callback_url"), "callback_method": body.get("callback_method"),
            "short_url": f"{self.base_url}/pay/{link_id}", "description": body.get("description"),
        }  # fmt: skip
        return web.json_response(self.links[link_id])

    async def list_links(self, request: web.Request) -> web.Response:
        ref = request.query.get("reference_id")
        found = [v for v in self.links.values() if ref is None or v["reference_id"] == ref]
        return web.json_response({"payment_links": found})

    async def get_link(self, request: web.Request) -> web.Response:
        link = self.links.get(request.match_info["id"])
        if link is None:
            return bad("The id provided does not exist", status=404)
        return web.json_response(link)

    async def refund(self, request: web.Request) -> web.Response:
        payment = self.payments.get(request.match_info["id"])
        if payment is None or payment["status"] != "captured":
            return bad("The payment has not been captured")
        key = request.headers.get("X-Refund-Idempotency") or self._id("anon")
        body = await request.json()
        amount = body.get("amount", payment["amount"])
        if key not in self.refunds:
            if amount > payment["amount"] - payment["amount_refunded"]:
                return bad("The refund amount provided is greater than amount captured")
            payment["amount_refunded"] += amount
            refund = {
                "id": self._id("rfnd"), "entity": "refund", "payment_id": payment["id"],
                "amount": amount, "currency": "INR", "status": "processed",
                "notes": body.get("notes") or {},
            }  # fmt: skip
            self.refunds[key] = refund
            self._event("refund.processed", refund=refund, payment=payment)
        return web.json_response(self.refunds[key])

    # -- the payer -----------------------------------------------------------------------------

    async def pay_page(self, request: web.Request) -> web.Response:
        link = self.links.get(request.match_info["id"])
        if link is None:
            raise web.HTTPNotFound()
        return web.Response(
            text=f"<h1>Pay ₹{link['amount'] / 100:.2f}</h1><form method=post>"
            "<button name=outcome value=pay>Pay</button>"
            "<button name=outcome value=decline>Decline</button></form>",
            content_type="text/html",
        )

    async def pay_answer(self, request: web.Request) -> web.Response:
        link = self.links.get(request.match_info["id"])
        if link is None or link["status"] != "created":
            raise web.HTTPNotFound()
        outcome = (await request.post()).get("outcome")
        order_id = link["order_id"] = link["order_id"] or self._id("order")
        pay_id = self._id("pay")
        paid = outcome == "pay"
        amount = link["amount"] + (self.paid_amount_delta if paid else 0)
        payment = {
            "id": pay_id, "entity": "payment", "amount": amount, "currency": link["currency"],
            "status": "captured" if paid else "failed", "captured": paid, "order_id": order_id,
            "method": "upi", "amount_refunded": 0, "notes": link["notes"],
        }  # fmt: skip
        self.payments[pay_id] = payment
        if not paid:
            payment["error_code"] = "BAD_REQUEST_ERROR"
            self._event("payment.failed", payment=payment)
            return web.Response(text="Payment failed", content_type="text/html")
        link.update(status="paid", amount_paid=amount)
        link["payments"] = [{"payment_id": pay_id, "amount": amount, "status": "captured"}]
        order = {
            "id": order_id, "entity": "order", "amount": amount, "amount_paid": amount,
            "amount_due": 0, "currency": link["currency"], "status": "paid", "notes": link["notes"],
        }  # fmt: skip
        self._event("payment.captured", payment=payment)
        self._event("order.paid", payment=payment, order=order)
        self._event("payment_link.paid", payment_link=link, payment=payment, order=order)
        params = {
            "razorpay_payment_id": pay_id,
            "razorpay_payment_link_id": link["id"],
            "razorpay_payment_link_reference_id": link["reference_id"],
            "razorpay_payment_link_status": "paid",
        }
        params["razorpay_signature"] = callback_signature(self.key_secret, params)
        raise web.HTTPFound(f"{link['callback_url']}?{urlencode(params)}")

    def paid_in_chat(self, order_id: str, pay_id: str, amount: int, notes: dict[str, Any]) -> None:
        """WhatsApp created an order on the account and it was paid in the chat: the
        account's own webhooks fire too (payment.captured, order.paid), with our notes."""
        payment = {
            "id": pay_id, "entity": "payment", "amount": amount, "currency": "INR",
            "status": "captured", "captured": True, "order_id": order_id, "method": "upi",
            "amount_refunded": 0, "notes": notes,
        }  # fmt: skip
        order = {
            "id": order_id, "entity": "order", "amount": amount, "amount_paid": amount,
            "amount_due": 0, "currency": "INR", "status": "paid", "notes": notes,
        }  # fmt: skip
        self.payments[pay_id] = payment
        self._event("payment.captured", payment=payment)
        self._event("order.paid", payment=payment, order=order)

    def expire(self, link_id: str) -> None:
        link = self.links[link_id]
        link["status"] = "expired"
        self._event("payment_link.expired", payment_link=link)

    # -- webhooks ------------------------------------------------------------------------------

    def _event(self, name: str, **entities: dict[str, Any]) -> None:
        body = {
            "entity": "event", "account_id": "acc_TEST", "event": name,
            "contains": list(entities), "created_at": int(time.time()),
            "payload": {k: {"entity": dict(v)} for k, v in entities.items()},
        }  # fmt: skip
        self.events.append((self._id("evt"), json.dumps(body).encode()))

    def sign(self, body: bytes) -> str:
        return hmac.new(self.webhook_secret.encode(), body, hashlib.sha256).hexdigest()

    async def deliver(
        self, client: Any, *, times: int = 2, shuffle: bool = True, seed: int = 7
    ) -> list[int]:
        """Send every pending event `times` times (shuffled), as Razorpay would; statuses."""
        pending = [e for e in self.events for _ in range(times)]
        self.events = []
        if shuffle:
            random.Random(seed).shuffle(pending)
        statuses = []
        for event_id, body in pending:
            headers = {
                "Content-Type": "application/json",
                "X-Razorpay-Signature": self.sign(body),
                "X-Razorpay-Event-Id": event_id,
            }
            response = await client.post("/webhooks/razorpay", data=body, headers=headers)
            statuses.append(response.status)
        return statuses

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._auth])
        app.router.add_post("/v1/payment_links", self.create_link)
        app.router.add_get("/v1/payment_links", self.list_links)
        app.router.add_get("/v1/payment_links/{id}", self.get_link)
        app.router.add_post("/v1/payments/{id}/refund", self.refund)
        app.router.add_get("/pay/{id}", self.pay_page)
        app.router.add_post("/pay/{id}", self.pay_answer)
        return app


def callback_signature(key_secret: str, params: dict[str, str]) -> str:
    message = "|".join(
        params[n]
        for n in (
            "razorpay_payment_link_id",
            "razorpay_payment_link_reference_id",
            "razorpay_payment_link_status",
            "razorpay_payment_id",
        )
    )
    return hmac.new(key_secret.encode(), message.encode(), hashlib.sha256).hexdigest()

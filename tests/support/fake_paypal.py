"""A strict fake PayPal on loopback: OAuth tokens, Orders v2 (create, get, capture, each
idempotent by PayPal-Request-Id), the buyer's approval page, capture refunds, webhooks with
transmission headers, and verify-webhook-signature that says SUCCESS only for what it sent.

Strict where PayPal is: Basic auth for tokens, Bearer for the rest, amounts as decimal strings
with 2 places in USD, payment_source.paypal.experience_context (no deprecated
application_context), capture only of an APPROVED order.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import random
import re
import zlib
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

AMOUNT = re.compile(r"^\d{1,7}\.\d{2}$")


def problem(name: str, issue: str, status: int = 422) -> web.Response:
    return web.json_response(
        {"name": name, "message": issue, "details": [{"issue": issue}]}, status=status
    )


class FakePayPal:
    def __init__(self, client_id: str, client_secret: str, webhook_id: str) -> None:
        self.client_id, self.client_secret, self.webhook_id = client_id, client_secret, webhook_id
        self.base_url = ""
        self.orders: dict[str, dict[str, Any]] = {}
        self.by_request_id: dict[str, tuple[int, dict[str, Any]]] = {}
        self.tokens: set[str] = set()
        self.token_requests = 0
        self.calls: list[tuple[str, str]] = []
        self.fail_next: list[int] = []
        self.decline_next_capture = False
        self.captured_value_override: str | None = None  # another amount than ordered
        self.events: list[dict[str, Any]] = []
        self._signed: dict[str, str] = {}  # transmission id -> signature it carries
        self._key = b"fake-paypal-signing-key"
        self._ids = itertools.count(1)

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):015d}"

    @web.middleware
    async def _auth(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/checkoutnow"):
            return await handler(request)
        self.calls.append((request.method, request.path))
        if self.fail_next:
            return web.json_response(
                {"name": "INTERNAL_SERVER_ERROR"}, status=self.fail_next.pop(0)
            )
        if request.path == "/v1/oauth2/token":
            basic = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
            if request.headers.get("Authorization") != f"Basic {basic}":
                return web.json_response({"error": "invalid_client"}, status=401)
            return await handler(request)
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if bearer not in self.tokens:
            return web.json_response({"name": "AUTHENTICATION_FAILURE"}, status=401)
        return await handler(request)

    async def token(self, request: web.Request) -> web.Response:
        if (await request.post()).get("grant_type") != "client_credentials":
            return web.json_response({"error": "unsupported_grant_type"}, status=400)
        self.token_requests += 1
        token = self._id("A21AA")
        self.tokens.add(token)
        return web.json_response(
            {"access_token": token, "token_type": "Bearer", "expires_in": 32400}
        )

    def _idempotent(self, request: web.Request) -> str | tuple[int, dict[str, Any]]:
        key = request.headers.get("PayPal-Request-Id")
        if not key:
            return 400, {"name": "INVALID_REQUEST", "message": "PayPal-Request-Id is required"}
        return self.by_request_id.get(f"{request.path}:{key}") or f"{request.path}:{key}"

    async def create_order(self, request: web.Request) -> web.Response:
        seen = self._idempotent(request)
        if not isinstance(seen, str):
            return web.json_response(seen[1], status=seen[0])
        body = await request.json()
        if "application_context" in body:
            return problem("INVALID_REQUEST", "application_context is deprecated", 400)
        units = body.get("purchase_units") or []
        amount = (units[0] if units else {}).get("amount") or {}
        context = (body.get("payment_source") or {}).get("paypal", {}).get("experience_context")
        if body.get("intent") != "CAPTURE" or len(units) != 1:
            return problem("INVALID_REQUEST", "INVALID_PARAMETER_VALUE", 400)
        if amount.get("currency_code") != "USD" or not AMOUNT.match(str(amount.get("value"))):
            return problem("UNPROCESSABLE_ENTITY", "CURRENCY_NOT_SUPPORTED_OR_BAD_AMOUNT")
        if not context or not context.get("return_url") or not context.get("cancel_url"):
            return problem("INVALID_REQUEST", "MISSING_EXPERIENCE_CONTEXT", 400)
        if len(str(units[0].get("custom_id", ""))) > 127:
            return problem("INVALID_REQUEST", "INVALID_STRING_LENGTH", 400)
        order_id = self._id("5O")
        order = {
            "id": order_id, "status": "PAYER_ACTION_REQUIRED", "intent": "CAPTURE",
            "purchase_units": [dict(units[0], reference_id="default")],
            "context": context,
            "links": [
                {"rel": "self", "href": f"{self.base_url}/v2/checkout/orders/{order_id}"},
                {"rel": "payer-action", "href": f"{self.base_url}/checkoutnow?token={order_id}"},
            ],
        }  # fmt: skip
        self.orders[order_id] = order
        self.by_request_id[seen] = (201, order)
        return web.json_response(_public(order), status=201)

    async def get_order(self, request: web.Request) -> web.Response:
        order = self.orders.get(request.match_info["id"])
        if order is None:
            return problem("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", 404)
        return web.json_response(_public(order))

    async def capture(self, request: web.Request) -> web.Response:
        seen = self._idempotent(request)
        if not isinstance(seen, str):
            return web.json_response(_public(seen[1]), status=seen[0])
        order = self.orders.get(request.match_info["id"])
        if order is None:
            return problem("RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", 404)
        if order["status"] == "COMPLETED":
            return problem("UNPROCESSABLE_ENTITY", "ORDER_ALREADY_CAPTURED")
        if order["status"] != "APPROVED":
            return problem("UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED")
        unit = order["purchase_units"][0]
        if self.decline_next_capture:
            self.decline_next_capture = False
            order["status"] = "PAYER_ACTION_REQUIRED"  # the buyer must choose another way
            self._event("PAYMENT.CAPTURE.DENIED", "capture", {
                "id": self._id("CAP"), "status": "DECLINED", "custom_id": unit.get("custom_id"),
                "amount": unit["amount"],
                "supplementary_data": {"related_ids": {"order_id": order["id"]}},
            })  # fmt: skip
            return problem("UNPROCESSABLE_ENTITY", "INSTRUMENT_DECLINED")
        amount = dict(unit["amount"])
        if self.captured_value_override is not None:
            amount["value"] = self.captured_value_override
        capture = {
            "id": self._id("CAP"), "status": "COMPLETED", "amount": amount,
            "custom_id": unit.get("custom_id"), "final_capture": True,
            "supplementary_data": {"related_ids": {"order_id": order["id"]}},
        }  # fmt: skip
        unit["payments"] = {"captures": [capture]}
        order["status"] = "COMPLETED"
        self._event("PAYMENT.CAPTURE.COMPLETED", "capture", capture)
        self.by_request_id[seen] = (201, order)
        return web.json_response(_public(order), status=201)

    async def refund(self, request: web.Request) -> web.Response:
        seen = self._idempotent(request)
        if not isinstance(seen, str):
            return web.json_response(seen[1], status=seen[0])
        capture_id = request.match_info["id"]
        capture = next(
            (
                c
                for o in self.orders.values()
                for c in o["purchase_units"][0].get("payments", {}).get("captures", [])
                if c["id"] == capture_id
            ),
            None,
        )
        if capture is None or capture["status"] != "COMPLETED":
            return problem("UNPROCESSABLE_ENTITY", "CAPTURE_FULLY_REFUNDED")
        capture["status"] = "REFUNDED"
        refund = {
            "id": self._id("RF"), "status": "COMPLETED", "amount": capture["amount"],
            "custom_id": capture.get("custom_id"),
            "links": [{"rel": "up", "href": f"{self.base_url}/v2/payments/captures/{capture_id}"}],
        }  # fmt: skip
        self._event("PAYMENT.CAPTURE.REFUNDED", "refund", refund)
        self.by_request_id[seen] = (201, refund)
        return web.json_response(refund, status=201)

    # -- the buyer -----------------------------------------------------------------------------

    async def checkout_page(self, request: web.Request) -> web.Response:
        order = self.orders.get(request.query.get("token", ""))
        if order is None:
            raise web.HTTPNotFound()
        value = order["purchase_units"][0]["amount"]["value"]
        return web.Response(
            text=f"<h1>Pay ${value}</h1><form method=post action=/checkoutnow/{order['id']}>"
            "<button name=outcome value=approve>Pay Now</button>"
            "<button name=outcome value=cancel>Cancel</button></form>",
            content_type="text/html",
        )

    async def checkout_answer(self, request: web.Request) -> web.Response:
        order = self.orders.get(request.match_info["id"])
        if order is None or order["status"] not in ("PAYER_ACTION_REQUIRED", "APPROVED"):
            raise web.HTTPNotFound()
        if (await request.post()).get("outcome") != "approve":
            raise web.HTTPFound(f"{order['context']['cancel_url']}?token={order['id']}")
        order["status"] = "APPROVED"
        self._event("CHECKOUT.ORDER.APPROVED", "checkout-order", _public(order))
        query = urlencode({"token": order["id"], "PayerID": "FAKEPAYER01"})
        raise web.HTTPFound(f"{order['context']['return_url']}?{query}")

    # -- webhooks ------------------------------------------------------------------------------

    def _event(self, event_type: str, resource_type: str, resource: dict[str, Any]) -> None:
        self.events.append(
            {
                "id": self._id("WH-"), "event_version": "1.0", "event_type": event_type,
                "resource_type": resource_type, "resource": json.loads(json.dumps(resource)),
                "create_time": "2026-12-02T06:00:00Z", "summary": event_type,
            }
        )  # fmt: skip

    def _transmission(self, raw: bytes) -> dict[str, str]:
        tid, when = self._id("tx-"), "2026-12-02T06:00:01Z"
        message = f"{tid}|{when}|{self.webhook_id}|{zlib.crc32(raw) & 0xFFFFFFFF}".encode()
        sig = base64.b64encode(hmac.new(self._key, message, hashlib.sha256).digest()).decode()
        self._signed[tid] = sig
        return {
            "PAYPAL-TRANSMISSION-ID": tid, "PAYPAL-TRANSMISSION-TIME": when,
            "PAYPAL-TRANSMISSION-SIG": sig, "PAYPAL-AUTH-ALGO": "SHA256withRSA",
            "PAYPAL-CERT-URL": "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-fake",
        }  # fmt: skip

    async def verify(self, request: web.Request) -> web.Response:
        body = await request.json()
        raw = json.dumps(body.get("webhook_event")).encode()
        tid = str(body.get("transmission_id"))
        message = f"{tid}|{body.get('transmission_time')}|{body.get('webhook_id')}|"
        message += str(zlib.crc32(raw) & 0xFFFFFFFF)
        good = base64.b64encode(hmac.new(self._key, message.encode(), hashlib.sha256).digest())
        ok = (
            body.get("webhook_id") == self.webhook_id
            and self._signed.get(tid) == body.get("transmission_sig") == good.decode()
        )
        return web.json_response({"verification_status": "SUCCESS" if ok else "FAILURE"})

    async def deliver(
        self, client: Any, *, times: int = 2, shuffle: bool = True, seed: int = 7
    ) -> list[int]:
        """Send every pending event `times` times (shuffled), each attempt its own transmission."""
        pending = [e for e in self.events for _ in range(times)]
        self.events = []
        if shuffle:
            random.Random(seed).shuffle(pending)
        statuses = []
        for event in pending:
            raw = json.dumps(event).encode()
            headers = {"Content-Type": "application/json", **self._transmission(raw)}
            response = await client.post("/webhooks/paypal", data=raw, headers=headers)
            statuses.append(response.status)
        return statuses

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._auth])
        app.router.add_post("/v1/oauth2/token", self.token)
        app.router.add_post("/v2/checkout/orders", self.create_order)
        app.router.add_get("/v2/checkout/orders/{id}", self.get_order)
        app.router.add_post("/v2/checkout/orders/{id}/capture", self.capture)
        app.router.add_post("/v2/payments/captures/{id}/refund", self.refund)
        app.router.add_post("/v1/notifications/verify-webhook-signature", self.verify)
        app.router.add_get("/checkoutnow", self.checkout_page)
        app.router.add_post("/checkoutnow/{id}", self.checkout_answer)
        return app


def _public(order: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in order.items() if k != "context"}

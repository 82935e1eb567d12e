"""PayPalPaymentGateway: Orders v2 over PayPal's REST API with a cached OAuth token."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from adapters.provider_http import ProviderHttp, basic_auth, field
from domain.money import MINOR_UNITS
from domain.payments import Payment, PaymentProviderError, ProviderLink, ProviderState

PROVIDER = "paypal"
TOKEN_MARGIN_SECONDS = 120  # renew this long before PayPal says the token expires
_ORDER_STATES = {"VOIDED": "expired"}


def decimal_value(amount_minor: int, currency: str) -> str:
    return f"{Decimal(amount_minor) / MINOR_UNITS[currency]:.2f}"


def minor_units(value: str, currency: str) -> int:
    return int(Decimal(value) * MINOR_UNITS.get(currency, 100))


# PAYPAL_ENVIRONMENT's REST hosts (PAYPAL_API_URL, when set, points elsewhere: a test's fake).
API_HOSTS = {"sandbox": "https://api-m.sandbox.paypal.com", "live": "https://api-m.paypal.com"}


class PayPalPaymentGateway:
    def __init__(
        self,
        http: ProviderHttp,
        client_id: str,
        client_secret: str,
        public_base_url: str,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http
        self._basic = {"Authorization": basic_auth(client_id, client_secret)}
        self._base = public_base_url.rstrip("/")
        self._monotonic = monotonic
        self._token: tuple[str, float] | None = None  # (token, renew at)

    @property
    def provider(self) -> str:
        return PROVIDER

    @property
    def currency(self) -> str:
        return "USD"

    async def _bearer(self) -> str:
        if self._token is not None and self._monotonic() < self._token[1]:
            return self._token[0]
        status, data = await self._http.request(
            "POST",
            "/v1/oauth2/token",
            headers=self._basic,
            data={"grant_type": "client_credentials"},
        )
        if status != 200:
            raise _error(status, data)
        lifetime = float(data.get("expires_in") or 0) - TOKEN_MARGIN_SECONDS
        token = str(field(data, "access_token"))
        self._token = (token, self._monotonic() + max(lifetime, 0))
        return token

    async def call(
        self, method: str, path: str, body: Any = None, request_id: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        headers = {
            "Authorization": f"Bearer {await self._bearer()}",
            "Prefer": "return=representation",
        }
        if request_id is not None:
            headers["PayPal-Request-Id"] = request_id
        status, data = await self._http.request(method, path, headers=headers, body=body)
        if status == 401:  # revoked early: one fresh token, then give up
            self._token = None
            headers["Authorization"] = f"Bearer {await self._bearer()}"
            status, data = await self._http.request(method, path, headers=headers, body=body)
        return status, data

    async def create_link(self, payment: Payment, description: str) -> ProviderLink:
        amount = payment.amount
        body = {
            "intent": "CAPTURE",
            "purchase_units": [
                {
                    "custom_id": payment.id,
                    "description": description[:127],
                    "amount": {
                        "currency_code": amount.currency,
                        "value": decimal_value(amount.amount_minor, amount.currency),
                    },
                }
            ],
            "payment_source": {
                "paypal": {
                    "experience_context": {
                        "return_url": f"{self._base}/payments/paypal/return",
                        "cancel_url": f"{self._base}/payments/paypal/cancel",
                        "user_action": "PAY_NOW",
                        "shipping_preference": "NO_SHIPPING",
                    }
                }
            },
        }
        status, data = await self.call("POST", "/v2/checkout/orders", body, request_id=payment.id)
        if status not in (200, 201):
            raise _error(status, data)
        links = {link.get("rel"): link.get("href") for link in data.get("links") or []}
        url = links.get("payer-action") or links.get("approve")
        if not url:
            raise PaymentProviderError(status, "the order has no payer-action link")
        return ProviderLink(order_id=str(field(data, "id")), url=str(url))

    async def check(self, order_id: str) -> ProviderState:
        """The order's state; an approved order is captured here (idempotently)."""
        status, data = await self.call("GET", f"/v2/checkout/orders/{order_id}")
        if status != 200:
            raise _error(status, data)
        if data.get("status") == "APPROVED":
            status, data = await self.call(
                "POST", f"/v2/checkout/orders/{order_id}/capture", {}, f"capture-{order_id}"
            )
            if status == 422:  # e.g. the instrument was declined: the buyer may try again
                return ProviderState(order_id=order_id, status="failed")
            if status not in (200, 201):
                raise _error(status, data)
        return _state_of(order_id, data)

    async def refund(self, payment: Payment, reason: str) -> str:
        if payment.provider_payment_id is None:
            raise PaymentProviderError(0, "the payment has no PayPal capture id")
        path = f"/v2/payments/captures/{payment.provider_payment_id}/refund"
        body = {"note_to_payer": reason[:255]}
        status, data = await self.call("POST", path, body, request_id=f"refund-{payment.id}")
        if status not in (200, 201):
            raise _error(status, data)
        return str(field(data, "id"))

    async def verify_webhook(self, headers: dict[str, str], event: Any, webhook_id: str) -> bool:
        """PayPal's own verdict on a webhook's signature; only SUCCESS counts."""
        body = {
            "auth_algo": headers.get("PAYPAL-AUTH-ALGO", ""),
            "cert_url": headers.get("PAYPAL-CERT-URL", ""),
            "transmission_id": headers.get("PAYPAL-TRANSMISSION-ID", ""),
            "transmission_sig": headers.get("PAYPAL-TRANSMISSION-SIG", ""),
            "transmission_time": headers.get("PAYPAL-TRANSMISSION-TIME", ""),
            "webhook_id": webhook_id,
            "webhook_event": event,
        }
        status, data = await self.call("POST", "/v1/notifications/verify-webhook-signature", body)
        return status == 200 and data.get("verification_status") == "SUCCESS"

    async def close(self) -> None:
        await self._http.close()


def _state_of(order_id: str, order: dict[str, Any]) -> ProviderState:
    if order.get("status") != "COMPLETED":
        return ProviderState(
            order_id=order_id, status=_ORDER_STATES.get(str(order.get("status")), "created")
        )
    captures = field(order, "purchase_units", 0, "payments", "captures")
    done = [c for c in captures if c.get("status") == "COMPLETED"]
    if not done:
        return ProviderState(order_id=order_id, status="failed")
    capture = done[-1]
    currency = str(field(capture, "amount", "currency_code"))
    return ProviderState(
        order_id=order_id,
        status="paid",
        payment_id=str(field(capture, "id")),
        amount_minor=minor_units(str(field(capture, "amount", "value")), currency),
        currency=currency,
    )


def _error(status: int, data: dict[str, Any]) -> PaymentProviderError:
    return PaymentProviderError(
        status,
        str(data.get("message") or data.get("error_description") or "refused"),
        data.get("name"),
    )

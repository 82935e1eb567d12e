"""RazorpayPaymentGateway: Payment Links over Razorpay's REST API (HTTP Basic key id : secret)."""

from __future__ import annotations

from typing import Any

from adapters.provider_http import ProviderHttp, basic_auth, field
from domain.payments import Payment, PaymentProviderError, ProviderLink, ProviderState
from domain.ports import Clock

PROVIDER = "razorpay"
LINK_LIFETIME_SECONDS = 24 * 3600  # Razorpay wants at least 15 minutes
# What a link's status means for us; partially_paid never unlocks (we never allow partial).
_STATES = {"paid": "paid", "expired": "expired", "cancelled": "expired"}


class RazorpayPaymentGateway:
    def __init__(
        self, http: ProviderHttp, key_id: str, key_secret: str, public_base_url: str, clock: Clock
    ) -> None:
        self._http = http
        self._auth = {"Authorization": basic_auth(key_id, key_secret)}
        self._callback = f"{public_base_url.rstrip('/')}/payments/razorpay/callback"
        self._clock = clock

    @property
    def provider(self) -> str:
        return PROVIDER

    @property
    def currency(self) -> str:
        return "INR"

    async def create_link(self, payment: Payment, description: str) -> ProviderLink:
        body = {
            "amount": payment.amount.amount_minor,
            "currency": payment.amount.currency,
            "reference_id": payment.id,
            "description": description[:2048],
            "expire_by": int(self._clock.now().timestamp()) + LINK_LIFETIME_SECONDS,
            "notify": {"sms": False, "email": False},
            "reminder_enable": False,
            "callback_url": self._callback,
            "callback_method": "get",
            "notes": {"payment_id": payment.id, "book_id": payment.book_id or ""},
        }
        status, data = await self._call("POST", "/v1/payment_links", body=body)
        if status == 400 and "already exists" in _description(data):
            data = await self._existing(payment.id)  # an earlier attempt made it
        elif status != 200:
            raise _error(status, data)
        return ProviderLink(order_id=str(field(data, "id")), url=str(field(data, "short_url")))

    async def _existing(self, reference_id: str) -> dict[str, Any]:
        status, data = await self._call(
            "GET", "/v1/payment_links", params={"reference_id": reference_id}
        )
        if status != 200:
            raise _error(status, data)
        links = field(data, "payment_links")
        if not links:
            raise PaymentProviderError(status, f"no link with reference_id {reference_id}")
        return links[0]  # type: ignore[no-any-return]

    async def check(self, order_id: str) -> ProviderState:
        status, data = await self._call("GET", f"/v1/payment_links/{order_id}")
        if status != 200:
            raise _error(status, data)
        state = _STATES.get(str(field(data, "status")), "created")
        captured = [p for p in data.get("payments") or [] if p.get("status") == "captured"]
        return ProviderState(
            order_id=order_id,
            status=state,
            payment_id=captured[-1]["payment_id"] if captured else None,
            amount_minor=int(data.get("amount_paid") or 0),
            currency=str(field(data, "currency")),
        )

    async def refund(self, payment: Payment, reason: str) -> str:
        if payment.provider_payment_id is None:
            raise PaymentProviderError(0, "the payment has no Razorpay payment id")
        body = {
            "amount": payment.amount.amount_minor,
            "speed": "normal",
            "notes": {"payment_id": payment.id, "reason": reason[:256]},
        }
        headers = {"X-Refund-Idempotency": f"refund_{payment.id}"}
        path = f"/v1/payments/{payment.provider_payment_id}/refund"
        status, data = await self._call("POST", path, body=body, headers=headers)
        if status != 200:
            raise _error(status, data)
        return str(field(data, "id"))

    async def _call(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> tuple[int, dict[str, Any]]:
        headers = {**(headers or {}), **self._auth}
        return await self._http.request(method, path, headers=headers, **kwargs)

    async def close(self) -> None:
        await self._http.close()


def _description(data: dict[str, Any]) -> str:
    error = data.get("error")
    return str(error.get("description", "")) if isinstance(error, dict) else ""


def _error(status: int, data: dict[str, Any]) -> PaymentProviderError:
    error = data.get("error")
    code = error.get("code") if isinstance(error, dict) else None
    return PaymentProviderError(status, _description(data) or "refused", code)

"""The sandbox payment provider of the embedded default: a local checkout page whose buttons
post a signed webhook, so the whole real payment path (verify, dedupe, check, unlock) runs."""

from __future__ import annotations

import hashlib
import hmac
import json

from domain.money import Money
from domain.payments import (
    Payment,
    PaymentProviderError,
    ProviderConfirmation,
    ProviderLink,
    ProviderState,
)
from domain.ports import IdFactory
from domain.text_input import keepable_id

PROVIDER = "sandbox"
SIGNATURE_HEADER = "X-Sandbox-Signature"


class SandboxPaymentGateway:
    """The 'provider' is this process: its ledger is what the checkout page's buttons did."""

    single_attempt_orders = True  # a declined order stays declined: the next try is a new one

    def __init__(self, public_base_url: str, ids: IdFactory) -> None:
        self._base = public_base_url.rstrip("/")
        self._ids = ids
        self._ledger: dict[str, ProviderState] = {}

    @property
    def provider(self) -> str:
        return PROVIDER

    @property
    def currency(self) -> str:
        return "INR"

    async def create_link(self, payment: Payment, description: str) -> ProviderLink:
        order_id = f"sbx_order_{payment.id}"  # idempotent by our payment id
        self._ledger.setdefault(order_id, ProviderState(order_id=order_id, status="created"))
        return ProviderLink(order_id=order_id, url=f"{self._base}/sandbox/checkout/{order_id}")

    def answered(self, order_id: str, payment_id: str, amount: Money, paid: bool) -> None:
        """The checkout page's Pay or Decline button was pressed."""
        self._ledger[order_id] = ProviderState(
            order_id=order_id, status="paid" if paid else "failed", payment_id=payment_id,
            amount_minor=amount.amount_minor, currency=amount.currency,
        )  # fmt: skip

    async def check(self, order_id: str) -> ProviderState:
        return self._ledger.get(order_id) or ProviderState(order_id=order_id, status="created")

    async def refund(self, payment: Payment, reason: str) -> str:
        if payment.provider_order_id is None:
            raise PaymentProviderError(400, "nothing was paid")
        return f"sbx_refund_{payment.id}"  # idempotent: one refund per payment


def sign(secret: bytes, body: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify(secret: bytes, body: bytes, signature: str | None) -> bool:
    return bool(signature) and hmac.compare_digest(sign(secret, body), signature or "")


def event_body(event_id: str, order_id: str, payment_id: str, amount: Money, paid: bool) -> bytes:
    event = {
        "id": event_id,
        "event": "payment.captured" if paid else "payment.failed",
        "order_id": order_id,
        "payment_id": payment_id,
        "amount": amount.amount_minor,
        "currency": amount.currency,
    }
    return json.dumps(event, separators=(",", ":")).encode()


def parse_event(body: bytes) -> ProviderConfirmation:
    """A verified sandbox webhook body -> what it confirms. ValueError if malformed."""
    try:
        data = json.loads(body)
    except RecursionError:
        raise ValueError("nested too deep") from None
    if not isinstance(data, dict) or data.get("event") not in (
        "payment.captured",
        "payment.failed",
    ):
        raise ValueError("unknown sandbox event")
    ids = [
        keepable_id(data.get(k), n) for k, n in (("id", 128), ("order_id", 64), ("payment_id", 64))
    ]
    amount, currency = data.get("amount"), keepable_id(data.get("currency"), 3)
    if not all(ids) or type(amount) is not int or not 0 < amount < 2**31 or currency is None:
        raise ValueError("a sandbox event's ids, amount or currency do not fit")
    event_id, order_id, payment_id = (str(i) for i in ids)
    return ProviderConfirmation(
        provider=PROVIDER,
        event_id=event_id,
        order_id=order_id,
        payment_id=payment_id,
        amount_minor=amount,
        currency=currency,
        paid=data["event"] == "payment.captured",
    )

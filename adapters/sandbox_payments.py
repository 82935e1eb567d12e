"""The sandbox payment provider of the embedded default: a local checkout page whose buttons
post a signed webhook, so the whole real payment path (verify, dedupe, check, unlock) runs."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from domain.money import Money
from domain.payments import ProviderConfirmation, ProviderLink
from domain.ports import IdFactory

PROVIDER = "sandbox"
SIGNATURE_HEADER = "X-Sandbox-Signature"


class SandboxPaymentGateway:
    def __init__(self, public_base_url: str, ids: IdFactory) -> None:
        self._base = public_base_url.rstrip("/")
        self._ids = ids

    @property
    def provider(self) -> str:
        return PROVIDER

    async def create_link(self, payment_id: str, amount: Money, description: str) -> ProviderLink:
        order_id = f"sbx_order_{self._ids()[:20]}"
        return ProviderLink(order_id=order_id, url=f"{self._base}/sandbox/checkout/{order_id}")


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
    data: dict[str, Any] = json.loads(body)
    if data.get("event") not in ("payment.captured", "payment.failed"):
        raise ValueError("unknown sandbox event")
    return ProviderConfirmation(
        provider=PROVIDER,
        event_id=str(data["id"]),
        order_id=str(data["order_id"]),
        payment_id=str(data["payment_id"]),
        amount_minor=int(data["amount"]),
        currency=str(data["currency"]),
        paid=data["event"] == "payment.captured",
    )

"""Razorpay's signatures (webhook body, callback query) and what a webhook event is about."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from domain.text_input import keepable_id

HANDLED = frozenset(
    {
        "payment_link.paid",
        "payment.captured",
        "order.paid",
        "payment.failed",
        "payment_link.expired",
        "payment_link.cancelled",
        "refund.processed",
    }
)


def _hex_hmac(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def webhook_signature_ok(secret: str, raw_body: bytes, signature: str | None) -> bool:
    """X-Razorpay-Signature: hex HMAC-SHA256 of the raw body with the *webhook* secret."""
    return bool(signature) and hmac.compare_digest(_hex_hmac(secret, raw_body), signature or "")


def callback_signature_ok(key_secret: str, params: dict[str, str]) -> bool:
    """The callback's signature: HMAC-SHA256 with the *key* secret of
    `plink_id|reference_id|status|payment_id`."""
    names = (
        "razorpay_payment_link_id",
        "razorpay_payment_link_reference_id",
        "razorpay_payment_link_status",
        "razorpay_payment_id",
    )
    if not all(params.get(n) for n in names) or not params.get("razorpay_signature"):
        return False
    message = "|".join(params[n] for n in names).encode()
    return hmac.compare_digest(_hex_hmac(key_secret, message), params["razorpay_signature"])


@dataclass(frozen=True, slots=True)
class RazorpayEvent:
    event: str
    payment_id: str | None  # ours: the link's reference_id, or notes.payment_id
    provider_payment_id: str | None
    refund_id: str | None


def parse_event(raw_body: bytes) -> RazorpayEvent:
    """A verified webhook body -> which of our payments it concerns. ValueError if malformed."""
    try:
        data = json.loads(raw_body)
    except RecursionError:
        raise ValueError("nested too deep") from None
    if not isinstance(data, dict) or not isinstance(data.get("payload"), dict):
        raise ValueError("not a Razorpay event")
    payload: dict[str, Any] = data["payload"]

    def entity(name: str) -> dict[str, Any]:
        holder = payload.get(name)
        found = holder.get("entity") if isinstance(holder, dict) else None
        return found if isinstance(found, dict) else {}

    link, payment, order, refund = (
        entity(n) for n in ("payment_link", "payment", "order", "refund")
    )
    ours = link.get("reference_id")
    for holder in (link, payment, order, refund):
        notes = holder.get("notes")
        if not ours and isinstance(notes, dict):
            ours = notes.get("payment_id")
    return RazorpayEvent(  # ids that no column could hold are no ids of ours
        event=keepable_id(data.get("event"), 64) or "",
        payment_id=keepable_id(ours),
        provider_payment_id=keepable_id(payment.get("id")) or keepable_id(refund.get("payment_id")),
        refund_id=keepable_id(refund.get("id")),
    )

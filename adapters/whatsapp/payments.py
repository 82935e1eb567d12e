"""WhatsApp payments (India) as raw JSON: the order_details and order_status messages we send,
and the payment statuses and lookups WhatsApp answers with. pywa has no types for any of
them (and its status parsing breaks on a payment status), so these are ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from domain.in_chat import InChatReport, OrderRequest, OrderUpdate
from domain.payments import ProviderState

REFERENCE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,35}$")
OFFSET = 100  # WhatsApp's amounts are {value, offset}; INR in paise
BODY_MAX, FOOTER_MAX, ITEM_NAME_MAX = 1024, 60, 60
ID_MAX = 64  # gateway ids we keep (payments.provider_payment_id)
STATUS_MAX = 16


@dataclass(frozen=True, slots=True)
class WaTransaction:
    id: str | None  # the gateway's order id
    pg_transaction_id: str | None  # the gateway's payment id
    type: str | None  # razorpay | payu | billdesk | zaakpay
    status: str | None  # success | pending | failed
    amount_minor: int | None
    method: str | None = None
    error_code: str | None = None
    error_reason: str | None = None


@dataclass(frozen=True, slots=True)
class WaPayment:
    """One `statuses[]` item with `type: "payment"` (it has no `contacts`)."""

    status_id: str
    reference_id: str
    status: str  # captured | pending
    amount_minor: int | None
    currency: str | None
    transaction: WaTransaction | None
    recipient: str | None
    phone_number_id: str | None
    timestamp: int

    @property
    def key(self) -> str:
        """Unique per news: a redelivery repeats it, a new attempt or outcome does not."""
        t = self.transaction
        parts = (self.reference_id, self.status, t.id if t else "", t.status if t else "")
        return "payment:" + ":".join(p or "" for p in parts)

    def report(self) -> InChatReport:
        t = self.transaction
        return InChatReport(
            reference_id=self.reference_id,
            status=self.status,
            transaction_status=t.status if t else None,
            transaction_id=t.id if t else None,
            gateway_payment_id=t.pg_transaction_id if t else None,
            amount_minor=self.amount_minor or 0,
            currency=self.currency or "",
        )


@dataclass(frozen=True, slots=True)
class WaPaymentLookup:
    """One entry of `GET /{phone-number-id}/payments/{configuration}/{reference_id}`."""

    reference_id: str
    status: str  # pending | captured (compared case-insensitively)
    amount_minor: int | None
    currency: str | None
    transactions: tuple[WaTransaction, ...]

    def state(self) -> ProviderState:
        """`paid` only when captured by exactly one successful transaction; `failed` when
        every attempt failed; `created` while nothing (or nothing final) happened."""
        successes = [t for t in self.transactions if t.status == "success"]
        if self.status.lower() == "captured" and len(successes) == 1:
            won = successes[0]
            amount = won.amount_minor if won.amount_minor is not None else self.amount_minor
            return ProviderState(
                order_id=self.reference_id,
                status="paid",
                payment_id=won.pg_transaction_id or won.id,
                amount_minor=amount or 0,
                currency=self.currency or "",
            )
        failed = bool(self.transactions) and all(t.status == "failed" for t in self.transactions)
        last = self.transactions[-1] if self.transactions else None
        return ProviderState(
            order_id=self.reference_id,
            status="failed" if failed else "created",
            payment_id=(last.pg_transaction_id or last.id) if failed and last else None,
        )


def minor_of(amount: Any) -> int | None:
    """{value, offset} -> paise; None unless whole paise (value and offset integers)."""
    if not isinstance(amount, dict):
        return None
    value: Any = amount.get("value")
    offset: Any = amount.get("offset")
    if not _is_int(value) or not _is_int(offset) or offset <= 0:
        return None
    minor, rest = divmod(value * OFFSET, offset)
    return None if rest else int(minor)


def is_payment(item: dict[str, Any]) -> bool:
    return item.get("type") == "payment"


def parse_payment(item: dict[str, Any], phone_id: str | None) -> WaPayment | None:
    """A payment status, or None if it lacks what identifies it (an id, a valid reference
    id, a status)."""
    payment = _dict(item.get("payment"))
    reference, status = _str(payment.get("reference_id")), _str(item.get("status"))
    status_id = _str(item.get("id"))
    if not status_id or not status or not reference or not REFERENCE_ID.match(reference):
        return None
    if len(status) > STATUS_MAX:
        return None
    return WaPayment(
        status_id=status_id[:256],
        reference_id=reference,
        status=status.lower(),
        amount_minor=minor_of(payment.get("amount")),
        currency=_str(payment.get("currency")),
        transaction=_transaction(payment.get("transaction")),
        recipient=_str(item.get("recipient_id")),
        phone_number_id=phone_id,
        timestamp=_int(item.get("timestamp")),
    )


def parse_lookup(data: Any, reference_id: str) -> WaPaymentLookup | None:
    """The lookup's answer for this reference id (None if it names none)."""
    for entry in _list(_dict(data).get("payments")):
        entry = _dict(entry)
        if entry.get("reference_id") != reference_id or not _str(entry.get("status")):
            continue
        transactions = tuple(
            t for t in (_transaction(x) for x in _list(entry.get("transactions"))) if t
        )
        return WaPaymentLookup(
            reference_id=reference_id,
            status=str(entry["status"]),
            amount_minor=minor_of(entry.get("amount")),
            currency=_str(entry.get("currency")),
            transactions=transactions,
        )
    return None


def _transaction(value: Any) -> WaTransaction | None:
    t = _dict(value)
    if not t:
        return None
    error = _dict(t.get("error"))
    return WaTransaction(
        id=_id(t.get("id")),
        pg_transaction_id=_id(t.get("pg_transaction_id")),
        type=_str(t.get("type")),
        status=(_str(t.get("status")) or "").lower()[:STATUS_MAX] or None,
        amount_minor=minor_of(t.get("amount")),
        method=_str(_dict(t.get("method")).get("type")),
        error_code=_str(error.get("code")),
        error_reason=_str(error.get("reason")),
    )


def _money(minor: int) -> dict[str, int]:
    return {"value": minor, "offset": OFFSET}


def order_details(order: OrderRequest, configuration: str) -> dict[str, Any]:
    """The `interactive` object of an order_details message (Razorpay payment gateway)."""
    total = order.amount.amount_minor
    item = {
        "retailer_id": order.reference_id,
        "name": order.item_name[:ITEM_NAME_MAX],
        "amount": _money(total),
        "quantity": 1,
    }
    details: dict[str, Any] = {"status": "pending", "items": [item]}
    details.update(subtotal=_money(total), tax=_money(0))
    if order.expires_at is not None:
        details["expiration"] = {"timestamp": str(order.expires_at), "description": "Offer ends"}
    parameters: dict[str, Any] = {
        "reference_id": order.reference_id,
        "type": order.goods,
        "payment_settings": [
            {
                "type": "payment_gateway",
                "payment_gateway": {
                    "type": "razorpay",
                    "configuration_name": configuration,
                    "razorpay": {
                        "receipt": order.reference_id,
                        "notes": {k: v[:256] for k, v in list(order.notes.items())[:15]},
                    },
                },
            }
        ],
        "currency": order.amount.currency,
        "total_amount": _money(total),
        "order": details,
    }
    if order.beneficiary is not None:
        parameters["beneficiaries"] = [order.beneficiary]
    return {
        "type": "order_details",
        "body": {"text": order.body[:BODY_MAX]},
        "footer": {"text": order.footer[:FOOTER_MAX]},
        "action": {"name": "review_and_pay", "parameters": parameters},
    }


def order_status(update: OrderUpdate) -> dict[str, Any]:
    """The `interactive` object of an order_status message."""
    return {
        "type": "order_status",
        "body": {"text": update.body[:BODY_MAX]},
        "action": {
            "name": "review_order",
            "parameters": {
                "reference_id": update.reference_id,
                "order": {"status": update.status},
            },
        },
    }


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
        text = str(value)
        return None if "\x00" in text else text
    return None


def _id(value: Any) -> str | None:
    text = _str(value)
    return text if text is not None and len(text) <= ID_MAX else None


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0

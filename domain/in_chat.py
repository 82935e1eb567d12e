"""Paying inside WhatsApp (India): the order a parent reviews and pays in the chat, what
WhatsApp reports about it, and the port that talks to WhatsApp's Payments API.

The money goes to the business's Razorpay account through a payment configuration linked in
WhatsApp Manager; our payment id is the order's `reference_id`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from domain.money import Money
from domain.payments import PaymentGateway, ProviderState

PROVIDER = "whatsapp"  # payments.provider of an order paid in the chat
# WhatsApp refuses order_details for a number or app that cannot pay in the chat (131026), for
# payments terms not accepted (134011) and for the other payments errors (1340xx): the parent
# is given the Razorpay payment link instead.
REFUSED = frozenset({131026})


def refused(code: int | None) -> bool:
    return code is not None and (code in REFUSED or 134000 <= code <= 134099)


class OrderRefused(Exception):
    """WhatsApp would not send the order_details message (see `refused`)."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(f"{code} {reason}")
        self.code = code
        self.reason = reason


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderRequest:
    """One order_details message: one book, quantity 1, no tax or shipping on top."""

    reference_id: str  # our payment id
    to: str  # the parent's WhatsApp number
    goods: str  # digital-goods | physical-goods
    item_name: str
    amount: Money
    body: str
    footer: str
    notes: dict[str, str] = field(default_factory=dict)
    beneficiary: dict[str, str] | None = None  # the shipping address of a printed book
    expires_at: int | None = None  # epoch seconds; None: payable while the payment is open


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderUpdate:
    """One order_status message (processing | shipped | completed)."""

    reference_id: str
    to: str
    status: str
    body: str


@dataclass(frozen=True, slots=True, kw_only=True)
class InChatReport:
    """What a verified WhatsApp payment status says. Never unlocks on its own: the lookup
    must agree."""

    reference_id: str
    status: str  # captured | pending
    transaction_status: str | None  # success | pending | failed
    transaction_id: str | None  # the gateway's order id (Razorpay order_...)
    gateway_payment_id: str | None  # the gateway's payment id (Razorpay pay_...)
    amount_minor: int
    currency: str

    @property
    def captured(self) -> bool:
        return self.status == "captured" and self.transaction_status == "success"

    @property
    def failed(self) -> bool:
        return self.status == "pending" and self.transaction_status == "failed"


class InChatCheckout(Protocol):
    """WhatsApp's Payments API (India) for our number and payment configuration."""

    async def send_order(self, order: OrderRequest) -> str:
        """Send the order_details message; its wamid. Raises OrderRefused when WhatsApp
        refuses it for a reason a payment link gets around."""
        ...

    async def send_status(self, update: OrderUpdate) -> str:
        """Send an order_status message; its wamid."""
        ...

    async def lookup(self, reference_id: str) -> ProviderState | None:
        """What WhatsApp says of the order (`paid` only for a captured, successful
        transaction); None if it has no order with this reference id."""
        ...


class InChatGateway(InChatCheckout, PaymentGateway, Protocol):
    """The checkout is also the payment gateway of in-chat payments (lookup, refund)."""

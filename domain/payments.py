"""Payments: prices, the gateway port, the payment record and which provider a parent pays with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from domain.money import Money


class PaymentStatus(StrEnum):
    CREATED = "created"  # a link is (being) made; the parent may pay
    FAILED = "failed"  # the last attempt was declined; the same link can still be paid
    PAID = "paid"
    EXPIRED = "expired"  # the link expired or was cancelled (a late capture still counts)
    MISMATCH = "mismatch"  # the provider confirmed another amount or currency: never unlocks
    REFUNDED = "refunded"


# A provider may still confirm a payment in these states (late authorisation, a retry).
PAYABLE = (PaymentStatus.CREATED, PaymentStatus.FAILED, PaymentStatus.EXPIRED)


class PaymentProviderError(Exception):
    """The provider refused or could not answer (after retries); `status` 0 when unreachable."""

    def __init__(self, status: int, description: str, code: str | None = None) -> None:
        super().__init__(f"{status} {code or ''} {description}".strip())
        self.status = status
        self.code = code
        self.description = description


@dataclass(frozen=True, slots=True)
class Prices:
    pdf: Money
    printed: Money

    def for_fulfilment(self, fulfilment: str) -> Money:
        return self.printed if fulfilment == "print" else self.pdf


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderLink:
    order_id: str  # the provider's id of what is paid: Razorpay link, PayPal order
    url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderState:
    """What the provider itself says about one order when asked (never a payload snapshot)."""

    order_id: str
    status: str  # created | paid | failed | expired
    payment_id: str | None = None  # Razorpay payment id, PayPal capture id
    amount_minor: int = 0
    currency: str = ""


@dataclass(slots=True, kw_only=True)
class Payment:
    id: str
    book_id: str | None
    user_id: str | None
    provider: str
    provider_order_id: str | None  # None until the link job has made the link
    amount: Money
    status: PaymentStatus
    created_at: datetime
    updated_at: datetime
    link_url: str | None = None
    provider_payment_id: str | None = None
    confirmed_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderConfirmation:
    """What a verified sandbox webhook says about one order."""

    provider: str
    event_id: str
    order_id: str
    payment_id: str | None
    amount_minor: int
    currency: str
    paid: bool


class PaymentGateway(Protocol):
    @property
    def provider(self) -> str: ...

    @property
    def currency(self) -> str: ...

    async def create_link(self, payment: Payment, description: str) -> ProviderLink:
        """Create the hosted payment page, idempotently by our payment id."""
        ...

    async def check(self, order_id: str) -> ProviderState:
        """Ask the provider what became of the order (capturing an approved one)."""
        ...

    async def refund(self, payment: Payment, reason: str) -> str:
        """Refund a paid payment in full, idempotently; returns the provider's refund id."""
        ...


def currency_for(live: Mapping[str, object], wa_id: str | None, chosen: str | None) -> str:
    """The currency a parent pays in: one live provider serves everyone; otherwise a WhatsApp
    number starting 91 pays INR and any other USD, and a web chat parent pays INR unless their
    identity said otherwise (`chosen`)."""
    if len(live) == 1:
        return next(iter(live))
    if wa_id:
        return "INR" if wa_id.startswith("91") else "USD"
    return chosen if chosen is not None and chosen in live else "INR"

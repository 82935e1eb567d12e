"""Payments: prices, the gateway port, and the payment record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from domain.money import Money


class PaymentStatus(StrEnum):
    CREATED = "created"
    PAID = "paid"
    FAILED = "failed"
    MISMATCH = "mismatch"  # the provider confirmed another amount or currency: never unlocks


@dataclass(frozen=True, slots=True)
class Prices:
    pdf: Money
    printed: Money

    def for_fulfilment(self, fulfilment: str) -> Money:
        return self.printed if fulfilment == "print" else self.pdf


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderLink:
    order_id: str
    url: str


@dataclass(slots=True, kw_only=True)
class Payment:
    id: str
    book_id: str | None
    user_id: str | None
    provider: str
    provider_order_id: str | None  # None until the provider's link is made
    amount: Money
    status: PaymentStatus
    created_at: datetime
    updated_at: datetime
    link_url: str | None = None
    provider_payment_id: str | None = None
    confirmed_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProviderConfirmation:
    """What a verified provider webhook says about one order."""

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

    async def create_link(self, payment_id: str, amount: Money, description: str) -> ProviderLink:
        """Create a hosted payment link for `amount`; `payment_id` is our reference."""
        ...

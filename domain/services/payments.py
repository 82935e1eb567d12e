"""Taking payment: the price in the parent's currency, a payment per book, and its link.

A turn only writes the payment row (`start_payment`); the provider is called afterwards by a
job (`create_link`), idempotently by our payment id, so no turn waits on a provider.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.audit import book_status_entry, system_entry
from domain.books import BookStatus, Fulfilment
from domain.errors import InvalidTransition, NotFound
from domain.in_chat import PROVIDER as IN_CHAT
from domain.money import Money
from domain.payments import (
    PAYABLE,
    Payment,
    PaymentGateway,
    PaymentStatus,
    Prices,
    currency_for,
)
from domain.ports import Clock, IdFactory
from domain.repositories import UnitOfWorkFactory
from domain.units import UnitBound

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PaymentStart:
    payment_id: str
    url: str | None  # None until the link job has made the link
    price: str
    in_chat: bool = False  # paid inside WhatsApp: an order_details job instead of a link


class PaymentService(UnitBound):
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        gateways: Mapping[str, PaymentGateway],  # by currency: the providers that are live
        prices: Mapping[str, Prices],  # by currency
        clock: Clock,
        ids: IdFactory,
    ) -> None:
        self._uow_factory = uow_factory
        self._gateways = gateways
        self._prices = prices
        self._clock = clock
        self._ids = ids
        self._in_chat: PaymentGateway | None = None

    def use_in_chat(self, gateway: PaymentGateway | None) -> None:
        """WhatsApp parents paying INR pay inside the chat (the WhatsApp channel installs
        it when WHATSAPP_PAYMENT_CONFIGURATION is set and Razorpay takes INR)."""
        self._in_chat = gateway

    @property
    def providers(self) -> list[str]:
        return sorted(g.provider for g in self._gateways.values())

    def single_attempt(self, provider: str) -> bool:
        """Whether an order of this provider stays declined once declined (the sandbox's do;
        a Razorpay or PayPal link may be paid again): then the next attempt is a new order."""
        gateways = [g for g in self._gateways.values() if g.provider == provider]
        return any(getattr(g, "single_attempt_orders", False) for g in gateways)

    def gateway(self, provider: str) -> PaymentGateway:
        if self._in_chat is not None and provider == self._in_chat.provider:
            return self._in_chat
        for gateway in self._gateways.values():
            if gateway.provider == provider:
                return gateway
        raise NotFound(f"payment provider {provider!r} is not live")

    async def quote(self, user_id: str, fulfilment: str) -> Money:
        """The price this parent pays, in their currency."""
        return (await self._quote(user_id, fulfilment))[0]

    async def _quote(self, user_id: str, fulfilment: str) -> tuple[Money, str | None]:
        async with self._uow_factory() as uow:
            parent = await uow.parents.get(user_id)
        wa_id, chosen = (parent.wa_id, parent.currency) if parent else (None, None)
        currency = currency_for(self._gateways, wa_id, chosen)
        return self._prices[currency].for_fulfilment(fulfilment), wa_id

    def _provider_for(self, amount: Money, wa_id: str | None) -> str:
        """In the chat for an Indian WhatsApp number paying INR through Razorpay (WhatsApp's
        payments are India only), else the link's provider."""
        gateway = self._gateways[amount.currency]
        indian = wa_id is not None and wa_id.startswith("91")
        in_chat = self._in_chat
        # The fallback is a link, and it must be Razorpay's (the same account is paid).
        if in_chat and indian and amount.currency == in_chat.currency == "INR":
            return in_chat.provider if gateway.provider == "razorpay" else gateway.provider
        return gateway.provider

    async def price_text(self, user_id: str, fulfilment: str) -> str:
        return (await self.quote(user_id, fulfilment)).display()

    async def start_payment(self, book_id: str, fulfilment: str, user_id: str) -> PaymentStart:
        """The payment for this book (an open one at the same price is reused; a declined one is
        closed and a new order made, so the next attempt never lands on a declined order); the
        book moves to PAYMENT_PENDING. Calls no provider: the link is made by `create_link`."""
        amount, wa_id = await self._quote(user_id, fulfilment)
        provider = self._provider_for(amount, wa_id)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            book = await uow.books.get_for_update(book_id)
            if book is None:
                raise NotFound("no such book")
            existing = await uow.payments.open_for_book(book_id)
            failed = existing is not None and existing.status is PaymentStatus.FAILED
            if existing is not None and failed and self.single_attempt(existing.provider):
                existing.status, existing.updated_at = PaymentStatus.EXPIRED, now  # closed; a
                await uow.payments.save(existing)  # late capture on it still counts
            elif existing is not None and existing.amount == amount:
                in_chat = existing.provider == IN_CHAT
                return PaymentStart(existing.id, existing.link_url, amount.display(), in_chat)
            if book.status not in (BookStatus.PREVIEW_READY, BookStatus.PAYMENT_PENDING):
                raise InvalidTransition(f"a {book.status} book cannot be paid for")
            payment = Payment(
                id=self._ids(), book_id=book_id, user_id=book.user_id, provider=provider,
                provider_order_id=None, amount=amount, status=PaymentStatus.CREATED,
                created_at=now, updated_at=now,
            )  # fmt: skip
            await uow.payments.add(payment)
            if book.status is BookStatus.PREVIEW_READY:
                book.move_to(BookStatus.PAYMENT_PENDING, now)
                await uow.audit.add(
                    book_status_entry(book_id, "PREVIEW_READY", "PAYMENT_PENDING", now)
                )
            book.fulfilment = Fulfilment(fulfilment)
            book.price = amount
            await uow.books.save(book)
            await uow.commit()
        return PaymentStart(payment.id, None, amount.display(), provider == IN_CHAT)

    async def create_link(self, payment_id: str) -> str:
        """The job's work: make the provider's link once (a retry finds the same link)."""
        async with self._uow_factory() as uow:
            payment = await uow.payments.get(payment_id)
            if payment is None:
                raise NotFound("no such payment")
            book = await uow.books.get(payment.book_id) if payment.book_id else None
        if payment.link_url is not None:
            return payment.link_url
        if payment.status not in PAYABLE:
            raise InvalidTransition(f"a {payment.status} payment needs no link")
        title = book.title if book is not None and book.title else "your book"
        link = await self.gateway(payment.provider).create_link(payment, f"Storybook: {title}")
        now = self._clock.now()
        async with self._uow_factory() as uow:
            payment = await uow.payments.get_for_update(payment_id)
            assert payment is not None
            if payment.link_url is None:
                payment.provider_order_id, payment.link_url = link.order_id, link.url
                payment.updated_at = now
                await uow.payments.save(payment)
                await uow.audit.add(
                    system_entry(
                        "payment_link_created", "payment", payment_id, now,
                        provider=payment.provider, order_id=link.order_id,
                        amount_minor=payment.amount.amount_minor,
                        currency=payment.amount.currency,
                    )
                )  # fmt: skip
                await uow.commit()
        return payment.link_url or link.url

    async def refunded_books(self, user_id: str) -> set[str]:
        async with self._uow_factory() as uow:
            return await uow.payments.refunded_books(user_id)

    async def link_of(self, payment_id: str) -> str | None:
        async with self._uow_factory() as uow:
            payment = await uow.payments.get(payment_id)
        return payment.link_url if payment is not None else None

    async def get(self, payment_id: str) -> Payment | None:
        async with self._uow_factory() as uow:
            return await uow.payments.get(payment_id)

    async def order(self, provider: str, order_id: str) -> Payment | None:
        async with self._uow_factory() as uow:
            return await uow.payments.by_order_for_update(provider, order_id)

    async def by_provider_payment(self, provider: str, provider_payment_id: str) -> Payment | None:
        async with self._uow_factory() as uow:
            return await uow.payments.by_provider_payment(provider, provider_payment_id)

    async def record_event(
        self,
        provider: str,
        event_id: str,
        event_type: str,
        raw: bytes,
        job: tuple[str, str, dict[str, Any]] | None = None,
    ) -> bool:
        """Keep a verified provider event. True when it must be applied: it is new, or it was
        recorded before but never applied (the process died after the ack), so the provider's
        retry applies it rather than being dropped as a duplicate. `job` (id, kind, payload),
        the job that applies it, is written in the same transaction: a kept event is never
        without its pending application."""
        async with self._uow_factory() as uow:
            apply = await uow.webhook_events.record(provider, event_id, event_type, raw)
            if not apply:
                apply = await uow.webhook_events.unapplied(provider, event_id)
            if apply and job is not None:
                await uow.webhook_events.request_job(provider, event_id, *job)
            await uow.commit()
        return apply

    async def event_pending(self, provider: str, event_id: str) -> bool:
        """Recorded and not applied yet."""
        async with self._uow_factory() as uow:
            return await uow.webhook_events.unapplied(provider, event_id)

    async def event_processed(self, provider: str, event_id: str, error: str | None) -> None:
        async with self._uow_factory() as uow:
            await uow.webhook_events.mark_processed(provider, event_id, error)
            await uow.commit()

    async def unsettled(self, provider: str, older_than_seconds: float) -> list[str]:
        """Payments with a link that are still open: the reconciliation sweep asks about them."""
        async with self._uow_factory() as uow:
            return await uow.payments.open_with_link(provider, older_than_seconds)

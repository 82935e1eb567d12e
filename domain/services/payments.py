"""Taking payment: a link per book, and exactly-once unlocking on a verified confirmation."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from domain.audit import book_status_entry, system_entry
from domain.books import BookStatus, Fulfilment
from domain.errors import InvalidTransition, NotFound
from domain.payments import (
    Payment,
    PaymentGateway,
    PaymentStatus,
    Prices,
    ProviderConfirmation,
)
from domain.ports import Clock, IdFactory
from domain.repositories import UnitOfWork, UnitOfWorkFactory
from domain.units import UnitBound

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ConfirmationOutcome:
    """What a confirmation changed: `book_id` and `paid` when it newly settled a payment."""

    book_id: str | None
    user_id: str | None
    paid: bool
    settled: bool  # False for a duplicate, an unknown order or a mismatch


class PaymentService(UnitBound):
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        gateway: PaymentGateway,
        prices: Prices,
        clock: Clock,
        ids: IdFactory,
    ) -> None:
        self._uow_factory = uow_factory
        self._gateway = gateway
        self._prices = prices
        self._clock = clock
        self._ids = ids

    def price_text(self, fulfilment: str) -> str:
        return self._prices.for_fulfilment(fulfilment).display()

    async def start_payment(self, book_id: str, fulfilment: str) -> Payment:
        """The book's payment (an open one of the same amount is reused). Book -> PAYMENT_PENDING.
        A new payment has no link yet: no outside call happens here, so this can run inside a
        turn's transaction; `create_link` makes the link after the turn commits."""
        amount = self._prices.for_fulfilment(fulfilment)
        async with self._uow_factory() as uow:
            book = await uow.books.get_for_update(book_id)
            if book is None:
                raise NotFound("no such book")
            existing = await uow.payments.open_for_book(book_id)
            if existing is not None and existing.amount == amount:
                return existing
            if book.status not in (BookStatus.PREVIEW_READY, BookStatus.PAYMENT_PENDING):
                raise InvalidTransition(f"a {book.status} book cannot be paid for")
            now = self._clock.now()
            payment = Payment(
                id=self._ids(), book_id=book_id, user_id=book.user_id,
                provider=self._gateway.provider, provider_order_id=None, amount=amount,
                status=PaymentStatus.CREATED, created_at=now, updated_at=now,
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
        return payment

    async def create_link(self, payment_id: str) -> Payment:
        """The payment's hosted link, made once with the provider (outside any transaction of
        ours; the provider is given our payment id). A payment that has its link keeps it."""
        async with self._uow_factory() as uow:
            payment = await uow.payments.get(payment_id)
            book_id = payment.book_id if payment is not None else None
            book = await uow.books.get(book_id) if book_id is not None else None
        if payment is None or book is None:
            raise NotFound("no such payment")
        if payment.link_url is not None:
            return payment
        if payment.status is not PaymentStatus.CREATED:
            raise InvalidTransition(f"a {payment.status} payment needs no link")
        link = await self._gateway.create_link(
            payment_id, payment.amount, f"Storybook: {book.title}"
        )
        async with self._uow_factory() as uow:
            payment = await uow.payments.get(payment_id, for_update=True)
            assert payment is not None
            if payment.link_url is not None:  # another worker made it meanwhile: keep theirs
                return payment
            now = self._clock.now()
            payment.provider_order_id, payment.link_url = link.order_id, link.url
            await uow.audit.add(
                system_entry(
                    "payment_link_created",
                    "payment",
                    payment_id,
                    now,
                    provider=payment.provider,
                    amount_minor=payment.amount.amount_minor,
                    currency=payment.amount.currency,
                )
            )
            await self._save(uow, payment, now)
        return payment

    async def payment(self, payment_id: str) -> Payment:
        async with self._uow_factory() as uow:
            payment = await uow.payments.get(payment_id)
        if payment is None:
            raise NotFound("no such payment")
        return payment

    async def order(self, provider: str, order_id: str) -> Payment | None:
        async with self._uow_factory() as uow:
            return await uow.payments.by_order_for_update(provider, order_id)

    async def record_event(self, provider: str, event_id: str, event_type: str, raw: bytes) -> bool:
        """Keep a verified provider event; False if it was delivered before (dedupe)."""
        async with self._uow_factory() as uow:
            new = await uow.webhook_events.record(provider, event_id, event_type, raw)
            await uow.commit()
        return new

    async def event_processed(self, provider: str, event_id: str, error: str | None) -> None:
        async with self._uow_factory() as uow:
            await uow.webhook_events.mark_processed(provider, event_id, error)
            await uow.commit()

    async def confirm(self, confirmation: ProviderConfirmation) -> ConfirmationOutcome:
        """Apply a verified provider confirmation once. A replay, another event id for the same
        payment, or a wrong amount never unlocks a book twice (or at all)."""
        c = confirmation
        now = self._clock.now()
        async with self._uow_factory() as uow:
            payment = await uow.payments.by_order_for_update(c.provider, c.order_id)
            if payment is None:
                logger.warning("confirmation for an unknown order", extra={"provider": c.provider})
                return ConfirmationOutcome(None, None, False, False)
            if payment.status is not PaymentStatus.CREATED:
                return ConfirmationOutcome(payment.book_id, payment.user_id, False, False)
            if c.paid and (c.amount_minor, c.currency) != (
                payment.amount.amount_minor,
                payment.amount.currency,
            ):
                payment.status = PaymentStatus.MISMATCH
                await uow.audit.add(
                    system_entry(
                        "payment_mismatch",
                        "payment",
                        payment.id,
                        now,
                        got_minor=c.amount_minor,
                        got_currency=c.currency,
                    )
                )
                await self._save(uow, payment, now)
                return ConfirmationOutcome(payment.book_id, payment.user_id, False, False)
            payment.provider_payment_id = c.payment_id
            if c.paid:
                payment.status, payment.confirmed_at = PaymentStatus.PAID, now
                await self._unlock(uow, payment, now)
            else:
                payment.status = PaymentStatus.FAILED
            action = "payment_confirmed" if c.paid else "payment_declined"
            await uow.audit.add(
                system_entry(action, "payment", payment.id, now, event_id=c.event_id)
            )
            await self._save(uow, payment, now)
        return ConfirmationOutcome(payment.book_id, payment.user_id, c.paid, True)

    async def _unlock(self, uow: UnitOfWork, payment: Payment, now: datetime) -> None:
        if payment.book_id is None:
            return
        book = await uow.books.get_for_update(payment.book_id)
        if book is None or book.status is not BookStatus.PAYMENT_PENDING:
            return
        book.mark_paid(now)
        await uow.books.save(book)
        await uow.audit.add(book_status_entry(book.id, "PAYMENT_PENDING", "PAID", now))

    @staticmethod
    async def _save(uow: UnitOfWork, payment: Payment, now: datetime) -> None:
        payment.updated_at = now
        await uow.payments.save(payment)
        await uow.commit()

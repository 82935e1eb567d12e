"""Settling payments exactly once, whichever of callback, return, webhook or sweep comes first.

Every path asks the provider itself (`refresh`) and applies its answer in one transaction with
the payment row locked; the status only moves forward, so a second path finds nothing to do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime

from domain.audit import book_status_entry, system_entry
from domain.books import BookStatus
from domain.errors import InvalidTransition, NotFound
from domain.in_chat import PROVIDER as IN_CHAT
from domain.in_chat import InChatReport
from domain.payments import (
    PAYABLE,
    Payment,
    PaymentStatus,
    ProviderConfirmation,
    ProviderState,
)
from domain.ports import Clock
from domain.repositories import UnitOfWork, UnitOfWorkFactory
from domain.services.payments import PaymentService

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Settled:
    """What applying a provider's answer changed. `news` is what the parent must be told
    (paid | declined | refunded), None when nothing new happened."""

    payment_id: str | None
    book_id: str | None
    user_id: str | None
    news: str | None
    key: str = ""  # unique per piece of news: the parent hears each exactly once
    amount: str = ""  # the payment's amount, for display


NOTHING = Settled(None, None, None, None)


class PaymentSettlement:
    def __init__(self, payments: PaymentService, uow_factory: UnitOfWorkFactory, clock: Clock):
        self._payments = payments
        self._uow_factory = uow_factory
        self._clock = clock

    async def refresh(self, payment_id: str, source: str) -> Settled:
        """Ask the provider about this payment and apply the answer."""
        payment = await self._payments.get(payment_id)
        if payment is None or payment.provider_order_id is None:
            return NOTHING
        if payment.status not in PAYABLE:
            return NOTHING  # settled before: no need to ask
        if payment.provider == IN_CHAT:
            return NOTHING  # only WhatsApp's own payment status, confirmed, settles it
        state = await self._payments.gateway(payment.provider).check(payment.provider_order_id)
        return await self.apply(payment_id, state, source)

    async def confirm(self, c: ProviderConfirmation) -> Settled:
        """A verified sandbox confirmation (the sandbox has no API to ask)."""
        payment = await self._payments.order(c.provider, c.order_id)
        if payment is None:
            logger.warning("confirmation for an unknown order", extra={"provider": c.provider})
            return NOTHING
        state = ProviderState(
            order_id=c.order_id, status="paid" if c.paid else "failed",
            payment_id=c.payment_id, amount_minor=c.amount_minor, currency=c.currency,
        )  # fmt: skip
        return await self.apply(payment.id, state, f"webhook:{c.event_id}")

    async def confirm_in_chat(self, report: InChatReport, source: str) -> Settled:
        """A verified WhatsApp payment status. A failed attempt is applied as reported (it can
        only mark the payment declined; the parent may try again). A capture unlocks only
        when WhatsApp's payments lookup agrees: captured, same amount and currency."""
        payment = await self._payments.get(report.reference_id)
        if payment is None or payment.provider != IN_CHAT or payment.provider_order_id is None:
            logger.warning("payment status for no in-chat order of ours")
            return NOTHING
        if payment.status not in PAYABLE:
            return NOTHING
        if report.failed:
            attempt = report.gateway_payment_id or report.transaction_id
            return await self.declined(payment.id, attempt, source)
        if not report.captured:
            return NOTHING  # pending: the parent has not finished paying
        state = await self._payments.gateway(IN_CHAT).check(payment.id)  # the reference id
        state = replace(state, order_id=payment.provider_order_id)
        if state.status != "paid":
            logger.warning(
                "whatsapp reported a capture its lookup does not confirm",
                extra={"payment_id": payment.id, "lookup": state.status},
            )
            return NOTHING
        return await self.apply(payment.id, state, source)

    async def declined(
        self, payment_id: str, provider_payment_id: str | None, source: str
    ) -> Settled:
        """A verified report of a declined attempt. Asking the provider would show the link
        still open (the parent may try again), so the signed report itself is applied: it can
        only ever move an open payment to FAILED, never unlock or undo anything."""
        payment = await self._payments.get(payment_id)
        if payment is None or payment.provider_order_id is None:
            return NOTHING
        state = ProviderState(
            order_id=payment.provider_order_id, status="failed", payment_id=provider_payment_id
        )
        return await self.apply(payment_id, state, source)

    async def apply(self, payment_id: str, state: ProviderState, source: str) -> Settled:
        now = self._clock.now()
        async with self._uow_factory() as uow:
            payment = await uow.payments.get_for_update(payment_id)
            if payment is None or payment.provider_order_id != state.order_id:
                return NOTHING
            if payment.status not in PAYABLE:
                return NOTHING
            settled = await self._transition(uow, payment, state, source, now)
            payment.updated_at = now
            await uow.payments.save(payment)
            await uow.commit()
        return settled

    async def _transition(
        self, uow: UnitOfWork, payment: Payment, state: ProviderState, source: str, now: datetime
    ) -> Settled:
        def told(news: str | None, key: str) -> Settled:
            return Settled(payment.id, payment.book_id, payment.user_id, news, key)

        if state.status == "paid":
            expected = (payment.amount.amount_minor, payment.amount.currency)
            payment.provider_payment_id = state.payment_id
            if (state.amount_minor, state.currency) != expected:
                payment.status = PaymentStatus.MISMATCH
                await uow.audit.add(
                    system_entry(
                        "payment_mismatch", "payment", payment.id, now, source=source,
                        got_minor=state.amount_minor, got_currency=state.currency,
                    )
                )  # fmt: skip
                if self._payments.single_attempt(payment.provider):
                    # Told like a decline: the next attempt is a new order at the right price.
                    return told("mismatch", f"payment:{payment.id}:mismatch")
                return told(None, "")  # a support matter (the console lists mismatches)
            payment.status, payment.confirmed_at = PaymentStatus.PAID, now
            await self._unlock(uow, payment, now)
            await uow.audit.add(
                system_entry("payment_confirmed", "payment", payment.id, now, source=source)
            )
            return told("paid", f"payment:{payment.id}:paid")
        if state.status == "failed" and payment.status is not PaymentStatus.FAILED:
            payment.status = PaymentStatus.FAILED
            await uow.audit.add(
                system_entry("payment_declined", "payment", payment.id, now, source=source)
            )
            return told("declined", f"payment:{payment.id}:declined:{state.payment_id}")
        if state.status == "expired" and payment.status is not PaymentStatus.EXPIRED:
            payment.status = PaymentStatus.EXPIRED
            await uow.audit.add(
                system_entry("payment_expired", "payment", payment.id, now, source=source)
            )
        return told(None, "")

    @staticmethod
    async def _unlock(uow: UnitOfWork, payment: Payment, now: datetime) -> None:
        if payment.book_id is None:
            return
        book = await uow.books.get_for_update(payment.book_id)
        if book is None or book.status is not BookStatus.PAYMENT_PENDING:
            return
        book.mark_paid(now)
        await uow.books.save(book)
        await uow.audit.add(book_status_entry(book.id, "PAYMENT_PENDING", "PAID", now))

    async def payment(self, payment_id: str) -> Payment | None:
        return await self._payments.get(payment_id)

    async def refund(self, payment_id: str, reason: str, actor: str) -> Settled:
        """A support person refunds a paid payment in full at the provider."""
        payment = await self._payments.get(payment_id)
        if payment is None:
            raise NotFound("no such payment")
        if payment.status is not PaymentStatus.PAID:
            raise InvalidTransition(f"a {payment.status} payment cannot be refunded")
        refund_id = await self._payments.gateway(payment.provider).refund(payment, reason)
        return await self.refunded(payment_id, refund_id, f"console:{actor}", reason)

    async def refunded(self, payment_id: str, refund_id: str, source: str, reason: str) -> Settled:
        """Mark a payment refunded once (the console's refund, or the provider's event)."""
        now = self._clock.now()
        async with self._uow_factory() as uow:
            payment = await uow.payments.get_for_update(payment_id)
            if payment is None or payment.status is not PaymentStatus.PAID:
                return NOTHING
            payment.status, payment.updated_at = PaymentStatus.REFUNDED, now
            await uow.payments.save(payment)
            await uow.audit.add(
                system_entry(
                    "payment_refunded", "payment", payment.id, now,
                    source=source, refund_id=refund_id, reason=reason,
                )
            )  # fmt: skip
            await uow.commit()
        key = f"payment:{payment.id}:refund"
        amount = payment.amount.display()
        return Settled(payment.id, payment.book_id, payment.user_id, "refunded", key, amount)

"""Paying inside WhatsApp: the order_details message (a job, idempotent by our payment id),
the fallback to the Razorpay link when WhatsApp refuses it, and order_status updates.

Settling is PaymentSettlement's (`confirm_in_chat`): WhatsApp's payment status and its
lookup must agree before anything unlocks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from domain.audit import system_entry
from domain.errors import InvalidTransition, NotFound
from domain.in_chat import PROVIDER, InChatGateway, OrderRefused, OrderRequest, OrderUpdate
from domain.payments import PAYABLE, Payment
from domain.ports import Clock
from domain.repositories import UnitOfWorkFactory
from domain.services.payments import PaymentService

logger = logging.getLogger(__name__)
FALLBACK_PROVIDER = "razorpay"


@dataclass(frozen=True, slots=True)
class Offered:
    """What the order job did: `in_chat` (the order is in the chat) or `link` (WhatsApp
    refused it: the payment is now a Razorpay link), with WhatsApp's code and reason."""

    how: str
    code: int | None = None
    reason: str = ""


class InChatPayments:
    def __init__(self, payments: PaymentService, uow_factory: UnitOfWorkFactory, clock: Clock):
        self._payments = payments
        self._uow_factory = uow_factory
        self._clock = clock
        self._checkout: InChatGateway | None = None

    def use(self, checkout: InChatGateway | None) -> None:
        """Installed by the WhatsApp channel when WHATSAPP_PAYMENT_CONFIGURATION is set."""
        self._checkout = checkout
        self._payments.use_in_chat(checkout)

    @property
    def checkout(self) -> InChatGateway:
        if self._checkout is None:
            raise NotFound("in-chat payments are not configured")
        return self._checkout

    async def offer(
        self,
        payment_id: str,
        body: str,
        footer: str,
        beneficiary: dict[str, str] | None = None,
    ) -> Offered:
        """The order job: send the order_details message once. A retry first asks WhatsApp
        whether the order exists (a reference id can be sent only once)."""
        payment, title, wa_id = await self._load(payment_id)
        if payment.provider != PROVIDER:  # refused before: the link is the way to pay
            await self._payments.create_link(payment_id)
            return Offered("link")
        if payment.provider_order_id is not None:
            return Offered("in_chat")
        if payment.status not in PAYABLE:
            raise InvalidTransition(f"a {payment.status} payment needs no order")
        if self._checkout is None:  # turned off since the payment began: the link serves
            return await self._fall_back(payment_id, OrderRefused(0, "in-chat payment is off"))
        if wa_id is None:
            raise NotFound("the parent has no WhatsApp number")
        order = OrderRequest(
            reference_id=payment.id,
            to=wa_id,
            goods="physical-goods" if beneficiary is not None else "digital-goods",
            item_name=title,
            amount=payment.amount,
            body=body,
            footer=footer,
            notes={"payment_id": payment.id, "book_id": payment.book_id or ""},
            beneficiary=beneficiary,
        )
        wamid = None
        if await self.checkout.lookup(payment.id) is None:
            try:
                wamid = await self.checkout.send_order(order)
            except OrderRefused as refusal:
                return await self._fall_back(payment_id, refusal)
        await self._offered(payment_id, wamid)
        return Offered("in_chat")

    async def _load(self, payment_id: str) -> tuple[Payment, str, str | None]:
        async with self._uow_factory() as uow:
            payment = await uow.payments.get(payment_id)
            if payment is None:
                raise NotFound("no such payment")
            book = await uow.books.get(payment.book_id) if payment.book_id else None
            parent = await uow.parents.get(payment.user_id) if payment.user_id else None
        title = (book.title if book is not None else None) or "Your storybook"
        return payment, title, parent.wa_id if parent is not None else None

    async def _offered(self, payment_id: str, wamid: str | None) -> None:
        now = self._clock.now()
        async with self._uow_factory() as uow:
            payment = await uow.payments.get_for_update(payment_id)
            assert payment is not None
            if payment.provider_order_id is None:
                # The order message's wamid: a late refusal (a failed status) finds it by it.
                payment.provider_order_id, payment.updated_at = wamid or payment.id, now
                await uow.payments.save(payment)
                await uow.audit.add(
                    system_entry(
                        "in_chat_order_sent", "payment", payment_id, now, wamid=wamid,
                        amount_minor=payment.amount.amount_minor,
                        currency=payment.amount.currency,
                    )
                )  # fmt: skip
                await uow.commit()

    async def _fall_back(self, payment_id: str, refusal: OrderRefused) -> Offered:
        """WhatsApp refused the order: the same payment becomes a Razorpay link at once."""
        logger.warning(
            "whatsapp refused the in-chat order; sending the payment link",
            extra={"payment_id": payment_id, "code": refusal.code, "reason": refusal.reason},
        )
        now = self._clock.now()
        async with self._uow_factory() as uow:
            payment = await uow.payments.get_for_update(payment_id)
            assert payment is not None
            if payment.provider == PROVIDER and payment.status in PAYABLE:
                payment.provider, payment.updated_at = FALLBACK_PROVIDER, now
                payment.provider_order_id = None  # the link job sets the link's
                await uow.payments.save(payment)
                await uow.audit.add(
                    system_entry(
                        "in_chat_order_refused", "payment", payment_id, now,
                        code=refusal.code, reason=refusal.reason,
                    )
                )  # fmt: skip
                await uow.commit()
        await self._payments.create_link(payment_id)
        return Offered("link", refusal.code, refusal.reason)

    async def undeliverable(
        self, wamid: str, code: int, reason: str
    ) -> tuple[Payment, Offered] | None:
        """WhatsApp accepted the order message but could not deliver it (a failed status with
        a refusal code): the link takes its place. None if the wamid is no open order's."""
        async with self._uow_factory() as uow:
            payment = await uow.payments.by_order_for_update(PROVIDER, wamid)
        if payment is None or payment.status not in PAYABLE:
            return None  # not an order of ours, or handled before
        offered = await self._fall_back(payment.id, OrderRefused(code, reason))
        return payment, offered

    async def update_for_book(self, book_id: str, status: str, body: str) -> str | None:
        """The same, for the order that bought a book (a printed book's shipping news)."""
        async with self._uow_factory() as uow:
            payment = await uow.payments.paid_for_book(book_id)
        if payment is None or payment.provider != PROVIDER:
            return None
        return await self.update(payment.id, status, body)

    async def update(self, payment_id: str, status: str, body: str) -> str | None:
        """An order_status message for a paid in-chat order (processing, shipped, completed)."""
        payment, _title, wa_id = await self._load(payment_id)
        if payment.provider != PROVIDER or wa_id is None:
            return None  # paid through the link: there is no order in the chat to update
        update = OrderUpdate(reference_id=payment.id, to=wa_id, status=status, body=body)
        wamid = await self.checkout.send_status(update)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            await uow.audit.add(
                system_entry(
                    "in_chat_order_status", "payment", payment_id, now, status=status, wamid=wamid
                )
            )
            await uow.commit()
        return wamid

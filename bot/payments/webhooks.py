"""Verified provider news -> exactly-once settlement -> the parent's conversation.

Webhooks are recorded (deduplicated on the provider's event id) together with the job that
applies them, in one transaction, and acknowledged; the job then settles the payment off the
request path by asking the provider itself. A process that dies after the ack leaves the job,
which a live process takes over (and a provider's retry of an event never applied applies it).
Whatever path settles a payment first tells the parent; the inbox key per piece of news makes a
second telling impossible.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

from bot.conversation.turns import TurnRunner
from domain.audit import AuditEntry
from domain.conversation import ChatSessions
from domain.in_chat import PROVIDER as IN_CHAT
from domain.in_chat import InChatReport
from domain.jobs import PAYMENT_EVENT
from domain.payments import ProviderConfirmation
from domain.ports import IdFactory
from domain.services.in_chat_payments import InChatPayments
from domain.services.payment_settlement import PaymentSettlement, Settled
from domain.services.payments import PaymentService
from flows.messages import Inbound, JobFinished, PaymentConfirmed, PaymentRefunded

logger = logging.getLogger(__name__)
Enqueue = Callable[[str], Awaitable[None]]


class PaymentWebhooks:
    def __init__(
        self,
        payments: PaymentService,
        settlement: PaymentSettlement,
        chat: ChatSessions,
        turns: TurnRunner,
        ids: IdFactory,
        enqueue: Enqueue,
        in_chat: InChatPayments | None = None,
    ) -> None:
        self._in_chat = in_chat
        self._payments = payments
        self.settlement = settlement
        self._chat = chat
        self._turns = turns
        self._ids = ids
        self._enqueue = enqueue

    async def accept(self, confirmation: ProviderConfirmation, event_type: str, raw: bytes) -> bool:
        """The sandbox webhook: record it with its application (dedupe); apply after the ack."""
        c = confirmation
        work = {"action": "confirm", "confirmation": asdict(c)}
        return await self._record(c.provider, c.event_id, event_type, raw, work)

    async def accept_event(
        self,
        provider: str,
        event_id: str,
        event_type: str,
        raw: bytes,
        payment_id: str | None,
        declined: str | None = None,
    ) -> bool:
        """A real provider's verified webhook about one of our payments: record it (dedupe),
        then ask the provider and settle after the ack. `declined` (the provider's id of a
        declined attempt) reports a failure instead. False for a duplicate delivery."""
        if payment_id is None:
            if not await self._payments.record_event(provider, event_id, event_type, raw):
                return False
            await self._payments.event_processed(provider, event_id, "not about a payment of ours")
            return True
        work: dict[str, Any] = {"action": "refresh", "payment_id": payment_id}
        if declined is not None:
            work = {"action": "declined", "payment_id": payment_id, "declined": declined}
        return await self._record(provider, event_id, event_type, raw, work)

    async def refunded_by_provider(
        self,
        provider: str,
        event_id: str,
        event_type: str,
        raw: bytes,
        payment_id: str,
        refund_id: str,
    ) -> bool:
        work = {"action": "refunded", "payment_id": payment_id, "refund_id": refund_id}
        return await self._record(provider, event_id, event_type, raw, work)

    async def _record(
        self, provider: str, event_id: str, event_type: str, raw: bytes, work: dict[str, Any]
    ) -> bool:
        """Keep the event and the job that applies it in one transaction, then queue the job
        (should the queue be away, the job sweep queues it)."""
        job_id = self._ids()
        payload = {"provider": provider, "event_id": event_id, "event_type": event_type, **work}
        job = (job_id, PAYMENT_EVENT, payload)
        if not await self._payments.record_event(provider, event_id, event_type, raw, job):
            return False
        try:
            await self._enqueue(job_id)
        except Exception as exc:
            logger.warning("payment event job not queued yet", extra={"error": type(exc).__name__})
        return True

    async def apply_recorded(self, payload: dict[str, Any]) -> None:
        """The job's work: settle what the event reported, tell the parent, mark it applied.
        Every step is idempotent (payments only move forward, news is told once per key), so
        applying an event twice changes nothing."""
        provider, event_id = payload["provider"], payload["event_id"]
        error = None
        try:
            await self.tell(await self._settle(payload))
        except Exception as exc:  # the reconciliation sweep asks again later
            logger.exception("payment event failed", extra={"provider": provider})
            error = f"{type(exc).__name__}: {exc}"[:2000]
        await self._payments.event_processed(provider, event_id, error)

    async def in_chat_status(self, report: InChatReport, event_id: str, raw: bytes) -> Settled:
        """A WhatsApp payment status (already deduplicated at the ack, where Meta's
        redeliveries stop): kept, settled with WhatsApp's lookup, the parent told. It runs
        in the drainer, so a failure (the lookup down) leaves the status to be handled again."""
        event_id = event_id[:128]
        await self._payments.record_event(IN_CHAT, event_id, report.status, raw)
        settled = await self.settlement.confirm_in_chat(report, f"whatsapp:{event_id}")
        await self.tell(settled)
        await self._payments.event_processed(IN_CHAT, event_id, None)
        return settled

    async def in_chat_undeliverable(self, wamid: str, code: int, reason: str) -> None:
        """WhatsApp could not deliver an order message (a failed status): the parent gets the
        payment link instead, as if the order job had been refused."""
        if self._in_chat is None:
            return
        found = await self._in_chat.undeliverable(wamid, code, reason)
        if found is None or not found[0].user_id:
            return
        payment, offered = found
        sessions = await self._chat.sessions_of_user(payment.user_id or "")
        if sessions:
            how = f"{offered.how}:{offered.code}:{offered.reason}"[:300]
            event = JobFinished("order_details", True, subject_id=how)
            await self._turns.post(sessions[0].id, event, key=f"payment:{payment.id}:undelivered")

    async def _settle(self, p: dict[str, Any]) -> Settled:
        source, action = f"webhook:{p['event_id']}", p["action"]
        if action == "confirm":
            return await self.settlement.confirm(ProviderConfirmation(**p["confirmation"]))
        if action == "declined":
            return await self.settlement.declined(p["payment_id"], p["declined"], source)
        if action == "refunded":
            return await self.settlement.refunded(
                p["payment_id"], p["refund_id"], source, p["event_type"]
            )
        return await self.settlement.refresh(p["payment_id"], source)

    async def settle_now(self, payment_id: str, source: str) -> Settled:
        """Callback, return page and sweep: ask the provider, settle, tell the parent."""
        settled = await self.settlement.refresh(payment_id, source)
        await self.tell(settled)
        return settled

    async def refund(self, payment_id: str, reason: str, agent: str, audit: AuditEntry) -> Settled:
        """A support person's refund: at the provider, then recorded, then the parent told."""
        settled = await self.settlement.refund(payment_id, reason, agent)
        await self.tell(settled, audit)
        return settled

    async def tell(self, settled: Settled, audit: AuditEntry | None = None) -> None:
        """Post the news into the parent's conversation, once per key."""
        if settled.news is None or not settled.book_id or not settled.user_id:
            return
        sessions = await self._chat.sessions_of_user(settled.user_id)
        if not sessions:
            return
        event: Inbound = (
            PaymentRefunded(settled.book_id, settled.amount)
            if settled.news == "refunded"
            else PaymentConfirmed(settled.book_id, settled.news == "paid")
        )
        await self._turns.post(sessions[0].id, event, key=settled.key, audit=audit)

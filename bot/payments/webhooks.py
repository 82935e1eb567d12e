"""Verified provider confirmations -> exactly-once unlock -> the parent's conversation."""

from __future__ import annotations

import logging

from bot.conversation.background import BackgroundTasks
from bot.conversation.turns import TurnRunner
from domain.conversation import ChatSessions
from domain.payments import ProviderConfirmation
from domain.services.payments import PaymentService
from flows.messages import PaymentConfirmed

logger = logging.getLogger(__name__)


class PaymentWebhooks:
    def __init__(
        self,
        payments: PaymentService,
        chat: ChatSessions,
        turns: TurnRunner,
        background: BackgroundTasks,
    ) -> None:
        self._payments = payments
        self._chat = chat
        self._turns = turns
        self._background = background

    async def accept(self, confirmation: ProviderConfirmation, event_type: str, raw: bytes) -> bool:
        """Record the event (dedupe on provider + event id) and process it after the ack.
        Returns False for a duplicate delivery."""
        c = confirmation
        if not await self._payments.record_event(c.provider, c.event_id, event_type, raw):
            return False
        self._background.spawn(self._process(c), name=f"payment:{c.provider}:{c.event_id}")
        return True

    async def _process(self, c: ProviderConfirmation) -> None:
        error = None
        try:
            outcome = await self._payments.confirm(c)
            if outcome.settled and outcome.book_id and outcome.user_id:
                sessions = await self._chat.sessions_of_user(outcome.user_id)
                if sessions:
                    event = PaymentConfirmed(outcome.book_id, outcome.paid)
                    key = f"payment:{c.provider}:{c.order_id}"
                    await self._turns.post(sessions[0].id, event, key=key)
        except Exception as exc:
            logger.exception("payment event failed", extra={"provider": c.provider})
            error = f"{type(exc).__name__}: {exc}"
        await self._payments.event_processed(c.provider, c.event_id, error)

"""The reconciliation sweep: a payment still open some minutes after its link was made is
settled by asking its provider, so a lost or disabled webhook never loses a sale."""

from __future__ import annotations

import asyncio
import logging

from bot.payments.webhooks import PaymentWebhooks
from domain.services.payments import PaymentService

logger = logging.getLogger(__name__)


class PaymentReconciler:
    def __init__(
        self,
        payments: PaymentService,
        hooks: PaymentWebhooks,
        *,
        after_seconds: float,
        every_seconds: float,
    ) -> None:
        self._payments = payments
        self._hooks = hooks
        self._after = after_seconds
        self._every = every_seconds

    async def sweep(self) -> int:
        """Ask about every open payment old enough; returns how many settled news it found."""
        found = 0
        for provider in self._payments.providers:
            if provider == "sandbox":
                continue  # its answers arrive only through its own page
            for payment_id in await self._payments.unsettled(provider, self._after):
                try:
                    settled = await self._hooks.settle_now(payment_id, "reconcile")
                except Exception as exc:  # one provider hiccup must not stop the sweep
                    logger.warning(
                        "reconciling a payment failed",
                        extra={"payment_id": payment_id, "error": type(exc).__name__},
                    )
                    continue
                found += settled.news is not None
        return found

    async def run(self) -> None:
        while True:
            try:
                found = await self.sweep()
                if found:
                    logger.info("reconciliation settled payments", extra={"count": found})
            except Exception:
                logger.exception("payment reconciliation failed")
            await asyncio.sleep(self._every)

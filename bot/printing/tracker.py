"""The print tracker: webhooks can be lost or switched off (Lulu turns a webhook off after 5
failed deliveries), so open print orders are asked about periodically, and NEW ones whose
submission failed are submitted again (the partner finds the job by our id if it made one)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from bot.printing.news import PrintNewsTeller
from domain.ports import Clock
from domain.printing import PrintStatus
from domain.services.printing import PrintService

logger = logging.getLogger(__name__)


class PrintTracker:
    def __init__(
        self,
        printing: PrintService,
        teller: PrintNewsTeller,
        clock: Clock,
        *,
        every_seconds: float,
        submit_after: timedelta = timedelta(seconds=60),
    ) -> None:
        self._printing = printing
        self._teller = teller
        self._clock = clock
        self._every = every_seconds
        self._submit_after = submit_after  # the job that wrote it is probably still submitting

    async def sweep(self) -> int:
        """Ask about every unfinished order; returns how many brought news."""
        told = 0
        now = self._clock.now()
        for order_id in await self._printing.store.waiting(self._printing.provider):
            order = await self._printing.store.get(order_id)
            if order is None:
                continue
            if order.status is PrintStatus.NEW and now - order.updated_at < self._submit_after:
                continue
            try:
                news = await self._printing.refresh(order_id, "poll")
            except Exception as exc:  # one order's trouble must not stop the sweep
                logger.warning(
                    "asking about a print order failed",
                    extra={"order_id": order_id, "error": type(exc).__name__},
                )
                continue
            await self._teller.tell(news)
            told += news is not None
        return told

    async def run(self) -> None:
        while True:
            try:
                await self.sweep()
            except Exception:
                logger.exception("the print tracker's sweep failed")
            await asyncio.sleep(self._every)

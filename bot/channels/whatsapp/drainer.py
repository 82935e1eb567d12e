"""The worker side of the ack: claim the kept items in arrival order, handle them (statuses,
messages with their parents and sessions), mark them, and hand each touched session to the
turn runner once. Runs where jobs are consumed; one drainer at a time across processes keeps
each parent's items in order, and within a batch different parents run concurrently."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Protocol

from adapters.whatsapp.payload import WaMessage, WaStatus, load_item
from adapters.whatsapp.payments import WaPayment
from bot.channels.whatsapp.inbox import WhatsAppInbox
from bot.channels.whatsapp.signal import DrainSignal
from bot.conversation.ack_first import AckFirst
from domain.errors import LockTimeout
from domain.ports import Locker
from domain.whatsapp_records import ClaimedItem, DeliveryQueue

logger = logging.getLogger(__name__)
LOCK = "wa:drain"
LEASE_SECONDS = 60.0  # a drainer that dies leaves its batch to the next one after this
# Claimed at once: a burst's parents each get more of their lines per queued turn (1000 drained
# 450 -> 560 turns/s in bench_whatsapp_ack with serve + 1 worker, against 200).
BATCH = 1000
CONCURRENCY = 8  # parents handled at once (each takes a pooled connection)
MAX_ATTEMPTS = 5  # an item that fails this often is set aside (kept, with its error)
KEEP_HANDLED = timedelta(days=7)  # Meta redelivers for up to 7 days
RETRY_SECONDS = 1.0


class SessionQueue(Protocol):
    async def process_later(self, session_id: str, reply_to: str | None = None) -> None: ...


Parsed = tuple[ClaimedItem, WaMessage | WaStatus | WaPayment]


class InboxDrainer:
    def __init__(
        self,
        deliveries: DeliveryQueue,
        inbox: WhatsAppInbox,
        queue: SessionQueue,
        locker: Locker,
        signal: DrainSignal,
        priority: AckFirst,
    ) -> None:
        self._priority = priority  # in a serve that drains too, its acks come first
        self._deliveries = deliveries
        self._inbox = inbox
        self._queue = queue
        self._locker = locker
        self._signal = signal
        self._limit = asyncio.Semaphore(CONCURRENCY)

    async def run(self) -> None:
        """Drain at start (what a previous process left), then whenever signalled. While
        another drainer holds the lock, look again shortly: its last claim may have missed an
        item kept just after it."""
        while True:
            self._signal.event.clear()  # an ack during the drain sets it again: drain again
            try:
                finished = await self.drain()
            except Exception:
                logger.exception("draining whatsapp items failed; retrying")
                finished = False
            if finished:
                await self._signal.event.wait()
            else:
                await asyncio.sleep(RETRY_SECONDS)

    async def drain(self) -> bool:
        """Handle every kept item nobody holds, a batch per turn of the lock (one drainer at a
        time keeps each parent's items in order). False if another drainer had the lock."""
        while True:
            try:
                async with (
                    self._priority.turn(),
                    self._locker.lock(LOCK, ttl=LEASE_SECONDS, wait=0),
                ):
                    batch = await self._deliveries.claim(BATCH, LEASE_SECONDS)
                    if not batch:
                        return True
                    await self._handle(batch)
            except LockTimeout:
                return False

    async def sweep(self, older_than: timedelta) -> int:
        """The stranded sweep's part: items acked long ago and never drained (their process
        died after the ack, or its drainer mid-batch), drained now; old handled ones pruned."""
        stranded = await self._deliveries.stranded(older_than)
        if stranded:
            await self.drain()  # or the drainer holding the lock takes them
        await self._deliveries.prune(KEEP_HANDLED)
        return stranded

    async def _handle(self, batch: list[ClaimedItem]) -> None:
        usable: list[Parsed] = []
        unusable: list[int] = []
        for item in batch:
            parsed = _parsed(item)
            if parsed is None:
                logger.warning("whatsapp item set aside", extra={"item_id": item.id})
                unusable.append(item.id)
            else:
                usable.append((item, parsed))
        sessions: dict[str, str | None] = {}  # session -> its newest new message
        recorded, rest = await self._record_together(usable, sessions)
        groups: dict[str, list[Parsed]] = {}
        for item, parsed in rest:
            groups.setdefault(_order_key(parsed), []).append((item, parsed))
        done = await asyncio.gather(*(self._group(g, sessions) for g in groups.values()))
        await self._deliveries.processed(recorded + [item_id for ids in done for item_id in ids])
        await self._deliveries.processed(unusable, set_aside="unusable")
        # All at once: one by one, each kick would wait its turn in an event loop that is busy
        # running turns, and the drain would go no faster than the turns it feeds.
        await asyncio.gather(*(self._queue_session(sid, new) for sid, new in sessions.items()))

    async def _queue_session(self, session_id: str, reply_to: str | None) -> None:
        try:
            await self._queue.process_later(session_id, reply_to)
        except Exception:  # recorded: the stranded-inbox sweep queues it again
            logger.warning("could not queue a session", extra={"session_id": session_id})

    async def _record_together(
        self, usable: list[Parsed], sessions: dict[str, str | None]
    ) -> tuple[list[int], list[Parsed]]:
        """The batch's messages recorded in one transaction (the burst's first contacts are
        most of them); what is left (statuses, or every item when that could not be done) goes
        one by one. Returns the item ids recorded and the items left."""
        messages = [(item, parsed) for item, parsed in usable if isinstance(parsed, WaMessage)]
        if not messages:
            return [], usable
        try:
            touched = await self._inbox.record_messages([parsed for _, parsed in messages])
        except Exception:
            logger.warning("recording a batch failed; one by one instead", exc_info=True)
            touched = None
        if touched is None:
            return [], usable
        for found in touched:
            if found is not None:
                sessions[found.session_id] = found.new_message_id or sessions.get(found.session_id)
        others: list[Parsed] = [(i, p) for i, p in usable if not isinstance(p, WaMessage)]
        return [item.id for item, _ in messages], others

    async def _group(self, items: list[Parsed], sessions: dict[str, str | None]) -> list[int]:
        """One parent's items in order; a failure stops the rest of them (kept, retried in
        order when the lease runs out)."""
        handled: list[int] = []
        for item, parsed in items:
            try:
                async with self._limit:
                    touched = await self._inbox.handle(parsed)
            except Exception as exc:
                logger.warning("whatsapp item failed", extra={"item_id": item.id}, exc_info=True)
                await self._deliveries.failed(item.id, f"{type(exc).__name__}: {exc}")
                break
            handled.append(item.id)
            if touched is not None:
                session_id, new = touched
                sessions[session_id] = new or sessions.get(session_id)
        return handled


def _parsed(item: ClaimedItem) -> WaMessage | WaStatus | WaPayment | None:
    """A kept item as a message, status or payment; None when it can never be handled (a
    poison item must not hold up the batch it was claimed with, nor the drainer)."""
    if item.attempts > MAX_ATTEMPTS:
        return None
    try:
        return load_item(item.kind, item.raw)
    except Exception:
        logger.warning("whatsapp item unreadable", extra={"item_id": item.id}, exc_info=True)
        return None


def _order_key(item: WaMessage | WaStatus | WaPayment) -> str:
    """Items that must stay in order: a parent's messages (by the number, which survives a
    re-key), a sent message's statuses, an in-chat order's payment statuses."""
    if isinstance(item, WaPayment):
        return f"payment:{item.reference_id}"
    if isinstance(item, WaStatus):
        return f"status:{item.message_id}"
    return f"parent:{item.wa_id or item.sender}"

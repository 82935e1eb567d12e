"""Printed books: the cost check before payment, the print order after it, and its progress.

The partner is called by jobs and the tracker only, never in a turn. A print order is written
once per book (unique on the book) and submitted with our order id as the partner's
`external_id`: a retry after a lost answer finds the job made before. Reports (webhooks, polls)
only move an order forward, and each piece of news for the parent has its own key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from domain.audit import AuditEntry, system_entry
from domain.books import Fulfilment
from domain.errors import NotFound
from domain.ports import Clock, FileLinks, IdFactory, Locker
from domain.printing import (
    NEWS,
    PROBLEMS,
    PrintAddress,
    PrintJobRequest,
    PrintJobState,
    PrintOrder,
    PrintOrderStore,
    PrintPartner,
    PrintPartnerError,
    PrintQuote,
    PrintRefused,
    PrintStatus,
    moves_forward,
    order_id_of,
)
from domain.repositories import UnitOfWorkFactory
from domain.services.assets import AssetStore

logger = logging.getLogger(__name__)
SUBMIT_LOCK_SECONDS = 180.0  # longer than a look-up plus a create call with their timeouts
BASE_PAGES = 16  # cover, title, dedication, 12 story pages, ending: what any book has


@dataclass(frozen=True, slots=True)
class PrintNews:
    """What the parent hears about a print order, once per `key`."""

    order_id: str
    book_id: str
    user_id: str | None
    news: str  # printing | shipped | problem
    carrier: str = ""
    tracking_url: str = ""

    @property
    def key(self) -> str:
        return f"print:{self.order_id}:{self.news}"


@dataclass(frozen=True, slots=True)
class PrintSettings:
    contact_email: str
    link_ttl_seconds: int
    stuck_after: timedelta


def print_page_count(min_pages: int) -> int:
    """Pages of the printed interior: the partner's minimum, never fewer than a book has,
    rounded up to a multiple of 4 (the renderer pads with real pages the same way)."""
    target = max(min_pages, BASE_PAGES)
    return -(-target // 4) * 4


class PrintService:
    def __init__(
        self,
        store: PrintOrderStore,
        partner: PrintPartner,
        uow_factory: UnitOfWorkFactory,
        assets: AssetStore,
        links: FileLinks,
        count_pages: Callable[[bytes], int],
        clock: Clock,
        ids: IdFactory,
        settings: PrintSettings,
        *,
        locker: Locker | None = None,
    ) -> None:
        self.store = store
        self.partner = partner
        self._uow_factory = uow_factory
        self._assets = assets
        self._links = links
        self._count_pages = count_pages
        self.clock = clock
        self._ids = ids
        self.settings = settings
        self._locker = locker

    @property
    def provider(self) -> str:
        return self.partner.provider

    async def address(self, address_id: str) -> PrintAddress:
        address = await self.store.address(address_id)
        if address is None:
            raise NotFound("no such shipping address")
        return address

    async def quote(self, address_id: str) -> PrintQuote:
        """The partner's cost for this address (PrintRefused: it cannot ship there)."""
        address = await self.address(address_id)
        return await self.partner.quote(address, print_page_count(self.partner.min_pages))

    async def open_order(self, book_id: str, address_id: str | None) -> PrintOrder:
        """The book's print order (written once; a repeated job finds the same one)."""
        async with self._uow_factory() as uow:
            book = await uow.books.get(book_id)
        if book is None:
            raise NotFound("no such book")
        now = self.clock.now()
        order = PrintOrder(
            id=self._ids(), book_id=book_id, user_id=book.user_id,
            shipping_address_id=address_id, provider=self.provider, provider_order_id=None,
            status=PrintStatus.NEW, created_at=now, updated_at=now, status_changed_at=now,
        )  # fmt: skip
        return await self.store.open_order(order)

    async def open_order_for_book(
        self, book_id: str, address_id: str | None = None
    ) -> PrintOrder | None:
        """A paid printed book's order, to the address the parent confirmed last (None for a
        PDF-only book)."""
        async with self._uow_factory() as uow:
            book = await uow.books.get(book_id)
        if book is None or book.fulfilment is not Fulfilment.PRINT:
            return None
        address_id = address_id or await self.store.latest_address_id(book.user_id)
        return await self.open_order(book_id, address_id)

    async def submit(self, order_id: str, source: str = "job") -> PrintNews | None:
        """Send a NEW order to the partner (idempotent by our order id). One submission at a
        time per order (the job, the tracker of any process, the console): two at once could
        both look, find nothing and both create."""
        if self._locker is None:
            return await self._submit(order_id, source)
        async with self._locker.lock(f"print:submit:{order_id}", ttl=SUBMIT_LOCK_SECONDS,
                                     wait=SUBMIT_LOCK_SECONDS):  # fmt: skip
            return await self._submit(order_id, source)

    async def _submit(self, order_id: str, source: str) -> PrintNews | None:
        order = await self.store.get(order_id)
        if order is None:
            raise NotFound("no such print order")
        if order.status is not PrintStatus.NEW:
            return None  # submitted before
        try:
            request = await self._request(order)
            state = await self.partner.submit(request)
        except PrintRefused as exc:
            return await self._refused(order_id, exc.reason, source)
        except (PrintPartnerError, NotFound) as exc:
            await self._failed(order_id, str(exc), source)
            raise
        return await self.apply(order_id, state, source, page_count=request.page_count)

    async def _request(self, order: PrintOrder) -> PrintJobRequest:
        async with self._uow_factory() as uow:
            book = await uow.books.get(order.book_id)
            interior = await uow.assets.get(book.final_pdf_id or "") if book else None
            cover = await uow.assets.get(book.cover_pdf_id or "") if book else None
        if book is None or interior is None or cover is None:
            raise NotFound("the book's print files are not made yet")
        if order.shipping_address_id is None:
            raise NotFound("the print order has no shipping address")
        pages = order.page_count or self._count_pages(await self._assets.read(interior))
        ttl = self.settings.link_ttl_seconds
        return PrintJobRequest(
            external_id=order.external_id, title=book.title or "Storybook", page_count=pages,
            interior_url=self._links.url_for(interior, ttl),
            cover_url=self._links.url_for(cover, ttl),
            address=await self.address(order.shipping_address_id),
            contact_email=self.settings.contact_email,
        )  # fmt: skip

    async def _failed(self, order_id: str, error: str, source: str) -> None:
        now = self.clock.now()

        def note(order: PrintOrder) -> list[AuditEntry]:
            order.last_error, order.updated_at = error[:2000], now
            order.history.append(history_event(now, "submit_failed", source, error))
            return [
                system_entry("print_submit_failed", "print_order", order.id, now, error=error[:500])
            ]

        await self.store.change(order_id, note)

    async def _refused(self, order_id: str, reason: str, source: str) -> PrintNews | None:
        now = self.clock.now()
        told: list[PrintNews] = []

        def refuse(order: PrintOrder) -> list[AuditEntry]:
            if order.status is not PrintStatus.NEW:
                return []
            order.status, order.status_changed_at = PrintStatus.REJECTED, now
            order.last_error, order.updated_at = reason[:2000], now
            order.history.append(history_event(now, "REJECTED", source, reason))
            told.append(PrintNews(order.id, order.book_id, order.user_id, "problem"))
            return [
                system_entry("print_rejected", "print_order", order.id, now, reason=reason[:500])
            ]

        await self.store.change(order_id, refuse)
        return told[0] if told else None

    async def apply(
        self, order_id: str, state: PrintJobState, source: str, *, page_count: int | None = None
    ) -> PrintNews | None:
        """A partner's report about the order's job: applied if it moves the order forward."""
        now = self.clock.now()
        told: list[PrintNews] = []

        def update(order: PrintOrder) -> list[AuditEntry]:
            entries: list[AuditEntry] = []
            if order.provider_order_id is None:
                order.provider_order_id = state.job_id
                order.page_count = page_count or order.page_count
                order.last_error = None
                entries.append(
                    system_entry(
                        "print_submitted", "print_order", order.id, now,
                        provider=order.provider, job_id=state.job_id, source=source,
                    )
                )  # fmt: skip
            elif order.provider_order_id != state.job_id:
                return []  # about another job (an old one before a resubmission)
            if not moves_forward(order.status, state.status):
                return entries
            before = order.status
            order.status, order.status_changed_at, order.updated_at = state.status, now, now
            if state.status in PROBLEMS:
                order.last_error = state.message or state.status.value
            if state.tracking is not None:
                order.carrier, order.tracking_url = state.tracking.carrier, state.tracking.url
            order.history.append(history_event(now, state.status.value, source, state.message))
            entries.append(
                system_entry(
                    "print_status_changed", "print_order", order.id, now,
                    before=before.value, after=state.status.value, source=source,
                )
            )  # fmt: skip
            news = NEWS.get(state.status)
            if news is not None:
                told.append(
                    PrintNews(
                        order.id, order.book_id, order.user_id, news,
                        order.carrier or "", order.tracking_url or "",
                    )
                )  # fmt: skip
            return entries

        await self.store.change(order_id, update)
        return told[0] if told else None

    async def report(self, state: PrintJobState, source: str) -> PrintNews | None:
        """A webhook's report: found by the partner's job id, or by our external id."""
        order = await self.store.by_job(self.provider, state.job_id)
        if order is None and state.external_id:
            order = await self.store.get(order_id_of(state.external_id))
        if order is None:
            logger.warning("print report about an unknown job", extra={"job_id": state.job_id})
            return None
        return await self.apply(order.id, state, source)

    async def refresh(self, order_id: str, source: str = "poll") -> PrintNews | None:
        """Ask the partner about an order: submit a NEW one, read an open one."""
        order = await self.store.get(order_id)
        if order is None:
            return None
        if order.status is PrintStatus.NEW:
            return await self.submit(order_id, source)
        if order.provider_order_id is None:
            return None
        return await self.apply(order_id, await self.partner.job(order.provider_order_id), source)


def history_event(at: object, status: str, source: str, message: str) -> dict[str, str]:
    return {"at": str(at), "status": status, "source": source, "message": message[:300]}

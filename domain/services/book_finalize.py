"""After payment: render the print-ready interior and the cover spread from the chosen version."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from domain.audit import book_status_entry
from domain.books import BookStatus, Fulfilment, pdf_filename
from domain.errors import InvalidTransition, NotFound
from domain.ports import BookRenderer, Clock
from domain.repositories import UnitOfWorkFactory
from domain.services.assets import AssetStore
from domain.services.book_layout import load_layout
from domain.story_codec import book_text_from_dict

logger = logging.getLogger(__name__)
CoverSize = Callable[[int], Awaitable[tuple[float, float] | None]]


@dataclass(frozen=True, slots=True)
class FinalFiles:
    final_pdf_id: str
    cover_pdf_id: str


class BookFinalizer:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        renderer: BookRenderer,
        assets: AssetStore,
        clock: Clock,
        *,
        author: str = "Storybook",
        cover_size: CoverSize | None = None,
        print_renderer: BookRenderer | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._renderer = renderer
        self._assets = assets
        self._clock = clock
        self._author = author
        self._cover_size = cover_size  # the print partner's, for a printed book
        # A printed book meets the partner's page minimum; a PDF is the book that was previewed.
        self._print_renderer = print_renderer or renderer

    async def finalize(self, book_id: str) -> FinalFiles:
        """PAID -> FINAL_READY. Idempotent: a book already final returns its files."""
        async with self._uow_factory() as uow:
            book = await uow.books.get(book_id)
            version = await uow.books.latest_version(book_id)
            profile = await uow.profiles.get(book.child_profile_id or "") if book else None
        if book is None or version is None or version.text is None:
            raise NotFound(f"book {book_id} has no generated version")
        if book.final_pdf_id and book.cover_pdf_id:
            return FinalFiles(book.final_pdf_id, book.cover_pdf_id)
        if book.status is not BookStatus.PAID:
            raise InvalidTransition(f"a {book.status} book cannot be finalised; it must be PAID")
        text = book_text_from_dict(version.text)
        child_name = profile.profile.name if profile else ""
        layout = await load_layout(
            self._uow_factory,
            self._assets,
            text,
            version.image_ids,
            child_name=child_name,
            author=self._author,
        )
        printed = book.fulfilment is Fulfilment.PRINT
        renderer = self._print_renderer if printed else self._renderer
        final = await asyncio.to_thread(renderer.render_final, layout)
        size = None
        if self._cover_size is not None and printed:
            size = await self._partner_size(renderer.page_count(layout))
        cover = await asyncio.to_thread(renderer.render_cover, layout, size=size)
        final_asset, cover_asset = [
            await self._assets.keep(
                data,
                kind=kind,
                mime="application/pdf",
                owner_user_id=book.user_id,
                book_id=book.id,
                filename=pdf_filename(child_name, text.title, kind),
            )
            for data, kind in ((final, "final"), (cover, "cover"))
        ]
        now = self._clock.now()
        async with self._uow_factory() as uow:
            locked = await uow.books.get_for_update(book_id)
            assert locked is not None
            locked.final_pdf_id, locked.cover_pdf_id = final_asset.id, cover_asset.id
            locked.move_to(BookStatus.FINAL_READY, now)
            await uow.books.save(locked)
            await uow.audit.add(book_status_entry(book_id, "PAID", "FINAL_READY", now))
            await uow.commit()
        return FinalFiles(final_asset.id, cover_asset.id)

    async def _partner_size(self, page_count: int) -> tuple[float, float] | None:
        """The partner's cover size; if it cannot say, our own spread (the partner checks the
        file, and a rejection reaches support)."""
        assert self._cover_size is not None
        try:
            return await self._cover_size(page_count)
        except Exception as exc:
            logger.warning("no cover size from the print partner", extra={"error": repr(exc)})
            return None

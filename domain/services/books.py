"""Book use cases: create, (re)generate, pay, deliver — every status change audited."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from domain.audit import book_status_entry, system_entry
from domain.books import DEFAULT_REGENERATION_LIMIT, Book, BookStatus, BookVersion
from domain.errors import NotFound
from domain.ports import Clock, IdFactory
from domain.repositories import UnitOfWork, UnitOfWorkFactory
from domain.story import PORTRAIT_KEY, PORTRAIT_REFUSED
from domain.units import UnitBound

R = TypeVar("R")


class BookService(UnitBound):
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        ids: IdFactory,
        *,
        regeneration_limit: int = DEFAULT_REGENERATION_LIMIT,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._ids = ids
        self.regeneration_limit = regeneration_limit

    async def create_draft(
        self, user_id: str, storyline_id: str, dedication: str | None = None
    ) -> Book:
        async with self._uow_factory() as uow:
            storyline = await uow.options.get_storyline(storyline_id)
            if storyline is None:
                raise NotFound("no such storyline")
            series = await uow.options.get_series(storyline.series_id)
            assert series is not None
            now = self._clock.now()
            book = Book(
                id=self._ids(),
                user_id=user_id,
                child_profile_id=series.child_profile_id,
                series_id=series.id,
                storyline_id=storyline_id,
                dedication=dedication,
                created_at=now,
                updated_at=now,
            )
            await uow.books.add(book)
            await uow.audit.add(system_entry("book_created", "book", book.id, now))
            await uow.commit()
        return book

    async def start_generation(self, book_id: str, feedback: str | None = None) -> BookVersion:
        """DRAFT or GENERATION_FAILED -> GENERATING, or a counted regeneration from the preview.
        Opens a new book_versions round (the regeneration history)."""

        async def change(uow: UnitOfWork, book: Book) -> BookVersion:
            return await self._open_version(uow, book, feedback)

        return await self._change(book_id, change)

    async def _open_version(self, uow: UnitOfWork, book: Book, feedback: str | None) -> BookVersion:
        book.start_generation(self._clock.now(), regeneration_limit=self.regeneration_limit)
        latest = await uow.books.latest_version(book.id)
        version = BookVersion(
            id=self._ids(),
            book_id=book.id,
            round=(latest.round + 1) if latest else 1,
            status="generating",
            feedback=feedback,
            created_at=self._clock.now(),
        )
        await uow.books.add_version(version)
        return version

    async def change_storyline(self, book_id: str, storyline_id: str) -> BookVersion:
        """From the preview, another storyline of the same series: a counted regeneration."""

        async def change(uow: UnitOfWork, book: Book) -> BookVersion:
            storyline = await uow.options.get_storyline(storyline_id)
            if storyline is None or storyline.series_id != book.series_id:
                raise NotFound("that storyline does not belong to this book's series")
            book.storyline_id = storyline_id
            return await self._open_version(uow, book, feedback="storyline changed")

        return await self._change(book_id, change)

    async def grant_regeneration(self, book_id: str) -> Book:
        """One more regeneration round beyond the limit (a support person's decision)."""

        async def change(_uow: UnitOfWork, book: Book) -> Book:
            book.grant_regeneration(self._clock.now())
            return book

        return await self._change(book_id, change)

    async def for_user(self, user_id: str) -> list[Book]:
        async with self._uow_factory() as uow:
            return await uow.books.for_user(user_id)

    async def request_payment(self, book_id: str) -> Book:
        return await self._move(book_id, BookStatus.PAYMENT_PENDING)

    async def mark_paid(self, book_id: str) -> Book:
        async def change(_uow: UnitOfWork, book: Book) -> Book:
            book.mark_paid(self._clock.now())
            return book

        return await self._change(book_id, change)

    async def mark_delivered(self, book_id: str) -> Book:
        async def change(_uow: UnitOfWork, book: Book) -> Book:
            book.mark_delivered(self._clock.now())
            return book

        return await self._change(book_id, change)

    async def get(self, book_id: str) -> Book:
        async with self._uow_factory() as uow:
            book = await uow.books.get(book_id)
        if book is None:
            raise NotFound("no such book")
        return book

    async def photo_set_aside(self, book_id: str) -> bool:
        """True when the illustrator refused the child's photo for the latest version, so the
        hero was drawn from the text description instead."""
        async with self._uow_factory() as uow:
            version = await uow.books.latest_version(book_id)
        return version is not None and version.image_ids.get(PORTRAIT_KEY) == PORTRAIT_REFUSED

    async def history(self, book_id: str) -> list[BookVersion]:
        async with self._uow_factory() as uow:
            return await uow.books.versions(book_id)

    async def _move(self, book_id: str, target: BookStatus) -> Book:
        async def change(_uow: UnitOfWork, book: Book) -> Book:
            book.move_to(target, self._clock.now())
            return book

        return await self._change(book_id, change)

    async def _change(self, book_id: str, change: Callable[[UnitOfWork, Book], Awaitable[R]]) -> R:
        """Load the book locked, apply `change`, audit each status move, save, commit."""
        async with self._uow_factory() as uow:
            book = await uow.books.get_for_update(book_id)
            if book is None:
                raise NotFound("no such book")
            result = await change(uow, book)
            for before, after in book.changes:
                await uow.audit.add(
                    book_status_entry(book.id, before.value, after.value, self._clock.now())
                )
            await uow.books.save(book)
            await uow.commit()
        return result

"""Books, their versions (the regeneration history) and the AI generation log."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.books import Book, BookStatus, BookVersion, Fulfilment
from domain.generation import GenerationRecord
from domain.money import Money
from domain.ports import Clock
from storage.tables import AIGenerationLogRow, BookRow, BookVersionRow

_PLAIN_BOOK_FIELDS = (
    "id",
    "user_id",
    "child_profile_id",
    "series_id",
    "storyline_id",
    "regeneration_count",
    "regenerations_granted",
    "title",
    "dedication",
    "preview_pdf_id",
    "final_pdf_id",
    "cover_pdf_id",
    "created_at",
    "updated_at",
    "paid_at",
    "delivered_at",
)


def _book_of(row: BookRow) -> Book:
    price = None
    if row.price_minor is not None and row.currency is not None:
        price = Money(row.price_minor, row.currency)
    return Book(
        **{f: getattr(row, f) for f in _PLAIN_BOOK_FIELDS},
        status=BookStatus(row.status),
        fulfilment=Fulfilment(row.fulfilment),
        price=price,
    )


def _copy_book(book: Book, row: BookRow) -> None:
    for name in _PLAIN_BOOK_FIELDS:
        setattr(row, name, getattr(book, name))
    row.status = book.status.value
    row.fulfilment = book.fulfilment.value
    row.price_minor = book.price.amount_minor if book.price else None
    row.currency = book.price.currency if book.price else None


_VERSION_FIELDS = (
    "id",
    "book_id",
    "round",
    "status",
    "preview_pdf_id",
    "feedback",
    "error",
    "created_at",
    "finished_at",
)


def _version_of(row: BookVersionRow) -> BookVersion:
    return BookVersion(
        **{f: getattr(row, f) for f in _VERSION_FIELDS},
        text=row.text_json,
        image_ids=dict(row.image_ids or {}),
    )


class SqlAlchemyBookRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, book: Book) -> None:
        row = BookRow()
        _copy_book(book, row)
        self._session.add(row)
        await self._session.flush()

    async def get(self, book_id: str) -> Book | None:
        row = await self._session.get(BookRow, book_id)
        return None if row is None else _book_of(row)

    async def get_for_update(self, book_id: str) -> Book | None:
        row = await self._session.get(BookRow, book_id, with_for_update=True)
        return None if row is None else _book_of(row)

    async def save(self, book: Book) -> None:
        row = await self._session.get(BookRow, book.id)
        assert row is not None, "save() of a book that was never added"
        _copy_book(book, row)

    async def for_user(self, user_id: str) -> list[Book]:
        query = select(BookRow).where(BookRow.user_id == user_id).order_by(BookRow.created_at)
        return [_book_of(r) for r in (await self._session.execute(query)).scalars()]

    async def add_version(self, version: BookVersion) -> None:
        row = BookVersionRow()
        self._copy_version(version, row)
        self._session.add(row)
        await self._session.flush()

    async def save_version(self, version: BookVersion) -> None:
        row = await self._session.get(BookVersionRow, version.id)
        assert row is not None, "save_version() of a version that was never added"
        self._copy_version(version, row)

    @staticmethod
    def _copy_version(version: BookVersion, row: BookVersionRow) -> None:
        for name in _VERSION_FIELDS:
            setattr(row, name, getattr(version, name))
        row.text_json = version.text
        row.image_ids = dict(version.image_ids)

    async def latest_version(self, book_id: str) -> BookVersion | None:
        query = (
            select(BookVersionRow)
            .where(BookVersionRow.book_id == book_id)
            .order_by(BookVersionRow.round.desc())
            .limit(1)
        )
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else _version_of(row)

    async def versions(self, book_id: str) -> list[BookVersion]:
        query = (
            select(BookVersionRow)
            .where(BookVersionRow.book_id == book_id)
            .order_by(BookVersionRow.round)
        )
        return [_version_of(r) for r in (await self._session.execute(query)).scalars()]


_LOG_FIELDS = (
    "kind",
    "prompt_version",
    "model",
    "params",
    "input_digest",
    "output_digest",
    "duration_ms",
    "status",
    "error",
    "book_id",
    "tokens_in",
    "tokens_out",
)


class SqlAlchemyGenerationLogRepository:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def add(self, record: GenerationRecord) -> None:
        values = {f: getattr(record, f) for f in _LOG_FIELDS}
        self._session.add(AIGenerationLogRow(**values, created_at=self._clock.now()))

    async def for_book(self, book_id: str) -> list[GenerationRecord]:
        query = (
            select(AIGenerationLogRow)
            .where(AIGenerationLogRow.book_id == book_id)
            .order_by(AIGenerationLogRow.id)
        )
        rows = (await self._session.execute(query)).scalars()
        return [GenerationRecord(**{f: getattr(r, f) for f in _LOG_FIELDS}) for r in rows]

"""Repository ports and the unit of work that groups them in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from types import TracebackType
from typing import Any, Protocol, Self

from domain.assets import StoredAsset
from domain.audit import AuditEntry
from domain.books import Book, BookVersion
from domain.generation import GenerationRecord
from domain.options import SeriesOption, StorylineOption
from domain.parents import Parent, StoredProfile
from domain.payments import Payment
from domain.profiles import ChildProfile


class ParentRepository(Protocol):
    async def get(self, parent_id: str) -> Parent | None: ...

    async def add(self, parent: Parent) -> None: ...

    async def save(self, parent: Parent) -> None: ...


class ProfileRepository(Protocol):
    async def for_user(self, user_id: str) -> StoredProfile | None: ...

    async def get(self, profile_id: str) -> StoredProfile | None: ...

    async def add(self, stored: StoredProfile) -> None:
        """Raises Conflict if the parent already has a profile."""
        ...

    async def update(self, profile_id: str, profile: ChildProfile) -> None: ...


class OptionRepository(Protocol):
    async def last_series_round(self, profile_id: str) -> int: ...

    async def series_themes(self, profile_id: str) -> list[str]: ...

    async def add_series(self, options: Sequence[SeriesOption]) -> None: ...

    async def series_round(self, profile_id: str, round_no: int) -> list[SeriesOption]: ...

    async def get_series(self, series_id: str) -> SeriesOption | None: ...

    async def select_series(self, series_id: str) -> None:
        """Mark this option selected and the others of its round not."""
        ...

    async def last_storyline_round(self, series_id: str) -> int: ...

    async def add_storylines(self, options: Sequence[StorylineOption]) -> None: ...

    async def storyline_round(self, series_id: str, round_no: int) -> list[StorylineOption]: ...

    async def get_storyline(self, storyline_id: str) -> StorylineOption | None: ...

    async def select_storyline(self, storyline_id: str) -> None: ...


class BookRepository(Protocol):
    async def add(self, book: Book) -> None: ...

    async def get(self, book_id: str) -> Book | None: ...

    async def get_for_update(self, book_id: str) -> Book | None:
        """The book, its row locked until the transaction ends (PostgreSQL; SQLite's
        BEGIN IMMEDIATE already serialises writers)."""
        ...

    async def save(self, book: Book) -> None: ...

    async def for_user(self, user_id: str) -> list[Book]: ...

    async def add_version(self, version: BookVersion) -> None: ...

    async def save_version(self, version: BookVersion) -> None: ...

    async def latest_version(self, book_id: str) -> BookVersion | None: ...

    async def versions(self, book_id: str) -> list[BookVersion]: ...


class GenerationLogRepository(Protocol):
    async def add(self, record: GenerationRecord) -> None: ...

    async def for_book(self, book_id: str) -> list[GenerationRecord]: ...


class AssetRepository(Protocol):
    async def add(self, asset: StoredAsset) -> None: ...

    async def get(self, asset_id: str) -> StoredAsset | None: ...

    async def photos(
        self, *, owner_user_id: str | None = None, before: datetime | None = None
    ) -> list[StoredAsset]:
        """Photos (a parent's pictures) of one parent, or kept since before `before`."""
        ...

    async def remove(self, asset_id: str) -> None:
        """Forget an image asset (its blob is deleted by the caller)."""
        ...


class AuditRepository(Protocol):
    async def add(self, entry: AuditEntry) -> None: ...


class PaymentRepository(Protocol):
    async def add(self, payment: Payment) -> None: ...

    async def open_for_book(self, book_id: str) -> Payment | None:
        """The book's newest payment still waiting for the parent, if any."""
        ...

    async def paid_for_book(self, book_id: str) -> Payment | None:
        """The payment that bought the book, if any."""
        ...

    async def by_order_for_update(self, provider: str, order_id: str) -> Payment | None: ...

    async def get(self, payment_id: str) -> Payment | None: ...

    async def refunded_books(self, user_id: str) -> set[str]: ...

    async def by_provider_payment(self, provider: str, payment_id: str) -> Payment | None: ...

    async def get_for_update(self, payment_id: str) -> Payment | None: ...

    async def open_with_link(self, provider: str, older_than_seconds: float) -> list[str]:
        """Ids of payments with a link still waiting for the parent, created that long ago."""
        ...

    async def save(self, payment: Payment) -> None: ...


class WebhookEventRepository(Protocol):
    async def record(self, provider: str, event_id: str, event_type: str, raw_body: bytes) -> bool:
        """Keep a provider event; False when that (provider, event id) was seen before."""
        ...

    async def unapplied(self, provider: str, event_id: str) -> bool:
        """True when that event was recorded but never marked processed."""
        ...

    async def mark_processed(self, provider: str, event_id: str, error: str | None) -> None: ...

    async def request_job(
        self, provider: str, event_id: str, job_id: str, kind: str, payload: dict[str, Any]
    ) -> None:
        """A job that applies the event, written in the same transaction as the event (none
        when a queued or running one for that event exists)."""
        ...


class UnitOfWork(Protocol):
    """One transaction: `async with uow:` ... `await uow.commit()`; no commit rolls back."""

    @property
    def parents(self) -> ParentRepository: ...

    @property
    def profiles(self) -> ProfileRepository: ...

    @property
    def options(self) -> OptionRepository: ...

    @property
    def books(self) -> BookRepository: ...

    @property
    def generation_logs(self) -> GenerationLogRepository: ...

    @property
    def assets(self) -> AssetRepository: ...

    @property
    def audit(self) -> AuditRepository: ...

    @property
    def payments(self) -> PaymentRepository: ...

    @property
    def webhook_events(self) -> WebhookEventRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]

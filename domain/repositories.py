"""Repository ports and the unit of work that groups them in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Protocol, Self

from domain.assets import StoredAsset
from domain.audit import AuditEntry
from domain.books import Book, BookVersion
from domain.generation import GenerationRecord
from domain.options import SeriesOption, StorylineOption
from domain.parents import Parent, StoredProfile
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


class AuditRepository(Protocol):
    async def add(self, entry: AuditEntry) -> None: ...


class UnitOfWork(Protocol):
    """One transaction: `async with uow:` ... `await uow.commit()`; no commit rolls back."""

    parents: ParentRepository
    profiles: ProfileRepository
    options: OptionRepository
    books: BookRepository
    generation_logs: GenerationLogRepository
    assets: AssetRepository
    audit: AuditRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]

"""Ports: what the domain needs from the outside world, named by role.

Implementations live in adapters/ and storage/ and are named <Tech><Role>.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Protocol

from domain.assets import StoredAsset
from domain.looks import HeroLook
from domain.moderation import ModerationVerdict
from domain.profiles import ChildProfile
from domain.story import (
    BookLayout,
    BookText,
    CharacterSheet,
    IllustrationRequest,
    SeriesIdea,
    StorylineIdea,
)


class Clock(Protocol):
    def now(self) -> datetime:
        """Timezone-aware UTC now."""
        ...


class StoryWriter(Protocol):
    """Writes series, storylines and books; `model` and `prompt_version` go to the log."""

    @property
    def model(self) -> str: ...

    @property
    def prompt_version(self) -> str: ...

    async def write_series(
        self, child: ChildProfile, round_no: int, avoid_themes: Sequence[str]
    ) -> list[SeriesIdea]: ...

    async def write_storylines(
        self,
        child: ChildProfile,
        series: SeriesIdea,
        round_no: int,
        *,
        earlier: Sequence[tuple[SeriesIdea, StorylineIdea]] = (),
    ) -> list[StorylineIdea]:
        """`earlier`: the series and storyline of each of the child's earlier books; a new
        book is offered other plot shapes where the writer can."""
        ...

    async def write_book(
        self,
        child: ChildProfile,
        series: SeriesIdea,
        storyline: StorylineIdea,
        dedication: str | None,
        *,
        version: int = 1,
        feedback: str | None = None,
        earlier: Sequence[str] = (),
    ) -> BookText:
        """`version` counts the book's generation rounds: a regeneration is a fresh take, and
        follows the parent's `feedback` where the writer can. `earlier` holds the page texts
        of the child's earlier books: a new book does not repeat their sentences."""
        ...


class SeriesRanker(Protocol):
    """'Surprise me': picks the series that best fits the child, with a one-line reason."""

    @property
    def model(self) -> str: ...

    async def rank_series(
        self, child: ChildProfile, options: Sequence[SeriesIdea]
    ) -> tuple[int, str]:
        """(1-based position of the pick, one line saying why)."""
        ...


class Illustrator(Protocol):
    @property
    def model(self) -> str: ...

    async def illustrate(self, request: IllustrationRequest) -> bytes:
        """Return the illustration as JPEG bytes. `request.reference_jpeg`, when set, is the
        hero's master portrait that the picture must stay faithful to."""
        ...


class LookPainter(Protocol):
    """Draws the looks a parent chooses from, numbered 1..n in order, as one JPEG."""

    async def paint_looks(self, looks: Sequence[HeroLook]) -> bytes: ...


class PortraitPainter(Protocol):
    """Paints the hero's master portrait from the parent's photo (used only with consent)."""

    @property
    def model(self) -> str: ...

    async def paint_portrait(
        self, photo: bytes, photo_mime: str, character: CharacterSheet, size_px: int
    ) -> bytes:
        """Return the portrait as JPEG bytes; raise PhotoRefused when the provider refuses
        the photo (the book then falls back to the text description)."""
        ...


class Moderator(Protocol):
    @property
    def model(self) -> str: ...

    async def moderate(self, texts: Sequence[str]) -> ModerationVerdict: ...


class BookRenderer(Protocol):
    """Turns an illustrated book into PDFs."""

    def render_final(self, book: BookLayout) -> bytes: ...

    def render_cover(self, book: BookLayout, *, size: tuple[float, float] | None = None) -> bytes:
        """The cover spread, at the print partner's `size` (points) when it gives one."""
        ...

    def page_count(self, book: BookLayout) -> int:
        """Pages of the interior `render_final` makes (the cover's spine follows it)."""
        ...

    def render_preview(self, book: BookLayout, *, watermark: bool = True) -> bytes: ...


class IdempotencyStore(Protocol):
    async def claim(self, key: str, ttl_seconds: float) -> bool:
        """True the first time `key` is claimed within its ttl, False after that."""
        ...

    async def release(self, key: str) -> None: ...


class Locker(Protocol):
    def lock(self, key: str, *, ttl: float, wait: float) -> AbstractAsyncContextManager[None]:
        """Hold `key` exclusively. The lock is renewed while its holder runs and expires
        `ttl` seconds after its holder dies; waiting longer than `wait` seconds raises
        LockTimeout."""
        ...


class RateLimiter(Protocol):
    async def hit(self, key: str, *, limit: int, window_seconds: float) -> float:
        """Count one event. Returns 0.0 when allowed, else the seconds to wait before retrying."""
        ...

    async def take(
        self, key: str, count: int, *, limit: int, window_seconds: float
    ) -> tuple[int, float]:
        """Count up to `count` events at once, as many as the limit allows: how many were
        counted, and when fewer than asked, the seconds to wait before the next one may go."""
        ...


class BlobStore(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes: ...

    async def delete(self, key: str) -> None: ...

    def iter_chunks(self, key: str) -> AsyncIterator[bytes]: ...


IdFactory = Callable[[], str]
"""Returns a new opaque entity id (32 characters)."""


class FileLinks(Protocol):
    def url_for(self, asset: StoredAsset, ttl_seconds: int) -> str:
        """A signed link that downloads `asset` until it expires."""
        ...

"""The book aggregate and its lifecycle.

DRAFT -> GENERATING -> PREVIEW_READY -> PAYMENT_PENDING -> PAID -> FINAL_READY -> DELIVERED,
GENERATING -> GENERATION_FAILED -> GENERATING (retry), and regeneration
PREVIEW_READY -> GENERATING while regeneration_count < the configured limit.
Any other move raises InvalidTransition.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.errors import InvalidTransition, PolicyViolation
from domain.money import Money

DEFAULT_REGENERATION_LIMIT = 3


class BookStatus(StrEnum):
    DRAFT = "DRAFT"
    GENERATING = "GENERATING"
    GENERATION_FAILED = "GENERATION_FAILED"
    PREVIEW_READY = "PREVIEW_READY"
    PAYMENT_PENDING = "PAYMENT_PENDING"
    PAID = "PAID"
    FINAL_READY = "FINAL_READY"
    DELIVERED = "DELIVERED"


class Fulfilment(StrEnum):
    PDF = "pdf"
    PRINT = "print"


S = BookStatus
ALLOWED_TRANSITIONS: dict[BookStatus, frozenset[BookStatus]] = {
    S.DRAFT: frozenset({S.GENERATING}),
    S.GENERATING: frozenset({S.PREVIEW_READY, S.GENERATION_FAILED}),
    S.GENERATION_FAILED: frozenset({S.GENERATING}),
    S.PREVIEW_READY: frozenset({S.PAYMENT_PENDING, S.GENERATING}),
    S.PAYMENT_PENDING: frozenset({S.PAID}),
    S.PAID: frozenset({S.FINAL_READY}),
    S.FINAL_READY: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset(),
}

# Where a book can still be (re)generated: a granted round is only of use before payment.
REGENERABLE = frozenset({S.DRAFT, S.GENERATING, S.GENERATION_FAILED, S.PREVIEW_READY})


@dataclass(slots=True, kw_only=True)
class Book:
    id: str
    user_id: str
    child_profile_id: str | None
    series_id: str | None
    storyline_id: str | None
    status: BookStatus = BookStatus.DRAFT
    regeneration_count: int = 0
    regenerations_granted: int = 0  # extra rounds a support person gave beyond the limit
    fulfilment: Fulfilment = Fulfilment.PDF
    price: Money | None = None
    title: str | None = None
    dedication: str | None = None
    preview_pdf_id: str | None = None
    final_pdf_id: str | None = None
    cover_pdf_id: str | None = None
    created_at: datetime
    updated_at: datetime
    paid_at: datetime | None = None
    delivered_at: datetime | None = None
    changes: list[tuple[BookStatus, BookStatus]] = field(default_factory=list, repr=False)

    def move_to(self, target: BookStatus, now: datetime) -> None:
        if target not in ALLOWED_TRANSITIONS[self.status]:
            raise InvalidTransition(f"a book cannot go from {self.status} to {target}")
        self.changes.append((self.status, target))
        self.status = target
        self.updated_at = now

    def start_generation(self, now: datetime, *, regeneration_limit: int) -> None:
        """First generation, a retry after failure, or a regeneration from the preview."""
        if self.status is BookStatus.PREVIEW_READY:
            if self.regenerations_left(regeneration_limit) <= 0:
                raise PolicyViolation(
                    f"this book has been regenerated {self.regeneration_count} times, "
                    f"the most allowed is {regeneration_limit + self.regenerations_granted}"
                )
            self.move_to(BookStatus.GENERATING, now)
            self.regeneration_count += 1
            return
        self.move_to(BookStatus.GENERATING, now)

    def regenerations_left(self, regeneration_limit: int) -> int:
        return max(0, regeneration_limit + self.regenerations_granted - self.regeneration_count)

    def can_regenerate(self, regeneration_limit: int) -> bool:
        return (
            self.status is BookStatus.PREVIEW_READY
            and self.regenerations_left(regeneration_limit) > 0
        )

    def grant_regeneration(self, now: datetime) -> None:
        """One more round beyond the limit, given by a support person; only while the book
        can still change (before payment)."""
        if self.status not in REGENERABLE:
            raise InvalidTransition(f"a {self.status.value.lower()} book cannot be regenerated")
        self.regenerations_granted += 1
        self.updated_at = now

    def mark_paid(self, now: datetime) -> None:
        self.move_to(BookStatus.PAID, now)
        self.paid_at = now

    def mark_delivered(self, now: datetime) -> None:
        self.move_to(BookStatus.DELIVERED, now)
        self.delivered_at = now


@dataclass(frozen=True, slots=True, kw_only=True)
class BookVersion:
    """One generation round of a book (the regeneration history)."""

    id: str
    book_id: str
    round: int
    status: str
    created_at: datetime
    text: dict[str, object] | None = None
    image_ids: dict[str, str] = field(default_factory=dict)
    preview_pdf_id: str | None = None
    feedback: str | None = None
    error: str | None = None
    finished_at: datetime | None = None


def pdf_filename(child_name: str, title: str, kind: str) -> str:
    """'Aarav-and-the-Moon-Map.pdf'; the preview and the cover say so in their names. The
    child's name leads when the title does not have it, so a parent finds the file."""
    plain = re.sub(r"['’]s\b", "", unicodedata.normalize("NFKC", title))  # Meera's -> Meera
    words = re.findall(r"\w+", plain)
    name = re.findall(r"\w+", unicodedata.normalize("NFKC", child_name))
    if not set(name) <= set(words):
        words = name + words
    stem = "-".join(words)[:80] or "storybook"
    return f"{stem}.pdf" if kind == "final" else f"{stem}-{kind}.pdf"

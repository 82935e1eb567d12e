"""The book lifecycle table: every allowed move works, every other move is refused."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import product

import pytest

from domain.books import ALLOWED_TRANSITIONS, Book, BookStatus
from domain.errors import InvalidTransition, PolicyViolation

NOW = datetime(2026, 11, 25, tzinfo=UTC)
S = BookStatus

EXPECTED = {
    (S.DRAFT, S.GENERATING),
    (S.GENERATING, S.PREVIEW_READY),
    (S.GENERATING, S.GENERATION_FAILED),
    (S.GENERATION_FAILED, S.GENERATING),
    (S.PREVIEW_READY, S.PAYMENT_PENDING),
    (S.PREVIEW_READY, S.GENERATING),
    (S.PAYMENT_PENDING, S.PAID),
    (S.PAID, S.FINAL_READY),
    (S.FINAL_READY, S.DELIVERED),
}


def _book(status: BookStatus, regenerations: int = 0) -> Book:
    return Book(
        id="b1",
        user_id="u1",
        child_profile_id="c1",
        series_id="s1",
        storyline_id="l1",
        status=status,
        regeneration_count=regenerations,
        created_at=NOW,
        updated_at=NOW,
    )


def test_the_table_is_exactly_the_documented_lifecycle():
    table = {(a, b) for a, targets in ALLOWED_TRANSITIONS.items() for b in targets}
    assert table == EXPECTED


@pytest.mark.parametrize(("source", "target"), sorted(EXPECTED))
def test_allowed_moves(source, target):
    book = _book(source)
    book.move_to(target, NOW)
    assert book.status is target
    assert book.changes == [(source, target)]


DISALLOWED = sorted(set(product(BookStatus, BookStatus)) - EXPECTED)


@pytest.mark.parametrize(("source", "target"), DISALLOWED)
def test_every_other_move_is_refused(source, target):
    book = _book(source)
    with pytest.raises(InvalidTransition):
        book.move_to(target, NOW)
    assert book.status is source
    assert book.changes == []


def test_regeneration_is_counted_and_limited():
    book = _book(S.PREVIEW_READY)
    for expected in (1, 2, 3):
        book.start_generation(NOW, regeneration_limit=3)
        assert book.regeneration_count == expected
        book.move_to(S.PREVIEW_READY, NOW)
    assert not book.can_regenerate(3)
    with pytest.raises(PolicyViolation):
        book.start_generation(NOW, regeneration_limit=3)
    assert book.status is S.PREVIEW_READY


def test_first_generation_and_retry_after_failure_are_not_regenerations():
    book = _book(S.DRAFT)
    book.start_generation(NOW, regeneration_limit=0)
    book.move_to(S.GENERATION_FAILED, NOW)
    book.start_generation(NOW, regeneration_limit=0)
    assert book.regeneration_count == 0
    assert book.status is S.GENERATING


def test_paid_and_delivered_keep_their_times():
    book = _book(S.PAYMENT_PENDING)
    book.mark_paid(NOW)
    assert book.paid_at == NOW
    book.move_to(S.FINAL_READY, NOW)
    book.mark_delivered(NOW)
    assert book.delivered_at == NOW and book.status is S.DELIVERED


def test_a_granted_regeneration_goes_beyond_the_limit_only_before_payment():
    book = _book(BookStatus.PREVIEW_READY, regenerations=3)
    assert not book.can_regenerate(3) and book.regenerations_left(3) == 0
    book.grant_regeneration(NOW)
    assert book.can_regenerate(3) and book.regenerations_left(3) == 1
    book.start_generation(NOW, regeneration_limit=3)
    assert (book.regeneration_count, book.regenerations_granted) == (4, 1)
    book.move_to(BookStatus.PREVIEW_READY, NOW)
    with pytest.raises(PolicyViolation):
        book.start_generation(NOW, regeneration_limit=3)
    for status in (BookStatus.PAYMENT_PENDING, BookStatus.PAID, BookStatus.DELIVERED):
        with pytest.raises(InvalidTransition):
            _book(status).grant_regeneration(NOW)

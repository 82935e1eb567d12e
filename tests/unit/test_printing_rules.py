"""Print rules: statuses only move forward, page minimums by binding, state codes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.printing import (
    PrintOrder,
    PrintStatus,
    min_pages_for,
    moves_forward,
    order_id_of,
    state_code,
)
from domain.services.printing import print_page_count

S = PrintStatus


@pytest.mark.parametrize(
    ("current", "new", "applied"),
    [
        (S.NEW, S.CREATED, True),
        (S.CREATED, S.IN_PRODUCTION, True),  # a missed report in between is no obstacle
        (S.IN_PRODUCTION, S.PRODUCTION_READY, False),  # late
        (S.PRODUCTION_DELAYED, S.PAYMENT_IN_PROGRESS, False),  # late
        (S.IN_PRODUCTION, S.IN_PRODUCTION, False),  # repeated
        (S.IN_PRODUCTION, S.ERROR, True),
        (S.UNPAID, S.CANCELED, True),
        (S.SHIPPED, S.DELIVERED, True),
        (S.SHIPPED, S.ERROR, False),
        (S.REJECTED, S.CREATED, False),  # a finished job stays finished
        (S.CANCELED, S.SHIPPED, False),
    ],
)
def test_reports_only_move_an_order_forward(current, new, applied) -> None:
    assert moves_forward(current, new) is applied


@pytest.mark.parametrize(
    ("pod", "pages"),
    [
        ("0850X0850.FC.PRE.CW.080CW444.MXX", 24),
        ("0850X0850FCPRECW080CW444MXX", 24),
        ("0600X0900.BW.STD.PB.060UW444.MXX", 32),
        ("0850X1100.BW.STD.LW.060UW444.MNG", 24),
        ("0500X0800.FC.PRE.SS.060UW444.GXX", 4),
        ("nonsense", 32),
    ],
)
def test_page_minimum_follows_the_binding(pod, pages) -> None:
    assert min_pages_for(pod) == pages


def test_printed_page_count_is_the_minimum_in_fours_and_never_less_than_a_book() -> None:
    assert [print_page_count(n) for n in (0, 4, 24, 30, 32)] == [16, 16, 24, 32, 32]


def test_indian_states_become_their_codes() -> None:
    assert state_code("Karnataka", "IN") == "KA"
    assert state_code("  tamil   nadu ", "IN") == "TN"
    assert state_code("Jammu & Kashmir", "IN") == "JK"
    assert state_code("mh", "IN") == "MH"
    assert state_code("Atlantis", "IN") == "Atlantis"  # the partner refuses it, clearly
    assert state_code("Ontario", "CA") == "Ontario"


def test_a_resubmission_has_its_own_external_id() -> None:
    now = datetime(2026, 12, 2, tzinfo=UTC)
    order = PrintOrder(
        id="a" * 32, book_id="b", user_id=None, shipping_address_id=None, provider="lulu",
        provider_order_id=None, status=S.NEW, created_at=now, updated_at=now,
        status_changed_at=now,
    )  # fmt: skip
    assert order.external_id == "a" * 32
    order.attempt = 3
    assert order.external_id == f"{'a' * 32}-r3" and order_id_of(order.external_id) == "a" * 32

"""Acks before turns: under a pile-up of acks, session work runs one at a time and takes at
most its share of the time; otherwise it runs side by side, untouched."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest

from bot.conversation.ack_first import AckFirst


async def _work(priority: AckFirst, spans: list[tuple[float, float]], seconds: float) -> None:
    async with priority.turn():
        started = time.monotonic()
        await asyncio.sleep(seconds)
        spans.append((started, time.monotonic()))


async def test_without_acks_work_runs_side_by_side() -> None:
    priority = AckFirst(0.2, busy_at=1)
    spans: list[tuple[float, float]] = []
    await asyncio.gather(*(_work(priority, spans, 0.05) for _ in range(4)))
    assert max(s for s, _ in spans) < min(e for _, e in spans)  # all four overlapped


async def test_under_acks_work_takes_its_share_one_at_a_time() -> None:
    priority = AckFirst(0.5, busy_at=1, calm_after=5)
    spans: list[tuple[float, float]] = []
    with priority.acking():
        assert priority.busy()
        await asyncio.gather(*(_work(priority, spans, 0.05) for _ in range(3)))
    spans.sort()
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start - end >= 0.045  # share 0.5: as long a pause as the work took


async def test_a_few_acks_at_once_are_no_burst() -> None:
    priority = AckFirst(0.2, busy_at=3)
    with priority.acking(), priority.acking():
        assert not priority.busy()
        with priority.acking():
            assert priority.busy()


async def test_the_burst_ends_after_a_calm_moment() -> None:
    priority = AckFirst(0.2, busy_at=1, calm_after=0.05)
    with priority.acking():
        pass
    assert priority.busy()
    await asyncio.sleep(0.06)
    assert not priority.busy()


def test_share_must_be_a_fraction() -> None:
    with pytest.raises(ValueError):
        AckFirst(0)


async def test_while_acks_come_work_runs_a_few_at_a_time() -> None:
    priority = AckFirst(0.2, busy_at=5)
    with priority.acking():  # one ack: no burst, but acks are coming
        pass
    spans: list[tuple[float, float]] = []
    await asyncio.gather(*(_work(priority, spans, 0.05) for _ in range(4)))
    spans.sort()
    # Two at a time: the third starts when one of the first two ended.
    assert spans[2][0] >= min(spans[0][1], spans[1][1]) - 0.001
    assert spans[1][0] < spans[0][1]  # but two side by side

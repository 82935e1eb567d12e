"""A slowed session is looked at again once however often it was slowed while it waited, and
again if it is slowed while being looked at."""

from __future__ import annotations

import asyncio

from bot.conversation.flood import FloodGuard, FloodLimit
from storage.kv_memory import InProcessRateLimiter


class NoLimit:
    async def hit(self, key: str, *, limit: int, window_seconds: float) -> float:
        return 0.0


async def test_one_look_again_per_session_however_often_it_was_slowed():
    guard = FloodGuard(NoLimit(), FloodLimit())
    looks: list[str] = []

    async def look(session: str) -> None:
        looks.append(session)

    for _ in range(5):
        guard.retry_later("a", 0.01, lambda: look("a"))
    guard.retry_later("b", 0.01, lambda: look("b"))
    await asyncio.sleep(0.1)
    assert sorted(looks) == ["a", "b"]
    await guard.close()


async def test_slowed_while_being_looked_at_is_looked_at_again():
    guard = FloodGuard(NoLimit(), FloodLimit())
    looks: list[int] = []

    async def look() -> None:
        looks.append(1)
        if len(looks) == 1:  # still over the limit: the look itself is slowed
            guard.retry_later("a", 0.01, look)

    guard.retry_later("a", 0.01, look)
    await asyncio.sleep(0.1)
    assert len(looks) == 2
    await guard.close()


class Counting(InProcessRateLimiter):
    """The in-process limiter, counting the calls that would be Redis round trips."""

    round_trips = 0

    async def take(
        self, key: str, count: int, *, limit: int, window_seconds: float
    ) -> tuple[int, float]:
        self.round_trips += 1
        return await super().take(key, count, limit=limit, window_seconds=window_seconds)


async def test_a_batch_of_lines_is_counted_in_one_round_trip_as_far_as_the_limit_allows():
    limiter = Counting(clock=lambda: 0.0)
    guard = FloodGuard(limiter, FloodLimit(limit=10, window_seconds=10))
    assert await guard.take("u1", 7) == (7, 0.0)
    assert await guard.take("u1", 7) == (3, 10.0)  # the rest waits for the window
    assert limiter.round_trips == 2
    assert (await limiter.take("turns:u1", 1, limit=10, window_seconds=10))[0] == 0  # 10 counted


async def test_lines_given_back_are_not_counted_again_by_the_next_turn():
    now = [0.0]
    limiter = Counting(clock=lambda: now[0])
    guard = FloodGuard(limiter, FloodLimit(limit=10, window_seconds=10), now=lambda: now[0])
    assert await guard.take("u1", 6) == (6, 0.0)
    guard.give_back("u1", 4)  # consent ended the batch after two of its lines
    assert await guard.take("u1", 4) == (4, 0.0)
    assert limiter.round_trips == 1  # taken from what was given back, not counted again
    assert (await limiter.take("turns:u1", 5, limit=10, window_seconds=10))[0] == 4  # 6 counted
    guard.give_back("u1", 2)
    now[0] = 11.0  # their count has left the window meanwhile: counted afresh
    assert await guard.take("u1", 2) == (2, 0.0)
    assert limiter.round_trips == 3

"""A slowed session is looked at again once however often it was slowed while it waited, and
again if it is slowed while being looked at."""

from __future__ import annotations

import asyncio

from bot.conversation.flood import FloodGuard, FloodLimit


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


class Counting:
    """The limiter's count of each key (window long enough to ignore)."""

    def __init__(self, limit_of_all: int) -> None:
        self.counted: dict[str, int] = {}
        self.round_trips = 0
        self._limit = limit_of_all

    async def hit(self, key: str, *, limit: int, window_seconds: float) -> float:
        return (await self.take(key, 1, limit=limit, window_seconds=window_seconds))[1]

    async def take(
        self, key: str, count: int, *, limit: int, window_seconds: float
    ) -> tuple[int, float]:
        self.round_trips += 1
        taken = max(0, min(count, limit - self.counted.get(key, 0)))
        self.counted[key] = self.counted.get(key, 0) + taken
        return taken, 0.0 if taken == count else 5.0


async def test_a_batch_of_lines_is_counted_in_one_round_trip_as_far_as_the_limit_allows():
    limiter = Counting(10)
    guard = FloodGuard(limiter, FloodLimit(limit=10, window_seconds=10))
    assert await guard.take("u1", 7) == (7, 0.0)
    assert await guard.take("u1", 7) == (3, 5.0)
    assert limiter.round_trips == 2 and limiter.counted == {"turns:u1": 10}


async def test_lines_given_back_are_not_counted_again_by_the_next_turn():
    limiter = Counting(10)
    now = [0.0]
    guard = FloodGuard(limiter, FloodLimit(limit=10, window_seconds=10), now=lambda: now[0])
    assert await guard.take("u1", 6) == (6, 0.0)
    guard.give_back("u1", 4)  # consent ended the batch after two of its lines
    assert await guard.take("u1", 4) == (4, 0.0)
    assert limiter.counted == {"turns:u1": 6} and limiter.round_trips == 1
    guard.give_back("u1", 2)
    now[0] = 11.0  # their count has left the window meanwhile: counted afresh
    assert await guard.take("u1", 2) == (2, 0.0)
    assert limiter.counted == {"turns:u1": 8}

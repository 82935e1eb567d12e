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

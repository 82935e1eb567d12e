"""Acks before turns in one process. A webhook ack is what the provider waits on (slow acks
make Meta back off and redeliver); a turn works on what an ack already made durable and can
wait a moment. So while acks pile up in this process (a campaign burst), the session work of
the same process runs one at a time and takes at most a share of the time; it goes back to
full speed as soon as the acks keep up. A `worker` process has no acks: nothing changes there."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager

# Acks in progress at once from which this process counts as under a burst: an ack takes a
# few milliseconds, so at a few hundred deliveries a second one or two are in progress.
BUSY_AT = 4
# After the last moment of a pile-up, how long the turns still hold back (one quiet instant
# between two requests of a burst is not its end).
CALM_AFTER_SECONDS = 0.25
# While acks come at all (within the last LATELY_SECONDS), at most this much session work runs
# at once: each piece's steps share the event loop with the acks', and sixteen turns' steps
# between two of an ack's made its wait ten times longer at a steady 500 deliveries a second.
AT_ONCE_WHILE_ACKING = 2
LATELY_SECONDS = 1.0
# A slow piece of work (a lock waited for, a provider slow to answer) does not stop the rest
# for long: the pause after one is capped.
MAX_PAUSE_SECONDS = 1.0


class AckFirst:
    def __init__(
        self,
        turn_share: float,
        *,
        busy_at: int = BUSY_AT,
        calm_after: float = CALM_AFTER_SECONDS,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 0 < turn_share <= 1:
            raise ValueError("turn_share must be in (0, 1]")
        self._share = turn_share
        self._busy_at = busy_at
        self._calm_after = calm_after
        self._now = now
        self._acking = 0
        self._last_ack = float("-inf")
        self._few = asyncio.Semaphore(AT_ONCE_WHILE_ACKING)
        self._busy_until = float("-inf")
        self._next_turn_at = float("-inf")
        self._one = asyncio.Lock()

    @contextmanager
    def acking(self) -> Iterator[None]:
        """Around one webhook ack."""
        self._acking += 1
        self._last_ack = self._now()
        if self._acking >= self._busy_at:
            self._busy_until = self._now() + self._calm_after
        try:
            yield
        finally:
            self._acking -= 1

    def busy(self) -> bool:
        return self._now() < self._busy_until

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Around one session's work. Under a burst: one at a time, each followed by a pause
        long enough that the work takes at most `turn_share` of the time; while acks come at
        all, a few at a time."""
        if self._share >= 1 or self._now() - self._last_ack > LATELY_SECONDS:
            yield
            return
        if not self.busy():
            async with self._few:
                yield
            return
        async with self._one:
            wait = self._next_turn_at - self._now()
            if wait > 0:
                await asyncio.sleep(wait)
            started = self._now()
            try:
                yield
            finally:
                took = self._now() - started
                pause = min(took * (1 - self._share) / self._share, MAX_PAUSE_SECONDS)
                self._next_turn_at = self._now() + pause

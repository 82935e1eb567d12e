"""Group commit for the ack: concurrent deliveries within a few milliseconds share one insert
and one commit, so the ack costs a fraction of a transaction each under a burst."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from domain.whatsapp_records import NewItem

logger = logging.getLogger(__name__)
Write = Callable[[Sequence[NewItem]], Awaitable[set[str]]]
_Request = tuple[Sequence[NewItem], "asyncio.Future[set[str]]"]


class BatchFailed(RuntimeError):
    """The batch this request's items were in was not committed: nothing of it is kept."""


class GroupCommit:
    """`submit` returns once the items are durable (the keys that were new), or raises
    BatchFailed. The first request of a batch waits up to `window_seconds` for company (less
    when `max_items` are waiting); requests arriving during a commit form the next batch."""

    def __init__(
        self,
        write: Write,
        on_commit: Callable[[], None],
        *,
        window_seconds: float = 0.002,
        max_items: int = 500,
    ) -> None:
        self._write = write
        self._on_commit = on_commit
        self._window = window_seconds
        self._max = max_items
        self._pending: list[_Request] = []
        self._size = 0
        self._full = asyncio.Event()
        self._flusher: asyncio.Task[None] | None = None

    async def submit(self, items: Sequence[NewItem]) -> set[str]:
        if not items:
            return set()
        future: asyncio.Future[set[str]] = asyncio.get_running_loop().create_future()
        self._pending.append((items, future))
        self._size += len(items)
        if self._size >= self._max:
            self._full.set()
        if self._flusher is None:
            self._flusher = asyncio.create_task(self._run(), name="whatsapp-group-commit")
        return await future

    async def _run(self) -> None:
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._full.wait(), self._window)
            while self._pending:
                await self._commit(self._take())
        finally:
            self._flusher = None
            for _, future in self._take_all():  # cancelled at shutdown: not kept, say so
                if not future.done():
                    future.set_exception(BatchFailed("shutting down"))

    def _take(self) -> list[_Request]:
        """Whole requests, up to max_items (at least one, however large)."""
        batch: list[_Request] = []
        taken = 0
        while self._pending and (not batch or taken + len(self._pending[0][0]) <= self._max):
            request = self._pending.pop(0)
            batch.append(request)
            taken += len(request[0])
        self._size -= taken
        if self._size < self._max:
            self._full.clear()
        return batch

    def _take_all(self) -> list[_Request]:
        taken, self._pending, self._size = self._pending, [], 0
        return taken

    async def _commit(self, batch: list[_Request]) -> None:
        try:
            new = await self._write([item for items, _ in batch for item in items])
        except Exception as exc:
            if len(batch) > 1:  # one request's bad item must not fail the others: each alone
                for request in batch:
                    await self._commit([request])
                return
            logger.warning("whatsapp items not kept", extra={"error": type(exc).__name__})
            _settle(batch[0][1], exc=BatchFailed(type(exc).__name__))
            return
        if new:
            self._on_commit()
        for items, future in batch:
            mine = {item.key for item in items} & new
            new -= mine  # a key twice in one batch is new for its first request only
            _settle(future, result=mine)


def _settle(
    future: asyncio.Future[set[str]],
    *,
    result: set[str] | None = None,
    exc: BaseException | None = None,
) -> None:
    if future.done():  # its request went away (the client hung up): the batch is kept anyway
        return
    if exc is not None:
        future.set_exception(exc)
    else:
        future.set_result(result or set())

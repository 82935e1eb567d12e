"""Redis commands asked for in the same moment go to Redis together, as one pipeline.

A drained batch of WhatsApp items queues a couple of hundred sessions at once, and the tasks a
worker runs side by side finish (and are acknowledged) close together. One round trip for all
of them instead of one each: on a busy event loop every round trip costs two system calls and a
wake-up, which is what the drain was spending its time on. Each caller still waits for its own
answer, and a command Redis refuses fails only its caller.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

Command = Callable[[Pipeline], object]  # adds one command to the pipeline


class CommandBatch:
    def __init__(self, client: Redis) -> None:
        self._client = client
        self._waiting: list[tuple[Command, asyncio.Future[Any]]] = []
        self._sending: asyncio.Task[None] | None = None

    async def run(self, command: Command) -> Any:
        """Send `command` with whatever else was asked for by now; its answer."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._waiting.append((command, future))
        if self._sending is None:
            self._sending = asyncio.create_task(self._send(), name="redis-command-batch")
        return await future

    async def _send(self) -> None:
        try:
            await asyncio.sleep(0)  # the callers of this moment join the batch
            while self._waiting:
                batch, self._waiting = self._waiting, []
                await self._send_batch(batch)
        finally:
            self._sending = None
            if self._waiting:  # cancelled (shutdown) with callers still waiting
                for _, future in self._waiting:
                    future.cancel()
                self._waiting = []

    async def _send_batch(self, batch: list[tuple[Command, asyncio.Future[Any]]]) -> None:
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                for command, _ in batch:
                    command(pipe)
                answers = await pipe.execute(raise_on_error=False)
        except Exception as exc:  # Redis away: every caller hears it, as it would alone
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        except BaseException:  # cancelled (shutdown): so are the callers' waits
            for _, future in batch:
                future.cancel()
            raise
        for (_, future), answer in zip(batch, answers, strict=True):
            if future.done():  # its caller gave up waiting
                continue
            if isinstance(answer, Exception):
                future.set_exception(answer)
            else:
                future.set_result(answer)

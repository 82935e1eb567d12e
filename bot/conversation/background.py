"""Work started after an HTTP response (webhook processing), kept referenced until done."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

logger = logging.getLogger(__name__)


class BackgroundTasks:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Coroutine[Any, Any, Any], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)  # a strong reference: an unreferenced task may vanish mid-run
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error(
                "background task failed", exc_info=task.exception(), extra={"task": task.get_name()}
            )

    async def wait_idle(self, limit_seconds: float = 30.0) -> None:
        """Wait until no background work is left (shutdown, tests)."""
        async with asyncio.timeout(limit_seconds):
            while self._tasks:
                await asyncio.gather(*list(self._tasks), return_exceptions=True)

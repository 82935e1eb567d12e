"""The durable state of jobs (long work outside turns), as the job runner sees it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    id: str
    kind: str
    session_id: str | None
    payload: dict[str, Any]


class JobStates(Protocol):
    async def claim(self, job_id: str, *, recovering: bool = False) -> ClaimedJob | None:
        """Take a queued (or orphaned) job for this worker; None if someone else has it.
        `recovering`: at start-up of the only process, every running job is an orphan."""
        ...

    async def heartbeat(self, job_id: str, step: str, progress: int) -> None: ...

    async def finish(self, job_id: str, status: str, error: str | None = None) -> None: ...

    async def unfinished(self) -> list[str]:
        """Jobs to (re)queue at start-up: queued ones, and running ones a dead process left."""
        ...

    async def waiting_since(self, seconds: float) -> list[str]:
        """Queued jobs nobody has taken for a while (their queue message was lost)."""
        ...

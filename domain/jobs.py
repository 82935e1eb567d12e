"""The durable state of jobs (long work outside turns), as the job runner sees it.

A running job holds a lease that its worker renews while the work runs; a job whose lease ran
out belongs to a process that died (or froze) and any live process may take it over. The claim
counts attempts, and the count is the fencing token: a worker that lost its lease can no longer
renew or finish the job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

PAYMENT_EVENT = "payment_event"  # the job that applies a recorded provider event


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    id: str
    kind: str
    session_id: str | None
    payload: dict[str, Any]
    attempt: int = 1  # the fencing token of this claim


@dataclass(frozen=True, slots=True)
class AbandonedJob:
    """A job whose workers died too often: given up, and its conversation told."""

    id: str
    kind: str
    session_id: str | None
    book_id: str | None = None  # of a book job: it is marked failed


class JobStates(Protocol):
    async def claim(self, job_id: str, *, recovering: bool = False) -> ClaimedJob | None:
        """Take a queued job, or a running one whose lease ran out; None if someone else has
        it. `recovering`: at start-up of the only process, every running job is an orphan."""
        ...

    async def renew(self, job_id: str, attempt: int) -> bool:
        """Extend the lease of this claim; False when the claim was lost (taken over)."""
        ...

    async def heartbeat(self, job_id: str, step: str, progress: int) -> None: ...

    async def finish(
        self, job_id: str, status: str, error: str | None = None, attempt: int | None = None
    ) -> bool:
        """Record the outcome; with `attempt`, only while that claim still holds the job."""
        ...

    async def unfinished(self) -> list[str]:
        """Jobs to (re)queue at start-up: queued ones, and running ones a dead process left."""
        ...

    async def waiting_since(self, seconds: float) -> list[str]:
        """Queued jobs nobody has taken for a while (their queue message was lost)."""
        ...

    async def expired(self) -> list[str]:
        """Running jobs whose lease ran out (their worker died): to be queued again."""
        ...

    async def abandon_exhausted(self) -> list[AbandonedJob]:
        """Running jobs with an expired lease and no attempt left, marked failed."""
        ...

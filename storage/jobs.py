"""Durable job state: the queue carries only ids; claiming is a conditional UPDATE (SQLite-safe)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.jobs import ClaimedJob
from domain.ports import Clock
from storage.tables import JobRow

# A job "running" without a heartbeat for this long was orphaned by a dead process.
STALE_AFTER = timedelta(minutes=10)
MAX_ATTEMPTS = 3


class JobStore:
    """domain.jobs.JobStates on the jobs table."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def claim(self, job_id: str, *, recovering: bool = False) -> ClaimedJob | None:
        now = self._clock.now()
        orphaned_before = now if recovering else now - STALE_AFTER
        claimable = or_(
            JobRow.status == "queued",
            (JobRow.status == "running") & (JobRow.heartbeat_at <= orphaned_before),
        )
        async with self._sessions() as s, s.begin():
            result = await s.execute(
                update(JobRow)
                .where(JobRow.id == job_id, claimable, JobRow.attempts < MAX_ATTEMPTS)
                .values(
                    status="running", attempts=JobRow.attempts + 1, heartbeat_at=now, updated_at=now
                )
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = await s.get(JobRow, job_id)
            assert row is not None
            return ClaimedJob(row.id, row.kind, row.session_id, row.payload)

    async def heartbeat(self, job_id: str, step: str, progress: int) -> None:
        now = self._clock.now()
        async with self._sessions() as s, s.begin():
            await s.execute(
                update(JobRow)
                .where(JobRow.id == job_id)
                .values(step=step, progress=progress, heartbeat_at=now, updated_at=now)
            )

    async def finish(self, job_id: str, status: str, error: str | None = None) -> None:
        now = self._clock.now()
        async with self._sessions() as s, s.begin():
            await s.execute(
                update(JobRow)
                .where(JobRow.id == job_id)
                .values(status=status, last_error=error, updated_at=now)
            )

    async def unfinished(self) -> list[str]:
        async with self._sessions() as s:
            query = select(JobRow.id).where(JobRow.status.in_(("queued", "running")))
            return list((await s.execute(query)).scalars())

    async def waiting_since(self, seconds: float) -> list[str]:
        cutoff = self._clock.now() - timedelta(seconds=seconds)
        async with self._sessions() as s:
            query = select(JobRow.id).where(JobRow.status == "queued", JobRow.updated_at < cutoff)
            return list((await s.execute(query)).scalars())

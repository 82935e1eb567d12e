"""Durable job state: the queue carries only ids; claiming is a conditional UPDATE (SQLite-safe).

`heartbeat_at` is the lease: a running job whose heartbeat is older than the lease belongs to a
dead process. `attempts` is the fencing token of the current claim."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.jobs import AbandonedJob, ClaimedJob
from domain.ports import Clock
from storage.tables import JobRow

LEASE = timedelta(seconds=30)
MAX_ATTEMPTS = 3


class JobStore:
    """domain.jobs.JobStates on the jobs table."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Clock, lease: timedelta = LEASE
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self.lease = lease

    def _lapsed(self, recovering: bool = False):  # type: ignore[no-untyped-def]
        cutoff = self._clock.now() if recovering else self._clock.now() - self.lease
        return (JobRow.status == "running") & (JobRow.heartbeat_at <= cutoff)

    async def claim(self, job_id: str, *, recovering: bool = False) -> ClaimedJob | None:
        now = self._clock.now()
        claimable = or_(JobRow.status == "queued", self._lapsed(recovering))
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
            return ClaimedJob(row.id, row.kind, row.session_id, row.payload, row.attempts)

    async def renew(self, job_id: str, attempt: int) -> bool:
        now = self._clock.now()
        async with self._sessions() as s, s.begin():
            result = await s.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.status == "running", JobRow.attempts == attempt)
                .values(heartbeat_at=now)
            )
            return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]

    async def heartbeat(self, job_id: str, step: str, progress: int) -> None:
        now = self._clock.now()
        async with self._sessions() as s, s.begin():
            await s.execute(
                update(JobRow)
                .where(JobRow.id == job_id)
                .values(step=step, progress=progress, heartbeat_at=now, updated_at=now)
            )

    async def finish(
        self, job_id: str, status: str, error: str | None = None, attempt: int | None = None
    ) -> bool:
        now = self._clock.now()
        query = update(JobRow).where(JobRow.id == job_id)
        if attempt is not None:  # fenced: a worker that lost its claim changes nothing
            query = query.where(JobRow.status == "running", JobRow.attempts == attempt)
        async with self._sessions() as s, s.begin():
            result = await s.execute(query.values(status=status, last_error=error, updated_at=now))
            return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]

    async def unfinished(self) -> list[str]:
        async with self._sessions() as s:
            query = select(JobRow.id).where(JobRow.status.in_(("queued", "running")))
            return list((await s.execute(query)).scalars())

    async def waiting_since(self, seconds: float) -> list[str]:
        cutoff = self._clock.now() - timedelta(seconds=seconds)
        async with self._sessions() as s:
            query = select(JobRow.id).where(JobRow.status == "queued", JobRow.updated_at < cutoff)
            return list((await s.execute(query)).scalars())

    async def expired(self) -> list[str]:
        async with self._sessions() as s:
            query = select(JobRow.id).where(self._lapsed(), JobRow.attempts < MAX_ATTEMPTS)
            return list((await s.execute(query)).scalars())

    async def abandon_exhausted(self) -> list[AbandonedJob]:
        now = self._clock.now()
        exhausted = self._lapsed() & (JobRow.attempts >= MAX_ATTEMPTS)
        async with self._sessions() as s, s.begin():
            rows = (
                await s.execute(
                    update(JobRow)
                    .where(exhausted)
                    .values(status="failed", last_error="workers kept dying", updated_at=now)
                    .returning(JobRow.id, JobRow.kind, JobRow.session_id, JobRow.payload)
                )
            ).all()
        return [
            AbandonedJob(r.id, r.kind, r.session_id, (r.payload or {}).get("book_id")) for r in rows
        ]

"""Job states on both backends: a queued job is claimed once, as plain data; orphans are
taken over; unfinished and long-waiting jobs are found for re-queuing."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from domain.jobs import ClaimedJob
from storage.db import create_engine, create_session_factory
from storage.jobs import STALE_AFTER, JobStore
from storage.tables import JobRow

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class MovableClock:
    def __init__(self) -> None:
        self.at = T0

    def now(self) -> datetime:
        return self.at


@pytest.fixture
async def world(db_url):
    engine = create_engine(db_url)
    sessions = create_session_factory(engine)
    clock = MovableClock()
    async with sessions() as s, s.begin():
        s.add_all(
            JobRow(id=f"job{n}", kind="series", payload={"user_id": "u"}, status="queued",
                   created_at=T0, updated_at=T0)
            for n in (1, 2)
        )  # fmt: skip
    yield JobStore(sessions, clock), clock
    await engine.dispose()


async def test_a_job_is_claimed_once_as_plain_data(world):
    store, clock = world
    job = await store.claim("job1")
    assert job == ClaimedJob("job1", "series", None, {"user_id": "u"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.kind = "book"  # type: ignore[misc]
    assert await store.claim("job1") is None  # another worker: not twice
    assert await store.claim("missing") is None
    clock.at += STALE_AFTER + timedelta(seconds=1)  # its worker died without a heartbeat
    assert await store.claim("job1") is not None


async def test_unfinished_and_waiting_jobs_are_found(world):
    store, clock = world
    await store.claim("job1")
    await store.finish("job1", "done")
    assert await store.unfinished() == ["job2"]
    assert await store.waiting_since(60) == []
    clock.at += timedelta(minutes=2)
    assert await store.waiting_since(60) == ["job2"]

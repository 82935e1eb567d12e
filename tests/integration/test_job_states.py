"""Job states on both backends: a queued job is claimed once, as plain data; a job whose lease
ran out (its worker died) is taken over, and the worker that lost it can neither renew nor
finish it; unfinished, expired and long-waiting jobs are found for re-queuing; a job whose
workers kept dying is given up."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from domain.jobs import ClaimedJob
from storage.db import create_engine, create_session_factory
from storage.jobs import LEASE, MAX_ATTEMPTS, JobStore
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
    assert job == ClaimedJob("job1", "series", None, {"user_id": "u"}, attempt=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.kind = "book"  # type: ignore[misc]
    assert await store.claim("job1") is None  # another worker: not twice
    assert await store.claim("missing") is None
    clock.at += LEASE + timedelta(seconds=1)  # its worker died: nobody renewed the lease
    assert await store.expired() == ["job1"]
    taken = await store.claim("job1")
    assert taken is not None and taken.attempt == 2
    assert await store.expired() == []


async def test_a_renewed_lease_is_kept_and_a_lost_claim_changes_nothing(world):
    store, clock = world
    first = await store.claim("job1")
    assert first is not None
    for _ in range(4):  # a live worker renews: its job is never taken over however long it runs
        clock.at += LEASE * 0.6
        assert await store.renew("job1", first.attempt)
        assert await store.claim("job1") is None and await store.expired() == []
    clock.at += LEASE + timedelta(seconds=1)  # the worker froze past its lease
    second = await store.claim("job1")
    assert second is not None
    assert not await store.renew("job1", first.attempt)  # fenced out
    assert not await store.finish("job1", "failed", "late", attempt=first.attempt)
    assert await store.finish("job1", "done", attempt=second.attempt)
    assert await store.unfinished() == ["job2"]


async def test_a_job_whose_workers_keep_dying_is_given_up_once(world):
    store, clock = world
    for _ in range(MAX_ATTEMPTS):
        assert await store.claim("job1") is not None
        clock.at += LEASE + timedelta(seconds=1)
    assert await store.claim("job1") is None and await store.expired() == []
    abandoned = await store.abandon_exhausted()
    assert [(a.id, a.kind) for a in abandoned] == [("job1", "series")]
    assert await store.abandon_exhausted() == []
    assert await store.unfinished() == ["job2"]


async def test_unfinished_and_waiting_jobs_are_found(world):
    store, clock = world
    await store.claim("job1")
    await store.finish("job1", "done")
    assert await store.unfinished() == ["job2"]
    assert await store.waiting_since(60) == []
    clock.at += timedelta(minutes=2)
    assert await store.waiting_since(60) == ["job2"]

"""The job runner keeps its job's lease while the work runs, and stops the work when another
worker has taken the job over (its lease lapsed): the one that lost it records nothing."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from bot.conversation.jobs import JobRunner
from domain.jobs import ClaimedJob


class Store:
    def __init__(self, keep_for: int) -> None:
        self.keep_for = keep_for  # renewals that succeed before the claim is lost
        self.renewals = 0
        self.finished: list[tuple[str, str | None, int | None]] = []

    async def claim(self, job_id, *, recovering=False):
        return ClaimedJob(job_id, "series", None, {"user_id": "u"}, attempt=4)

    async def renew(self, job_id, attempt):
        assert attempt == 4
        self.renewals += 1
        return self.renewals <= self.keep_for

    async def finish(self, job_id, status, error=None, attempt=None):
        self.finished.append((status, error, attempt))
        return True


def runner(store: Store, seconds: float) -> tuple[JobRunner, list[str]]:
    done: list[str] = []

    async def new_series_round(user_id):
        await asyncio.sleep(seconds)
        done.append(user_id)
        return [SimpleNamespace(round=1)]

    services = SimpleNamespace(options=SimpleNamespace(new_series_round=new_series_round))
    return JobRunner(store, services, None, lease_seconds=0.3), done  # type: ignore[arg-type]


async def test_a_long_job_renews_its_lease_and_finishes_fenced():
    store = Store(keep_for=100)
    job_runner, done = runner(store, 1.0)
    await job_runner.run("j1")
    assert done == ["u"] and store.renewals >= 5  # renewed about every lease/3
    assert store.finished == [("done", None, 4)]


async def test_a_worker_that_lost_its_job_stops_and_records_nothing():
    store = Store(keep_for=1)
    job_runner, done = runner(store, 5.0)
    started = asyncio.get_running_loop().time()
    await job_runner.run("j1")
    assert asyncio.get_running_loop().time() - started < 2  # stopped, not run to the end
    assert done == [] and store.finished == []

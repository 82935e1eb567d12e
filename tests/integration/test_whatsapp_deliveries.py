"""The ack's writer on both databases: group commit (one insert per batch, duplicates in a
batch and across batches, a failed batch keeps nothing and fails only its own requests) and
the drainers' claims, leases, marks, sweep counts and pruning."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from adapters.whatsapp.payload import RawItem
from bot.channels.whatsapp.group_commit import BatchFailed, GroupCommit
from storage.db import create_engine
from storage.tables import WhatsAppDeliveryRow
from storage.whatsapp_deliveries import DeliveryInbox


class StepClock:
    def __init__(self) -> None:
        self.at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


@pytest.fixture
async def inbox(db_url):
    engine = create_engine(db_url)
    store = DeliveryInbox(engine, StepClock())
    store.engine = engine  # type: ignore[attr-defined]
    store.clock = store._clock  # type: ignore[attr-defined]
    yield store
    await engine.dispose()


async def kept(inbox) -> list[str]:
    async with inbox.engine.connect() as conn:
        query = select(WhatsAppDeliveryRow.item_key).order_by(WhatsAppDeliveryRow.id)
        return list((await conn.execute(query)).scalars())


def msg(key: str) -> RawItem:
    return RawItem(key, "message", json.dumps({"message": {"id": key}}))


class Counting:
    """The real writer, counted: how many statements (batches) the acks cost."""

    def __init__(self, inbox: DeliveryInbox) -> None:
        self.inbox = inbox
        self.batches: list[int] = []
        self.commits = 0

    async def write(self, items):
        self.batches.append(len(items))
        return await self.inbox.insert(items)

    def committed(self) -> None:
        self.commits += 1


async def test_concurrent_acks_share_one_insert_and_duplicates_are_dropped(inbox):
    counting = Counting(inbox)
    group = GroupCommit(counting.write, counting.committed, window_seconds=0.05)
    first = await asyncio.gather(
        group.submit([msg("wamid.A"), msg("wamid.B")]),
        group.submit([msg("wamid.B"), msg("wamid.C")]),  # B twice in one batch
        group.submit([msg("wamid.A")]),
    )
    assert first == [{"wamid.A", "wamid.B"}, {"wamid.C"}, set()]
    assert counting.batches == [5] and counting.commits == 1
    # A redelivery in a later batch: only what is new counts; nothing new, no signal.
    assert await group.submit([msg("wamid.A"), msg("wamid.D")]) == {"wamid.D"}
    assert await group.submit([msg("wamid.C")]) == set()
    assert counting.batches == [5, 2, 1] and counting.commits == 2
    assert await kept(inbox) == ["wamid.A", "wamid.B", "wamid.C", "wamid.D"]


async def test_a_failed_batch_keeps_nothing_and_fails_only_its_own_requests(inbox):
    counting = Counting(inbox)
    group = GroupCommit(counting.write, counting.committed, window_seconds=0.05)
    bad = RawItem("status:wamid.X:read", "bogus", "{}")  # refused by the kind check
    results = await asyncio.gather(
        group.submit([msg("wamid.OK1")]),
        group.submit([msg("wamid.GOOD-BUT-WITH-A-BAD-ONE"), bad]),
        group.submit([msg("wamid.OK2")]),
        return_exceptions=True,
    )
    assert results[0] == {"wamid.OK1"} and results[2] == {"wamid.OK2"}
    assert isinstance(results[1], BatchFailed)  # its request answers 5xx: Meta retries it
    # One batch failed, then each request alone: the bad one kept nothing, not even its good item.
    assert counting.batches == [4, 1, 2, 1]
    assert await kept(inbox) == ["wamid.OK1", "wamid.OK2"]
    with pytest.raises(BatchFailed):
        await group.submit([bad])
    assert await kept(inbox) == ["wamid.OK1", "wamid.OK2"]


async def test_a_full_batch_does_not_wait_for_the_window(inbox):
    counting = Counting(inbox)
    group = GroupCommit(counting.write, counting.committed, window_seconds=30, max_items=3)
    async with asyncio.timeout(5):
        keys = await asyncio.gather(*(group.submit([msg(f"wamid.F{i}")]) for i in range(6)))
    assert [k.pop() for k in keys] == [f"wamid.F{i}" for i in range(6)]
    assert counting.batches == [3, 3]


async def test_claims_go_in_order_and_a_dead_drainers_lease_runs_out(inbox):
    await inbox.insert([msg(f"wamid.{i}") for i in range(5)])
    first = await inbox.claim(3, lease_seconds=60)
    assert [(i.key, i.attempts) for i in first] == [("wamid.0", 1), ("wamid.1", 1), ("wamid.2", 1)]
    second = await inbox.claim(3, lease_seconds=60)
    assert [i.key for i in second] == ["wamid.3", "wamid.4"]
    assert await inbox.claim(3, lease_seconds=60) == []
    await inbox.processed([i.id for i in second])
    await inbox.failed(first[0].id, "ConnectionError: gone")
    assert await inbox.stranded(timedelta(0)) == 0  # held, or handled
    inbox.clock.at += timedelta(seconds=61)  # the first drainer died holding its batch
    assert await inbox.stranded(timedelta(seconds=30)) == 3
    again = await inbox.claim(10, lease_seconds=60)
    assert [(i.key, i.attempts) for i in again] == [("wamid.0", 2), ("wamid.1", 2), ("wamid.2", 2)]
    await inbox.processed([again[0].id, again[1].id], set_aside="unusable")
    await inbox.processed([again[2].id])
    async with inbox.engine.connect() as conn:
        query = select(WhatsAppDeliveryRow.item_key, WhatsAppDeliveryRow.error).where(
            WhatsAppDeliveryRow.processed_at.is_not(None)
        )
        errors = dict((await conn.execute(query)).all())
    # Set aside: the last failure is kept as the reason; handled: no error.
    assert errors == {
        "wamid.0": "ConnectionError: gone",
        "wamid.1": "unusable",
        "wamid.2": None,
        "wamid.3": None,
        "wamid.4": None,
    }
    assert await inbox.stranded(timedelta(0)) == 0


async def test_handled_items_are_pruned_after_the_redelivery_window(inbox):
    await inbox.insert([msg("wamid.OLD"), msg("wamid.OPEN")])
    [old, _] = await inbox.claim(2, lease_seconds=60)
    await inbox.processed([old.id])
    inbox.clock.at += timedelta(days=8)
    assert await inbox.prune(timedelta(days=7)) == 1
    assert await kept(inbox) == ["wamid.OPEN"]  # never handled: kept however old
    assert await inbox.insert([msg("wamid.OLD")]) == {"wamid.OLD"}


@pytest.mark.postgres
async def test_concurrent_claims_never_share_an_item(pg_db_url):
    engine = create_engine(pg_db_url)
    try:
        one, two = DeliveryInbox(engine, StepClock()), DeliveryInbox(engine, StepClock())
        await one.insert([msg(f"wamid.{i:03d}") for i in range(200)])
        for _ in range(5):
            a, b = await asyncio.gather(one.claim(30, 60), two.claim(30, 60))
            assert not {i.id for i in a} & {i.id for i in b}
    finally:
        await engine.dispose()

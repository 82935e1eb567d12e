"""The job stream on a real Redis: an entry read by a consumer that died is claimed by a live
one once idle past the lease, with no new message arriving; after the stream and its group
vanish (Redis restarted empty) the listener makes them again and goes on, skipping nothing
added meanwhile."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from support.servers import REDIS_URL
from taskiq.message import BrokerMessage

from bot.conversation.stream_broker import ResilientStreamBroker

pytestmark = pytest.mark.redis


def _broker(queue: str, **kw: float) -> ResilientStreamBroker:
    return ResilientStreamBroker(
        REDIS_URL, queue, claim_idle_seconds=kw.get("idle", 0.5), claim_every_seconds=0.2,
        block_ms=100,
    )  # fmt: skip


def _message(data: bytes) -> BrokerMessage:
    return BrokerMessage(task_id=uuid.uuid4().hex, task_name="t", message=data, labels={})


async def _next(listener, seconds: float = 10.0):
    return await asyncio.wait_for(anext(listener), seconds)


async def test_a_dead_consumers_entry_is_claimed_without_new_traffic(redis_client):
    queue = f"storybook:test:{uuid.uuid4().hex}"
    dead, live = _broker(queue), _broker(queue)
    await dead.startup()
    await live.startup()
    try:
        await dead.kick(_message(b"job-1"))
        taken = await _next(dead.listen())  # read, never acknowledged: its process died
        assert taken.data == b"job-1"
        started = asyncio.get_running_loop().time()
        claimed = await _next(live.listen())
        assert claimed.data == b"job-1"
        assert asyncio.get_running_loop().time() - started >= 0.4  # only once idle
        await claimed.ack()
        pending = await redis_client.xpending(queue, f"{queue}:workers")
        assert pending["pending"] == 0
    finally:
        await dead.shutdown()
        await live.shutdown()
        await redis_client.delete(queue)


async def test_the_group_is_made_again_after_redis_lost_everything(redis_client):
    queue = f"storybook:test:{uuid.uuid4().hex}"
    broker = _broker(queue, idle=30)
    await broker.startup()
    try:
        listener = broker.listen()
        await broker.kick(_message(b"before"))
        assert (await _next(listener)).data == b"before"
        await redis_client.delete(queue)  # as after a restart with no data: no stream, no group
        assert (await broker.check()).startswith("down")
        await broker.kick(_message(b"after"))  # made while the group is gone
        assert (await _next(listener)).data == b"after"
        assert await broker.check() == "ok"
    finally:
        await broker.shutdown()
        await redis_client.delete(queue)


async def test_kicks_of_the_same_moment_all_land_in_the_order_asked(redis_client):
    queue = f"storybook:test:{uuid.uuid4().hex}"
    broker = _broker(queue, idle=30)
    await broker.startup()
    try:
        sent = [f"job-{n}".encode() for n in range(200)]
        await asyncio.gather(*(broker.kick(_message(data)) for data in sent))
        entries = await redis_client.xrange(queue)
        assert [fields[b"data"] for _, fields in entries] == sent
    finally:
        await broker.shutdown()
        await redis_client.delete(queue)

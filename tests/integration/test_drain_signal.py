"""The drainers' wake-up signal: an event in this process, and through Redis a coalesced
PUBLISH that wakes drainers in other processes (also after they resubscribe)."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from bot.channels.whatsapp.signal import DrainSignal


async def test_without_redis_the_local_event_is_the_signal():
    signal = DrainSignal(None, "unused")
    signal.notify()
    assert signal.event.is_set()


@pytest.mark.redis
async def test_a_burst_of_acks_is_a_few_messages_and_wakes_the_other_process(redis_client):
    channel = f"test:{uuid.uuid4().hex}"
    acking, draining = DrainSignal(redis_client, channel), DrainSignal(redis_client, channel)
    listener = asyncio.create_task(draining.listen())
    counter = redis_client.pubsub()
    await counter.subscribe(channel)
    try:
        async with asyncio.timeout(5):
            await draining.event.wait()  # set once subscribed: a drain for what it missed
            draining.event.clear()
            while (await redis_client.pubsub_numsub(channel))[0][1] < 2:
                await asyncio.sleep(0.01)
        for _ in range(200):  # 200 acks within a millisecond or two
            acking.notify()
        async with asyncio.timeout(5):
            await draining.event.wait()
        received, until = 0, asyncio.get_running_loop().time() + 0.5
        while asyncio.get_running_loop().time() < until:
            received += bool(
                await counter.get_message(ignore_subscribe_messages=True, timeout=0.05)
            )
        assert 1 <= received <= 3
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
        await counter.aclose()

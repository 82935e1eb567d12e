"""Production mode: PostgreSQL, Redis locks and limits, jobs on a Redis stream consumed by the
serve process, and web chat frames relayed through Redis pub/sub."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from support.chat_driver import Parent, make_profile, texts
from taskiq_redis import RedisStreamBroker

from bot.app import keys
from bot.app.composition import create_app
from storage.kv_redis import RedisLocker


@pytest.mark.postgres
@pytest.mark.redis
async def test_the_journey_runs_on_postgres_and_redis(
    pg_db_url, redis_url, aiohttp_client, make_settings
):
    # pg_db_url first: it is torn down last, after the app has closed its connections.
    # A queue of its own: another test run on this machine must not take our jobs.
    queue = f"storybook:test:{uuid.uuid4().hex}"
    settings = make_settings(
        job_queue_name=queue, database_url=pg_db_url, redis_url=redis_url, book_image_px=320
    )
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    assert isinstance(app[keys.RUNTIME].queue.broker, RedisStreamBroker)
    assert isinstance(app[keys.LOCKER], RedisLocker)
    assert app[keys.RUNTIME].relay is not None
    for _ in range(200):  # ready once the queue's consumer group exists and it consumes
        ready = await (await client.get("/readyz")).json()
        if ready["status"] == "ready":
            break
        await asyncio.sleep(0.05)
    assert ready["checks"] == {"database": "ok", "migrations": "ok", "redis": "ok", "queue": "ok"}

    parent = await Parent(client).open()
    await make_profile(parent)
    reply = await parent.tap("Looks good")  # series are written by a job taken off the Redis stream
    assert await parent.state() == "choose_series"
    assert "5 story series" in texts(reply)
    # The bot's answers reached the open WebSocket through the Redis relay.
    frames = []
    while len(frames) < 50:
        try:
            frame = await parent.ws.receive_json(timeout=2)
        except TimeoutError:
            break
        frames.append(frame)
    kinds = [f["message"]["kind"] for f in frames if f["type"] == "message"]
    assert "list" in kinds
    await parent.close()

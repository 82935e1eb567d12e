"""Redis restarts under a running service (a redis-server of the test's own on a spare port):
empty (`--save ""`), and with its data after being down for a while. Nobody restarts `serve`:
it recreates the job stream and its consumer group, resubscribes, re-queues what was in flight
from the database, says it is not ready while the queue cannot work, and goes on answering."""

from __future__ import annotations

import asyncio

import pytest
from support.book_faults import documents, previews_delivered
from support.chat_driver import make_profile
from support.processes import (
    OwnRedis,
    RemoteParent,
    Service,
    free_port,
    migrate,
    quiet,
    readiness,
    service_env,
    until_ready,
)

from bot.app import keys
from storage.db import create_engine, create_session_factory


async def _journey_on(parent: RemoteParent) -> None:
    """Series, storyline, dedication: two jobs and the book, all through the queue."""
    reply = await parent.tap("Looks good")
    series = next(m for m in reply if m["kind"] == "list")["rows"][1]["title"]
    reply = await parent.tap(series)
    storyline = next(m for m in reply if m["kind"] == "list")["rows"][0]["title"]
    await parent.tap(storyline)
    await parent.say("For Zoya")
    assert len(documents(parent.messages)) == 1  # the preview, once


@pytest.fixture
async def service(tmp_path, fresh_pg):
    started: list[tuple[Service, RemoteParent, object]] = []

    async def start(redis: OwnRedis) -> tuple[Service, RemoteParent]:
        env = service_env(
            tmp_path,
            port=free_port(),
            database_url=fresh_pg,
            redis_url=redis.url,
            job_lease_seconds=3,
            book_image_px=320,
        )
        await migrate(env)
        engine = create_engine(fresh_pg)
        serve = await Service("serve", env, tmp_path / "serve.log").start()
        parent = RemoteParent(serve.base_url, create_session_factory(engine))
        started.append((serve, parent, engine))
        await until_ready(serve.base_url)
        await parent.open()
        return serve, parent

    yield start
    for serve, parent, engine in started:
        await parent.close()
        await serve.stop()
        await engine.dispose()  # type: ignore[attr-defined]


@pytest.mark.postgres
@pytest.mark.redis
async def test_redis_restarted_empty_the_service_recreates_its_queue_and_goes_on(
    service, own_redis
):
    serve, parent = await service(own_redis)
    await make_profile(parent)
    own_redis.kill()
    status, body = await readiness(serve.base_url)
    assert status == 503 and "redis" in body["down"]
    own_redis.start()  # empty: no stream, no consumer group, no locks
    body = await until_ready(serve.base_url)
    assert body["checks"]["queue"] == "ok"
    await _journey_on(parent)


@pytest.mark.postgres
@pytest.mark.redis
async def test_redis_back_with_its_data_after_being_down_answers_what_came_meanwhile(
    service, tmp_path
):
    redis = OwnRedis(tmp_path / "redis-aof", persist=True).start()
    try:
        serve, parent = await service(redis)
        sessions = parent.app[keys.SESSIONS]
        await make_profile(parent)
        redis.shutdown()  # a clean stop: its data (stream, group, pending entries) is on disk
        await parent.send_choice("Looks good")  # kept by the service while Redis is away
        await asyncio.sleep(8)
        status, _ = await readiness(serve.base_url)
        assert status == 503
        redis.start()
        await until_ready(serve.base_url)
        async with asyncio.timeout(90):  # answered without being asked again
            while not any(
                m["kind"] == "list" and "story series" in m["text"] for m in await parent.history()
            ):
                await asyncio.sleep(0.2)
        await quiet(sessions, parent.session_id)
        assert await parent.state() == "choose_series"
        lists = [
            i
            for i in parent.messages
            if i["message"]["kind"] == "list" and "story series" in i["message"]["text"]
        ]
        assert len(lists) == 1  # once
        series = lists[0]["message"]["rows"][1]["title"]
        reply = await parent.tap(series)
        storyline = next(m for m in reply if m["kind"] == "list")["rows"][0]["title"]
        await parent.tap(storyline)
        await parent.send_text("For Zoya")
        await previews_delivered(parent)
        await quiet(sessions, parent.session_id)
        await parent.history()
        assert len(documents(parent.messages)) == 1
    finally:
        redis.kill()

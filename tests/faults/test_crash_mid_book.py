"""`kill -9` while a book is being illustrated, then no help from anyone: the book finishes
once, keeping the pages drawn before the crash, and the parent gets one preview. Embedded
default (one `serve`, SQLite, in-process queue): a restart finishes it. Production (PostgreSQL,
a Redis of the test's own, `serve` and workers): a live worker takes the dead one's job over
when its lease runs out, with no restart and no new traffic."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import select
from support.book_faults import (
    BOOK_SETTINGS,
    documents,
    mid_illustration,
    pages_drawn,
    previews_delivered,
    sent_documents,
    start_book,
    whatsapp_book,
)
from support.processes import (
    RemoteParent,
    RemoteWaParent,
    Service,
    free_port,
    migrate,
    quiet,
    service_env,
)
from support.wa_driver import whatsapp_settings

from storage.db import create_engine, create_session_factory
from storage.tables import JobRow

LEASE = 3  # seconds: JOB_LEASE_SECONDS, short so the takeover is quick to watch


async def _delivered_once(parent: RemoteParent, sessions, before: dict[str, str]) -> None:
    await quiet(sessions, parent.session_id)
    await parent.history()
    assert len(documents(parent.messages)) == 1  # one preview, never two
    status, after = await pages_drawn(sessions)
    assert status == "PREVIEW_READY"
    assert {k: after[k] for k in before} == before  # drawn pages kept, not drawn again
    async with sessions() as s:
        book_jobs = (await s.execute(select(JobRow).where(JobRow.kind == "book"))).scalars().all()
    assert [(j.status, j.attempts) for j in book_jobs] == [("done", 2)]


async def test_kill_9_serve_mid_book_then_restart_finishes_it_once(tmp_path):
    db = tmp_path / "app.sqlite3"
    env = service_env(
        tmp_path,
        port=free_port(),
        database_url=f"sqlite+aiosqlite:///{db}",
        job_lease_seconds=LEASE,
        **BOOK_SETTINGS,
    )
    await migrate(env)
    engine = create_engine(env["DATABASE_URL"])
    sessions = create_session_factory(engine)
    serve = await Service("serve", env, tmp_path / "serve.log").start()
    parent = RemoteParent(serve.base_url, sessions)
    try:
        await parent.open()
        await start_book(parent)
        drawn = await mid_illustration(sessions)
        await serve.kill()
        await serve.start()
        await parent.reconnect(serve.base_url)
        delivered = await previews_delivered(parent)
        assert delivered - serve.started_at < 120, serve.tail()
        await _delivered_once(parent, sessions, drawn)
    finally:
        await parent.close()
        await serve.stop()
        await engine.dispose()


@pytest.mark.postgres
@pytest.mark.redis
async def test_kill_9_worker_mid_book_a_live_worker_takes_it_over(tmp_path, fresh_pg, own_redis):
    redis, url = own_redis, fresh_pg
    env = service_env(
        tmp_path,
        port=free_port(),
        database_url=url,
        redis_url=redis.url,
        job_lease_seconds=LEASE,
        **BOOK_SETTINGS,
    )
    await migrate(env)
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    serve = Service("serve", {**env, "CONSUME_JOBS": "false"}, tmp_path / "serve.log")
    first = Service("worker", env, tmp_path / "worker1.log")
    second = Service("worker", env, tmp_path / "worker2.log")
    parent = RemoteParent(serve.base_url, sessions)
    try:
        await serve.start()
        await first.start()
        await parent.open()
        await start_book(parent)
        drawn = await mid_illustration(sessions)
        await second.start()  # a live worker, idle: nothing new will arrive for it
        await first.kill()
        killed = time.monotonic()
        delivered = await previews_delivered(parent)
        assert delivered - killed < 60 + 30, second.tail()  # the lease, a sweep, the rest
        await _delivered_once(parent, sessions, drawn)
    finally:
        await parent.close()
        for service in (second, first, serve):
            await service.stop()
        await engine.dispose()


async def test_kill_9_serve_mid_book_on_whatsapp_then_restart_delivers_it_once(tmp_path, graph):
    db = tmp_path / "app.sqlite3"
    env = service_env(
        tmp_path,
        port=free_port(),
        database_url=f"sqlite+aiosqlite:///{db}",
        job_lease_seconds=LEASE,
        **{**whatsapp_settings(graph.base_url), **BOOK_SETTINGS},
    )
    await migrate(env)
    engine = create_engine(env["DATABASE_URL"])
    sessions = create_session_factory(engine)
    serve = await Service("serve", env, tmp_path / "serve.log").start()
    parent = RemoteWaParent(serve.base_url, sessions, graph)
    try:
        await whatsapp_book(parent)
        drawn = await mid_illustration(sessions)
        await serve.kill()
        await serve.start()
        await parent.reconnect(serve.base_url)
        async with asyncio.timeout(180):
            while not sent_documents([p for _, p in parent.mine()]):
                await asyncio.sleep(0.2)
        await quiet(sessions, None)
        assert len(sent_documents([p for _, p in parent.mine()])) == 1  # one preview
        status, after = await pages_drawn(sessions)
        assert status == "PREVIEW_READY" and {k: after[k] for k in drawn} == drawn
        assert graph.rejected == []
    finally:
        await parent.close()
        await serve.stop()
        await engine.dispose()

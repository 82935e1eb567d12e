"""`kill -9` between acknowledging a signed "paid" webhook and applying it.

PostgreSQL and a Redis of the test's own; `serve` answers HTTP only and the one worker is dead
when the parent pays, so the service acknowledges the sandbox's webhook (200) and nobody
applies it; then `serve` is killed too. After the restart, the provider's retry of that event
is taken again (not dropped as a duplicate), a worker that comes up applies it once, and the
parent gets the paid book once. Without any retry from the provider (and with Redis
restarted empty), the job sweep finds the recorded, unapplied event and applies it once."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aiohttp
import pytest
from sqlalchemy import func, select
from support.book_faults import documents
from support.chat_driver import make_profile, to_preview
from support.processes import (
    FILES_SIGNING_KEY,
    RemoteParent,
    Service,
    free_port,
    migrate,
    quiet,
    service_env,
)

from adapters import sandbox_payments as sandbox
from bot.app.runtime import derived_key
from storage.db import create_engine, create_session_factory
from storage.tables import AuditLogRow, BookRow, JobRow, PaymentRow, WebhookEventRow


async def _one(sessions, query):
    async with sessions() as s:
        return (await s.execute(query)).scalar_one()


async def _paid_then_killed(
    tmp_path, fresh_pg, own_redis
) -> tuple[Service, Service, RemoteParent, Any, Any, WebhookEventRow]:
    """Up to the crash: the parent pays, `serve` answers the sandbox's "paid" webhook with 200
    while no worker is alive to apply it, then `serve` is killed too."""
    env = service_env(
        tmp_path,
        port=free_port(),
        database_url=fresh_pg,
        redis_url=own_redis.url,
        job_lease_seconds=3,
        book_image_px=320,
    )
    await migrate(env)
    engine = create_engine(fresh_pg)
    sessions = create_session_factory(engine)
    serve_env = {**env, "CONSUME_JOBS": "false"}
    serve = Service("serve", serve_env, tmp_path / "serve.log")
    worker = Service("worker", env, tmp_path / "worker.log")
    parent = RemoteParent(serve.base_url, sessions)
    await serve.start()
    await worker.start()
    await parent.open()
    await make_profile(parent)
    await to_preview(parent)
    reply = await parent.tap("Buy the book")
    link = next(m for m in reply if m["kind"] == "link")
    await worker.kill()  # nobody applies what serve acknowledges from now on

    checkout = "/" + link["url"].split("/", 3)[3]
    async with aiohttp.ClientSession(base_url=serve.base_url) as http:
        page = await (await http.get(checkout)).text()
        token = page.split('name="form_token" value="')[1].split('"')[0]
        paid = await http.post(f"{checkout}/pay", data={"form_token": token})
        assert paid.status == 200  # the sandbox's webhook was answered 200
    event = await _one(sessions, select(WebhookEventRow))
    assert event.processed_at is None  # acknowledged, not applied
    assert await _one(sessions, select(PaymentRow.status)) == "created"
    await serve.kill()  # dies between the ack and the application
    return serve, worker, parent, engine, sessions, event


async def _paid_once(parent: RemoteParent, sessions: Any) -> None:
    await quiet(sessions, parent.session_id)
    await parent.history()
    assert await _one(sessions, select(PaymentRow.status)) == "paid"
    assert await _one(sessions, select(BookRow.status)) == "DELIVERED"
    confirmed = select(func.count()).where(AuditLogRow.action == "payment_confirmed")
    assert await _one(sessions, confirmed) == 1
    finals = [d for d in documents(parent.messages) if "preview" not in d["filename"]]
    assert len(finals) == 1  # the paid book, once
    assert (await _one(sessions, select(WebhookEventRow))).processed_at is not None
    events = select(func.count()).select_from(JobRow).where(JobRow.kind == "payment_event")
    assert await _one(sessions, events) >= 1


@pytest.mark.postgres
@pytest.mark.redis
async def test_a_paid_webhook_acked_by_a_dying_process_is_applied_once(
    tmp_path, fresh_pg, own_redis
):
    serve, worker, parent, engine, sessions, event = await _paid_then_killed(
        tmp_path, fresh_pg, own_redis
    )
    try:
        await serve.start()
        await parent.reconnect(serve.base_url)
        secret = derived_key(FILES_SIGNING_KEY.encode(), "sandbox-webhook")
        headers = {
            sandbox.SIGNATURE_HEADER: sandbox.sign(secret, event.raw_body),
            "Content-Type": "application/json",
        }
        async with aiohttp.ClientSession(base_url=serve.base_url) as http:
            retry = await http.post("/webhooks/sandbox", data=event.raw_body, headers=headers)
            assert retry.status == 200
            assert (await retry.json())["status"] == "accepted"  # not dropped as a duplicate
            await worker.start()
            await quiet(sessions, parent.session_id)
            again = await http.post("/webhooks/sandbox", data=event.raw_body, headers=headers)
            assert (await again.json())["status"] == "duplicate"
        await _paid_once(parent, sessions)
    finally:
        await parent.close()
        for service in (worker, serve):
            await service.stop()
        await engine.dispose()


@pytest.mark.postgres
@pytest.mark.redis
async def test_a_paid_webhook_acked_by_a_dying_process_is_applied_without_a_retry(
    tmp_path, fresh_pg, own_redis
):
    """The provider never delivers the event again, and Redis restarted empty meanwhile (the
    queued job is gone from the stream): the event's job, kept with it in PostgreSQL, is
    found by the job sweep and applied once."""
    serve, worker, parent, engine, sessions, _ = await _paid_then_killed(
        tmp_path, fresh_pg, own_redis
    )
    try:
        own_redis.kill()
        own_redis.start()  # empty: only the database knows the event is unapplied
        await serve.start()
        await parent.reconnect(serve.base_url)
        await worker.start()
        started = time.monotonic()
        async with asyncio.timeout(120):
            while await _one(sessions, select(PaymentRow.status)) != "paid":
                await asyncio.sleep(0.2)
        print(f"applied {time.monotonic() - started:.1f} s after the worker started")
        await _paid_once(parent, sessions)
    finally:
        await parent.close()
        for service in (worker, serve):
            await service.stop()
        await engine.dispose()

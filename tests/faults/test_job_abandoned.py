"""A book job whose workers keep dying (every claim's lease runs out) is not retried forever:
after its last attempt the sweep gives it up, the book counts as failed and the parent is
offered "Try again", which then works."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from support.chat_driver import Parent, make_profile

from bot.app import keys
from bot.app.composition import create_app
from storage.jobs import MAX_ATTEMPTS
from storage.tables import BookRow, JobRow


async def test_a_book_whose_workers_keep_dying_fails_kindly_and_can_be_tried_again(
    aiohttp_client, make_settings, sqlite_db_url
):
    client = await aiohttp_client(
        create_app(make_settings(database_url=sqlite_db_url, book_image_px=320))
    )
    app = client.server.app
    runtime = app[keys.RUNTIME]
    parent = await Parent(client).open()
    await make_profile(parent)
    reply = await parent.tap("Looks good")
    await parent.tap(next(m for m in reply if m["kind"] == "list")["rows"][0]["title"])
    lines = next(i["message"] for i in reversed(parent.messages) if i["message"]["kind"] == "list")
    await parent.tap(lines["rows"][0]["title"])
    enqueue = runtime.turns._enqueue

    async def lost(_job_id: str) -> None:
        return None  # the job row is kept; its workers "die" below

    runtime.turns._enqueue = lost
    await parent.ws.send_json({"type": "text", "text": "skip"})  # its answer is not awaited
    async with asyncio.timeout(30):
        while not await _book_job(app):
            await asyncio.sleep(0.02)
    # Its last worker died long ago: every attempt used, the lease long run out.
    async with app[keys.SESSIONS]() as s, s.begin():
        await s.execute(
            update(JobRow)
            .where(JobRow.kind == "book")
            .values(
                status="running",
                attempts=MAX_ATTEMPTS,
                heartbeat_at=datetime.now(UTC) - timedelta(minutes=5),
            )
        )
    assert await runtime.queue.sweep(runtime.jobs) == 0  # nothing left to re-queue...
    reply = await parent._new_messages()  # ...and the parent hears it failed
    assert await parent.state() == "generation_failed"
    assert any(b["title"] == "Try again" for m in reply for b in m.get("buttons", []))
    async with app[keys.SESSIONS]() as s:
        assert (await s.execute(select(BookRow.status))).scalar_one() == "GENERATION_FAILED"
    assert (await _book_job(app)).status == "failed"
    assert await runtime.queue.sweep(runtime.jobs) == 0  # given up once, not twice
    runtime.turns._enqueue = enqueue
    reply = await parent.tap("Try again")
    assert any(m["kind"] == "document" for m in reply)
    assert await parent.state() == "preview"


async def _book_job(app) -> JobRow | None:
    async with app[keys.SESSIONS]() as s:
        return (await s.execute(select(JobRow).where(JobRow.kind == "book"))).scalar_one_or_none()

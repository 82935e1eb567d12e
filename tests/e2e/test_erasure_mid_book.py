"""A parent erases their data while their book is being illustrated: the job notices the book
is gone and stops quietly (nothing at ERROR, no traceback), the erasure holds, and the
conversation goes on."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy import func, select
from support.chat_driver import Parent, make_profile, settle, texts

from bot.app import keys
from bot.app.composition import create_app
from domain.story import IllustrationRequest
from storage.tables import (
    BookRow,
    BookVersionRow,
    ChildProfileRow,
    ImageAssetRow,
    JobRow,
)


class GatedIllustrator:
    """The real illustrator, held at a gate after `free` pictures until the test opens it."""

    def __init__(self, inner: Any, free: int) -> None:
        self._inner, self._free = inner, free
        self.waiting = asyncio.Event()
        self.gate = asyncio.Event()

    @property
    def model(self) -> str:
        return str(self._inner.model)

    async def illustrate(self, request: IllustrationRequest) -> bytes:
        if self._free <= 0:
            self.waiting.set()
            await self.gate.wait()
        self._free -= 1
        return bytes(await self._inner.illustrate(request))


async def _count(app: Any, table: Any) -> int:
    async with app[keys.SESSIONS]() as s:
        return int(await s.scalar(select(func.count()).select_from(table)) or 0)


async def _until_state(parent: Parent, state: str) -> None:
    async with asyncio.timeout(30):
        while await parent.state() != state:
            await asyncio.sleep(0.02)


async def test_erasure_while_the_book_is_illustrated_ends_the_job_quietly(
    aiohttp_client, make_settings, db_url, caplog
):
    caplog.set_level(logging.INFO)
    settings = make_settings(database_url=db_url, book_image_px=320, illustration_concurrency=2)
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    generator = app[keys.SERVICES].generator
    gated = GatedIllustrator(generator._illustrator, free=3)
    generator._illustrator = gated
    parent = await Parent(client).open()
    await make_profile(parent)
    reply = await parent.tap("Looks good")
    await parent.tap(next(m for m in reply if m["kind"] == "list")["rows"][1]["title"])
    lines = next(m for m in reversed(parent.messages) if m["message"]["kind"] == "list")
    await parent.tap(lines["message"]["rows"][0]["title"])
    await parent.ws.send_json({"type": "text", "text": "For Zoya, with love"})
    async with asyncio.timeout(60):
        await gated.waiting.wait()  # pictures drawn, two more held mid-illustration
    async with app[keys.SESSIONS]() as s:
        assert (await s.execute(select(BookRow.status))).scalar_one() == "GENERATING"

    await parent.ws.send_json({"type": "text", "text": "delete my data"})
    await _until_state(parent, "confirm_erasure")
    caplog.clear()  # what follows is the erasure and the job's end
    await parent.ws.send_json({"type": "text", "text": "yes"})
    await _until_state(parent, "start")
    assert await _count(app, BookRow) == 0  # erased while its pictures were being drawn
    gated.gate.set()
    await settle(app)

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [(r.name, r.getMessage()) for r in errors]
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    for table in (BookRow, BookVersionRow, ChildProfileRow, ImageAssetRow):
        assert await _count(app, table) == 0, table
    async with app[keys.SESSIONS]() as s:
        jobs = (await s.execute(select(JobRow.kind, JobRow.status))).all()
    assert ("book", "failed") not in jobs
    # The chat's token went with the data: its link opens nothing, and a fresh chat starts anew.
    old = await parent.client.get(f"/webchat/history?token={parent.token}&after=0")
    assert old.status == 401
    await parent.close()
    fresh = await Parent(client).open()
    assert "your child is the hero" in texts(await fresh.say("hi"))
    await fresh.close()

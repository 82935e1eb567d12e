"""A parent who floods the bot is slowed inside the turn runner: told once, kindly; every message
is handled once, in order; other parents are not delayed."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from support.chat_driver import Parent, settle

from bot.app import keys
from bot.app.composition import create_app
from flows.messages import InboundText
from flows.words import say
from storage.tables import ChatMessageRow

WINDOW = 3.0  # long enough that a loaded machine handles the first messages inside it
BURST = ["hi", "hello?", "are you there", "hi", "I agree", "hello", "Zoya"]


@pytest.fixture
async def client(aiohttp_client, make_settings, db_url):
    settings = make_settings(
        database_url=db_url, flood_limit_messages=3, flood_window_seconds=WINDOW
    )
    return await aiohttp_client(create_app(settings))


@pytest.fixture
async def unlimited(aiohttp_client, make_settings, db_url):
    """The same service without the flood limit (the default of scripted tests), for comparison."""
    return await aiohttp_client(create_app(make_settings(database_url=db_url)))


async def conversation(app, session_id: str) -> tuple[list[str], list[str]]:
    """(the bot's texts, the inbox statuses) of one session, in order."""
    async with app[keys.SESSIONS]() as s:
        rows = (
            await s.execute(
                select(ChatMessageRow)
                .where(ChatMessageRow.session_id == session_id)
                .order_by(ChatMessageRow.id)
            )
        ).scalars()
        rows = list(rows)
    said = [r.body.get("text", "") for r in rows if r.direction == "out"]
    return said, [r.inbox_status for r in rows if r.direction == "in"]


async def test_a_burst_is_slowed_told_once_and_nothing_is_lost_or_doubled(client, unlimited):
    app = client.server.app
    turns = app[keys.RUNTIME].turns
    flooding, other = [await Parent(client).open() for _ in range(2)]
    calm = await Parent(unlimited).open()

    for text in BURST:  # all at once, as a parent pasting lines or tapping repeatedly
        await turns.record(flooding.session_id, InboundText(text))
    await turns.process(flooding.session_id)
    said, inbox = await conversation(app, flooding.session_id)
    assert inbox.count("processed") == 3 and inbox.count("received") == len(BURST) - 3
    assert said[-1] == say("slow_down")

    # Another parent is answered at once while the first one waits.
    await turns.post(other.session_id, InboundText("hi"))
    other_said, other_inbox = await conversation(app, other.session_id)
    assert other_inbox == ["processed"] and other_said
    assert (await conversation(app, flooding.session_id))[1].count("received") == 4

    # The same lines, never slowed, for comparison.
    for text in BURST:
        await unlimited.server.app[keys.RUNTIME].turns.post(calm.session_id, InboundText(text))

    await settle(app, timeout=4 * WINDOW * len(BURST))
    said, inbox = await conversation(app, flooding.session_id)
    calm_said, _ = await conversation(app, calm.session_id)
    assert inbox == ["processed"] * len(BURST)
    assert said.count(say("slow_down")) == 1  # told once for the whole burst
    assert [t for t in said if t != say("slow_down")] == calm_said  # each line answered once


async def test_a_flood_on_one_web_chat_socket_is_coalesced_without_delaying_another_parent(
    aiohttp_client, make_settings, db_url
):
    """1,000 frames in a blink: a few go through, the rest become one message answered once,
    the parent is told once, and another parent's first reply does not wait for them."""
    import asyncio
    import time

    from support.chat_driver import texts

    from web_chat.pacing import SLOW_DOWN

    settings = make_settings(database_url=db_url, flood_limit_messages=3, flood_window_seconds=1)
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    flooding, other = await Parent(client).open(), await Parent(client).open()
    for n in range(1000):
        await flooding.ws.send_json({"type": "text", "text": f"hello {n}"})
    started = time.perf_counter()
    reply = await other.say("hi")
    assert "your child is the hero" in texts(reply)
    assert time.perf_counter() - started < 2.0
    notices = []
    async with asyncio.timeout(20):
        while not notices:
            frame = await flooding.ws.receive_json()
            if frame["type"] == "notice":
                notices.append(frame["message"])
    assert notices == [SLOW_DOWN]

    async def kept() -> str:
        async with app[keys.SESSIONS]() as s:
            bodies = (
                await s.execute(
                    select(ChatMessageRow.body).where(
                        ChatMessageRow.session_id == flooding.session_id,
                        ChatMessageRow.direction == "in",
                    )
                )
            ).scalars()
            return "\n".join(b.get("text", "") for b in bodies) + "\n"

    # Once the window passes the burst is posted as one message (or a few, while frames still
    # arrive on a loaded machine): every frame is kept, none lost.
    async with asyncio.timeout(20):
        while True:
            words = await kept()
            if all(f"hello {n}\n" in words for n in range(1000)):
                break
            await asyncio.sleep(0.25)
    await settle(app)
    said, inbox = await conversation(app, flooding.session_id)
    assert len(inbox) <= 3 + 4, inbox  # the first frames, then the burst in a few messages
    assert len(said) < 20  # answered per burst, not per frame

"""The whole journey on WhatsApp: from "hi" to the delivered final PDF, through signed webhooks
and a fake Graph API that refuses anything over WhatsApp's limits. Every delivery arrives
twice, and late, and still yields exactly one answer per parent message."""

from __future__ import annotations

import io
import uuid

import pytest
from aiohttp import web
from PIL import Image
from sqlalchemy import delete, func, select
from support.chat_driver import settle
from support.wa_driver import (
    PHONE_NUMBER_ID,
    WaParent,
    drained,
    post_webhook,
    whatsapp_settings,
    words,
)

from bot.app import keys
from bot.app.composition import create_app
from storage.kv_redis import RedisLocker
from storage.tables import BookRow, ChatMessageRow, ChatSessionRow, WhatsAppDeliveryRow


def text_of(reply: list[dict]) -> str:
    return "\n".join(words(p) for p in reply)


class Twice(WaParent):
    """Every delivery is sent again at once, and the one before it arrives late once more."""

    # Some answers come from a later turn (a finished job's, e.g. the payment link): wait until
    # every send is out, so a replay is judged only by what it caused.
    turns_elsewhere = True

    async def deliver(self, message):
        reply = await super().deliver(message)
        assert await self.replay(-1) == []
        if len(self.deliveries) > 1:
            previous = self.deliveries[-2]["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
            async with self.app[keys.SESSIONS]() as s, s.begin():  # its kept item was pruned
                await s.execute(
                    delete(WhatsAppDeliveryRow).where(WhatsAppDeliveryRow.item_key == previous)
                )
            assert await self.replay(-2) == []
        return reply


async def state(app) -> str:
    async with app[keys.SESSIONS]() as s:
        return (await s.execute(select(ChatSessionRow.state))).scalar_one()


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (96, 128), (90, 160, 220)).save(out, "JPEG")
    return out.getvalue()


async def test_whatsapp_journey_to_a_delivered_book(wa_client, graph):
    await journey(wa_client, graph, Twice(wa_client, graph))


@pytest.mark.postgres
@pytest.mark.redis
async def test_serve_only_acks_while_a_worker_runs_the_turns(
    pg_db_url, redis_url, aiohttp_client, make_settings, graph
):
    """Production shape: `serve` (CONSUME_JOBS=false) keeps and acknowledges; a worker drains
    the kept items (woken through Redis) and takes the session turns, photo downloads and
    jobs off the Redis stream."""
    common = {
        "database_url": pg_db_url,
        "redis_url": redis_url,
        "job_queue_name": f"storybook:test:{uuid.uuid4().hex}",
        **whatsapp_settings(graph.base_url),
    }
    client = await aiohttp_client(create_app(make_settings(consume_jobs=False, **common)))
    serve = client.server.app
    worker = web.AppRunner(create_app(make_settings(consume_jobs=True, **common)))
    await worker.setup()
    try:
        assert isinstance(serve[keys.LOCKER], RedisLocker)  # one drainer at a time, anywhere
        assert keys.INBOX_DRAINER not in serve and keys.INBOX_DRAINER in worker.app
        parent = Twice(client, graph)
        parent.turns_elsewhere = True
        await journey(client, graph, parent)
        assert serve[keys.RUNTIME].consumer.consuming is False
        assert worker.app[keys.RUNTIME].consumer.consuming is True
    finally:
        await settle(serve, outbox=True)
        await worker.cleanup()


async def journey(wa_client, graph, parent: WaParent) -> None:
    app = wa_client.server.app
    assert "your child is the hero" in text_of(await parent.say("hi"))
    await parent.tap("I agree")
    assert "How old is Zoya" in text_of(await parent.say("Zoya"))
    await parent.say("six years")
    await parent.tap("She")
    reply = await parent.say("space, cats and baking")
    assert await state(app) == "choose_look"
    # WhatsApp: an image of the looks, then a list of them.
    types = [p["type"] for p in reply]
    assert types[-2:] == ["image", "interactive"], types
    assert reply[-1]["interactive"]["type"] == "list"
    reply = await parent.tap("Look 4")
    if await state(app) == "ask_photo_consent":  # an illustrator that paints from photos
        reply = await parent.photo(photo())
        assert "Lovely photo" in text_of(reply)
    else:  # the offline illustrator draws the chosen look: a photo is not kept, and it says so
        assert "Photo:" not in text_of(reply)
        reply = await parent.photo(photo())
        assert "drawn from the look you choose" in text_of(reply)
    assert "Loves: space, cats, baking" in text_of(reply) and "brown skin" in text_of(reply)

    reply = await parent.tap("Looks good")
    assert await state(app) == "choose_series"
    series_list = next(
        p for p in reply if p["type"] == "interactive" and p["interactive"]["type"] == "list"
    )
    rows = series_list["interactive"]["action"]["sections"][0]["rows"]
    series = [r for r in rows if r["title"] not in ("5 new ideas", "Surprise me")]
    assert len(series) == 5
    reply = await parent.tap(series[1]["title"])
    assert await state(app) == "choose_storyline"
    lines = next(p for p in reply if p["type"] == "interactive")["interactive"]["action"]
    await parent.tap(lines["sections"][0]["rows"][0]["title"])
    assert await state(app) == "ask_dedication"
    reply = await parent.say("For Zoya, who loves the stars. Love, Mum")
    assert await state(app) == "preview"
    # A quick book: its start and its preview, no ticks in between (at most one each 30 s).
    assert "Writing and illustrating *Zoya's* book" in text_of(reply)
    assert "Illustrating page" not in text_of(reply) and "Writing the story" not in text_of(reply)
    preview = next(
        p
        for p in reply
        if "document" in (p["type"], p.get("interactive", {}).get("header", {}).get("type"))
    )
    header = (
        preview["interactive"]["header"]["document"]
        if preview["type"] == "interactive"
        else preview["document"]
    )
    assert header["filename"].endswith("-preview.pdf")
    assert graph.uploads[header["id"]][0].startswith(b"%PDF")

    reply = await parent.tap("Buy the book")
    assert await state(app) == "awaiting_payment"
    cta = next(
        p for p in reply if p["type"] == "interactive" and p["interactive"]["type"] == "cta_url"
    )
    checkout = "/" + cta["interactive"]["action"]["parameters"]["url"].split("/", 3)[3]
    page = await (await wa_client.get(checkout)).text()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    paid = await wa_client.post(f"{checkout}/pay", data={"form_token": token})
    assert paid.status == 200
    reply = await parent.new_messages()
    final = next(
        p
        for p in reply
        if p["type"] == "document"
        or p.get("interactive", {}).get("header", {}).get("type") == "document"
    )
    document = (
        final["document"]
        if final["type"] == "document"
        else final["interactive"]["header"]["document"]
    )
    assert not document["filename"].endswith("-preview.pdf")
    assert graph.uploads[document["id"]][0].startswith(b"%PDF")
    assert await state(app) == "delivered"

    async with app[keys.SESSIONS]() as s:
        book = (await s.execute(select(BookRow))).scalar_one()
        inbound = await s.scalar(
            select(func.count())
            .select_from(ChatMessageRow)
            .where(ChatMessageRow.direction == "in", ChatMessageRow.kind != "event")
        )
        unsent = await s.scalar(
            select(func.count())
            .select_from(ChatMessageRow)
            .where(ChatMessageRow.direction == "out", ChatMessageRow.delivery_status != "sent")
        )
    assert book.status == "DELIVERED"
    assert inbound == len(parent.deliveries)  # one row per parent message, duplicates and all
    assert unsent == 0
    assert graph.rejected == []  # nothing broke a WhatsApp limit
    assert len(graph.sent) == len({w for w, _ in graph.sent})
    # The final PDF's statuses come back (out of order): the row only moves forward.
    wamid = next(w for w, p in graph.sent if p is final)
    for status in ("read", "delivered", "sent"):
        payload = {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": "1",
                    "changes": [
                        {
                            "field": "messages",
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {
                                    "display_phone_number": "15550001111",
                                    "phone_number_id": PHONE_NUMBER_ID,
                                },
                                "statuses": [
                                    {
                                        "id": wamid,
                                        "status": status,
                                        "timestamp": "1767225700",
                                        "recipient_id": parent.wa_id,
                                    }
                                ],
                            },
                        }
                    ],
                }
            ],
        }
        assert (await post_webhook(wa_client, payload)).status == 200
    await drained(app)
    async with app[keys.SESSIONS]() as s:
        row = (
            await s.execute(
                select(ChatMessageRow).where(ChatMessageRow.channel_message_id == wamid)
            )
        ).scalar_one()
    assert row.delivery_status == "read"
    await settle(app)

"""Hostile input at every edge, through the real app on SQLite and PostgreSQL: a bad item is
refused alone (and kept, handled, for support to see), the good ones beside it are answered,
nothing answers 500 and no conversation dies."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from support.chat_driver import Parent, settle, texts
from support.wa_driver import load, post_webhook, whatsapp_settings

from adapters import sandbox_payments as sandbox
from bot.app import keys
from bot.app.composition import create_app
from storage.tables import ChatMessageRow, WebhookEventRow, WhatsAppDeliveryRow

GOOD = ("wamid.IN.GOOD1", "15550007777"), ("wamid.IN.GOOD2", "15550008888")


@pytest.fixture
async def wa(aiohttp_client, make_settings, db_url, graph):
    settings = make_settings(database_url=db_url, **whatsapp_settings(graph.base_url))
    return await aiohttp_client(create_app(settings))


@pytest.fixture
async def web(aiohttp_client, make_settings, db_url):
    return await aiohttp_client(create_app(make_settings(database_url=db_url)))


def text_message(message_id: str, sender: object, body: str = "hi") -> dict:
    return {
        "from": sender,
        "id": message_id,
        "timestamp": "1767225600",
        "type": "text",
        "text": {"body": body},
    }


def batch(*messages: dict) -> dict:
    payload = load("text.json")
    value = payload["entry"][0]["changes"][0]["value"]
    value["contacts"] = []
    value["messages"] = list(messages)
    return payload


def nested(depth: int) -> bytes:
    return b'{"entry":' + b"[" * depth + b"]" * depth + b"}"


POISON = {
    "206-char id": text_message("wamid." + "X" * 200, "15550001001"),
    "40-digit wa_id": text_message("wamid.IN.P2", "1" * 40),
    "NUL in the text": text_message("wamid.IN.P3", "15550001003", "h\x00i"),
    "lone surrogate": text_message("wamid.IN.P4", "15550001004", "\ud800 hello"),
    "from a boolean": text_message("wamid.IN.P5", True),
    "a string, not an object": "wamid.IN.P6",
    "infinite timestamp": {**text_message("wamid.IN.P7", "15550001007"), "timestamp": 1e400},
    "NUL in the id": text_message("wamid.IN.\x00P8", "15550001008"),
    "user id of 203": {**text_message("wamid.IN.P9", None), "from_user_id": "U" * 203},
    "a huge choice id": {
        "from": "15550001010",
        "id": "wamid.IN.P10",
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": "c" * 5000}},
    },
}


@pytest.mark.parametrize("poison", list(POISON))
async def test_a_poison_item_is_refused_alone_and_the_good_ones_are_answered(wa, graph, poison):
    app = wa.server.app
    good = [text_message(i, s) for i, s in GOOD]
    body = batch(good[0], POISON[poison], good[1])
    for _ in range(3):  # Meta delivers it again and again: the same answer, nothing doubled
        response = await post_webhook(wa, json.dumps(body).encode())
        assert response.status == 200, await response.text()
    await settle(app)
    answered = {p["to"] for _, p in graph.sent}
    assert {"15550007777", "15550008888"} <= answered
    assert [p["to"] for _, p in graph.sent].count("15550007777") == len(
        [p for _, p in graph.sent if p["to"] == "15550008888"]
    )
    async with app[keys.SESSIONS]() as s:
        rows = (await s.execute(select(WhatsAppDeliveryRow))).scalars().all()
    assert all(row.processed_at is not None for row in rows)
    refused = [row for row in rows if row.item_key not in {i for i, _ in GOOD}]
    if poison in ("NUL in the text", "lone surrogate", "a huge choice id", "infinite timestamp"):
        return  # cleaned and answered: nothing to refuse
    assert len(refused) == 1 and refused[0].error, "support sees what was refused, and why"


@pytest.mark.parametrize(
    "body",
    [nested(10_000), b"[1, 2]", b"\xff\xfe", b'{"entry": [{"id": ' + b"9" * 5000 + b"}]}"],
    ids=["nested 10,000 deep", "an array", "not UTF-8", "an int of 5,000 digits"],
)
async def test_a_signed_delivery_that_can_never_be_read_is_acknowledged_and_not_kept(wa, body):
    response = await post_webhook(wa, body)
    assert response.status == 200 and (await response.json())["recorded"] == 0
    async with wa.server.app[keys.SESSIONS]() as s:
        assert (await s.execute(select(WhatsAppDeliveryRow))).first() is None


async def test_a_kept_item_that_cannot_be_read_does_not_hold_up_the_drainer(wa, graph):
    """Kept by an older version, say, and unreadable now: set aside, the next one answered."""
    app = wa.server.app
    async with app[keys.ENGINE].begin() as conn:
        await conn.execute(
            WhatsAppDeliveryRow.__table__.insert(),
            [
                {"item_key": "wamid.IN.OLD", "kind": "message", "raw": "{not json", "attempts": 0}
                | {"received_at": app[keys.SERVICES].clock.now()},
            ],
        )
    response = await post_webhook(wa, batch(text_message(*GOOD[0])))
    assert response.status == 200
    await settle(app)
    assert {p["to"] for _, p in graph.sent} == {"15550007777"}


async def sandbox_post(client, body: bytes):
    secret = client.server.app[keys.RUNTIME].sandbox_secret
    headers = {sandbox.SIGNATURE_HEADER: sandbox.sign(secret, body)}
    return await client.post("/webhooks/sandbox", data=body, headers=headers)


@pytest.mark.parametrize(
    "body",
    [
        b"[1, 2, 3]",
        json.dumps({"id": "e" * 200, "event": "payment.captured", "order_id": "o"}).encode(),
        json.dumps(
            {
                "id": "evt\x00",
                "event": "payment.captured",
                "order_id": "o",
                "payment_id": "p",
                "amount": 1,
                "currency": "INR",
            }
        ).encode(),
        nested(10_000),
        b'{"event": "payment.captured", "amount": 1e400}',
    ],
    ids=["array", "200-char event id", "NUL in the id", "deep", "infinite amount"],
)
async def test_signed_sandbox_events_that_cannot_be_read_keep_nothing(web, body):
    response = await sandbox_post(web, body)
    assert response.status == 200 and (await response.json())["status"] == "refused"
    async with web.server.app[keys.SESSIONS]() as s:
        assert (await s.execute(select(WebhookEventRow))).first() is None


async def test_a_nul_frame_gets_an_error_frame_and_the_conversation_goes_on(web):
    parent = await Parent(web).open()
    for frame in (
        {"type": "text", "text": "hi\x00there"},
        {"type": "text", "text": "\ud800"},
        {"type": "choice", "id": "x\x00"},
        {"type": "text", "text": ["a"]},
        {"type": "text"},
        "[" * 5000,
    ):
        if isinstance(frame, str):
            await parent.ws.send_str(frame)
        else:
            await parent.ws.send_json(frame)
        answer = await parent.ws.receive_json(timeout=10)
        assert answer["type"] == "error" and answer["message"]
    reply = await parent.say("hi")
    assert "your child is the hero" in texts(reply)


async def test_a_forged_command_id_is_answered_like_any_unknown_tap(web):
    parent = await Parent(web).open()
    await parent.say("hi")
    reply = await parent.tap_id("cmd:nonexistent", parent.messages[-1]["seq"])
    assert reply, "the parent is answered"
    assert "Sorry" not in texts(reply) or "went wrong" not in texts(reply)
    async with web.server.app[keys.SESSIONS]() as s:
        kinds = (
            await s.execute(select(ChatMessageRow.body).where(ChatMessageRow.direction == "out"))
        ).scalars()
        assert all("turn_failed" not in json.dumps(body) for body in kinds)
    assert await parent.state() == "consent"


@pytest.mark.parametrize(
    "path",
    [
        "/support/conversations?q=%00",
        "/support/conversations/%00",
        "/files/%00abc",
        "/webchat/history?token=%00",
        "/webchat/history?token=abc&after=%01",
    ],
)
async def test_addresses_with_nul_or_broken_unicode_answer_400_not_500(web, path):
    response = await web.get(path, allow_redirects=False)
    assert response.status == 400, (path, response.status)


async def test_behind_a_trusted_proxy_each_parent_has_their_own_budget(
    aiohttp_client, make_settings, sqlite_db_url
):
    settings = make_settings(
        database_url=sqlite_db_url, rate_limit_webchat_per_minute=2, trusted_proxies="127.0.0.1"
    )
    client = await aiohttp_client(create_app(settings))

    async def status(forwarded: str) -> int:
        headers = {"X-Forwarded-For": forwarded}
        return (await client.get("/webchat/history?token=x", headers=headers)).status

    assert [await status("203.0.113.1") for _ in range(3)] == [401, 401, 429]
    assert await status("203.0.113.2") == 401  # another parent behind the same proxy
    assert await status("198.51.100.9, 203.0.113.1") == 429  # a forged hop changes nothing

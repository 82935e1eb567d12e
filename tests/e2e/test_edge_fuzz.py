"""Fuzz of the outside edges, driven by hypothesis: WhatsApp deliveries (bodies, field types and
lengths, unicode, nesting), payment webhooks and web chat frames. Whatever arrives: no 5xx, no
ERROR log, and no good item lost beside the bad ones.

The examples are drawn by hypothesis up front (derandomized, so a run is reproducible) and
posted to one app, which keeps each test well under a minute."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from support.chat_driver import Parent, settle
from support.wa_driver import post_webhook, whatsapp_settings

from adapters import sandbox_payments as sandbox
from bot.app import keys
from bot.app.composition import create_app
from domain.text_input import unkeepable
from storage.tables import ChatMessageRow, WhatsAppDeliveryRow


def drawn(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    found: list[Any] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(strategy)
    def collect(example: Any) -> None:
        found.append(example)

    collect()
    return found


ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None), max_size=300),  # surrogates, controls, NUL
    st.text(min_size=150, max_size=400),
    st.sampled_from(["\x00", "\u202e", "\u200b", "\ud800", "1" * 40, "wamid." + "X" * 200]),
)
JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    ANY_TEXT,
)
ANY_JSON = st.recursive(
    JSON_LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = ("id", "from", "from_user_id", "timestamp", "type", "text", "interactive", "image")


@st.composite
def bad_message(draw: st.DrawFn) -> Any:
    """A message item with some fields of any type and size, or not an object at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(ANY_JSON)
    item: dict[str, Any] = {
        "id": f"wamid.FUZZ{draw(st.integers(0, 10**6))}",
        "from": "15559990000",
        "type": "text",
        "text": {"body": "hello"},
    }
    for field in draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=4, unique=True)):
        item[field] = draw(st.one_of(ANY_JSON, ANY_TEXT.map(lambda t: {"body": t})))
    return item


DELIVERY = st.tuples(st.lists(bad_message(), min_size=1, max_size=3), st.booleans())


@pytest.fixture
async def wa(aiohttp_client, make_settings, sqlite_db_url, graph):
    settings_ = make_settings(database_url=sqlite_db_url, **whatsapp_settings(graph.base_url))
    return await aiohttp_client(create_app(settings_))


@pytest.fixture
async def web(aiohttp_client, make_settings, sqlite_db_url):
    return await aiohttp_client(create_app(make_settings(database_url=sqlite_db_url)))


def no_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_whatsapp_deliveries_never_answer_5xx_and_lose_no_good_message(wa, graph, caplog):
    app = wa.server.app
    good_senders: list[str] = []
    for n, (bad, contacts) in enumerate(drawn(DELIVERY, 60)):
        sender = f"1555{n:07d}"
        good = {
            "from": sender,
            "id": f"wamid.GOOD{n}",
            "timestamp": "1767225600",
            "type": "text",
            "text": {"body": "hi"},
        }
        value: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "metadata": {"phone_number_id": "1122334455667"},
            "messages": [*bad[:1], good, *bad[1:]],
        }
        if contacts:
            value["contacts"] = [{"wa_id": sender, "profile": {"name": "Fuzz"}}]
        body = {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": value}]}]}
        response = await post_webhook(wa, json.dumps(body).encode())
        assert response.status == 200, await response.text()
        good_senders.append(sender)
    for raw in drawn(
        st.one_of(st.binary(max_size=300), ANY_JSON.map(json.dumps).map(str.encode)), 40
    ):
        response = await post_webhook(wa, raw)
        assert response.status < 500
    await settle(app, outbox=True)
    answered = {p["to"] for _, p in graph.sent}
    assert set(good_senders) <= answered, set(good_senders) - answered
    async with app[keys.SESSIONS]() as s:
        waiting = await s.scalar(
            select(func.count())
            .select_from(WhatsAppDeliveryRow)
            .where(WhatsAppDeliveryRow.processed_at.is_(None))
        )
    assert waiting == 0
    assert no_errors(caplog) == []


SANDBOX_EVENT = st.one_of(
    ANY_JSON,
    st.fixed_dictionaries(
        {
            "id": st.one_of(ANY_TEXT, JSON_LEAF),
            "event": st.sampled_from(["payment.captured", "payment.failed", "other"]),
            "order_id": st.one_of(ANY_TEXT, JSON_LEAF),
            "payment_id": st.one_of(ANY_TEXT, JSON_LEAF),
            "amount": JSON_LEAF,
            "currency": st.one_of(st.just("INR"), ANY_TEXT),
        }
    ),
)


async def test_signed_payment_webhooks_never_answer_5xx(web, caplog):
    secret = web.server.app[keys.RUNTIME].sandbox_secret
    for event in drawn(SANDBOX_EVENT, 80):
        body = json.dumps(event).encode()
        headers = {sandbox.SIGNATURE_HEADER: sandbox.sign(secret, body)}
        response = await web.post("/webhooks/sandbox", data=body, headers=headers)
        assert response.status < 500, (event, await response.text())
    for path in ("/webhooks/razorpay", "/webhooks/paypal"):  # not configured here: 404, not 500
        assert (await web.post(path, data=b"[]")).status < 500
    await settle(web.server.app)
    assert no_errors(caplog) == []


FRAME = st.one_of(
    st.fixed_dictionaries({"type": st.just("text"), "text": ANY_TEXT}),
    st.fixed_dictionaries({"type": st.just("choice"), "id": st.one_of(ANY_TEXT, JSON_LEAF)}),
    ANY_JSON,
)


async def test_web_chat_frames_never_kill_the_conversation(web, caplog):
    parent = await Parent(web).open()
    kept = 0
    for frame in drawn(FRAME, 80):
        await parent.ws.send_str(json.dumps(frame))
        if frame_is_good(frame):
            kept += 1
        else:
            answer = await parent.ws.receive_json(timeout=10)
            while answer.get("type") != "error":  # replies to earlier good frames come first
                answer = await parent.ws.receive_json(timeout=10)
    await settle(web.server.app)
    async with web.server.app[keys.SESSIONS]() as s:
        inbound = await s.scalar(
            select(func.count())
            .select_from(ChatMessageRow)
            .where(ChatMessageRow.session_id == parent.session_id, ChatMessageRow.direction == "in")
        )
    assert inbound == kept  # every good frame kept, no bad one
    reply = await parent.say("restart")
    assert reply, "the conversation goes on"
    assert no_errors(caplog) == []


def frame_is_good(frame: Any) -> bool:
    if not isinstance(frame, dict):
        return False
    if frame.get("type") == "text":
        text = frame.get("text")
        return isinstance(text, str) and bool(text.strip()) and not unkeepable(text)
    if frame.get("type") == "choice":
        choice = frame.get("id")
        return isinstance(choice, str) and bool(choice) and not unkeepable(choice)
    return False

"""The WhatsApp webhook through the real app: handshake, signatures, limits, every message
type, batches, duplicates and statuses, against a fake Graph API on loopback."""

from __future__ import annotations

import io
from datetime import timedelta
from unittest.mock import ANY

import pytest
from PIL import Image
from sqlalchemy import delete, func, select
from support.chat_driver import settle
from support.wa_driver import (
    VERIFY_TOKEN,
    WaParent,
    drained,
    load,
    message_payload,
    post_webhook,
    raw,
    sign,
    words,
)

from bot.app import keys
from bot.app.resources import requeue_stranded
from storage.tables import ChatMessageRow, ChatSessionRow, User, WhatsAppDeliveryRow


async def rows(client, *where):
    async with client.server.app[keys.SESSIONS]() as s:
        query = select(ChatMessageRow).where(*where).order_by(ChatMessageRow.id)
        return list((await s.execute(query)).scalars())


async def count(client, table) -> int:
    async with client.server.app[keys.SESSIONS]() as s:
        return await s.scalar(select(func.count()).select_from(table))


async def at_the_photo_question(parent: WaParent) -> None:
    for step, words_ in [
        ("say", "hi"),
        ("tap", "I agree"),
        ("say", "Zoya"),
        ("say", "six"),
        ("tap", "She"),
        ("say", "space and cats"),
        ("tap", "Look 1"),  # the summary, where a photo may still be sent
    ]:
        await getattr(parent, step)(words_)


def jpeg(size=(64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


async def test_verification_handshake(wa_client):
    query = {
        "hub.mode": "subscribe",
        "hub.verify_token": VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    ok = await wa_client.get("/webhooks/whatsapp", params=query)
    assert ok.status == 200 and await ok.text() == "1158201444"
    assert ok.content_type == "text/plain"
    for bad in ({**query, "hub.verify_token": "wrong"}, {**query, "hub.mode": "unsubscribe"}, {}):
        refused = await wa_client.get("/webhooks/whatsapp", params=bad)
        assert refused.status == 403
        assert (await refused.json())["error"]["code"] == "forbidden"


async def test_refusals_record_nothing(wa_client, graph):
    body = raw("text.json")
    for signature in (None, "sha256=" + "0" * 64, sign(body, "another-secret"), "md5=abc"):
        response = await post_webhook(wa_client, body, signature)
        assert response.status == 401
        assert (await response.json())["error"]["code"] == "unauthorized"
    # Signed but never readable: Meta would send the same bytes for days. 200, nothing kept.
    for name in ("malformed_not_json.txt", "malformed_array.json"):
        refused = await post_webhook(wa_client, raw(name))
        assert refused.status == 200
        assert (await refused.json()) == {"ok": False, "recorded": 0, "refused": ANY}
    big = body + b" " * (1024 * 1024)
    too_big = await post_webhook(wa_client, big, sign(big))
    assert too_big.status == 413
    assert (await too_big.json())["error"]["code"] == "payload_too_large"
    broken_items = await post_webhook(wa_client, raw("malformed_items.json"))
    assert broken_items.status == 200
    await settle(wa_client.server.app)
    assert await count(wa_client, ChatMessageRow) == 0
    assert await count(wa_client, ChatSessionRow) == 0
    assert graph.sent == [] and graph.reads == []


async def test_text_is_recorded_acked_then_answered(wa_client, graph):
    response = await post_webhook(wa_client, raw("text.json"))
    assert response.status == 200 and (await response.json())["recorded"] == 1
    await settle(wa_client.server.app)
    inbound = await rows(wa_client, ChatMessageRow.direction == "in")
    assert [(r.kind, r.body, r.channel_message_id) for r in inbound] == [
        ("text", {"text": "hi"}, "wamid.IN.TEXT1")
    ]
    assert "your child is the hero" in "\n".join(words(p) for _, p in graph.sent)
    assert {p["to"] for _, p in graph.sent} == {"15550002222"}  # sent to the wa_id we kept
    assert graph.reads[-1]["message_id"] == "wamid.IN.TEXT1"
    assert graph.reads[-1]["typing_indicator"] == {"type": "text"}
    async with wa_client.server.app[keys.SESSIONS]() as s:
        session = (await s.execute(select(ChatSessionRow))).scalar_one()
        user = await s.get(User, session.user_id)
    assert (session.channel, session.channel_user_id) == ("whatsapp", "US.1000000000000000001")
    assert (user.wa_user_id, user.wa_id) == ("US.1000000000000000001", "15550002222")
    outbound = await rows(wa_client, ChatMessageRow.direction == "out")
    assert [r.channel_message_id for r in outbound] == [w for w, _ in graph.sent]
    assert {r.delivery_status for r in outbound} == {"sent"}


async def test_redelivery_is_ignored_by_the_kept_item_and_by_the_database(wa_client, graph):
    app = wa_client.server.app
    for expected in (1, 0):
        response = await post_webhook(wa_client, raw("text.json"))
        assert response.status == 200 and (await response.json())["recorded"] == expected
    await settle(app)
    sent = len(graph.sent)
    async with app[keys.SESSIONS]() as s, s.begin():  # as if the kept item had been pruned
        await s.execute(delete(WhatsAppDeliveryRow))
    again = await post_webhook(wa_client, raw("text.json"))
    assert again.status == 200 and (await again.json())["recorded"] == 1  # kept again...
    await settle(app)
    assert len(graph.sent) == sent  # ...and dropped by chat_messages' unique message id
    assert len(await rows(wa_client, ChatMessageRow.direction == "in")) == 1


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("audio.json", "audio"),
        ("sticker.json", "sticker"),
        ("location.json", "location"),
        ("reaction.json", "reaction"),
    ],
)
async def test_other_kinds_are_answered_kindly(wa_client, graph, name, what):
    assert (await post_webhook(wa_client, raw(name))).status == 200
    await settle(wa_client.server.app)
    [inbound] = await rows(wa_client, ChatMessageRow.direction == "in")
    assert (inbound.kind, inbound.body["what"]) == ("unsupported", what)
    assert "I can only read text, button taps and photos" in words(graph.sent[0][1])


async def test_edits_and_deletions_are_ignored(wa_client, graph):
    for name in ("edited.json", "revoked.json"):
        response = await post_webhook(wa_client, raw(name))
        assert response.status == 200 and (await response.json())["recorded"] == 0
    await settle(wa_client.server.app)
    assert await count(wa_client, ChatMessageRow) == 0 and graph.sent == []


async def test_replies_keep_the_choice_id_and_the_answered_message(wa_client):
    for name in ("button_reply.json", "list_reply.json"):
        assert (await post_webhook(wa_client, raw(name))).status == 200
    await settle(wa_client.server.app)
    inbound = await rows(wa_client, ChatMessageRow.direction == "in")
    assert [(r.kind, r.body) for r in inbound] == [
        ("choice", {"id": "7:agree", "context_id": "wamid.OUT1"}),
        ("choice", {"id": "12:series:2", "context_id": "wamid.OUT2"}),
    ]


async def test_a_batched_delivery_records_every_item(wa_client, graph):
    response = await post_webhook(wa_client, raw("batched.json"))
    assert response.status == 200 and (await response.json())["recorded"] == 3
    await settle(wa_client.server.app)
    inbound = await rows(wa_client, ChatMessageRow.direction == "in")
    assert sorted(r.channel_message_id for r in inbound) == [
        "wamid.IN.BATCH1",
        "wamid.IN.BATCH2",
        "wamid.IN.BATCH3",
    ]
    assert await count(wa_client, ChatSessionRow) == 3
    assert {p["to"] for _, p in graph.sent} == {"15550002222", "15550004444", "15550005555"}


async def test_older_payloads_without_user_id_key_on_wa_id(wa_client, graph):
    assert (await post_webhook(wa_client, raw("old_format.json"))).status == 200
    await settle(wa_client.server.app)
    async with wa_client.server.app[keys.SESSIONS]() as s:
        session = (await s.execute(select(ChatSessionRow))).scalar_one()
    assert session.channel_user_id == "15550003333"
    # The same parent later arrives with a business-scoped id: same session, re-keyed.
    parent = WaParent(wa_client, graph, user_id="US.1000000000000000009", wa_id="15550003333")
    await parent.say("hello again")
    async with wa_client.server.app[keys.SESSIONS]() as s:
        sessions = list((await s.execute(select(ChatSessionRow))).scalars())
        user = await s.get(User, sessions[0].user_id)
    assert [x.channel_user_id for x in sessions] == ["US.1000000000000000009"]
    assert (user.wa_user_id, user.wa_id) == ("US.1000000000000000009", "15550003333")


async def test_a_photo_is_never_kept_where_none_is_asked_for(wa_client, graph):
    parent = WaParent(wa_client, graph)
    # Before the parent agreed to anything: answered kindly, never even downloaded.
    reply = await parent.photo(jpeg())
    assert "I haven't kept that photo" in "\n".join(words(p) for p in reply)
    await at_the_photo_question(parent)
    # The offline illustrator draws the chosen look: no photo is asked for, none is kept.
    reply = await parent.photo(jpeg())
    assert "drawn from the look you choose" in "\n".join(words(p) for p in reply)
    assert "I'll ask for one" not in "\n".join(words(p) for p in reply)
    assert graph.downloads == []
    kept = await rows(wa_client, ChatMessageRow.kind == "image", ChatMessageRow.direction == "in")
    assert kept == []


async def test_statuses_move_forward_only_and_keep_failures(wa_client, graph):
    app = wa_client.server.app
    await post_webhook(wa_client, raw("text.json"))
    await settle(app)
    out = await rows(wa_client, ChatMessageRow.direction == "out")
    first, second = out[0].channel_message_id, out[-1].channel_message_id
    statuses = load("statuses.json")
    items = statuses["entry"][0]["changes"][0]["value"]["statuses"]
    for item in items[:3]:
        item["id"] = first
    items[3]["id"] = second
    items.insert(0, {**items[1], "status": "delivered"})  # delivered before sent: out of order
    assert (await post_webhook(wa_client, statuses)).status == 200
    await drained(app)
    out = {
        r.channel_message_id: r for r in await rows(wa_client, ChatMessageRow.direction == "out")
    }
    assert out[first].delivery_status == "read"
    # 131047: refused for the 24-hour window; queued again to go as a template, and with no
    # template configured it fails for good, saying why.
    assert out[second].delivery_status == "pending"
    assert (out[second].error_code, out[second].error_detail) == ("131047", "Re-engagement message")
    await app[keys.RUNTIME].outbox.flush()
    [again] = await rows(wa_client, ChatMessageRow.id == out[second].id)
    assert (again.delivery_status, again.error_code) == ("failed", "outside_window")


@pytest.mark.parametrize(
    ("status", "code", "after"),
    [(503, 2, "pending"), (429, 130429, "pending"), (400, 131026, "failed")],
)
async def test_graph_errors_map_to_retryable_or_final_failures(
    wa_client, graph, status, code, after
):
    graph.fail_sends = [(status, code)]
    await post_webhook(wa_client, raw("text.json"))
    await settle(wa_client.server.app)
    out = await rows(wa_client, ChatMessageRow.direction == "out")
    assert (out[0].delivery_status, out[0].error_code) == (after, str(code))
    assert graph.rejected == []


async def test_nothing_acked_is_lost_when_the_queue_is_down(wa_client, graph, monkeypatch):
    """Recorded before the ack, then the queue refuses the session: the stranded-inbox sweep
    hands it over later, the photo is handled in its place (here not kept, and not even
    downloaded: the offline illustrator asks for none), and nothing overtakes it."""
    app = wa_client.server.app
    runtime = app[keys.RUNTIME]
    parent = WaParent(wa_client, graph)
    await at_the_photo_question(parent)

    async def queue_down(session_id, reply_to=None):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(runtime.queue, "process_later", queue_down)
    media_id = "900000777"
    graph.media[media_id] = (jpeg(), "image/jpeg")
    photo = parent._message("image", {"id": media_id, "mime_type": "image/jpeg"})
    text = parent._message("text", {"body": "Looks good"})
    payload = message_payload(photo, parent.user_id, parent.wa_id)
    payload["entry"][0]["changes"][0]["value"]["messages"].append({"from": parent.wa_id, **text})
    response = await post_webhook(wa_client, payload)
    assert response.status == 200 and (await response.json())["recorded"] == 2
    await drained(app)
    [image] = await rows(
        wa_client, ChatMessageRow.kind == "image", ChatMessageRow.direction == "in"
    )
    assert image.inbox_status == "fetching"
    # The text behind the photo waits for it, even when the session's turns run.
    await runtime.turns.process(image.session_id)
    [later] = await rows(wa_client, ChatMessageRow.channel_message_id == text["id"])
    assert later.inbox_status == "received"

    monkeypatch.undo()
    assert await requeue_stranded(app, older_than=timedelta(0)) == 1
    await settle(app)
    handled = await rows(
        wa_client, ChatMessageRow.channel_message_id.in_([photo["id"], text["id"]])
    )
    assert [r.kind for r in handled] == ["unsupported", "text"]
    assert {r.inbox_status for r in handled} == {"processed"}
    assert graph.downloads == []
    said = "\n".join(words(p) for p in await parent.new_messages())
    assert "drawn from the look you choose" in said

"""The ack at the floor, through the real app: a signed delivery is kept with one insert and
acknowledged; the drainer does everything else after it. Signed traffic is never rate-limited;
a batch that is not kept answers 503; items acked by a process that died are drained by the
stranded sweep."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, text
from support.chat_driver import settle
from support.wa_driver import (
    load,
    message_payload,
    post_webhook,
    raw,
    sign,
    whatsapp_settings,
    words,
)

from adapters.system import SystemClock
from bot.app import keys
from bot.app.composition import create_app
from bot.app.logs import request_id_var
from bot.app.resources import requeue_stranded
from bot.channels.whatsapp.drainer import LOCK
from storage.tables import ChatMessageRow, ChatSessionRow, User, WhatsAppDeliveryRow
from storage.whatsapp_deliveries import DeliveryInbox

LEASE = 2.0


async def count(app, table) -> int:
    async with app[keys.SESSIONS]() as s:
        return await s.scalar(select(func.count()).select_from(table))


async def kept(app) -> list[tuple[str, str, bool]]:
    async with app[keys.SESSIONS]() as s:
        query = select(WhatsAppDeliveryRow).order_by(WhatsAppDeliveryRow.id)
        rows = (await s.execute(query)).scalars()
        return [(r.item_key, r.kind, r.processed_at is not None) for r in rows]


def answers(graph) -> str:
    return "\n".join(words(p) for _, p in graph.sent)


async def test_the_ack_is_one_insert_and_the_drainer_does_the_rest(wa_client, graph):
    """With the drainer held (its lock taken), the ack still answers: its request runs one
    INSERT of the raw items and nothing else; no parent, session or message exists until
    the drainer runs."""
    app = wa_client.server.app
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if request_id_var.get(None) == "ack-under-test":  # not the background loops' statements
            statements.append(" ".join(statement.split()).upper())

    engine = app[keys.ENGINE].sync_engine
    async with app[keys.LOCKER].lock(LOCK, ttl=60, wait=10):
        event.listen(engine, "before_cursor_execute", seen)
        try:
            body = raw("batched.json")
            response = await wa_client.post(
                "/webhooks/whatsapp",
                data=body,
                headers={"X-Hub-Signature-256": sign(body), "X-Request-ID": "ack-under-test"},
            )
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        assert response.status == 200 and (await response.json())["recorded"] == 3
        assert [s.split(" (")[0] for s in statements if s != "BEGIN IMMEDIATE"] == [
            "INSERT INTO WHATSAPP_DELIVERIES"
        ]
        assert [(key, kind) for key, kind, _ in await kept(app)] == [
            ("wamid.IN.BATCH1", "message"),
            ("status:wamid.OUT9:delivered", "status"),
            ("wamid.IN.BATCH2", "message"),
            ("wamid.IN.BATCH3", "message"),
            ("status:wamid.OUT9:read", "status"),
        ]
        for table in (ChatMessageRow, ChatSessionRow, User):
            assert await count(app, table) == 0
    await settle(app)  # the drainer, woken by the ack, had waited for the lock
    assert {done for _, _, done in await kept(app)} == {True}
    assert await count(app, ChatSessionRow) == 3
    assert {p["to"] for _, p in graph.sent} == {"15550002222", "15550004444", "15550005555"}


async def test_bad_items_are_refused_alone_never_the_delivery_they_came_in(wa_client, graph):
    """An id that does not fit is skipped at the edge; a sender the schema cannot hold is kept
    but set aside by the drainer; the good message beside them is answered."""
    app = wa_client.server.app
    payload = load("batched.json")
    values = [c["value"] for e in payload["entry"] for c in e["changes"]]
    values[0]["messages"][0]["id"] = "wamid." + "X" * 200
    values[1]["contacts"] = []
    values[1]["messages"][0]["from"] = "1" * 40
    response = await post_webhook(wa_client, payload)
    assert response.status == 200 and (await response.json())["recorded"] == 2
    await settle(app)
    async with app[keys.SESSIONS]() as s:
        query = select(WhatsAppDeliveryRow.item_key, WhatsAppDeliveryRow.error).where(
            WhatsAppDeliveryRow.kind == "message"
        )
        outcome = dict((await s.execute(query.order_by(WhatsAppDeliveryRow.id))).all())
    [refused] = [key for key in outcome if key.startswith("rejected:")]
    assert outcome == {
        refused: "rejected: id too long or with a NUL byte",  # kept, handled, for support
        "wamid.IN.BATCH2": "unusable",
        "wamid.IN.BATCH3": None,
    }
    assert {p["to"] for _, p in graph.sent} == {"15550005555"}


async def test_signed_deliveries_are_never_rate_limited_unsigned_ones_are(
    aiohttp_client, make_settings, sqlite_db_url, graph
):
    settings = make_settings(
        database_url=sqlite_db_url,
        rate_limit_webhooks_per_minute=2,
        **whatsapp_settings(graph.base_url),
    )
    client = await aiohttp_client(create_app(settings))
    for i in range(6):  # three times the limit, all from one address (as Meta's are)
        message = {"id": f"wamid.IN.RL{i}", "timestamp": "1767225600", "type": "text"}
        payload = message_payload({**message, "text": {"body": "hi"}}, None, f"1555000{i:04d}")
        response = await post_webhook(client, payload)
        assert response.status == 200, await response.text()
    body = raw("text.json")
    refused = [
        (await post_webhook(client, body, signature)).status
        for signature in (None, sign(body, "another-secret"), None, "sha256=" + "0" * 64)
    ]
    assert refused == [401, 401, 429, 429]
    await settle(client.server.app)
    assert await count(client.server.app, ChatSessionRow) == 6


async def test_a_batch_that_is_not_kept_answers_503_and_the_redelivery_is_kept(wa_client, graph):
    app = wa_client.server.app
    async with app[keys.ENGINE].begin() as conn:  # the database refuses the insert
        await conn.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON whatsapp_deliveries "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            )
        )
    response = await post_webhook(wa_client, raw("text.json"))
    assert response.status == 503 and response.headers["Retry-After"] == "1"
    assert await kept(app) == []
    async with app[keys.ENGINE].begin() as conn:
        await conn.execute(text("DROP TRIGGER refuse"))
    again = await post_webhook(wa_client, raw("text.json"))  # Meta delivers it again
    assert again.status == 200 and (await again.json())["recorded"] == 1
    await settle(app)
    assert "your child is the hero" in answers(graph)


@pytest.mark.redis
async def test_items_acked_by_a_process_that_died_are_drained_by_the_sweep(
    db_url, redis_url, aiohttp_client, make_settings, graph
):
    """`serve` keeps and acks; a drainer claims the item and dies with it; the worker started
    next finds it held. Once the lease has run out, the worker's stranded sweep drains it."""
    common = {"database_url": db_url, "redis_url": redis_url, **whatsapp_settings(graph.base_url)}
    queue = f"storybook:test:{uuid.uuid4().hex}"
    serve = await aiohttp_client(
        create_app(make_settings(consume_jobs=False, job_queue_name=queue, **common))
    )
    response = await post_webhook(serve, raw("text.json"))
    assert response.status == 200 and (await response.json())["recorded"] == 1
    held = DeliveryInbox(serve.server.app[keys.ENGINE], SystemClock())
    assert [item.key for item in await held.claim(10, lease_seconds=LEASE)] == ["wamid.IN.TEXT1"]
    await serve.close()  # the process dies, and its drainer with it

    worker = await aiohttp_client(
        create_app(make_settings(consume_jobs=True, job_queue_name=queue, **common))
    )
    app = worker.server.app
    assert await kept(app) == [("wamid.IN.TEXT1", "message", False)]
    assert await count(app, ChatMessageRow) == 0 and graph.sent == []
    await asyncio.sleep(LEASE)  # the dead drainer's lease runs out; nothing signals the worker
    assert await kept(app) == [("wamid.IN.TEXT1", "message", False)]

    assert await requeue_stranded(app, older_than=timedelta(0)) >= 1
    await settle(app, outbox=True)
    assert await kept(app) == [("wamid.IN.TEXT1", "message", True)]
    assert "your child is the hero" in answers(graph)
    assert {p["to"] for _, p in graph.sent} == {"15550002222"}

"""A long outage of the WhatsApp Cloud API (the fake Graph answers 503 to every send): at
least 10 minutes of the default retry schedule.

Time is compressed with settings (backoff capped at a fraction of a second, so a retry budget
that gave up after 8 attempts, about 4.3 minutes, is passed within seconds), while the 24-hour
give-up rule runs as configured: messages stay pending through the outage, reach every parent
once and in order as soon as Graph is back, go as templates to a parent whose 24-hour window
closed meanwhile, and are marked failed (shown to support) only when the budget is spent."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from support.wa_driver import WaParent, whatsapp_settings

from bot.app import keys
from bot.app.composition import create_app
from domain.support import ConversationFilter
from storage.support_queries import SqlAlchemyConversationQueries
from storage.tables import ChatMessageRow, ChatSessionRow

TEMPLATES = {
    "whatsapp_template_book_ready": "book_ready:en",
    "whatsapp_template_reminder": "gentle_reminder:en_US",
    "whatsapp_template_update": "account_update:en",
}
OLD_LIMIT = 8  # attempts after which the outbox used to give up
OUTAGE_SECONDS = 10 * 60  # the outage the issue asks the outbox to outlast


def default_schedule_seconds(attempts: int) -> int:
    """How long `attempts` tries span under the default backoff (2 s doubling, capped at
    OUTBOX_MAX_BACKOFF_SECONDS' default of 5 minutes): the real time a compressed run stands for."""
    return sum(min(2**a, 300) for a in range(1, attempts + 1))


async def outbound(app) -> list[ChatMessageRow]:
    async with app[keys.SESSIONS]() as s:
        query = select(ChatMessageRow).where(ChatMessageRow.direction == "out")
        return list((await s.execute(query.order_by(ChatMessageRow.id))).scalars())


async def until(check, seconds: float) -> None:
    async with asyncio.timeout(seconds):
        while not await check():
            await asyncio.sleep(0.05)


async def test_a_long_outage_is_outlasted_and_every_parent_answered_once_in_order(
    aiohttp_client, make_settings, sqlite_db_url, graph
):
    settings = make_settings(
        database_url=sqlite_db_url,
        outbox_max_backoff_seconds=0.1,  # compressed time; the 24-hour budget is the default
        **whatsapp_settings(graph.base_url),
        **TEMPLATES,
    )
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    open_window = WaParent(client, graph)
    closing = WaParent(client, graph, user_id="US.1000000000000000002", wa_id="15550003333")
    graph.down = True
    assert await open_window.say("hi") == [] and await closing.say("hello") == []

    async def retried_past_the_old_limit() -> bool:
        rows = await outbound(app)
        assert all(r.delivery_status == "pending" for r in rows), "gave up during the outage"
        fewest = min(r.attempts for r in rows if r.error_code)
        return fewest > OLD_LIMIT and default_schedule_seconds(fewest) >= OUTAGE_SECONDS

    await until(retried_past_the_old_limit, 90)
    rows = await outbound(app)
    assert {r.error_code for r in rows if r.error_code} == {"2"}
    # While Graph was down, the second parent's 24-hour window closed.
    async with app[keys.SESSIONS]() as s, s.begin():
        await s.execute(
            update(ChatSessionRow)
            .where(ChatSessionRow.channel_user_id.in_((closing.user_id, closing.wa_id)))
            .values(last_inbound_at=datetime.now(UTC) - timedelta(hours=25))
        )
    graph.down = False

    async def all_sent() -> bool:
        return all(r.delivery_status in ("sent", "held") for r in await outbound(app))

    await until(all_sent, 60)
    assert graph.refused > 2 * OLD_LIMIT
    first = [p for _, p in open_window.mine()]
    expected = [r for r in await outbound(app) if r.channel_message_id in dict(open_window.mine())]
    assert len(first) == len(expected) >= 1  # each message once
    sent_order = [w for w, _ in open_window.mine()]
    assert sent_order == [r.channel_message_id for r in sorted(expected, key=lambda r: r.id)]
    assert all(p["type"] != "template" for p in first)
    second = [p for _, p in closing.mine()]
    assert second and all(p["type"] == "template" for p in second)  # never free-form after 24 h
    assert graph.rejected == []


async def test_a_message_is_marked_failed_only_when_its_budget_is_spent_and_support_sees_it(
    aiohttp_client, make_settings, sqlite_db_url, graph
):
    settings = make_settings(
        database_url=sqlite_db_url,
        outbox_max_backoff_seconds=0.1,
        outbox_give_up_hours=3 / 3600,  # a 3-second budget stands in for 24 hours
        **whatsapp_settings(graph.base_url),
    )
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    parent = WaParent(client, graph)
    graph.down = True
    started = asyncio.get_running_loop().time()
    await parent.say("hi")

    async def first_failed() -> bool:
        return any(r.delivery_status == "failed" for r in await outbound(app))

    await until(first_failed, 60)
    assert asyncio.get_running_loop().time() - started >= 2.5  # not before its budget
    failed = [r for r in await outbound(app) if r.delivery_status == "failed"]
    assert failed[0].error_code == "2" and failed[0].attempts > 3
    queries = SqlAlchemyConversationQueries(app[keys.SESSIONS])
    found, total = await queries.conversations(ConversationFilter(failed=True), 1, 20)
    assert total == 1 and found[0].failed_deliveries >= 1


async def test_a_send_that_works_again_wakes_the_messages_waiting_out_a_long_backoff(
    aiohttp_client, make_settings, sqlite_db_url, graph
):
    client = await aiohttp_client(
        create_app(make_settings(database_url=sqlite_db_url, **whatsapp_settings(graph.base_url)))
    )
    app = client.server.app
    waiting = WaParent(client, graph)
    graph.down = True
    await waiting.say("hi")
    await until(lambda: _all_failed_once(app), 30)
    # Hours into the outage: the messages wait out the longest backoff (5 minutes).
    async with app[keys.SESSIONS]() as s, s.begin():
        await s.execute(
            update(ChatMessageRow)
            .where(ChatMessageRow.direction == "out")
            .values(next_attempt_at=datetime.now(UTC) + timedelta(minutes=5))
        )
    graph.down = False
    started = asyncio.get_running_loop().time()
    other = WaParent(client, graph, user_id="US.1000000000000000003", wa_id="15550004444")
    assert await other.say("hi")  # Graph is back: this send works...

    async def delivered() -> bool:
        return all(r.delivery_status == "sent" for r in await outbound(app))

    await until(delivered, 30)  # ...and the waiting ones follow at once, not in 5 minutes
    assert asyncio.get_running_loop().time() - started < 30
    assert len(waiting.mine()) == len({w for w, _ in waiting.mine()}) >= 1


async def _all_failed_once(app) -> bool:
    rows = await outbound(app)
    return bool(rows) and all(r.attempts >= 1 and r.error_code == "2" for r in rows[:1])

"""A turn happens entirely or not at all, on SQLite and PostgreSQL.

The turn's save is made to fail after the flow's steps ran and every statement of the turn was
sent (the domain rows, the state, the outbox rows, events, audit rows, job requests), just
before the commit. Nothing may be left behind; the retry of the same inbound message creates
exactly one profile / draft book / payment, and the parent gets exactly one answer.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from support.chat_driver import Parent, make_profile, settle, texts

from bot.app import keys
from bot.app.composition import create_app
from flows.messages import InboundChoice, InboundText
from storage.tables import (
    AuditLogRow,
    BookRow,
    BookVersionRow,
    ChatEventRow,
    ChatMessageRow,
    ChildProfileRow,
    JobRow,
    PaymentRow,
)
from storage.turn_unit import SqlAlchemyTurnUnit


@pytest.fixture
async def client(aiohttp_client, make_settings, db_url):
    settings = make_settings(database_url=db_url, book_image_px=320)
    return await aiohttp_client(create_app(settings))


async def counts(app) -> dict[str, int]:
    tables = {
        "profiles": ChildProfileRow, "books": BookRow, "versions": BookVersionRow,
        "payments": PaymentRow, "jobs": JobRow, "audit": AuditLogRow, "events": ChatEventRow,
    }  # fmt: skip
    async with app[keys.SESSIONS]() as s:
        found = {k: await s.scalar(select(func.count()).select_from(t)) for k, t in tables.items()}
        found["answers"] = await s.scalar(
            select(func.count())
            .select_from(ChatMessageRow)
            .where(ChatMessageRow.direction == "out")
        )
        found["waiting"] = await s.scalar(
            select(func.count())
            .select_from(ChatMessageRow)
            .where(ChatMessageRow.inbox_status == "received")
        )
    return found


async def fail_then_retry(monkeypatch, parent: Parent, inbound) -> list[dict]:
    """Run the parent's next message as a turn whose save fails after all its statements; then
    check nothing changed, run it again (as the sweep would), and return the bot's answer."""
    app = parent.app
    runtime = app[keys.RUNTIME]
    before = await counts(app)
    real_save = SqlAlchemyTurnUnit.save

    async def save_then_fail(self, write):
        await real_save(self, write)  # every row of the turn is sent to the database...
        raise ConnectionError("the database went away before the commit")  # ...never committed

    monkeypatch.setattr(SqlAlchemyTurnUnit, "save", save_then_fail)
    await runtime.turns.record(parent.session_id, inbound)
    with pytest.raises(ConnectionError):
        await runtime.turns.process(parent.session_id)
    assert await counts(app) == {**before, "waiting": before["waiting"] + 1}
    monkeypatch.undo()
    await runtime.turns.process(parent.session_id)
    await settle(app)
    return await parent._new_messages()


async def test_a_failed_save_leaves_nothing_and_the_retry_does_it_once(client, monkeypatch):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)

    # The profile (domain row + audit) and the series job, with the state and the answer.
    looks_good, _ = parent.find_option("Looks good")
    reply = await fail_then_retry(monkeypatch, parent, InboundChoice(looks_good))
    assert texts(reply).count("Perfect!") == 1  # answered once
    after = await counts(app)
    assert after["profiles"] == 1 and after["waiting"] == 0
    async with app[keys.SESSIONS]() as s:
        kinds = list((await s.execute(select(JobRow.kind))).scalars())
        saved = await s.scalar(
            select(func.count())
            .select_from(AuditLogRow)
            .where(AuditLogRow.action == "profile_created")
        )
    assert kinds.count("series") == 1 and saved == 1
    assert await parent.state() == "choose_series"
    series_list = next(m for m in reply if m["kind"] == "list")
    await parent.tap(series_list["rows"][0]["title"])
    lines = next(m for m in parent.messages[::-1] if m["message"]["kind"] == "list")
    await parent.tap(lines["message"]["rows"][0]["title"])
    assert await parent.state() == "ask_dedication"

    # The draft book and its first generation round.
    reply = await fail_then_retry(monkeypatch, parent, InboundText("For Zoya. Love, Mum"))
    after = await counts(app)
    assert (after["books"], after["versions"]) == (1, 1)
    assert await parent.state() == "preview"
    assert [m["kind"] for m in reply].count("document") == 1  # one preview, not two

    # The payment row, kept with the turn; its link made once, after the commit.
    buy, _ = parent.find_option("Buy the book")
    before = await counts(app)
    reply = await fail_then_retry(monkeypatch, parent, InboundChoice(buy))
    after = await counts(app)
    assert after["payments"] == 1
    assert await parent.state() == "awaiting_payment"
    assert [m["kind"] for m in reply].count("link") == 1
    async with app[keys.SESSIONS]() as s:
        payment = (await s.execute(select(PaymentRow))).scalar_one()
    assert payment.status == "created" and payment.link_url and payment.provider_order_id
    # The link job is idempotent by our payment id: run again, the provider is not asked again.
    assert await app[keys.SERVICES].payments.create_link(payment.id) == payment.link_url
    async with app[keys.SESSIONS]() as s:
        made = await s.scalar(
            select(func.count())
            .select_from(AuditLogRow)
            .where(AuditLogRow.action == "payment_link_created")
        )
    assert made == 1
    assert after["waiting"] == 0 and before["profiles"] == after["profiles"] == 1

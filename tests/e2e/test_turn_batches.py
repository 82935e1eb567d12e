"""Lines a parent sent together are handled in one transaction, a turn each: the same answers
as one by one, in order, each once. A turn that fails in such a batch costs only itself; a turn
with an audited action (consent, erasure, hand-off) is committed before anything after it."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from support.chat_driver import Parent, settle

from bot.app import keys
from bot.app.composition import create_app
from flows import engine
from flows.messages import InboundChoice, InboundText
from flows.words import say
from storage.tables import ChatMessageRow
from storage.turn_unit import SqlAlchemyTurnUnit

LINES = ["hi", "hello?", "are you there", "what is this", "hi again"]


@pytest.fixture
async def client(aiohttp_client, make_settings, db_url):
    return await aiohttp_client(create_app(make_settings(database_url=db_url)))


async def conversation(app, session_id: str) -> tuple[list[str], list[str]]:
    """(the bot's texts, the inbox statuses) of one session, in order."""
    async with app[keys.SESSIONS]() as s:
        rows = list(
            (
                await s.execute(
                    select(ChatMessageRow)
                    .where(ChatMessageRow.session_id == session_id)
                    .order_by(ChatMessageRow.id)
                )
            ).scalars()
        )
    said = [r.body.get("text", "") for r in rows if r.direction == "out"]
    return said, [r.inbox_status for r in rows if r.direction == "in"]


def count_commits(monkeypatch) -> list[int]:
    commits: list[int] = []
    real_commit = SqlAlchemyTurnUnit.commit

    async def counted(self):
        commits.append(1)
        await real_commit(self)

    monkeypatch.setattr(SqlAlchemyTurnUnit, "commit", counted)
    return commits


async def one_by_one(client, lines) -> tuple[Parent, list[str]]:
    """A parent who sent the same lines one at a time, and what they were told."""
    parent = await Parent(client).open()
    turns = client.server.app[keys.RUNTIME].turns
    for line in lines:
        await turns.post(parent.session_id, line)
    return parent, (await conversation(client.server.app, parent.session_id))[0]


async def test_lines_sent_together_are_one_transaction_with_every_answer_in_order(
    client, monkeypatch
):
    app = client.server.app
    turns = app[keys.RUNTIME].turns
    _, calm = await one_by_one(client, [InboundText(line) for line in LINES])
    together = await Parent(client).open()
    commits = count_commits(monkeypatch)

    for line in LINES:
        await turns.record(together.session_id, InboundText(line))
    await turns.process(together.session_id)

    said, inbox = await conversation(app, together.session_id)
    assert len(commits) == 1
    assert inbox == ["processed"] * len(LINES)
    assert said == calm


async def test_a_turn_failing_in_a_batch_costs_only_itself(client, monkeypatch):
    app = client.server.app
    turns = app[keys.RUNTIME].turns
    real_handle = engine.handle

    async def handle(ctx, inbound):
        if getattr(inbound, "text", None) == "boom":
            raise RuntimeError("a bug in one step")
        await real_handle(ctx, inbound)

    monkeypatch.setattr(engine, "handle", handle)
    _, calm = await one_by_one(client, [InboundText(line) for line in ["hi", "boom", "hello?"]])
    assert calm.count(say("turn_failed")) == 1
    together = await Parent(client).open()

    for line in ["hi", "boom", "hello?"]:
        await turns.record(together.session_id, InboundText(line))
    await turns.process(together.session_id)
    await settle(app)

    said, inbox = await conversation(app, together.session_id)
    assert inbox == ["processed"] * 3
    assert said == calm  # the turn before the failure kept once, the one after it handled


async def test_an_audited_turn_is_committed_before_the_lines_after_it(client, monkeypatch):
    app = client.server.app
    turns = app[keys.RUNTIME].turns
    lines = [InboundText("hi"), InboundChoice("1:agree"), InboundText("Zoya")]
    calm_parent, calm = await one_by_one(client, lines)
    together = await Parent(client).open()
    commits = count_commits(monkeypatch)

    for line in lines:
        await turns.record(together.session_id, line)
    await turns.process(together.session_id)

    said, inbox = await conversation(app, together.session_id)
    assert len(commits) == 2  # "hi" with the consent; the name after it
    assert inbox == ["processed"] * 3
    assert said == calm
    assert any("Zoya" in text for text in said)
    assert await together.state() == await calm_parent.state()

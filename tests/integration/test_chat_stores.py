"""The chat stores bot/ uses, on both backends: plain frozen data out; one lease per message."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import UTC, datetime, timedelta

import pytest

from domain.conversation import ChatSession, HistoryItem, OutboxItem, TurnWrite
from storage.chat import ChatStore
from storage.db import create_engine, create_session_factory
from storage.turn_unit import SqlAlchemyTurnUnit

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return NOW


@pytest.fixture
async def chat(db_url):
    engine = create_engine(db_url)
    counter = itertools.count(1)
    store = ChatStore(
        create_session_factory(engine), FixedClock(), lambda: f"id{next(counter):030d}"
    )
    yield store
    await engine.dispose()


async def answered(chat: ChatStore, texts: list[str]) -> str:
    ref = await chat.open_session("webchat", f"visitor-{texts[0]}")
    async with SqlAlchemyTurnUnit(chat._sessions, FixedClock()) as unit:
        await unit.save(
            TurnWrite(
                session_id=ref.id,
                expected_version=1,
                state_json={"flow_version": 1},
                state="start",
                handed_off=False,
                inbound_ids=(),
                outbound=[("text", {"text": t}) for t in texts],
                events=(),
                jobs=(),
            )
        )
        await unit.commit()
    return ref.id


async def test_pending_messages_are_plain_data_in_order_and_leased_once(chat):
    first = await answered(chat, ["a", "b"])
    other = await answered(chat, ["c"])
    due = await chat.pending_outbound(None, NOW)
    assert all(isinstance(m, OutboxItem) for m in due)
    assert [(m.session_id, m.body["text"], m.attempts) for m in due] == [
        (first, "a", 0), (first, "b", 0), (other, "c", 0)
    ]  # fmt: skip
    with pytest.raises(dataclasses.FrozenInstanceError):
        due[0].attempts = 5  # type: ignore[misc]
    assert [m.body["text"] for m in await chat.pending_outbound(other, NOW)] == ["c"]

    leased = await chat.lease_due(first, NOW, 60)
    assert [(m.body["text"], m.attempts) for m in leased] == [("a", 0), ("b", 0)]
    assert await chat.lease_due(first, NOW, 60) == []  # another sender: not twice
    await chat.give_back([leased[1].id], NOW)  # "b" was not tried after all
    # Of one session, every pending message comes, the leased one in its place and not due
    # yet, so nothing after it is sent out of order.
    a, b = await chat.pending_outbound(first, NOW)
    assert [a.body["text"], b.body["text"]] == ["a", "b"]
    assert a.next_attempt_at > NOW and b.next_attempt_at <= NOW
    assert [m.body["text"] for m in await chat.pending_outbound(None, NOW)] == ["b", "c"]
    later = NOW + timedelta(seconds=61)  # the sender died: the lease ran out
    [again, b] = await chat.lease_due(first, later, 60)
    assert (again.id, again.attempts, b.attempts) == (due[0].id, 1, 0)
    await chat.mark_outbound(due[0].id, delivery_status="sent", sent_at=later)
    await chat.give_back([b.id], later)
    assert [m.body["text"] for m in await chat.pending_outbound(first, later)] == ["b"]


async def test_a_message_waiting_out_a_backoff_keeps_the_later_ones_back(chat):
    session_id = await answered(chat, ["a", "b", "c"])
    [a] = await chat.lease_due(session_id, NOW, 60, limit=1)
    assert a.body["text"] == "a"
    await chat.mark_outbound(a.id, delivery_status="sent", sent_at=NOW)
    [b, c] = await chat.lease_due(session_id, NOW, 60)
    await chat.mark_outbound(b.id, next_attempt_at=NOW + timedelta(minutes=5))  # b failed
    await chat.give_back([c.id], NOW)
    assert await chat.lease_due(session_id, NOW, 60) == []  # c waits behind b
    later = NOW + timedelta(minutes=5)
    assert [m.body["text"] for m in await chat.lease_due(session_id, later, 60)] == ["b", "c"]


async def test_the_session_a_sender_needs(chat):
    session_id = await answered(chat, ["a"])
    session = await chat.session(session_id)
    assert isinstance(session, ChatSession)
    assert (session.id, session.channel, session.last_inbound_at) == (session_id, "webchat", None)
    assert await chat.session("missing") is None


async def test_sessions_of_a_parent_and_the_history_of_one(chat):
    session_id = await answered(chat, ["a", "b"])
    ref = await chat.open_session("webchat", "visitor-a")  # the same channel user: same session
    assert ref.id == session_id
    said = await chat.record_inbound(session_id, "text", {"text": "hi"})
    await chat.record_inbound(session_id, "event", {"type": "reminder_due", "number": 1})
    [mine] = await chat.sessions_of_user(ref.user_id)
    assert isinstance(mine, ChatSession) and mine.id == session_id
    assert await chat.sessions_of_user("nobody") == []
    history = await chat.history(session_id, 0)
    assert all(isinstance(h, HistoryItem) for h in history)
    assert [(h.direction, h.kind, h.body.get("text")) for h in history] == [
        ("out", "text", "a"),
        ("out", "text", "b"),
        ("in", "text", "hi"),
    ]  # fmt: skip  (the internal event is not part of the transcript)
    assert [h.id for h in await chat.history(session_id, history[1].id)] == [said]

"""Recording a webhook item in one transaction, on both databases: first contact, duplicates,
re-keying, an identity held by another parent, and the order in which items are handed on."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from domain.conversation import TurnWrite, Waiting
from storage.chat import FETCHING, ChannelInbound, ChatStore
from storage.db import create_engine, create_session_factory
from storage.tables import ChatMessageRow, ChatSessionRow, User
from storage.turn_unit import SqlAlchemyTurnUnit


class StepClock:
    def __init__(self) -> None:
        self.at = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


@asynccontextmanager
async def open_store(url: str) -> AsyncIterator[ChatStore]:
    engine = create_engine(url)
    counter = itertools.count(1)
    clock = StepClock()
    chat = ChatStore(create_session_factory(engine), clock, lambda: f"id{next(counter):030d}")
    chat.clock = clock  # type: ignore[attr-defined]
    chat.sessions = create_session_factory(engine)  # type: ignore[attr-defined]
    try:
        yield chat
    finally:
        await engine.dispose()


@pytest.fixture
async def store(db_url):
    async with open_store(db_url) as chat:
        yield chat


@pytest.fixture
async def pg_store(pg_db_url):
    async with open_store(pg_db_url) as chat:
        yield chat


async def ready(store, session_id: str) -> list[dict]:
    """The bodies of the inbox items a turn of the session would handle, in order."""
    async with SqlAlchemyTurnUnit(store.sessions, store.clock) as unit:
        loaded = await unit.load(session_id)
    assert loaded is not None
    return [i.body for i in loaded[1]]


def item(message_id: str, sender: str, **extra) -> ChannelInbound:
    values = {"kind": "text", "body": {"text": "hi"}, "identity": {"wa_id": "15550001234"}}
    values.update(extra)
    return ChannelInbound(
        channel="whatsapp", channel_user_id=sender, channel_message_id=message_id, **values
    )


async def test_first_contact_then_a_duplicate(store):
    ref, row_id = await store.record_from_channel(item("wamid.A", "US.1"))
    assert row_id is not None
    again, duplicate = await store.record_from_channel(item("wamid.A", "US.1"))
    assert (again, duplicate) == (ref, None)
    async with store.sessions() as s:
        user = await s.get(User, ref.user_id)
        messages = list((await s.execute(select(ChatMessageRow))).scalars())
        session = await s.get(ChatSessionRow, ref.id)
    assert user.wa_id == "15550001234"
    assert len(messages) == 1 and session.last_inbound_at is not None


async def test_an_older_key_is_rekeyed_and_the_identity_kept_current(store):
    old, _ = await store.record_from_channel(item("wamid.A", "15550001234", identity={}))
    new, _ = await store.record_from_channel(
        item(
            "wamid.B",
            "US.1",
            identity={"wa_user_id": "US.1", "wa_id": "15550001234"},
            rekey_from="15550001234",
        )
    )
    assert (new.id, new.user_id, new.channel_user_id) == (old.id, old.user_id, "US.1")
    async with store.sessions() as s:
        user = await s.get(User, old.user_id)
    assert (user.wa_user_id, user.wa_id) == ("US.1", "15550001234")


async def test_an_identity_held_by_another_parent_does_not_block_the_message(store):
    first, _ = await store.record_from_channel(item("wamid.A", "US.1"))
    # A new business-scoped user arrives with the same number (it changed hands).
    second, row_id = await store.record_from_channel(item("wamid.B", "US.2"))
    assert row_id is not None and second.user_id != first.user_id
    async with store.sessions() as s:
        users = {u.id: u.wa_id for u in (await s.execute(select(User))).scalars()}
    assert users == {first.user_id: "15550001234", second.user_id: None}


async def test_a_photo_being_fetched_holds_back_what_came_after_it(store):
    ref, photo = await store.record_from_channel(
        item("wamid.P", "US.1", kind="image", body={"media_id": "9"}, status=FETCHING)
    )
    await store.record_from_channel(item("wamid.T", "US.1"))
    assert await ready(store, ref.id) == []
    store.clock.at += timedelta(minutes=1)
    assert await store.stranded_sessions(timedelta(seconds=30)) == [ref.id]
    assert await store.stranded_sessions(timedelta(minutes=5)) == []
    async with store.sessions() as s, s.begin():
        row = await s.get(ChatMessageRow, photo)
        row.inbox_status = "received"
    assert await ready(store, ref.id) == [{"media_id": "9"}, {"text": "hi"}]


async def test_a_batch_records_new_and_known_parents_in_order_in_one_go(store):
    known, _ = await store.record_from_channel(item("wamid.K1", "US.K", identity={"wa_id": "1"}))
    batch = [
        item("wamid.N1", "US.N", identity={"wa_id": "2"}, body={"text": "one"}),
        item("wamid.K2", "US.K", identity={"wa_id": "1"}, body={"text": "again"}),
        item("wamid.N2", "US.N", identity={"wa_id": "2"}, body={"text": "two"}),
        item("wamid.K1", "US.K", identity={"wa_id": "1"}),  # Meta's redelivery
    ]
    recorded = await store.record_batch(batch)
    assert recorded is not None
    (new, n1), (k, k2), (new_again, n2), (k_again, duplicate) = recorded
    assert k == k_again == known and new == new_again and new.id != known.id
    assert n1 < k2 < n2 and duplicate is None
    assert await ready(store, new.id) == [{"text": "one"}, {"text": "two"}]
    assert await ready(store, known.id) == [{"text": "hi"}, {"text": "again"}]
    async with store.sessions() as s:
        user = await s.get(User, new.user_id)
        session = await s.get(ChatSessionRow, new.id)
    assert user.wa_id == "2" and session.state == "start" and session.last_inbound_at is not None


@pytest.mark.parametrize(
    "unusual",
    [
        item("wamid.R", "US.9", rekey_from="15550009999"),  # a re-key
        item("wamid.I", "US.K", identity={"wa_id": "7"}),  # a parent's number changed
        item("wamid.H", "US.H", identity={"wa_id": "1"}),  # the number is another parent's
    ],
)
async def test_a_batch_with_anything_unusual_writes_nothing_and_goes_one_by_one(store, unusual):
    await store.record_from_channel(item("wamid.K1", "US.K", identity={"wa_id": "1"}))
    assert await store.record_batch([item("wamid.X", "US.X", identity={}), unusual]) is None
    async with store.sessions() as s:
        messages = list((await s.execute(select(ChatMessageRow.channel_message_id))).scalars())
        sessions = list((await s.execute(select(ChatSessionRow.channel_user_id))).scalars())
    assert messages == ["wamid.K1"] and sessions == ["US.K"]


async def test_a_session_waits_while_an_item_is_not_handled(store):
    ref, row_id = await store.record_from_channel(item("wamid.A", "US.1"))
    other, _ = await store.record_from_channel(item("wamid.B", "US.2"))
    assert await store.waiting(ref.id) and await store.waiting(other.id)
    async with store.sessions() as s, s.begin():
        await s.execute(
            ChatMessageRow.__table__.update()
            .where(ChatMessageRow.id == row_id)
            .values(inbox_status="processed")
        )
    assert not await store.waiting(ref.id)
    assert await store.waiting(other.id) == Waiting(items=True, fetching=False)


async def test_a_photo_being_fetched_is_told_apart_from_items_a_turn_takes(store):
    photo = item("wamid.P", "US.3", kind="image", body={"media_id": "9"}, status=FETCHING)
    ref, _ = await store.record_from_channel(photo)
    assert await store.waiting(ref.id) == Waiting(items=False, fetching=True)
    await store.record_from_channel(item("wamid.T", "US.3"))
    assert await store.waiting(ref.id) == Waiting(items=True, fetching=True)


async def test_a_batch_does_not_wait_for_a_session_a_turn_holds(pg_store):
    """A drainer's batch records the messages of a parent whose turn is in progress without
    waiting for it; that parent's last inbound moment is then moved up by their next turn
    (and never back)."""
    store, clock, sessions = pg_store, pg_store.clock, pg_store.sessions
    held, _ = await store.record_from_channel(item("wamid.H1", "US.H", identity={"wa_id": "1"}))
    free, _ = await store.record_from_channel(item("wamid.F1", "US.F", identity={"wa_id": "2"}))
    first_at = clock.at
    clock.at += timedelta(minutes=5)
    batch = [
        item("wamid.H2", "US.H", identity={"wa_id": "1"}),
        item("wamid.F2", "US.F", identity={"wa_id": "2"}),
    ]
    async with SqlAlchemyTurnUnit(sessions, clock) as turn:
        loaded = await turn.load(held.id)  # the session's row is locked until it ends
        assert loaded is not None and [i.body for i in loaded[1]] == [{"text": "hi"}]
        recorded = await asyncio.wait_for(store.record_batch(batch), 10)
        assert recorded is not None and all(row_id for _, row_id in recorded)
    async with sessions() as s:
        inbound_at = {
            sid: (await s.get(ChatSessionRow, sid)).last_inbound_at for sid in (held.id, free.id)
        }
    assert inbound_at == {held.id: first_at, free.id: clock.at}
    for given, expected in ((clock.at, clock.at), (first_at, clock.at), (None, clock.at)):
        async with SqlAlchemyTurnUnit(sessions, clock) as turn:
            snapshot, items = await turn.load(held.id)  # type: ignore[misc]
            await turn.save(turn_write(snapshot, items, given))
            await turn.commit()
        async with sessions() as s:
            assert (await s.get(ChatSessionRow, held.id)).last_inbound_at == expected


def turn_write(snapshot, items, inbound_at) -> TurnWrite:
    return TurnWrite(
        session_id=snapshot.id, expected_version=snapshot.version,
        state_json={"flow_version": 1, "state": "start"}, state="start", handed_off=False,
        inbound_ids=[i.id for i in items], outbound=[], events=[], jobs=[],
        inbound_at=inbound_at,
    )  # fmt: skip

"""A turn's transaction on both backends: the session read with its inbox in one statement, the
turn's rows written together, domain writes of joined services committed with them or not at all."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, func, select

from domain.conversation import TurnWrite
from domain.errors import Conflict
from domain.profiles import ChildProfile, Pronouns
from domain.services.profiles import ProfileService
from domain.units import JoinedUnit
from storage.chat import ChatStore
from storage.db import create_engine, create_session_factory
from storage.tables import (
    AuditLogRow,
    ChatEventRow,
    ChatMessageRow,
    ChatSessionRow,
    ChildProfileRow,
    JobRow,
)
from storage.turn_unit import SqlAlchemyTurnUnit

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return NOW


@pytest.fixture
async def world(db_url):
    engine = create_engine(db_url)
    sessions = create_session_factory(engine)
    counter = itertools.count(1)
    ids = lambda: f"id{next(counter):030d}"  # noqa: E731
    chat = ChatStore(sessions, FixedClock(), ids)
    ref = await chat.open_session("webchat", "visitor-1")
    yield engine, sessions, chat, ref, ids
    await engine.dispose()


def unit_of(sessions) -> SqlAlchemyTurnUnit:
    return SqlAlchemyTurnUnit(sessions, FixedClock())


def write(session_id: str, version: int, inbound_ids, **extra) -> TurnWrite:
    values = {
        "session_id": session_id, "expected_version": version,
        "state_json": {"flow_version": 3, "state": "consent"}, "state": "consent",
        "handed_off": False, "inbound_ids": inbound_ids,
        "outbound": [("text", {"text": "Hello"}), ("text", {"text": "Agree?"})],
        "events": [("state_changed", {"dest": "consent"})],
        "jobs": [("job00000000000000000000000000001", "series", {"user_id": "u"})],
        "audits": [("consent_given", {"scope": "child_data"})], "actor_id": None,
    }  # fmt: skip
    values.update(extra)
    return TurnWrite(**values)  # type: ignore[arg-type]


async def test_load_reads_the_session_and_its_ready_inbox_in_one_statement(world):
    engine, sessions, chat, ref, _ = world
    first = await chat.record_inbound(ref.id, "text", {"text": "hi"})
    second = await chat.record_inbound(ref.id, "choice", {"id": "1:agree"})
    statements: list[str] = []
    listener = lambda *a: statements.append(a[2])  # noqa: E731
    event.listen(engine.sync_engine, "before_cursor_execute", listener)
    async with unit_of(sessions) as unit:
        loaded = await unit.load(ref.id)
    event.remove(engine.sync_engine, "before_cursor_execute", listener)
    assert loaded is not None
    snapshot, items = loaded
    assert (snapshot.id, snapshot.user_id, snapshot.version) == (ref.id, ref.user_id, 1)
    assert [(i.id, i.kind, i.body) for i in items] == [
        (first, "text", {"text": "hi"}),
        (second, "choice", {"id": "1:agree"}),
    ]
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    async with unit_of(sessions) as unit:
        assert await unit.load("no-such-session") is None


async def test_save_writes_the_turn_together_and_refuses_a_stale_version(world):
    _, sessions, chat, ref, _ = world
    item = await chat.record_inbound(ref.id, "text", {"text": "hi"})
    async with unit_of(sessions) as unit:
        await unit.save(write(ref.id, 1, [item]))
        await unit.commit()
    async with sessions() as s:
        session = await s.get(ChatSessionRow, ref.id)
        inbound = await s.get(ChatMessageRow, item)
        out = (
            await s.execute(select(ChatMessageRow).where(ChatMessageRow.direction == "out"))
        ).scalars()
        out = list(out)
        counts = [
            await s.scalar(select(func.count()).select_from(t))
            for t in (ChatEventRow, JobRow, AuditLogRow)
        ]
    assert (session.state, session.version, session.flow_version) == ("consent", 2, 3)
    assert (inbound.inbox_status, inbound.delivery_status) == ("processed", None)
    assert [(m.body["text"], m.delivery_status, m.inbox_status) for m in out] == [
        ("Hello", "pending", None),
        ("Agree?", "pending", None),
    ]
    assert counts == [1, 1, 1]
    async with unit_of(sessions) as unit:
        assert (await unit.load(ref.id))[1] == []  # type: ignore[index]
        with pytest.raises(Conflict):
            await unit.save(write(ref.id, 1, [], jobs=[]))


async def test_a_turn_not_committed_leaves_no_domain_row_nor_conversation_row(world):
    _, sessions, chat, ref, ids = world
    item = await chat.record_inbound(ref.id, "text", {"text": "hi"})
    profiles = ProfileService(lambda: unit_of(sessions), FixedClock(), ids)
    child = ChildProfile(name="Zoya", age=6, pronouns=Pronouns.SHE, interests=("space",))
    ran: list[str] = []

    async def after() -> None:
        ran.append("after")

    async with unit_of(sessions) as unit:
        await profiles.within(unit).save(ref.user_id, child)  # "commits" into the turn only
        await unit.save(write(ref.id, 1, [item]))
        unit.after_commit(after)
        # no commit: the turn failed
    async with sessions() as s:
        assert await s.scalar(select(func.count()).select_from(ChildProfileRow)) == 0
        assert await s.scalar(select(func.count()).select_from(AuditLogRow)) == 0
        assert (await s.get(ChatMessageRow, item)).inbox_status == "received"
    assert ran == []

    async with unit_of(sessions) as unit:
        await profiles.within(unit).save(ref.user_id, child)
        await unit.save(write(ref.id, 1, [item]))
        unit.after_commit(after)
        await unit.commit()
    async with sessions() as s:
        assert await s.scalar(select(func.count()).select_from(ChildProfileRow)) == 1
    assert ran == ["after"]


async def test_a_joined_unit_never_commits_or_closes_the_turn(world):
    _, sessions, *_ = world
    async with unit_of(sessions) as unit:
        joined = JoinedUnit(unit)
        async with joined as inner:
            await inner.commit()
        assert inner.profiles is unit.profiles
        assert unit.session.in_transaction()

"""The database itself refuses what the domain forbids, on both backends."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from storage.db import create_engine, create_session_factory
from storage.tables import (
    AuditLogRow,
    ChildProfileRow,
    SeriesRow,
    User,
    WebhookEventRow,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def _id() -> str:
    return uuid.uuid4().hex


@pytest.fixture
async def sessions(db_url):
    engine = create_engine(db_url)
    yield create_session_factory(engine)
    await engine.dispose()


async def _user(sessions) -> str:
    user = User(id=_id(), wa_id=_id()[:15], created_at=NOW, updated_at=NOW)
    async with sessions.begin() as s:
        s.add(user)
    return user.id


def _profile(user_id: str, name: str = "Mira") -> ChildProfileRow:
    return ChildProfileRow(
        id=_id(),
        user_id=user_id,
        name=name,
        age=6,
        pronouns="she",
        interests=["rockets"],
        created_at=NOW,
        updated_at=NOW,
    )


async def test_second_child_profile_for_one_parent_is_refused(sessions):
    user_id = await _user(sessions)
    async with sessions.begin() as s:
        s.add(_profile(user_id))
    with pytest.raises(IntegrityError):
        async with sessions.begin() as s:
            s.add(_profile(user_id, name="Other"))
    async with sessions() as s:
        count = len((await s.execute(select(ChildProfileRow))).scalars().all())
    assert count == 1


async def test_profile_age_and_pronouns_are_checked(sessions):
    user_id = await _user(sessions)
    bad = _profile(user_id)
    bad.age = 13
    with pytest.raises(IntegrityError):
        async with sessions.begin() as s:
            s.add(bad)


def _series(profile_id: str, round_no: int, position: int, title: str) -> SeriesRow:
    return SeriesRow(
        id=_id(),
        child_profile_id=profile_id,
        round=round_no,
        position=position,
        title=title,
        hook="A hook",
        theme="space",
        created_at=NOW,
    )


async def test_series_positions_are_one_to_five_and_unique_per_round(sessions):
    user_id = await _user(sessions)
    profile = _profile(user_id)
    async with sessions.begin() as s:
        s.add(profile)
        s.add_all(_series(profile.id, 1, p, f"T{p}") for p in range(1, 6))
    with pytest.raises(IntegrityError):
        async with sessions.begin() as s:
            s.add(_series(profile.id, 1, 6, "Sixth"))
    with pytest.raises(IntegrityError):
        async with sessions.begin() as s:
            s.add(_series(profile.id, 1, 3, "Duplicate position"))
    async with sessions.begin() as s:  # a new round may use positions 1..5 again
        s.add(_series(profile.id, 2, 1, "Round two"))


async def test_duplicate_webhook_event_is_refused(sessions):
    def event() -> WebhookEventRow:
        return WebhookEventRow(
            provider="razorpay", event_id="evt_123", raw_body=b"{}", received_at=NOW
        )

    async with sessions.begin() as s:
        s.add(event())
    with pytest.raises(IntegrityError):
        async with sessions.begin() as s:
            s.add(event())
    async with sessions.begin() as s:  # the same id from another provider is another event
        other = event()
        other.provider = "paypal"
        s.add(other)


async def test_audit_log_is_append_only(sessions):
    async with sessions.begin() as s:
        row = AuditLogRow(actor_type="system", action="test", data={"k": "v"}, created_at=NOW)
        s.add(row)
    with pytest.raises(DBAPIError):
        async with sessions.begin() as s:
            await s.execute(update(AuditLogRow).values(action="changed"))
    with pytest.raises(DBAPIError):
        async with sessions.begin() as s:
            await s.execute(delete(AuditLogRow))


async def test_timestamps_come_back_timezone_aware_utc(sessions):
    india = timezone(timedelta(hours=5, minutes=30))
    local_noon = datetime(2026, 11, 25, 17, 30, tzinfo=india)
    user = User(id=_id(), created_at=local_noon, updated_at=local_noon)
    async with sessions.begin() as s:
        s.add(user)
    async with sessions() as s:
        loaded = (await s.execute(select(User).where(User.id == user.id))).scalar_one()
    assert loaded.created_at == NOW
    assert loaded.created_at.utcoffset() == timedelta(0)


async def test_naive_timestamps_are_rejected(sessions):
    with pytest.raises(Exception, match="naive datetime"):
        async with sessions.begin() as s:
            s.add(User(id=_id(), created_at=datetime(2026, 1, 1), updated_at=NOW))


async def test_sqlite_connections_enforce_foreign_keys(sqlite_db_url):
    engine = create_engine(sqlite_db_url)
    sessions = create_session_factory(engine)
    async with sessions() as s:
        assert (await s.execute(text("PRAGMA foreign_keys"))).scalar() == 1
        assert (await s.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
    with pytest.raises(IntegrityError):
        async with sessions.begin() as s:
            s.add(_profile("no-such-user"))
    await engine.dispose()

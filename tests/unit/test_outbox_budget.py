"""The outbox's retry budget with the default settings, time driven by the test: a message the
provider keeps refusing with a retryable error is still pending after 23 hours (with its
backoff never above the cap) and is marked failed once 24 hours have passed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from bot.conversation.outbox import DeliveryError, Outbox

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.at = T0

    def now(self) -> datetime:
        return self.at


class Store:
    def __init__(self) -> None:
        self.row = SimpleNamespace(
            id=1, session_id="s1", body={"kind": "text", "text": "hi"}, created_at=T0,
            attempts=0, next_attempt_at=T0, delivery_status="pending", error_code=None,
        )  # fmt: skip

    async def session(self, session_id):
        return SimpleNamespace(id=session_id, user_id=None, channel="down", channel_user_id="x")

    async def pending_outbound(self, session_id, now, limit=100):
        r = self.row
        due = session_id is not None or r.next_attempt_at <= now
        return [SimpleNamespace(**vars(r))] if r.delivery_status == "pending" and due else []

    async def due_sessions(self, now, after=None, limit=100):
        due = {r.session_id for r in await self.pending_outbound(None, now)}
        return sorted(sid for sid in due if after is None or sid > after)[:limit]

    async def lease_due(self, session_id, now, lease_seconds, limit=20):
        r = self.row
        if r.delivery_status != "pending" or r.next_attempt_at > now:
            return []
        taken = SimpleNamespace(**vars(r))  # the attempts as they were
        r.attempts += 1
        r.next_attempt_at = now + timedelta(seconds=lease_seconds)
        return [taken]

    async def give_back(self, message_ids, now):
        assert message_ids == []  # one message: nothing behind it

    async def mark_outbound(self, message_id, **values):
        vars(self.row).update(values)

    async def wake_outbound(self, channel, now, due_after):
        return 0


class Down:
    async def send(self, session, message_id, body, created_at=None, *, last_error=None):
        raise DeliveryError("Service temporarily unavailable", code="2", retryable=True)


async def test_retries_last_24_hours_with_capped_backoff_then_fail():
    clock, store = Clock(), Store()
    outbox = Outbox(store, {"down": Down()}, clock)
    tries = 0
    while clock.at - T0 < timedelta(hours=23):
        await outbox.flush()
        tries += 1
        assert store.row.delivery_status == "pending"
        wait = store.row.next_attempt_at - clock.at
        assert timedelta(0) < wait <= timedelta(seconds=300)
        clock.at = store.row.next_attempt_at
    assert tries > 250 and store.row.attempts == tries
    clock.at = T0 + timedelta(hours=24, seconds=1)
    await outbox.flush()
    assert store.row.delivery_status == "failed" and store.row.next_attempt_at is None
    assert store.row.error_code == "2"

"""WhatsApp send rates, on explicit time: our number's per-second limit defers and later
delivers; proactive messages to one parent are spaced by the pair interval."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from bot.channels.whatsapp.pacing import SendPacer, SendRates, is_proactive
from bot.conversation import outbox as outbox_module
from bot.conversation.outbox import DeliveryError, Outbox
from storage.kv_memory import InProcessRateLimiter

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


class Time:
    """One clock for the limiter (monotonic seconds) and the outbox (datetimes)."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return T0 + timedelta(seconds=self.seconds - 1000.0)

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


def session(last_inbound_at: datetime | None = T0, user: str = "US.1") -> SimpleNamespace:
    return SimpleNamespace(
        id=f"s-{user}", channel="whatsapp", channel_user_id=user, last_inbound_at=last_inbound_at
    )


class MemoryChat:
    """The OutboxStore calls the outbox makes, in memory."""

    def __init__(self, sessions: list[SimpleNamespace]) -> None:
        self.sessions = {s.id: s for s in sessions}
        self.rows: dict[int, SimpleNamespace] = {}

    def add(self, session_id: str, created_at: datetime, now: datetime) -> int:
        row_id = len(self.rows) + 1
        self.rows[row_id] = SimpleNamespace(
            id=row_id,
            session_id=session_id,
            body={"type": "text", "text": f"m{row_id}"},
            created_at=created_at,
            delivery_status="pending",
            attempts=0,
            next_attempt_at=now,
            error_code=None,
            sent_at=None,
        )
        return row_id

    async def pending_outbound(self, session_id, now, limit=100):
        return [  # snapshots, as the database gives
            SimpleNamespace(**vars(r))
            for r in self.rows.values()
            if r.delivery_status == "pending"
            and r.next_attempt_at <= now
            and session_id in (None, r.session_id)
        ]

    async def session(self, session_id):
        return self.sessions.get(session_id)

    async def due_sessions(self, now, after=None, limit=100):
        due = {r.session_id for r in await self.pending_outbound(None, now)}
        return sorted(sid for sid in due if after is None or sid > after)[:limit]

    async def lease_due(self, session_id, now, lease_seconds, limit=20):
        taken = []
        for row in (await self.pending_outbound(session_id, now))[:limit]:
            taken.append(row)  # the snapshot keeps the attempts as they were
            self.rows[row.id].attempts += 1
            self.rows[row.id].next_attempt_at = now + timedelta(seconds=lease_seconds)
        return taken

    async def give_back(self, message_ids, now):
        for message_id in message_ids:
            self.rows[message_id].attempts -= 1
            self.rows[message_id].next_attempt_at = now

    async def mark_outbound(self, message_id, **values):
        for key, value in values.items():
            setattr(self.rows[message_id], key, value)


class PacedSender:
    def __init__(self, pacer: SendPacer, time: Time) -> None:
        self.pacer = pacer
        self.time = time
        self.sent: list[tuple[int, float]] = []  # (message id, when)

    async def send(self, session, message_id, body, created_at=None, *, last_error=None):
        await self.pacer.admit(session, created_at)
        self.sent.append((message_id, self.time.seconds))
        return f"wamid.{message_id}"

    async def on_sent(self, channel_message_id):
        return None


def pacer(time: Time, per_second: int = 60, pair: float = 6.0) -> SendPacer:
    limiter = InProcessRateLimiter(clock=time.monotonic)
    return SendPacer(limiter, "1122334455667", SendRates(per_second, pair))


def test_proactive_means_made_long_after_the_parents_last_message():
    assert not is_proactive(session(), T0 + timedelta(seconds=5))  # a reply inside a turn
    assert is_proactive(session(), T0 + timedelta(minutes=10))  # a job finished later
    assert is_proactive(session(last_inbound_at=None), T0)
    naive = session(last_inbound_at=T0.replace(tzinfo=None))  # SQLite gives naive datetimes
    assert is_proactive(naive, T0 + timedelta(hours=1))
    assert not is_proactive(session(), None)


async def test_the_per_number_rate_defers_then_admits():
    time = Time()
    gate = pacer(time, per_second=2)
    replies = [session(user=f"US.{i}") for i in range(3)]
    await gate.admit(replies[0], T0)
    await gate.admit(replies[1], T0)
    with pytest.raises(DeliveryError) as raised:
        await gate.admit(replies[2], T0)
    assert raised.value.code == "rate_limited" and raised.value.retryable
    assert 0 < raised.value.retry_after <= 1.0
    time.advance(raised.value.retry_after)
    await gate.admit(replies[2], T0)


async def test_replies_inside_a_turn_go_together():
    time = Time()
    gate = pacer(time)
    for _ in range(5):
        await gate.admit(session(), T0 + timedelta(seconds=1))


async def test_outbox_defers_over_the_number_rate_and_delivers_later():
    time = Time()
    parents = [session(user=f"US.{i}") for i in range(3)]
    chat = MemoryChat(parents)
    for parent in parents:
        chat.add(parent.id, T0, time.now())
    sender = PacedSender(pacer(time, per_second=2), time)
    outbox = Outbox(chat, {"whatsapp": sender}, time)  # type: ignore[arg-type]
    await outbox.flush()
    assert [m for m, _ in sender.sent] == [1, 2]
    waiting = chat.rows[3]
    assert (waiting.delivery_status, waiting.error_code, waiting.attempts) == (
        "pending",
        "rate_limited",
        0,  # a deferral is not a failed attempt
    )
    assert waiting.next_attempt_at <= time.now() + timedelta(seconds=1)  # not 2**n s
    await outbox.flush()  # not due yet: nothing happens
    assert len(sender.sent) == 2
    time.advance(1.0)
    await outbox.flush()
    assert [m for m, _ in sender.sent] == [1, 2, 3]
    assert chat.rows[3].delivery_status == "sent"


async def test_proactive_messages_to_one_parent_are_spaced_by_the_pair_interval():
    time = Time()
    parent = session(last_inbound_at=T0 - timedelta(hours=2))
    other = session(last_inbound_at=T0 - timedelta(hours=2), user="US.2")
    chat = MemoryChat([parent, other])
    for _ in range(3):  # a finished book: three proactive messages at once
        chat.add(parent.id, T0, time.now())
    chat.add(other.id, T0, time.now())
    sender = PacedSender(pacer(time, pair=6.0), time)
    outbox = Outbox(chat, {"whatsapp": sender}, time)  # type: ignore[arg-type]
    for _ in range(40):  # half-second sweeps for 20 s
        await outbox.flush()
        time.advance(0.5)
    times = [when for m, when in sender.sent if m != 4]
    assert len(times) == 3
    assert all(b - a >= 6.0 for a, b in itertools.pairwise(times))
    assert 4 in [m for m, _ in sender.sent]  # another parent is not held up
    assert max(t for m, t in sender.sent if m == 4) < times[1]
    assert {r.attempts for r in chat.rows.values()} == {1}


async def test_a_number_at_its_rate_leaves_the_other_parents_messages_untouched():
    time = Time()
    parents = [session(user=f"US.{i}") for i in range(5)]
    chat = MemoryChat(parents)
    for parent in parents:
        chat.add(parent.id, T0, time.now())
    sender = PacedSender(pacer(time, per_second=2), time)
    outbox = Outbox(chat, {"whatsapp": sender}, time)  # type: ignore[arg-type]
    await outbox.flush()
    assert chat.rows[3].error_code == "rate_limited"
    # Not leased, not deferred one by one: the burst's backlog costs nothing while paused.
    assert [(chat.rows[n].attempts, chat.rows[n].error_code) for n in (4, 5)] == [(0, None)] * 2
    time.advance(1.0)
    await outbox.flush()
    assert [m for m, _ in sender.sent] == [1, 2, 3, 4]
    time.advance(1.0)
    await outbox.flush()
    assert [m for m, _ in sender.sent] == [1, 2, 3, 4, 5]


async def test_under_the_number_rate_every_parent_gets_a_message_before_anyone_gets_two():
    time = Time()
    parents = [session(user=f"US.{i}") for i in range(3)]
    chat = MemoryChat(parents)
    for parent in parents:
        for _ in range(3):  # the answers of a few lines each
            chat.add(parent.id, T0, time.now())
    sender = PacedSender(pacer(time, per_second=3), time)
    outbox = Outbox(chat, {"whatsapp": sender}, time)  # type: ignore[arg-type]
    await outbox.flush()
    first = [chat.rows[m].session_id for m, _ in sender.sent]
    assert sorted(first) == sorted(p.id for p in parents)
    for _ in range(6):
        time.advance(1.0)
        await outbox.flush()
    assert len(sender.sent) == 9  # and all of them in the end, each parent's in order
    for parent in parents:
        mine = [m for m, _ in sender.sent if chat.rows[m].session_id == parent.id]
        assert mine == sorted(mine)


async def test_under_the_number_rate_a_first_answer_goes_before_a_parent_answered_before():
    time = Time()
    answered, waiting = session(user="US.1"), session(user="US.2")
    chat = MemoryChat([answered, waiting])
    sender = PacedSender(pacer(time, per_second=1), time)
    outbox = Outbox(chat, {"whatsapp": sender}, time)  # type: ignore[arg-type]
    chat.add(answered.id, T0, time.now())
    assert await outbox.flush(answered.id) == 1
    chat.add(answered.id, T0, time.now())
    assert await outbox.flush(answered.id) == 0  # the number's rate: deferred
    time.advance(1.0)
    later = chat.add(answered.id, T0, time.now())  # their next turn's answer
    first = chat.add(waiting.id, T0, time.now())
    assert await outbox.flush(answered.id) == 0  # left to the sweep's round: answered before
    assert await outbox.flush(waiting.id) == 1
    assert [m for m, _ in sender.sent] == [1, first]
    for _ in range(4):
        time.advance(1.0)
        await outbox.flush()
    assert [m for m, _ in sender.sent] == [1, first, 2, later]


async def test_under_the_number_rate_the_sweep_answers_the_parents_still_waiting_first():
    time = Time()
    parents = [session(user=f"US.{i}") for i in range(5)]
    chat = MemoryChat(parents)
    sender = PacedSender(pacer(time, per_second=2), time)
    outbox = Outbox(chat, {"whatsapp": sender}, time)  # type: ignore[arg-type]
    for early in parents[2:4]:  # answered at once after their turns
        chat.add(early.id, T0, time.now())
        assert await outbox.flush(early.id) == 1
    for parent in parents:
        chat.add(parent.id, T0, time.now())
    for _ in range(2):
        time.advance(1.0)
        await outbox.flush()
    # Not in the order of their ids: the last parent still waiting goes before two answered.
    swept = [chat.rows[m].session_id for m, _ in sender.sent[2:]]
    assert swept[:3] == [parents[0].id, parents[1].id, parents[4].id]
    for _ in range(2):
        time.advance(1.0)
        await outbox.flush()
    assert len(sender.sent) == 7  # and then the others' next


async def test_a_sweep_window_goes_round_while_the_rate_holds(monkeypatch):
    monkeypatch.setattr(outbox_module, "SWEEP_SESSIONS", 3)
    time = Time()
    parents = [session(user=f"US.{i}") for i in range(7)]
    chat = MemoryChat(parents)
    for parent in parents:
        for _ in range(4):
            chat.add(parent.id, T0, time.now())
    sender = PacedSender(pacer(time, per_second=2), time)
    outbox = Outbox(chat, {"whatsapp": sender}, time)  # type: ignore[arg-type]
    for _ in range(5):  # every sweep ends at the rate, yet no parent waits past its window
        await outbox.flush()
        time.advance(1.0)
    answered = {chat.rows[m].session_id for m, _ in sender.sent}
    assert answered == {p.id for p in parents}


async def test_a_session_of_a_channel_switched_off_does_not_hold_the_sweep_window(monkeypatch):
    monkeypatch.setattr(outbox_module, "SWEEP_SESSIONS", 2)
    time = Time()
    off = SimpleNamespace(id="s-0", channel="off", channel_user_id="x", last_inbound_at=T0)
    parents = [session(user=f"US.{i}") for i in range(1, 4)]
    chat = MemoryChat([off, *parents])
    for each in (off, *parents):
        for _ in range(3):
            chat.add(each.id, T0, time.now())
    sender = PacedSender(pacer(time, per_second=1), time)
    outbox = Outbox(chat, {"whatsapp": sender}, time)  # type: ignore[arg-type]
    for _ in range(3):
        await outbox.flush()
        time.advance(1.0)
    assert [chat.rows[m].session_id for m, _ in sender.sent] == [p.id for p in parents]
    assert chat.rows[1].delivery_status == "pending"  # kept for when its channel is back

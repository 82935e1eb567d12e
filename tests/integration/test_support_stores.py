"""The support console's stores, on both backends: they hand out plain frozen data (no ORM row,
no lazy attribute) and keep what the console shows."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.audit import AuditEntry
from domain.support import ConversationFilter, SignedIn, TranscriptRows
from domain.support_ports import ConversationQueries, SupportAccountStore, SupportNotes
from storage.db import create_engine, create_session_factory
from storage.support_accounts import SqlAlchemySupportAccounts
from storage.support_notes import SqlAlchemySupportNotes
from storage.support_queries import SqlAlchemyConversationQueries
from storage.tables import (
    BookRow,
    ChatEventRow,
    ChatMessageRow,
    ChatSessionRow,
    ChildProfileRow,
    JobRow,
    PaymentRow,
    ShippingAddressRow,
    User,
)

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
SESSION = "s" * 26
PARENT = "u" * 26


def assert_plain(value: Any) -> None:
    """Frozen dataclasses, containers and scalars all the way down: nothing of SQLAlchemy."""
    assert not hasattr(value, "_sa_instance_state"), value
    assert not type(value).__module__.startswith(("sqlalchemy", "storage")), type(value)
    if dataclasses.is_dataclass(value):
        params = type(value).__dataclass_params__  # type: ignore[attr-defined]
        assert params.frozen, type(value)
        for f in dataclasses.fields(value):
            assert_plain(getattr(value, f.name))
    elif isinstance(value, dict):
        for v in value.values():
            assert_plain(v)
    elif isinstance(value, list | tuple):
        for v in value:
            assert_plain(v)


def audit(action: str) -> AuditEntry:
    return AuditEntry(actor_type="support", actor_id="ann@example.org", action=action,
                      created_at=NOW, subject_type="chat_session", subject_id=SESSION)  # fmt: skip


@pytest.fixture
async def sessions(db_url):
    engine = create_engine(db_url)
    factory = create_session_factory(engine)
    async with factory() as s, s.begin():
        s.add(User(id=PARENT, wa_id="15550001111", display_name="Pat Parent",
                   created_at=NOW, updated_at=NOW))  # fmt: skip
        await s.flush()
        s.add_all([
            ChildProfileRow(id="c" * 26, user_id=PARENT, name="Mia", age=5, pronouns="she",
                            interests=["cats"], created_at=NOW, updated_at=NOW),
            ChatSessionRow(id=SESSION, user_id=PARENT, channel="whatsapp",
                           channel_user_id="15550001111", state="support", flow_version=3,
                           state_json={"slots": {"name": "Mia"}}, version=4, handed_off=True,
                           last_inbound_at=NOW - timedelta(hours=30),
                           last_activity_at=NOW, created_at=NOW - timedelta(days=1)),
            BookRow(id="b" * 26, user_id=PARENT, status="DRAFT", title="Mia and the moon",
                    preview_pdf_id=None, created_at=NOW, updated_at=NOW),
            PaymentRow(id="p" * 26, user_id=PARENT, provider="sandbox", amount_minor=49900,
                       currency="INR", status="paid", created_at=NOW, updated_at=NOW,
                       confirmed_at=NOW),
            ShippingAddressRow(id="a" * 26, user_id=PARENT, full_name="Pat Parent",
                               line1="1 Test Lane", city="Testville", postal_code="00000",
                               country_code="IN", created_at=NOW),
        ])  # fmt: skip
        await s.flush()
        s.add_all([
            ChatMessageRow(session_id=SESSION, direction="in", kind="text",
                           body={"text": "help"}, inbox_status="processed", created_at=NOW),
            ChatMessageRow(session_id=SESSION, direction="out", kind="text",
                           body={"text": "A person will answer"}, delivery_status="failed",
                           error_code="131047", created_at=NOW),
            ChatEventRow(session_id=SESSION, name="handoff_on", data={"reason": "asked"},
                         created_at=NOW),
            JobRow(id="j" * 26, kind="story", session_id=SESSION, payload={}, status="failed",
                   last_error="boom", created_at=NOW, updated_at=NOW),
        ])  # fmt: skip
    yield factory
    await engine.dispose()


async def test_conversation_queries_hand_out_plain_data(sessions):
    queries: ConversationQueries = SqlAlchemyConversationQueries(sessions)
    notes: SupportNotes = SqlAlchemySupportNotes(sessions)
    await notes.add(SESSION, "ann@example.org", "called the parent", NOW, audit("note_added"))

    rows = await queries.transcript(SESSION)
    assert isinstance(rows, TranscriptRows)
    assert_plain(rows)
    assert (rows.session.id, rows.session.version, rows.session.child_name_slot) == (
        SESSION, 4, "Mia"
    )  # fmt: skip
    assert [(m.direction, m.body["text"]) for m in rows.messages] == [
        ("in", "help"), ("out", "A person will answer")
    ]  # fmt: skip
    assert rows.messages[1].error_code == "131047"
    assert [e.name for e in rows.events] == ["handoff_on", "support_note"]
    assert rows.events[1].data == {"by": "ann@example.org", "text": "called the parent"}
    assert (rows.user, rows.child) == (
        type(rows.user)(display_name="Pat Parent", wa_id="15550001111"),
        type(rows.child)(
            name="Mia", age=5, pronouns="she", interests=["cats"], photo_asset_id=None, look=None
        ),
    )
    assert [(j.kind, j.last_error) for j in rows.jobs] == [("story", "boom")]
    assert [(p.amount_minor, p.status) for p in rows.payments] == [(49900, "paid")]
    assert [b.title for b in rows.books] == ["Mia and the moon"]
    assert (rows.books[0].regeneration_count, rows.books[0].regenerations_granted) == (0, 0)
    assert rows.versions == ()  # the draft has no generation round yet
    assert [a.city for a in rows.addresses] == ["Testville"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows.session.handed_off = False  # type: ignore[misc]

    session = await queries.session(SESSION)
    assert session == rows.session
    assert await queries.session("x" * 26) is None
    book = await queries.book_of(SESSION, "b" * 26)
    assert book == rows.books[0]
    assert await queries.book_of(SESSION, "z" * 26) is None
    listed, total = await queries.conversations(ConversationFilter(failed=True), 1, 10)
    assert_plain(listed)
    assert (total, [r.session_id for r in listed]) == (1, [SESSION])
    assert (listed[0].payment_status, listed[0].failed_deliveries) == ("paid", 1)
    assert listed[0].handoff["name"] == "handoff_on"
    assert await queries.count_waiting() == 1
    assert await queries.last_message_id(SESSION) == (rows.messages[-1].id, 4, True)


async def test_account_store_hands_out_plain_data(sessions):
    counter = iter(range(100))
    accounts: SupportAccountStore = SqlAlchemySupportAccounts(
        sessions, lambda: f"{next(counter):026d}"
    )
    user = await accounts.add("ann@example.org", "hash", "agent", NOW, audit("user_created"))
    assert_plain(user)
    found = await accounts.by_email("ANN@example.org")
    assert found == (user, "hash")
    assert await accounts.all() == [user]
    await accounts.start_login(user.id, "login-1", "csrf-1", NOW, audit("login"))
    signed = await accounts.signed_in("login-1")
    assert isinstance(signed, SignedIn)
    assert_plain(signed)
    assert (signed.user.email, signed.csrf_token) == ("ann@example.org", "csrf-1")
    entries, more = await accounts.audit_page(actor=None, action=None, subject=None,
                                              page=1, size=1)  # fmt: skip
    assert_plain(entries)
    assert more is True
    assert [(e.action, e.subject_id, e.data) for e in entries] == [("login", SESSION, {})]

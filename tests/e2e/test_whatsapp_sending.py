"""WhatsApp sends through the real app and a fake Graph API: send rates (time driven
explicitly) and the 24-hour customer-service window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from support.chat_driver import settle
from support.wa_driver import PHONE_NUMBER_ID, WaParent, drained, post_webhook, whatsapp_settings

from bot.app import keys
from bot.app.composition import create_app
from flows import messages as m
from storage.tables import ChatMessageRow, ChatSessionRow


@pytest.fixture
def build(aiohttp_client, make_settings, sqlite_db_url, graph):
    async def start(**overrides):
        values = {**whatsapp_settings(graph.base_url), **overrides}
        return await aiohttp_client(create_app(make_settings(database_url=sqlite_db_url, **values)))

    return start


class Monotonic:
    """The limiter's seconds, and the outbox's clock moved on by as much."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(seconds=self.seconds - 1000.0)


async def outbound(app):
    async with app[keys.SESSIONS]() as s:
        query = ChatMessageRow.__table__.select().where(ChatMessageRow.direction == "out")
        return list((await s.execute(query.order_by(ChatMessageRow.id))).mappings())


async def test_the_number_rate_defers_a_send_and_delivers_it_later(build, graph):
    client = await build(whatsapp_send_rate_per_second=1)
    app = client.server.app
    time = Monotonic()
    app[keys.RATE_LIMITER]._clock = time  # the limiter's time, driven by the test
    app[keys.RUNTIME].outbox._clock = time  # the number's pause ends with the limiter's second
    parent = WaParent(client, graph)
    first = await parent.say("hi")
    rows = await outbound(app)
    assert len(first) == 1 and len(rows) > 1  # one sent; the others wait for the next second
    waiting = [r for r in rows if r["delivery_status"] == "pending"]
    assert waiting and {(r["error_code"], r["attempts"]) for r in waiting} == {("rate_limited", 0)}
    for _ in waiting:
        time.seconds += 1.0
        async with app[keys.SESSIONS]() as s, s.begin():  # and the outbox's due time passes
            await s.execute(
                update(ChatMessageRow)
                .where(ChatMessageRow.delivery_status == "pending")
                .values(next_attempt_at=datetime.now(UTC) - timedelta(seconds=1))
            )
        await app[keys.RUNTIME].outbox.flush()
    await settle(app)
    assert len(await parent.new_messages()) == len(waiting)
    assert {r["delivery_status"] for r in await outbound(app)} == {"sent"}


BOOK_READY = m.Link("Your book is ready!", "Open the book", "https://example.com/book.pdf")
REMINDER = m.Text("Hi again! The story is waiting.", topic="reminder")
TEMPLATES = {
    "whatsapp_template_book_ready": "book_ready:en",
    "whatsapp_template_reminder": "gentle_reminder:en_US",
    "whatsapp_template_update": "account_update:en",
}


async def queue(app, message: m.Outbound, *, last_inbound_hours_ago: float) -> int:
    """A proactive message made now, in the parent's session; their last message was then."""
    now = datetime.now(UTC)
    async with app[keys.SESSIONS]() as s, s.begin():
        session = (await s.execute(select(ChatSessionRow))).scalar_one()
        session.last_inbound_at = now - timedelta(hours=last_inbound_hours_ago)
        row = ChatMessageRow(
            session_id=session.id,
            direction="out",
            kind=m.to_json(message)["kind"],
            body=m.to_json(message),
            delivery_status="pending",
            next_attempt_at=now,
            created_at=now,
        )
        s.add(row)
    await app[keys.RUNTIME].outbox.flush()
    async with app[keys.SESSIONS]() as s:
        return (await s.get(ChatMessageRow, row.id)).id


async def row(app, row_id: int) -> ChatMessageRow:
    async with app[keys.SESSIONS]() as s:
        return await s.get(ChatMessageRow, row_id)


async def test_inside_the_window_messages_are_sent_as_they_are(build, graph):
    client = await build(**TEMPLATES)
    parent = WaParent(client, graph)
    await parent.say("hi")
    row_id = await queue(client.server.app, BOOK_READY, last_inbound_hours_ago=23)
    [sent] = await parent.new_messages()
    assert sent["type"] == "interactive" and sent["interactive"]["type"] == "cta_url"
    assert (await row(client.server.app, row_id)).delivery_status == "sent"


@pytest.mark.parametrize(
    ("message", "template"),
    [
        (BOOK_READY, {"name": "book_ready", "language": {"code": "en"}}),
        (REMINDER, {"name": "gentle_reminder", "language": {"code": "en_US"}}),
        (m.Text("Your print has shipped."), {"name": "account_update", "language": {"code": "en"}}),
    ],
)
async def test_outside_the_window_the_template_is_sent(build, graph, message, template):
    client = await build(**TEMPLATES)
    parent = WaParent(client, graph)
    await parent.say("hi")
    row_id = await queue(client.server.app, message, last_inbound_hours_ago=25)
    [sent] = await parent.new_messages()
    assert sent["type"] == "template"
    assert {k: sent["template"][k] for k in ("name", "language")} == template
    stored = await row(client.server.app, row_id)
    assert stored.delivery_status == "sent"
    assert stored.channel_message_id == parent.mine()[-1][0]


async def test_error_131047_falls_back_to_the_template(build, graph):
    client = await build(**TEMPLATES)
    parent = WaParent(client, graph)
    await parent.say("hi")
    graph.closed_windows.add(parent.wa_id)  # Meta's view of the window differs from ours
    row_id = await queue(client.server.app, REMINDER, last_inbound_hours_ago=1)
    [sent] = await parent.new_messages()
    assert sent["type"] == "template" and sent["template"]["name"] == "gentle_reminder"
    assert (await row(client.server.app, row_id)).delivery_status == "sent"


async def test_without_a_template_nothing_is_sent_outside_the_window(build, graph):
    client = await build(  # no update template; proactive messages not spaced
        whatsapp_template_book_ready="book_ready:en", whatsapp_pair_interval_seconds=0.001
    )
    parent = WaParent(client, graph)
    await parent.say("hi")
    row_id = await queue(
        client.server.app, m.Text("Your print has shipped."), last_inbound_hours_ago=25
    )
    assert await parent.new_messages() == []
    stored = await row(client.server.app, row_id)
    assert (stored.delivery_status, stored.error_code) == ("failed", "outside_window")
    assert "no template" in stored.error_detail
    graph.closed_windows.add(parent.wa_id)
    refused = await queue(client.server.app, m.Text("Still there?"), last_inbound_hours_ago=2)
    assert await parent.new_messages() == []
    assert (await row(client.server.app, refused)).error_code == "outside_window"


def status_delivery(wamid: str, status: str, to: str, error: tuple[int, str] | None = None):
    item = {"id": wamid, "status": status, "timestamp": "1767225700", "recipient_id": to}
    if error is not None:
        item["errors"] = [{"code": error[0], "title": error[1]}]
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_NUMBER_ID},
        "statuses": [item],
    }
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "1", "changes": [{"field": "messages", "value": value}]}],
    }


async def test_a_131047_failed_status_sends_the_message_again_as_a_template(build, graph):
    """Meta accepted the send, then reported it failed for the 24-hour window."""
    client = await build(**TEMPLATES, whatsapp_pair_interval_seconds=0.001)
    app = client.server.app
    parent = WaParent(client, graph)
    await parent.say("hi")
    row_id = await queue(app, REMINDER, last_inbound_hours_ago=1)
    [sent] = await parent.new_messages()
    assert sent["type"] == "text"
    wamid = (await row(app, row_id)).channel_message_id
    failed = status_delivery(wamid, "failed", parent.wa_id, (131047, "Re-engagement message"))
    assert (await post_webhook(client, failed)).status == 200
    await drained(app)
    assert (await row(app, row_id)).delivery_status == "pending"
    await app[keys.RUNTIME].outbox.flush()
    [again] = await parent.new_messages()
    assert again["type"] == "template" and again["template"]["name"] == "gentle_reminder"
    stored = await row(app, row_id)
    assert stored.delivery_status == "sent" and stored.channel_message_id != wamid


async def test_a_status_that_overtakes_its_send_is_applied_once_the_send_is_recorded(build, graph):
    client = await build()
    app = client.server.app
    parent = WaParent(client, graph)
    await parent.say("hi")
    next_wamid = graph.next_wamid()  # the id Meta will give our next message
    for status in ("read", "delivered"):  # before Meta's answer to the send reached us
        delivery = status_delivery(next_wamid, status, parent.wa_id)
        assert (await post_webhook(client, delivery)).status == 200
    await drained(app)
    row_id = await queue(app, m.Text("Here is a thought."), last_inbound_hours_ago=1)
    stored = await row(app, row_id)
    assert (stored.channel_message_id, stored.delivery_status) == (next_wamid, "read")


async def test_what_a_template_stood_in_for_is_sent_when_the_parent_writes(build, graph):
    client = await build(**TEMPLATES, whatsapp_pair_interval_seconds=0.001)
    app = client.server.app
    parent = WaParent(client, graph)
    await parent.say("hi")
    await queue(app, REMINDER, last_inbound_hours_ago=30)  # says all it has to say
    await queue(app, BOOK_READY, last_inbound_hours_ago=30)
    sent = await parent.new_messages()
    assert [p["template"]["name"] for p in sent] == ["gentle_reminder", "book_ready"]
    held = [r for r in await outbound(app) if r["delivery_status"] == "held"]
    assert [r["kind"] for r in held] == ["link"]
    reply = await parent.say("yes please")
    # The book first (it was waiting), then the answer to what the parent wrote.
    assert reply[0]["type"] == "interactive" and reply[0]["interactive"]["type"] == "cta_url"
    assert len(reply) > 1
    assert "held" not in {r["delivery_status"] for r in await outbound(app)}

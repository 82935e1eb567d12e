"""The outbox keeps going when a channel's sender fails in a way nobody planned for."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import keys
from bot.app.composition import create_app
from flows.messages import InboundText
from storage.tables import ChatMessageRow


class BrokenSender:
    async def send(self, session, message_id, body, created_at=None, *, last_error=None):
        raise KeyError("contacts")  # e.g. a provider SDK surprised by a response


async def test_an_unexpected_sender_error_is_retried_later(
    aiohttp_client, make_settings, sqlite_db_url
):
    client = await aiohttp_client(create_app(make_settings(database_url=sqlite_db_url)))
    app = client.server.app
    runtime = app[keys.RUNTIME]
    opened = await runtime.webchat.open_session(None, None)
    runtime.outbox.register("webchat", BrokenSender())
    await runtime.turns.post(opened.session_id, InboundText("hi"))  # must not raise
    async with app[keys.SESSIONS]() as s:
        out = (
            (
                await s.execute(
                    select(ChatMessageRow)
                    .where(ChatMessageRow.direction == "out")
                    .order_by(ChatMessageRow.id)
                )
            )
            .scalars()
            .all()
        )
    assert out[0].delivery_status == "pending" and out[0].error_code == "unexpected"
    assert out[0].attempts == 1 and out[0].next_attempt_at is not None
    assert all(m.delivery_status == "pending" for m in out)  # later ones wait, in order

"""At shutdown the WhatsApp sender lets a send under way finish before its client closes, and
hands any later one back to the outbox (due again soon, not an attempt) instead of failing it
on a closed client."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from bot.channels.whatsapp.sender import WhatsAppSender
from bot.conversation.outbox import DeliveryError
from domain.conversation import ChatSession
from flows.messages import Text, to_json


class _Client:
    def __init__(self) -> None:
        self.go_on = asyncio.Event()
        self.sent: list[str] = []
        self.closed = False

    async def send_message(self, to: str, text: str, **_: object) -> SimpleNamespace:
        await self.go_on.wait()
        assert not self.closed, "sent on a closed client"
        self.sent.append(text)
        return SimpleNamespace(id=f"wamid.{len(self.sent)}")


class _Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def _sender(client: _Client) -> WhatsAppSender:
    return WhatsAppSender(
        client,  # type: ignore[arg-type]
        store=None,  # type: ignore[arg-type]
        uow_factory=None,  # type: ignore[arg-type]
        assets=None,  # type: ignore[arg-type]
        links=None,
        send_links=False,
        clock=_Clock(),
    )


SESSION = ChatSession("s1", "u1", "whatsapp", "US.1", datetime.now(UTC), address="15550001111")


async def test_a_send_under_way_finishes_and_a_later_one_is_handed_back() -> None:
    client = _Client()
    sender = _sender(client)
    under_way = asyncio.create_task(sender.send(SESSION, 1, to_json(Text("Hello Aditi"))))
    await asyncio.sleep(0.01)
    closing = asyncio.create_task(sender.close(wait_seconds=5))
    await asyncio.sleep(0.01)
    assert not closing.done()  # waits for the send under way
    with pytest.raises(DeliveryError) as later:
        await sender.send(SESSION, 2, to_json(Text("Next")))
    assert later.value.retryable and later.value.retry_after is not None
    assert later.value.channel_wide  # nothing else is tried on the closing channel
    client.go_on.set()
    assert await under_way == "wamid.1"
    await closing
    client.closed = True
    assert client.sent == ["Hello Aditi"]


async def test_closing_an_idle_sender_does_not_wait() -> None:
    sender = _sender(_Client())
    await asyncio.wait_for(sender.close(wait_seconds=30), 1)

"""Drive a conversation the way the widget does: sessions API, WebSocket frames, history."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, select

from bot.app import keys
from storage.tables import ChatMessageRow, ChatSessionRow, JobRow, WhatsAppDeliveryRow


async def settle(app: Any, timeout: float = 120.0, *, outbox: bool = False) -> None:
    """Wait until every turn, job and webhook of the app has finished (webhook items kept at
    the ack drained too). With `outbox`, also until nothing waits to be sent (turns may run
    in another process, e.g. a worker)."""
    runtime = app[keys.RUNTIME]
    sessions = app[keys.SESSIONS]
    async with asyncio.timeout(timeout):
        while True:
            async with sessions() as s:
                # Items kept at the ack first: once none is left, what they became is visible.
                undrained = await s.scalar(
                    select(func.count())
                    .select_from(WhatsAppDeliveryRow)
                    .where(WhatsAppDeliveryRow.processed_at.is_(None))
                )
                inbound = await s.scalar(
                    select(func.count())
                    .select_from(ChatMessageRow)
                    .where(
                        ChatMessageRow.direction == "in",
                        ChatMessageRow.inbox_status.in_(("received", "fetching")),
                    )
                )
                jobs = await s.scalar(
                    select(func.count())
                    .select_from(JobRow)
                    .where(JobRow.status.in_(("queued", "running")))
                )
                unsent = (
                    await s.scalar(
                        select(func.count())
                        .select_from(ChatMessageRow)
                        .where(
                            ChatMessageRow.direction == "out",
                            ChatMessageRow.delivery_status == "pending",
                        )
                    )
                    if outbox
                    else 0
                )
            active = runtime.turns.active
            # Waited for after the counts: a session task the drainer queued while they were
            # read (its turn saved, its answer not yet sent) finishes before we return.
            if hasattr(runtime.queue.broker, "wait_all"):  # the in-process broker
                await runtime.queue.broker.wait_all()
            await runtime.background.wait_idle()
            if not (inbound or undrained or jobs or unsent or active):
                return
            await asyncio.sleep(0.02)


class Parent:
    """A parent in the web chat. `say`/`tap` return the bot's new messages."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.app = client.server.app
        self.token: str | None = None
        self.session_id: str | None = None
        self.ws: Any = None
        self.seen = 0
        self.messages: list[dict[str, Any]] = []  # every message of the conversation, in order

    async def open(self, token: str | None = None) -> Parent:
        body = {"token": token} if token else {}
        response = await self.client.post("/webchat/sessions", json=body)
        assert response.status in (200, 201), await response.text()
        data = await response.json()
        self.token, self.session_id = data["token"], data["session_id"]
        self.ws = await self.client.ws_connect(f"/webchat/ws?token={self.token}")
        return self

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def _new_messages(self) -> list[dict[str, Any]]:
        await settle(self.app)
        response = await self.client.get(f"/webchat/history?token={self.token}&after={self.seen}")
        assert response.status == 200
        items = (await response.json())["messages"]
        if items:
            self.seen = items[-1]["seq"]
        self.messages += items
        return [i["message"] for i in items if i["direction"] == "out"]

    async def say(self, text: str) -> list[dict[str, Any]]:
        before = await self._inbound_count()
        await self.ws.send_json({"type": "text", "text": text})
        return await self._after_send(before)

    async def _inbound_count(self) -> int:
        async with self.app[keys.SESSIONS]() as s:
            return await s.scalar(
                select(func.count())
                .select_from(ChatMessageRow)
                .where(
                    ChatMessageRow.session_id == self.session_id,
                    ChatMessageRow.direction == "in",
                    ChatMessageRow.kind != "event",
                )
            )

    async def _after_send(self, before: int) -> list[dict[str, Any]]:
        async with asyncio.timeout(30):  # until the server has recorded what we sent
            while await self._inbound_count() == before:
                await asyncio.sleep(0.01)
        return await self._new_messages()

    def find_option(self, title: str) -> tuple[str, int]:
        """(id, seq) of the newest button or list row with this title."""
        for item in reversed(self.messages):
            message = item["message"]
            for option in message.get("buttons", []) + message.get("rows", []):
                if option["title"] == title:
                    return option["id"], item["seq"]
        raise AssertionError(f"no option titled {title!r} in the conversation")

    async def tap(self, title: str) -> list[dict[str, Any]]:
        option_id, seq = self.find_option(title)
        return await self.tap_id(option_id, seq)

    async def tap_id(self, option_id: str, seq: int) -> list[dict[str, Any]]:
        before = await self._inbound_count()
        await self.ws.send_json({"type": "choice", "id": option_id, "seq": seq})
        return await self._after_send(before)

    async def state(self) -> str:
        async with self.app[keys.SESSIONS]() as s:
            row = await s.get(ChatSessionRow, self.session_id)
            return row.state


def texts(messages: list[dict[str, Any]]) -> str:
    """All the words of some bot messages, for assertions."""
    parts = []
    for m in messages:
        parts += [m.get("text", ""), m.get("caption", ""), m.get("title", "")]
        parts += [o["title"] for o in m.get("buttons", []) + m.get("rows", [])]
    return "\n".join(p for p in parts if p)


async def make_profile(parent: Parent, name: str = "Zoya") -> None:
    reply = await parent.say("hi")
    assert "your child is the hero" in texts(reply)
    assert await parent.state() == "consent"
    await parent.tap("I agree")
    reply = await parent.say(name)
    assert f"How old is {name}" in texts(reply)
    reply = await parent.say("six years")
    assert await parent.state() == "ask_pronouns"
    await parent.tap("She")
    reply = await parent.say("space, cats and baking")
    assert await parent.state() == "choose_look"
    # The looks come as a picture (drawn by the illustrator), then a list naming each one.
    kinds = [m["kind"] for m in reply]
    assert kinds.index("image") < kinds.index("list"), kinds
    rows = next(m for m in reply if m["kind"] == "list")["rows"]
    assert [r["title"] for r in rows][:2] == ["Look 1", "Look 2"]
    assert rows[-1]["title"] == "Change something"
    reply = await parent.tap("Look 4")  # brown skin, black hair
    if await parent.state() == "ask_photo_consent":  # an illustrator that paints from photos
        reply = await parent.tap("Skip")
        assert "Photo: no" in texts(reply)
    else:  # the offline illustrator draws from no photo, so none is asked for
        assert "Photo:" not in texts(reply)
    assert "Loves: space, cats, baking" in texts(reply)
    assert "Looks: brown skin" in texts(reply)
    assert await parent.state() == "profile_summary"


async def to_preview(parent: Parent) -> list[dict]:
    reply = await parent.tap("Looks good")
    assert await parent.state() == "choose_series"
    series_list = next(m for m in reply if m["kind"] == "list")
    series = [r for r in series_list["rows"] if r["title"] not in ("5 new ideas", "Surprise me")]
    assert len(series) == 5
    reply = await parent.tap(series[1]["title"])
    assert await parent.state() == "choose_storyline"
    lines = next(m for m in reply if m["kind"] == "list")["rows"]
    assert len([r for r in lines if r["title"] != "Back to series"]) == 5
    await parent.tap(lines[0]["title"])
    assert await parent.state() == "ask_dedication"
    reply = await parent.say("For Zoya, who loves the stars. Love, Mum")
    assert await parent.state() == "preview"
    return reply


async def pay(client: Any, parent: Parent, answer: str = "pay") -> str:
    """Open the newest payment link's checkout page and press Pay (or Decline)."""
    link = next(i["message"] for i in reversed(parent.messages) if i["message"]["kind"] == "link")
    checkout = "/" + link["url"].split("/", 3)[3]
    page = await (await client.get(checkout)).text()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    response = await client.post(f"{checkout}/{answer}", data={"form_token": token})
    assert response.status == 200
    await settle(client.server.app)
    return checkout

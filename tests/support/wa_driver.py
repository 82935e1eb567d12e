"""Drive a WhatsApp conversation through signed webhooks; read the bot's answers from the
fake Graph server."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.app import keys
from storage.tables import WhatsAppDeliveryRow
from support.chat_driver import settle
from support.fake_graph import FakeGraph

DATA = Path(__file__).parent.parent / "data" / "whatsapp"
APP_SECRET = "test-app-secret"
TOKEN = "test-access-token"
VERIFY_TOKEN = "test-verify-token"
PHONE_NUMBER_ID = "1122334455667"
USER_ID = "US.1000000000000000001"
WA_ID = "15550002222"


def whatsapp_settings(graph_url: str) -> dict[str, Any]:
    return {
        "whatsapp_access_token": TOKEN,
        "whatsapp_app_secret": APP_SECRET,
        "whatsapp_phone_number_id": PHONE_NUMBER_ID,
        "whatsapp_webhook_verify_token": VERIFY_TOKEN,
        "whatsapp_graph_url": graph_url,
        "book_image_px": 320,
    }


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text())


def raw(name: str) -> bytes:
    return (DATA / name).read_bytes()


def sign(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def post_webhook(
    client: Any, body: bytes | dict[str, Any], signature: str | None = ""
) -> Any:
    """POST a delivery; signature "" means: sign it correctly, None: no header."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["X-Hub-Signature-256"] = signature or sign(data)
    return await client.post("/webhooks/whatsapp", data=data, headers=headers)


async def drained(app: Any, timeout: float = 30.0) -> None:
    """Wait until the drainer has handled every item kept at the ack (not their turns)."""
    async with asyncio.timeout(timeout):
        while True:
            async with app[keys.SESSIONS]() as s:
                left = await s.scalar(
                    select(func.count())
                    .select_from(WhatsAppDeliveryRow)
                    .where(WhatsAppDeliveryRow.processed_at.is_(None))
                )
            if not left:
                return
            await asyncio.sleep(0.02)


def message_payload(message: dict[str, Any], user_id: str | None, wa_id: str) -> dict[str, Any]:
    """A one-message delivery in the recorded envelope, from this parent."""
    payload = load("text.json")
    value = payload["entry"][0]["changes"][0]["value"]
    contact = value["contacts"][0]
    contact["wa_id"] = wa_id
    if user_id is None:
        contact.pop("user_id", None)
    else:
        contact["user_id"] = user_id
    value["messages"] = [{"from": wa_id, **message}]
    return payload


def words(payload: dict[str, Any]) -> str:
    """All the words of one sent message, for assertions."""
    kind = payload["type"]
    item = payload[kind]
    parts = [item.get("body", "")] if kind == "text" else [item.get("caption", "")]
    if kind == "interactive":
        parts = [item.get("body", {}).get("text", "")]
        action = item.get("action", {})
        parts += [b["reply"]["title"] for b in action.get("buttons", [])]
        parts += [r["title"] for s in action.get("sections", []) for r in s["rows"]]
        parts.append(action.get("parameters", {}).get("display_text", ""))
    return "\n".join(p for p in parts if p)


def options(payload: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(kind, id, title) of every button or list row of one sent message."""
    if payload["type"] != "interactive":
        return []
    action = payload["interactive"].get("action", {})
    found = [
        ("button_reply", b["reply"]["id"], b["reply"]["title"]) for b in action.get("buttons", [])
    ]
    found += [
        ("list_reply", r["id"], r["title"]) for s in action.get("sections", []) for r in s["rows"]
    ]
    return found


class WaParent:
    """A parent on WhatsApp. `say`/`tap`/`photo` return the bot's new messages (payloads)."""

    _ids = itertools.count(1)

    def __init__(
        self, client: Any, graph: FakeGraph, user_id: str | None = USER_ID, wa_id: str = WA_ID
    ) -> None:
        self.client = client
        self.app = client.server.app
        self.graph = graph
        self.user_id = user_id
        self.wa_id = wa_id
        self.seen = 0
        self.deliveries: list[dict[str, Any]] = []  # every delivery posted, in order
        self.turns_elsewhere = False  # a worker process runs the turns: wait for its sends too

    def mine(self) -> list[tuple[str, dict[str, Any]]]:
        return [(w, p) for w, p in self.graph.sent if p.get("to") in (self.wa_id, self.user_id)]

    async def deliver(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        payload = message_payload(message, self.user_id, self.wa_id)
        self.deliveries.append(payload)
        response = await post_webhook(self.client, payload)
        assert response.status == 200, await response.text()
        return await self.new_messages()

    async def new_messages(self) -> list[dict[str, Any]]:
        await settle(self.app, outbox=self.turns_elsewhere)
        mine = self.mine()
        new, self.seen = mine[self.seen :], len(mine)
        return [p for _, p in new]

    def _message(
        self, kind: str, body: dict[str, Any], context: str | None = None
    ) -> dict[str, Any]:
        message = {
            "id": f"wamid.IN.P{next(self._ids):05d}",
            "timestamp": "1767225600",
            "type": kind,
            kind: body,
        }
        if context:
            message["context"] = {"from": "15550001111", "id": context}
        return message

    async def say(self, text: str) -> list[dict[str, Any]]:
        return await self.deliver(self._message("text", {"body": text}))

    def find_option(self, title: str) -> tuple[str, str, str]:
        """(reply kind, id, wamid of our message) of the newest option with this title."""
        for wamid, payload in reversed(self.mine()):
            for kind, option_id, option_title in options(payload):
                if option_title == title:
                    return kind, option_id, wamid
        raise AssertionError(f"no option titled {title!r} was sent")

    async def tap(self, title: str) -> list[dict[str, Any]]:
        kind, option_id, wamid = self.find_option(title)
        reply = {"type": kind, kind: {"id": option_id, "title": title}}
        return await self.deliver(self._message("interactive", reply, context=wamid))

    async def photo(self, data: bytes, mime: str = "image/jpeg") -> list[dict[str, Any]]:
        media_id = str(900000000 + next(self._ids))
        self.graph.media[media_id] = (data, mime)
        image = {"id": media_id, "mime_type": mime, "sha256": "ZmFrZQ=="}
        return await self.deliver(self._message("image", image))

    async def replay(self, index: int) -> list[dict[str, Any]]:
        """Meta delivers an earlier delivery again: nothing new may happen."""
        response = await post_webhook(self.client, self.deliveries[index])
        assert response.status == 200, await response.text()
        return await self.new_messages()


async def to_series(parent: Any) -> list[dict[str, Any]]:
    """From hello to the story series: the profile (Zoya, six, she, three interests), the first
    ready-made look, "Looks good". Returns the bot's answer (the series list)."""
    await parent.say("hi")
    await parent.tap("I agree")
    await parent.say("Zoya")
    await parent.say("six years")
    await parent.tap("She")
    await parent.say("space, cats and baking")
    await parent.tap("Look 1")  # the look builder follows the profile questions
    return await parent.tap("Looks good")  # type: ignore[no-any-return]

"""The runtime side of the web chat: sessions and tokens, posting turns, history, photos."""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import Any

from adapters.photos import PhotoCleaner
from bot.channels.webchat.identity import verify_identity_token
from bot.conversation.rendering import MessageRenderer, is_progress, replaced_progress
from bot.conversation.turns import TurnRunner
from domain.conversation import ChatSessions, HistoryItem
from domain.errors import ValidationFailed
from domain.ports import IdFactory
from domain.services.assets import AssetStore
from flows.journey import PHOTO_STEPS
from flows.messages import PHOTO_NOT_ASKED, Inbound, InboundImage, InboundUnsupported
from web_chat.backend import OpenedSession
from web_chat.hub import WebChatHub

logger = logging.getLogger(__name__)
CHANNEL = "webchat"


class RuntimeWebChatBackend:
    def __init__(
        self,
        chat: ChatSessions,
        turns: TurnRunner,
        hub: WebChatHub,
        renderer: MessageRenderer,
        assets: AssetStore,
        ids: IdFactory,
        token_key: bytes,
        identity_secret: bytes | None,
        photos: PhotoCleaner,
        flood_limit: int = 10,
        flood_window_seconds: float = 10.0,
    ) -> None:
        self._photos = photos
        self.flood_limit = flood_limit
        self.flood_window_seconds = flood_window_seconds
        self._chat = chat
        self._turns = turns
        self._hub = hub
        self._renderer = renderer
        self._assets = assets
        self._ids = ids
        self._key = token_key
        self._identity_secret = identity_secret

    def _token(self, session_id: str) -> str:
        digest = hmac.new(self._key, f"webchat:{session_id}".encode(), hashlib.sha256)
        return f"{session_id}.{digest.hexdigest()[:40]}"

    def session_of(self, token: str) -> str:
        session_id, _, _ = token.partition(".")
        if not session_id or not hmac.compare_digest(token, self._token(session_id)):
            raise PermissionError("invalid web chat token")
        return session_id

    async def open_session(self, token: str | None, identity_token: str | None) -> OpenedSession:
        if identity_token is not None:
            if self._identity_secret is None:
                raise PermissionError("identity tokens are not accepted here")
            claims = verify_identity_token(identity_token, self._identity_secret)
            # The SaaS says where the parent is: outside India they pay in USD (PayPal).
            country = claims.get("country")
            currency = "INR" if country in (None, "IN") else "USD"
            identity = {"saas_user_id": claims["sub"], "currency": currency}
            ref = await self._chat.open_session(CHANNEL, f"saas:{claims['sub']}", identity=identity)
            return OpenedSession(ref.id, self._token(ref.id), created=False)
        if token is not None:
            try:
                session_id = self.session_of(token)
            except PermissionError:
                raise LookupError("unknown session") from None
            if await self._chat.session(session_id) is None:
                raise LookupError("unknown session")
            return OpenedSession(session_id, token, created=False)
        visitor = self._ids()
        ref = await self._chat.open_session(CHANNEL, visitor, identity={"web_visitor_id": visitor})
        return OpenedSession(ref.id, self._token(ref.id), created=True)

    async def post(self, session_id: str, inbound: Inbound) -> None:
        await self._hub.publish(session_id, {"type": "typing", "on": True})
        try:
            await self._turns.record(session_id, inbound)
            try:
                await self._turns.process(session_id)
            except Exception as exc:  # kept: the stranded sweep answers it once Redis is back
                logger.warning("turn deferred", extra={"error": type(exc).__name__})
        finally:
            await self._hub.publish(session_id, {"type": "typing", "on": False})

    async def history(self, session_id: str, after: int) -> list[dict[str, Any]]:
        """Progress ticks are folded: only the newest of a run is listed, naming the one it
        replaces (which the widget may show from before)."""
        rows = await self._chat.history(session_id, after)
        titles = self._choice_titles(rows)
        tapped = {r.body.get("id") for r in rows if r.direction == "in" and r.kind == "choice"}
        if after and not tapped <= titles.keys():  # a tap on an option offered before `after`
            titles = {**self._choice_titles(await self._chat.history(session_id, 0)), **titles}
        previous: HistoryItem | None = None
        if rows and is_progress(rows[0].body):
            previous = await self._chat.last_outbound_before(session_id, rows[0].id)
        out: list[dict[str, Any]] = []
        for row in rows:
            if row.direction != "out":
                message = await self._renderer.render_inbound(row.kind, row.body, titles)
                out.append({"seq": row.id, "direction": "in", "message": message})
                continue
            item = {
                "seq": row.id,
                "direction": "out",
                "message": await self._renderer.render(row.body),
            }
            replaces = replaced_progress(previous, row.body)
            if replaces is not None:
                out = [o for o in out if o["seq"] != replaces]
                item["replaces"] = replaces
            out.append(item)
            previous = row
        return out

    @staticmethod
    def _choice_titles(rows: list[HistoryItem]) -> dict[str, str]:
        titles: dict[str, str] = {}
        for row in rows:
            for option in row.body.get("buttons", []) + row.body.get("rows", []):
                titles[option["id"]] = option.get("whole_title") or option["title"]
        return titles

    async def store_photo(self, session_id: str, data: bytes, content_type: str) -> Inbound:
        session = await self._chat.session(session_id)
        assert session is not None
        try:
            jpeg, width, height = await self._photos.clean(data)
        except ValidationFailed as exc:
            raise ValueError(str(exc)) from None
        if session.state not in PHOTO_STEPS:  # consent first: nothing kept before it
            return InboundUnsupported(PHOTO_NOT_ASKED)
        asset = await self._assets.keep(
            jpeg,
            kind="photo",
            mime="image/jpeg",
            owner_user_id=session.user_id,
            width=width,
            height=height,
        )
        return InboundImage(asset.id, "image/jpeg", len(jpeg))

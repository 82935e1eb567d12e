"""The runtime side of the web chat: sessions and tokens, posting turns, history, photos."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from adapters.photos import PhotoCleaner
from bot.channels.webchat.identity import verify_identity_token
from bot.channels.webchat.tokens import SessionTokenKeeper
from bot.conversation.rendering import MessageRenderer, is_progress, replaced_progress
from bot.conversation.turns import TurnRunner
from domain.audit import AuditEntry
from domain.conversation import ChatSessions, HistoryItem
from domain.errors import ValidationFailed
from domain.ports import IdFactory
from domain.services.assets import AssetStore
from flows.journey import PHOTO_STEPS
from flows.messages import PHOTO_NOT_ASKED, Inbound, InboundImage, InboundUnsupported
from web_chat.backend import OpenedSession
from web_chat.hub import SESSION_ENDED, WebChatHub

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
        tokens: SessionTokenKeeper,
        identity_secret: bytes | None,
        photos: PhotoCleaner,
        publish: Callable[[str, dict[str, Any]], Awaitable[None]],
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
        self._tokens = tokens
        self._publish = publish  # to every process's sockets (the Redis relay when there is one)
        self._identity_secret = identity_secret

    async def session_of(self, token: str) -> str:
        return await self._tokens.session_of(token)

    async def end_access(self, session_id: str, audit: AuditEntry) -> bool:
        """Revoke the session's tokens (audited) and close its open chats; the widget then
        starts a fresh chat. False when the session does not exist."""
        if not await self._tokens.revoke(session_id, audit):
            return False
        await self._publish(session_id, {"type": SESSION_ENDED})
        return True

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
            return OpenedSession(ref.id, await self._tokens.issue(ref.id), created=False)
        if token is not None:
            try:
                session_id = await self._tokens.session_of(token)
            except PermissionError:  # unknown, revoked or expired: the widget starts afresh
                raise LookupError("unknown session") from None
            # A fresh token: the idle time counts from the parent's last visit.
            return OpenedSession(session_id, await self._tokens.issue(session_id), created=False)
        visitor = self._ids()
        ref = await self._chat.open_session(CHANNEL, visitor, identity={"web_visitor_id": visitor})
        return OpenedSession(ref.id, await self._tokens.issue(ref.id), created=True)

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

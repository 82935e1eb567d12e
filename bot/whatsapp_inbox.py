"""WhatsApp inbound: record every item of a signed delivery before the ack, process after it."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from pywa_async.client import WhatsApp

from adapters.photos import PHOTO_MAX_BYTES, clean_photo
from adapters.whatsapp.graph import MediaRejected, download_photo, failure_of
from adapters.whatsapp.payload import Delivery, WaMessage, WaStatus
from bot.background import BackgroundTasks
from bot.inbound_codec import encode
from bot.turns import TurnRunner
from domain.errors import Conflict, ValidationFailed
from domain.ports import Clock, IdempotencyStore
from domain.services.assets import AssetStore
from flows.messages import Inbound, InboundChoice, InboundImage, InboundText, InboundUnsupported
from storage.chat import ChatStore, SessionRef
from storage.whatsapp import WhatsAppStore

logger = logging.getLogger(__name__)
CHANNEL = "whatsapp"
# The claim absorbs concurrent duplicates (Meta sends to every subscribed app, and retries);
# the unique channel_message_id is the durable dedupe. A short claim means a process that dies
# between claiming and recording does not lose the message: Meta's retry records it.
CLAIM_SECONDS = 60.0
FETCH_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class Recorded:
    session: SessionRef
    message: WaMessage
    row_id: int


def inbound_of(message: WaMessage) -> Inbound:
    if message.kind == "text":
        return InboundText(message.text)
    if message.kind == "choice":
        return InboundChoice(message.choice_id)
    return InboundUnsupported(message.what or "message")


class WhatsAppInbox:
    def __init__(
        self,
        *,
        chat: ChatStore,
        store: WhatsAppStore,
        turns: TurnRunner,
        assets: AssetStore,
        client: WhatsApp,
        idempotency: IdempotencyStore,
        background: BackgroundTasks,
        clock: Clock,
        phone_number_id: str | None,
    ) -> None:
        self._chat = chat
        self._store = store
        self._turns = turns
        self._assets = assets
        self._client = client
        self._idempotency = idempotency
        self._background = background
        self._clock = clock
        self._phone_number_id = phone_number_id

    def _ours(self, phone_number_id: str | None) -> bool:
        return phone_number_id is None or self._phone_number_id in (None, phone_number_id)

    async def accept(self, delivery: Delivery) -> int:
        """Before the ack: statuses applied, messages recorded (duplicates dropped).
        Returns how many new messages were recorded."""
        for status in delivery.statuses:
            if self._ours(status.phone_number_id):
                await self._status(status)
        recorded: list[Recorded] = []
        for message in delivery.messages:
            if message.kind == "ignored" or not self._ours(message.phone_number_id):
                continue
            key = f"wa:msg:{message.id}"
            if not await self._idempotency.claim(key, CLAIM_SECONDS):
                continue
            try:
                item = await self._record(message)
            except BaseException:
                await self._idempotency.release(key)  # let Meta's retry record it
                raise
            if item is not None:
                recorded.append(item)
        by_session: dict[str, list[Recorded]] = {}
        for item in recorded:
            by_session.setdefault(item.session.id, []).append(item)
        for session_id, items in by_session.items():
            last = items[-1].message.id
            self._background.spawn(self._typing(last), name=f"whatsapp:typing:{last}")
            self._background.spawn(self._process(session_id, items), name=f"whatsapp:{last}")
        return len(recorded)

    async def _status(self, status: WaStatus) -> None:
        changed = await self._store.apply_status(
            status.message_id, status.status, status.error_code, status.error_title
        )
        if status.status == "failed":
            logger.warning(
                "whatsapp message failed",
                extra={"wamid": status.message_id, "code": status.error_code, "known": changed},
            )

    async def _open(self, message: WaMessage) -> SessionRef:
        if message.user_id and message.wa_id:
            await self._store.rekey_session(CHANNEL, message.wa_id, message.user_id)
        pairs = (("wa_user_id", message.user_id), ("wa_id", message.wa_id))
        identity = {k: v for k, v in pairs if v}
        try:
            ref = await self._chat.open_session(CHANNEL, message.sender, identity=identity)
        except Conflict:  # the wa_id is held by another parent row: key on the sender alone
            identity.pop("wa_id", None)
            ref = await self._chat.open_session(CHANNEL, message.sender, identity=identity)
        await self._store.remember_identity(ref.user_id, message.user_id, message.wa_id)
        return ref

    async def _record(self, message: WaMessage) -> Recorded | None:
        session = await self._open(message)
        context = {"context_id": message.context_id} if message.context_id else {}
        if message.kind == "image":
            body = {"media_id": message.media_id, "mime": message.mime, **context}
            now = self._clock.now()
            row_id = await self._store.record_fetching(session.id, message.id, body, now)
        else:
            kind, body = encode(inbound_of(message))
            row_id = await self._chat.record_inbound(
                session.id, kind, {**body, **context}, channel_message_id=message.id
            )
        return None if row_id is None else Recorded(session, message, row_id)

    async def _process(self, session_id: str, items: list[Recorded]) -> None:
        for item in items:
            if item.message.kind == "image":
                inbound = await self._fetch_photo(item)
                kind, body = encode(inbound)
                if item.message.context_id:
                    body["context_id"] = item.message.context_id
                await self._store.fetched(item.row_id, kind, body)
        await self._turns.process(session_id)

    async def _fetch_photo(self, item: Recorded) -> Inbound:
        """Download at once (Meta's media URL lives 5 minutes), check, clean, keep."""
        assert item.message.media_id is not None
        for attempt in range(FETCH_ATTEMPTS):
            try:
                data, _ = await download_photo(self._client, item.message.media_id, PHOTO_MAX_BYTES)
                jpeg, width, height = clean_photo(data)
            except (MediaRejected, ValidationFailed) as exc:
                logger.info("whatsapp photo refused", extra={"reason": str(exc)[:80]})
                return InboundUnsupported("photo")
            except Exception as exc:
                failure = failure_of(exc)
                if failure is None or not failure[0] or attempt + 1 == FETCH_ATTEMPTS:
                    logger.warning("whatsapp photo download failed", exc_info=True)
                    return InboundUnsupported("photo")
                await asyncio.sleep(0.5 * 2**attempt)
                continue
            asset = await self._assets.keep(
                jpeg,
                kind="photo",
                mime="image/jpeg",
                owner_user_id=item.session.user_id,
                width=width,
                height=height,
            )
            return InboundImage(asset.id, "image/jpeg", len(jpeg))
        return InboundUnsupported("photo")

    async def _typing(self, message_id: str) -> None:
        """Best effort: mark read and show the typing indicator (pywa 4.5: indicate_typing)."""
        try:
            await self._client.indicate_typing(message_id)
        except Exception as exc:
            logger.debug("typing indicator failed", extra={"error": type(exc).__name__})

"""WhatsApp inbound on the worker side: each item kept at the ack is applied (a status) or
recorded (a message, with its parent and session), then prepared for the turns."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import NamedTuple

from pywa_async.client import WhatsApp

from adapters.photos import PHOTO_MAX_BYTES, PhotoCleaner
from adapters.whatsapp.graph import MediaRejected, download_photo, failure_of
from adapters.whatsapp.payload import WaMessage, WaStatus
from adapters.whatsapp.payments import WaPayment
from bot.conversation.inbound_codec import encode
from domain.conversation import FETCHING, RECEIVED, Waiting
from domain.errors import ValidationFailed
from domain.in_chat import refused
from domain.ports import Clock, Locker
from domain.services.assets import AssetStore
from domain.whatsapp_records import (
    ChannelInbound,
    ChannelRecorder,
    StatusUpdate,
    WhatsAppRecords,
)
from flows.journey import PHOTO_STEPS
from flows.messages import (
    PHOTO_NOT_ASKED,
    Inbound,
    InboundChoice,
    InboundImage,
    InboundText,
    InboundUnsupported,
)

logger = logging.getLogger(__name__)
CHANNEL = "whatsapp"
FETCH_ATTEMPTS = 3
# Settles an in-chat payment's status (a failure leaves the item to be handled again).
PaymentNews = Callable[[WaPayment], Awaitable[None]]
# An in-chat order message WhatsApp could not deliver (wamid, code, reason).
OrderUndelivered = Callable[[str, int, str], Awaitable[None]]


class Touched(NamedTuple):
    session_id: str
    new_message_id: str | None  # None: recorded before (a redelivery after a crash)


def channel_inbound(message: WaMessage) -> ChannelInbound:
    """A webhook message as the chat store records it; a photo waits to be downloaded."""
    context = {"context_id": message.context_id} if message.context_id else {}
    pairs = (("wa_user_id", message.user_id), ("wa_id", message.wa_id))
    if message.kind == "image":
        kind, body = "image", {"media_id": message.media_id, "mime": message.mime}
    else:
        kind, body = encode(inbound_of(message))
    return ChannelInbound(
        channel=CHANNEL,
        channel_user_id=message.sender,
        channel_message_id=message.id,
        kind=kind,
        body={**body, **context},
        identity={k: v for k, v in pairs if v},
        status=FETCHING if message.kind == "image" else RECEIVED,
        rekey_from=message.wa_id if message.user_id and message.wa_id else None,
    )


def inbound_of(message: WaMessage) -> Inbound:
    if message.kind == "text":
        return InboundText(message.text)
    if message.kind == "choice":
        return InboundChoice(message.choice_id)
    return InboundUnsupported(message.what or "message")


class WhatsAppInbox:
    """After the ack, where the drainer runs: statuses applied, messages recorded (re-keying
    and first contact included). Then, in whichever process takes the session's task:
    typing indicator, photo downloads, then the turns."""

    def __init__(
        self,
        *,
        chat: ChannelRecorder,
        store: WhatsAppRecords,
        assets: AssetStore,
        client: WhatsApp,
        locker: Locker,
        clock: Clock,
        phone_number_id: str | None,
        payments: PaymentNews | None = None,
        undelivered: OrderUndelivered | None = None,
        photos: PhotoCleaner,
    ) -> None:
        self._photos = photos
        self._clock = clock
        self._payments = payments
        self._undelivered = undelivered
        self._chat = chat
        self._store = store
        self._assets = assets
        self._client = client
        self._locker = locker
        self._phone_number_id = phone_number_id

    def _ours(self, phone_number_id: str | None) -> bool:
        return phone_number_id is None or self._phone_number_id in (None, phone_number_id)

    async def handle(self, item: WaMessage | WaStatus | WaPayment) -> Touched | None:
        """One kept item. A message is recorded once (its id is unique in chat_messages);
        returns its session, to be handed to the turn runner."""
        if not self._ours(item.phone_number_id):
            return None
        if isinstance(item, WaPayment):
            if self._payments is None:
                logger.warning("payment status received but in-chat payments are off")
            else:
                await self._payments(item)
            return None
        if isinstance(item, WaStatus):
            await self._status(item)
            return None
        session, row_id = await self._chat.record_from_channel(channel_inbound(item))
        return Touched(session.id, item.id if row_id is not None else None)

    async def record_messages(self, messages: list[WaMessage]) -> list[Touched | None] | None:
        """A batch of messages recorded together (the burst's fast path); None when the batch
        could not be (the caller handles them one by one). In the order given."""
        ours = [m for m in messages if self._ours(m.phone_number_id)]
        recorded = await self._chat.record_batch([channel_inbound(m) for m in ours])
        if recorded is None:
            return None
        touched = {
            m.id: Touched(ref.id, m.id if row_id is not None else None)
            for m, (ref, row_id) in zip(ours, recorded, strict=True)
        }
        return [touched.get(m.id) for m in messages]

    async def _status(self, status: WaStatus) -> None:
        update = StatusUpdate(
            status.message_id, status.status, status.error_code, status.error_title
        )
        outcome = await self._store.apply_status(update, self._clock.now())
        if status.status == "failed":
            logger.warning(
                "whatsapp message failed",
                extra={"wamid": status.message_id, "code": status.error_code, "then": outcome},
            )
            digits = status.error_code or ""
            code = int(digits) if digits.isdigit() else None
            # Not one of the outbox's messages: maybe an in-chat order the job sent.
            if outcome == "early" and code is not None and refused(code) and self._undelivered:
                await self._undelivered(status.message_id, code, status.error_title or "")

    async def prepare(self, session_id: str, reply_to: str | None, waiting: Waiting) -> None:
        """Runs in the session's task before its turns: typing, what templates stood in for
        (the parent's message opened the 24-hour window), then photos downloaded."""
        if reply_to is not None:
            await self._typing(reply_to)
            if waiting.held:
                await self._store.release_held(session_id, self._clock.now())
        if not waiting.fetching:
            return  # most messages are not photos: no lock to take, nor a read for them
        async with self._locker.lock(f"wa:photos:{session_id}", ttl=30, wait=120):
            # Asked again under the lock: another task may have fetched them meanwhile.
            for photo in await self._store.fetching(session_id):
                inbound: Inbound = InboundUnsupported(PHOTO_NOT_ASKED)
                if photo.state in PHOTO_STEPS:  # consent first: nothing kept before it
                    inbound = await self._fetch_photo(photo.media_id, photo.user_id)
                kind, body = encode(inbound)
                if photo.context_id:
                    body["context_id"] = photo.context_id
                await self._store.fetched(photo.row_id, kind, body)

    async def _fetch_photo(self, media_id: str, user_id: str) -> Inbound:
        """Download at once (Meta's media URL lives 5 minutes), check, clean, keep."""
        for attempt in range(FETCH_ATTEMPTS):
            try:
                data, _ = await download_photo(self._client, media_id, PHOTO_MAX_BYTES)
                jpeg, width, height = await self._photos.clean(data)
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
                owner_user_id=user_id,
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

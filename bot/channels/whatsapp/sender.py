"""Channel-neutral messages -> WhatsApp Cloud API sends through pywa's async client."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from typing import Any

from pywa.errors import WhatsAppError
from pywa.types.callback import Button as WaButton
from pywa.types.callback import Section, SectionList, SectionRow, URLButton
from pywa.types.templates import TemplateLanguage
from pywa_async.client import WhatsApp

from adapters.whatsapp.graph import failure_of
from bot.channels.whatsapp.pacing import SendPacer
from bot.channels.whatsapp.window import Templates
from bot.conversation.outbox import DeliveryError
from bot.conversation.rendering import LINK_TTL_SECONDS
from domain.conversation import ChatSession
from domain.ports import Clock
from domain.repositories import UnitOfWorkFactory
from domain.services.assets import AssetStore
from domain.whatsapp_records import WhatsAppRecords
from domain.whatsapp_window import REENGAGEMENT_REQUIRED, window_closed
from flows import messages as m

logger = logging.getLogger(__name__)
BUTTON_ID_MAX = 256
ROW_ID_MAX = 200
SECTION_TITLE_MAX = 24
TRACKER_MAX = 512
GONE = "(This file is no longer available.)"


def _fit(text: str, limit: int, *, single_line: bool = True) -> str:
    """Within a WhatsApp limit (code points), shortened with care; never empty."""
    return m.shorten(text, limit, single_line=single_line) or "…"


def _reply_buttons(buttons: tuple[m.Button, ...]) -> list[WaButton]:
    return [
        WaButton(title=_fit(b.title, m.BUTTON_TITLE_MAX), callback_data=b.id[:BUTTON_ID_MAX])
        for b in buttons[: m.BUTTONS_MAX]
    ]


def _section_list(message: m.ListMessage) -> SectionList:
    rows = [
        SectionRow(
            title=_fit(r.title, m.ROW_TITLE_MAX),
            callback_data=r.id[:ROW_ID_MAX],
            description=m.shorten(_described(r), m.ROW_DESCRIPTION_MAX) or None,
        )
        for r in message.rows[: m.LIST_ROWS_MAX]
    ]
    button = _fit(message.button, m.LIST_BUTTON_MAX)
    return SectionList(
        button_title=button,
        sections=[Section(title=_fit(message.button, SECTION_TITLE_MAX), rows=rows)],
    )


def _described(row: m.Row) -> str:
    """A title WhatsApp cuts is given whole in the description, before what it said."""
    if not row.whole_title:
        return row.description
    return f"{row.whole_title} · {row.description}" if row.description else row.whole_title


def stands_in_whole(message: m.Outbound) -> bool:
    """A reminder, or a person's note asking the parent to write, says all it has to say as
    a template; anything else (a book, a list, news) is sent again once the window opens."""
    return isinstance(message, m.Text) and message.topic in ("reminder", "support")


class WhatsAppSender:
    """A ChannelSender: returns the wamid, which status webhooks later refer to."""

    def __init__(
        self,
        client: WhatsApp,
        store: WhatsAppRecords,
        uow_factory: UnitOfWorkFactory,
        assets: AssetStore,
        links: Any,
        send_links: bool,
        clock: Clock,
        templates: Templates | None = None,
        pacer: SendPacer | None = None,
    ) -> None:
        self._client = client
        self._store = store
        self._uow_factory = uow_factory
        self._assets = assets
        self._links = links
        self._send_links = send_links  # PUBLIC_BASE_URL is https: Meta can fetch our links
        self._clock = clock
        self._templates = templates or Templates()
        self._pacer = pacer
        self._closing = False
        self._sending = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def close(self, wait_seconds: float = 10.0) -> None:
        """At shutdown, before the client closes: sends under way finish; any later one is
        handed back to the outbox, due again in a moment and not counted as an attempt (for
        this process after a restart, or for another one)."""
        self._closing = True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), wait_seconds)

    async def send(
        self,
        session: ChatSession,
        message_id: int,
        body: dict[str, Any],
        created_at: datetime | None = None,
        *,
        last_error: str | None = None,
    ) -> str | None:
        if self._closing:
            raise DeliveryError(
                "the WhatsApp channel is closing", code="closing", retry_after=1.0,
                channel_wide=True,
            )  # fmt: skip
        self._sending += 1
        self._idle.clear()
        try:
            return await self._deliver(session, message_id, body, created_at, last_error)
        finally:
            self._sending -= 1
            if not self._sending:
                self._idle.set()

    async def _deliver(
        self,
        session: ChatSession,
        message_id: int,
        body: dict[str, Any],
        created_at: datetime | None,
        last_error: str | None,
    ) -> str | None:
        if self._pacer is not None:
            await self._pacer.admit(session, created_at)
        to = session.address or session.channel_user_id
        tracker = f"{session.id}:{message_id}"[:TRACKER_MAX]
        try:
            message = m.from_json(body)
            # Meta refused it for the 24-hour window (131047): it may only go as a template.
            if (
                window_closed(session.last_inbound_at, self._clock.now())
                or last_error == REENGAGEMENT_REQUIRED
            ):
                return await self._template(to, message, message_id, tracker)
            try:
                return await self._send(to, message, tracker)
            except WhatsAppError as exc:
                if str(exc.code) != REENGAGEMENT_REQUIRED:
                    raise
                return await self._template(to, message, message_id, tracker)
        except (ValueError, TypeError) as exc:  # pywa refused it before sending
            raise DeliveryError(
                f"unsendable message: {exc}", code="invalid", retryable=False
            ) from exc
        except Exception as exc:
            failure = failure_of(exc)
            if failure is None:
                raise
            retryable, code = failure
            raise DeliveryError(
                f"WhatsApp send failed ({code})", code=code, retryable=retryable
            ) from exc

    async def on_sent(self, channel_message_id: str) -> None:
        """Statuses that overtook the answer to our send are applied now, in order."""
        now = self._clock.now()
        for update in await self._store.take_early_statuses(channel_message_id, now):
            await self._store.apply_status(update, now)

    async def _template(self, to: str, message: m.Outbound, message_id: int, tracker: str) -> str:
        """Outside the 24-hour window: the approved template for this kind of message, or
        nothing at all (a free-form message would be refused with 131047). What the template
        cannot carry (the book, a list to choose from) is held and sent when the parent
        writes again."""
        template = self._templates.for_message(message)
        if template is None:
            raise DeliveryError(
                "outside the 24-hour window and no template is configured for this message",
                code="outside_window",
                retryable=False,
            )
        sent = await self._client.send_template(
            to, name=template.name, language=TemplateLanguage(template.language), tracker=tracker
        )
        if not stands_in_whole(message):
            await self._store.hold_copy(message_id, self._clock.now())
        return sent.id

    async def _send(self, to: str, message: m.Outbound, tracker: str) -> str:
        wa = self._client
        if isinstance(message, m.Text):
            # A person's first reply says who is writing: WhatsApp has no other way to show it.
            said = f"👤 *{message.author}*:\n{message.text}" if message.author else message.text
            text = _fit(said, m.TEXT_MAX, single_line=False)
            return (await wa.send_message(to, text, tracker=tracker)).id
        if isinstance(message, m.Buttons):
            body = _fit(message.text, m.BODY_MAX, single_line=False)
            buttons = _reply_buttons(message.buttons)
            return (await wa.send_message(to, body, buttons=buttons, tracker=tracker)).id
        if isinstance(message, m.ListMessage):
            body = _fit(message.text, m.BODY_MAX, single_line=False)
            section_list = _section_list(message)
            return (await wa.send_message(to, body, buttons=section_list, tracker=tracker)).id
        if isinstance(message, m.Link):
            body = _fit(message.text, m.BODY_MAX, single_line=False)
            cta = URLButton(title=_fit(message.title, m.BUTTON_TITLE_MAX), url=message.url)
            return (await wa.send_message(to, body, buttons=cta, tracker=tracker)).id
        if isinstance(message, m.Document):
            return await self._document(to, message, tracker)
        return await self._image(to, message, tracker)

    async def _file(self, asset_id: str) -> tuple[str | bytes, str] | None:
        """A signed https link when Meta can fetch it, else the bytes to upload; and the mime."""
        async with self._uow_factory() as uow:
            asset = await uow.assets.get(asset_id)
        if asset is None:
            return None
        if self._send_links:
            return self._links.url_for(asset, LINK_TTL_SECONDS), asset.mime
        return await self._assets.read(asset), asset.mime

    async def _document(self, to: str, message: m.Document, tracker: str) -> str:
        found = await self._file(message.asset_id)
        if found is None:  # erased or lost: say so rather than send a dead link
            return (await self._client.send_message(to, GONE, tracker=tracker)).id
        media, mime = found
        caption = message.caption or message.filename
        if message.buttons:  # one interactive message with the document as its header
            sent = await self._client.send_document(
                to,
                media,
                filename=message.filename,
                caption=_fit(caption, m.BODY_MAX, single_line=False),
                buttons=_reply_buttons(message.buttons),
                mime_type=mime,
                tracker=tracker,
            )
        else:
            sent = await self._client.send_document(
                to,
                media,
                filename=message.filename,
                caption=_fit(caption, m.CAPTION_MAX, single_line=False),
                mime_type=mime,
                tracker=tracker,
            )
        return sent.id

    async def _image(self, to: str, message: m.Image, tracker: str) -> str:
        found = await self._file(message.asset_id)
        if found is None:
            return (await self._client.send_message(to, GONE, tracker=tracker)).id
        media, mime = found
        caption = m.shorten(message.caption, m.CAPTION_MAX, single_line=False) or None
        sent = await self._client.send_image(
            to, media, caption=caption, mime_type=mime, tracker=tracker
        )
        return sent.id

"""What the WhatsApp channel keeps, as ports and plain data: the deliveries kept at the ack
(DeliveryQueue), messages recorded with their parents and sessions (ChannelRecorder), and the
channel's own records (WhatsAppRecords: statuses, photos being fetched, held copies). bot/
uses these; storage/ implements them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from domain.conversation import RECEIVED, SessionRef


class NewItem(Protocol):
    """An item as the ack split it off a delivery."""

    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def raw(self) -> str: ...
    @property
    def rejected(self) -> str | None: ...  # why it was refused at the ack, if it was


@dataclass(frozen=True, slots=True)
class ClaimedItem:
    id: int
    key: str
    kind: str
    raw: str
    attempts: int  # this claim included


class DeliveryQueue(Protocol):
    """The raw items kept at the ack, drained by the worker side."""

    async def insert(self, items: Sequence[NewItem]) -> set[str]:
        """Keep every item at once; the keys that were new (a redelivery is dropped)."""
        ...

    async def claim(self, limit: int, lease_seconds: float) -> list[ClaimedItem]: ...

    async def processed(self, ids: Sequence[int], set_aside: str | None = None) -> None: ...

    async def failed(self, item_id: int, error: str) -> None: ...

    async def stranded(self, older_than: timedelta) -> int: ...

    async def prune(self, older_than: timedelta, limit: int = 5000) -> int: ...


@dataclass(frozen=True, slots=True)
class ChannelInbound:
    """One message as a channel's webhook delivered it, to be recorded with its session."""

    channel: str
    channel_user_id: str
    channel_message_id: str
    kind: str
    body: dict[str, Any]
    identity: dict[str, str] = field(default_factory=dict)  # users columns, e.g. wa_id
    status: str = RECEIVED
    rekey_from: str | None = None  # an older key of the same channel user


Recorded = tuple[SessionRef, int | None]  # the row id is None for a message recorded before


class ChannelRecorder(Protocol):
    async def record_from_channel(self, item: ChannelInbound) -> Recorded:
        """One item in one transaction: the session (created with its parent on first
        contact), the parent's channel identity, and the message."""
        ...

    async def record_batch(self, items: Sequence[ChannelInbound]) -> list[Recorded] | None:
        """Several items at once, in order; None when they must go one by one."""
        ...


@dataclass(frozen=True, slots=True)
class PendingPhoto:
    row_id: int
    media_id: str
    context_id: str | None
    user_id: str
    state: str  # the conversation's step: a photo is kept only where one is asked for


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    wamid: str
    status: str
    error_code: str | None = None
    error_detail: str | None = None


class WhatsAppRecords(Protocol):
    async def fetching(self, session_id: str) -> list[PendingPhoto]:
        """The session's photos recorded before the ack and not downloaded yet, oldest first."""
        ...

    async def fetched(self, message_id: int, kind: str, body: dict[str, Any]) -> None: ...

    async def apply_status(self, update_: StatusUpdate, now: datetime) -> str:
        """ "applied", "stale", "early" (kept until its send is recorded) or "resend"."""
        ...

    async def take_early_statuses(self, wamid: str, now: datetime) -> list[StatusUpdate]: ...

    async def hold_copy(self, message_id: int, now: datetime) -> None: ...

    async def release_held(self, session_id: str, now: datetime) -> int: ...

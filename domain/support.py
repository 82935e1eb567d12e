"""What the support console reads and writes, as plain data: its people and their logins,
the conversation list, and a transcript. Their stores are the ports of domain/support_ports.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

HANDOFF_EVENTS = ("handoff_on", "support_took_over", "handoff_off")


@dataclass(frozen=True, slots=True)
class SupportUser:
    id: str
    email: str
    role: str
    disabled: bool
    failed_attempts: int
    locked_until: datetime | None
    last_login_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A live login: the person, and the CSRF token of their forms."""

    login_id: str
    user: SupportUser
    csrf_token: str
    last_seen_at: datetime


@dataclass(frozen=True, slots=True)
class ConversationFilter:
    channel: str | None = None
    state: str | None = None
    handed_off: bool | None = None
    waiting: bool = False  # asked for a person, nobody has taken over yet
    stuck_before: datetime | None = None  # no progress since, in one of stuck_states
    stuck_states: frozenset[str] = frozenset()
    payment: str | None = None  # status of the parent's newest payment
    failed: bool = False  # an outbound message failed
    include_silent: bool = False  # web visitors who opened the chat and never wrote (a search
    # finds them anyway)
    query: str = ""
    search_names: bool = True  # viewers may not look parents up by name


@dataclass(frozen=True, slots=True)
class ConversationRow:
    session_id: str
    channel: str
    channel_user_id: str
    wa_id: str | None
    parent_name: str | None
    child_name: str | None
    state: str
    flow_version: int
    handed_off: bool
    last_activity_at: datetime
    last_inbound_at: datetime | None
    payment_status: str | None
    failed_deliveries: int
    handoff: dict[str, Any] = field(default_factory=dict)  # newest hand-off event


@dataclass(frozen=True, slots=True)
class ChatSessionView:
    """A conversation as the console sees it (read only: changes go through the turn runner)."""

    id: str
    user_id: str | None
    channel: str
    channel_user_id: str
    state: str
    state_json: dict[str, Any]
    flow_version: int
    version: int
    handed_off: bool
    last_inbound_at: datetime | None
    last_activity_at: datetime
    created_at: datetime

    @property
    def child_name_slot(self) -> str | None:
        """The child's name as the parent gave it, before a profile was saved."""
        name = self.state_json.get("slots", {}).get("name")
        return None if name is None else str(name)


@dataclass(frozen=True, slots=True)
class TranscriptMessage:
    id: int
    direction: str  # in | out | system
    kind: str
    body: dict[str, Any]
    inbox_status: str | None
    delivery_status: str | None
    error_code: str | None
    error_detail: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TranscriptEvent:
    id: int
    name: str
    data: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TranscriptJob:
    kind: str
    status: str
    last_error: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class TranscriptPayment:
    id: str
    provider: str
    provider_order_id: str | None
    provider_payment_id: str | None
    amount_minor: int
    currency: str
    status: str
    created_at: datetime
    updated_at: datetime
    confirmed_at: datetime | None


@dataclass(frozen=True, slots=True)
class TranscriptBook:
    id: str
    title: str | None
    status: str
    fulfilment: str
    price_minor: int | None
    currency: str | None
    preview_pdf_id: str | None
    final_pdf_id: str | None
    regeneration_count: int
    regenerations_granted: int


@dataclass(frozen=True, slots=True)
class TranscriptVersion:
    """One generation round of a book (its regeneration history)."""

    book_id: str
    round: int
    status: str
    feedback: str | None
    preview_pdf_id: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TranscriptParent:
    display_name: str | None
    wa_id: str | None


@dataclass(frozen=True, slots=True)
class TranscriptChild:
    name: str
    age: int
    pronouns: str
    interests: list[str]
    photo_asset_id: str | None
    look: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class TranscriptAddress:
    full_name: str
    line1: str
    line2: str | None
    city: str
    region: str | None
    postal_code: str
    phone: str | None


@dataclass(frozen=True, slots=True)
class TranscriptRows:
    """Everything one transcript page shows, oldest first."""

    session: ChatSessionView
    user: TranscriptParent | None
    child: TranscriptChild | None
    messages: tuple[TranscriptMessage, ...]
    events: tuple[TranscriptEvent, ...]
    jobs: tuple[TranscriptJob, ...]
    payments: tuple[TranscriptPayment, ...]
    books: tuple[TranscriptBook, ...]
    addresses: tuple[TranscriptAddress, ...]
    versions: tuple[TranscriptVersion, ...] = ()


def stuck_cutoff(now: datetime, hours: float) -> datetime:
    """Conversations with no progress since this are stuck."""
    return now - timedelta(hours=hours)


@dataclass(frozen=True, slots=True)
class RejectedDelivery:
    """A WhatsApp item that was never handled: refused at the ack (no usable id), or set aside
    by the worker side (unreadable, or failing on every attempt). `raw` is the item as kept."""

    id: int
    received_at: datetime
    kind: str  # message | status
    error: str
    attempts: int
    raw: str

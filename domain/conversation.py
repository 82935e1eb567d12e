"""Ports of the conversation's storage (chat sessions, their inbox and outbox) and the plain
data they hand out; the turn runner and the outbox see nothing of the tables behind them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from domain.audit import AuditEntry
from domain.repositories import UnitOfWork

# Inbox statuses: an item the turn runner may handle, a photo still downloading, handled.
RECEIVED = "received"
FETCHING = "fetching"
PROCESSED = "processed"
# An outbound message kept back until the parent writes again (a channel sent a template in
# its place: WhatsApp outside the 24-hour window).
HELD = "held"


@dataclass(frozen=True, slots=True)
class SessionSnapshot:
    """A chat session as a turn reads it (under its lock)."""

    id: str
    user_id: str
    channel: str
    channel_user_id: str
    state_json: dict[str, Any]
    version: int


@dataclass(frozen=True, slots=True)
class SessionRef:
    id: str
    user_id: str
    channel: str
    channel_user_id: str


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """A message of a conversation as its transcript shows it (internal events left out)."""

    id: int
    direction: str  # in | out
    kind: str
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ChatSession:
    """A chat session as a channel's sender needs it."""

    id: str
    user_id: str | None
    channel: str
    channel_user_id: str
    last_inbound_at: datetime | None
    state: str = ""  # the conversation's step
    # Where the channel delivers when it is not the channel user id: WhatsApp's wa_id, kept
    # on the parent, after the session was re-keyed to the business-scoped user id.
    address: str | None = None


@dataclass(frozen=True, slots=True)
class TokenStanding:
    """What a web chat token is checked against: the generation of the session's tokens
    (bumped to revoke them) and when the parent last wrote."""

    generation: int
    last_inbound_at: datetime | None


class SessionTokens(Protocol):
    async def token_standing(self, session_id: str) -> TokenStanding | None:
        """None when the session does not exist."""
        ...

    async def revoke_tokens(self, session_id: str, audit: AuditEntry) -> bool:
        """Refuse every token issued for the session so far (audited in the same
        transaction); False when the session does not exist."""
        ...


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """An outbound message waiting to be sent."""

    id: int
    session_id: str
    body: dict[str, Any]
    created_at: datetime
    attempts: int
    error_code: str | None = None  # of the last attempt (e.g. the channel refused it so)
    next_attempt_at: datetime | None = None


class ChatSessions(Protocol):
    async def open_session(
        self,
        channel: str,
        channel_user_id: str,
        *,
        user_id: str | None = None,
        identity: dict[str, str] | None = None,
    ) -> SessionRef:
        """The session of this channel user, created (with its parent) on first contact."""
        ...

    async def session(self, session_id: str) -> ChatSession | None: ...

    async def sessions_of_user(self, user_id: str) -> list[ChatSession]:
        """The parent's sessions, the most recently active first."""
        ...

    async def history(self, session_id: str, after: int, limit: int = 500) -> list[HistoryItem]:
        """The messages after `after` (a message id), oldest first."""
        ...

    async def last_outbound_before(self, session_id: str, before: int) -> HistoryItem | None:
        """The newest message to the parent older than message `before`."""
        ...


@dataclass(frozen=True, slots=True)
class QuietSession:
    """A session nobody has written in for a while (a reminder may be due)."""

    id: str
    version: int
    state_json: dict[str, Any]


class QuietSessions(Protocol):
    async def quiet_sessions(
        self, states: Sequence[str], idle_since: datetime
    ) -> list[QuietSession]:
        """Sessions in one of `states`, not handed to a person, idle since `idle_since`."""
        ...


class OutboxStore(Protocol):
    async def session(self, session_id: str) -> ChatSession | None: ...

    async def pending_outbound(
        self, session_id: str | None, now: datetime, limit: int = 100
    ) -> list[OutboxItem]:
        """Messages due to be sent, oldest first: of all sessions, those due now; of one
        session, every pending one (so a message waiting out a backoff keeps later ones back)."""
        ...

    async def due_sessions(
        self, now: datetime, after: str | None = None, limit: int = 100
    ) -> list[str]:
        """Sessions with a message due now, by id, from the first one after `after`."""
        ...

    async def lease_due(
        self, session_id: str, now: datetime, lease_seconds: float, limit: int = 20
    ) -> list[OutboxItem]:
        """Take the session's due messages for sending, oldest first, with their attempts as
        they were. A sender that dies leaves them to be retried when the lease ends; two
        senders never both get one."""
        ...

    async def give_back(self, message_ids: list[int], now: datetime) -> None:
        """Leased messages not tried after all: due again now, not counted as an attempt."""
        ...

    async def mark_outbound(self, message_id: int, **values: Any) -> None:
        """Record what happened to a send (status, error, next attempt, the channel's id)."""
        ...

    async def wake_outbound(self, channel: str, now: datetime, due_after: datetime) -> int:
        """Pending messages of a channel due after `due_after` (waiting out a backoff) become
        due now; returns how many."""
        ...


class Inbox(Protocol):
    async def record_inbound(
        self,
        session_id: str,
        kind: str,
        body: dict[str, Any],
        channel_message_id: str | None = None,
        audit: AuditEntry | None = None,
    ) -> int | None:
        """Keep an inbound message (or internal event) durably, with the audit entry of the
        person who asked for it in the same transaction. None if already recorded."""
        ...

    async def stranded_sessions(self, older_than: timedelta) -> list[str]:
        """Sessions with inbox items left unhandled for a while (a process died between
        recording and handling them)."""
        ...

    async def waiting(self, session_id: str) -> Waiting:
        """What the session's inbox holds not handled yet."""
        ...


@dataclass(frozen=True, slots=True)
class Waiting:
    """A session's unhandled inbox: items its turns take, and items still being fetched
    (a photo: a turn takes it once downloaded); and whether answers are held for the parent's
    next message. Told in one read before a session's task prepares, so a task with nothing
    to do, no photo to fetch or nothing held costs no more reads."""

    items: bool
    fetching: bool
    held: bool = False

    def __bool__(self) -> bool:
        return self.items or self.fetching


@dataclass(frozen=True, slots=True)
class InboxItem:
    id: int
    kind: str
    body: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TurnWrite:
    """Everything one turn changes in the conversation, written with its domain changes."""

    session_id: str
    expected_version: int
    state_json: dict[str, Any]
    state: str
    handed_off: bool
    inbound_ids: Sequence[int]  # the inbox items this turn handled
    outbound: Sequence[tuple[str, dict[str, Any]]]  # (kind, body)
    events: Sequence[tuple[str, dict[str, Any]]]  # (name, data)
    jobs: Sequence[tuple[str, str, dict[str, Any]]]  # (job id, kind, payload)
    audits: Sequence[tuple[str, dict[str, Any]]] = ()  # (action, data), acted by the parent
    actor_id: str | None = None
    # When the newest parent's message it handled was received: the session's last inbound
    # moment moves up to it (the drainer's batch does not wait for a session a turn holds).
    inbound_at: datetime | None = None


class TurnUnit(UnitOfWork, Protocol):
    """One turn's transaction: the session locked and read with its inbox, the domain
    repositories, and the turn's writes, committed once (or rolled back, all of it)."""

    async def load(self, session_id: str) -> tuple[SessionSnapshot, list[InboxItem]] | None:
        """Lock the session; return it with its first ready inbox items, oldest first (up to
        the first one still being prepared: nothing overtakes it). None if there is no session."""
        ...

    async def save(self, write: TurnWrite) -> None:
        """Raises Conflict if the session was saved by someone else meanwhile."""
        ...

    def after_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        """Run `action` once the turn has committed (files to delete, say); never if it fails."""
        ...


TurnUnits = Callable[[], TurnUnit]

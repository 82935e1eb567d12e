"""The stores the support console uses, named by their role; storage/ implements them and
hands out the plain data of domain/support.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from domain.audit import AuditEntry
from domain.support import (
    ChatSessionView,
    ConversationFilter,
    ConversationRow,
    RejectedDelivery,
    SignedIn,
    SupportUser,
    TranscriptBook,
    TranscriptRows,
)


class SupportAccountStore(Protocol):
    """Support people, their signed-in browsers, and the audit trail of what they do. Every
    change is audited in the transaction that makes it."""

    async def add(
        self, email: str, password_hash: str, role: str, now: datetime, audit: AuditEntry
    ) -> SupportUser:
        """Raises Conflict when the email is taken."""
        ...

    async def by_email(self, email: str) -> tuple[SupportUser, str] | None:
        """The person and their password hash (the email compared case-insensitively)."""
        ...

    async def all(self) -> list[SupportUser]: ...

    async def change(self, user_id: str, audit: AuditEntry, **values: Any) -> bool:
        """Update role, disabled or password_hash; disabling ends the person's logins."""
        ...

    async def login_failed(
        self, user_id: str, max_attempts: int, lock_until: datetime, audit: AuditEntry
    ) -> bool:
        """Count a failed attempt; at `max_attempts` lock the account. True when now locked."""
        ...

    async def start_login(
        self, user_id: str, login_id: str, csrf_token: str, now: datetime, audit: AuditEntry
    ) -> None: ...

    async def signed_in(self, login_id: str) -> SignedIn | None:
        """The live login with this id (None when ended, or its person is disabled)."""
        ...

    async def touch(self, login_id: str, now: datetime) -> None: ...

    async def end_login(self, login_id: str, now: datetime, audit: AuditEntry | None) -> None: ...

    async def audit(self, *entries: AuditEntry) -> None: ...

    async def audit_page(
        self, *, actor: str | None, action: str | None, subject: str | None, page: int, size: int
    ) -> tuple[list[AuditEntry], bool]:
        """Newest first; and whether there is a next page."""
        ...


class ConversationQueries(Protocol):
    """Read-only views of conversations for the console."""

    async def conversations(
        self, f: ConversationFilter, page: int, size: int
    ) -> tuple[list[ConversationRow], int]:
        """One page, newest activity first, and the number of matches."""
        ...

    async def count_waiting(self) -> int: ...

    async def count_silent(self) -> int:
        """Conversations in which the parent never wrote (hidden from the list by default)."""
        ...

    async def session(self, session_id: str) -> ChatSessionView | None: ...

    async def transcript(self, session_id: str) -> TranscriptRows | None: ...

    async def last_message_id(self, session_id: str) -> tuple[int, int, bool] | None:
        """(newest message id, session version, handed off): what the transcript page polls."""
        ...

    async def book_of(self, session_id: str, book_id: str) -> TranscriptBook | None:
        """The book, if it belongs to this conversation's parent."""
        ...

    async def rejected_deliveries(
        self, page: int, size: int
    ) -> tuple[list[RejectedDelivery], bool]:
        """WhatsApp items refused or set aside, newest first; and whether there is more."""
        ...


class SupportNotes(Protocol):
    async def add(
        self, session_id: str, author: str, text: str, now: datetime, audit: AuditEntry
    ) -> None:
        """A note on the conversation's timeline, with its audit row, in one transaction."""
        ...

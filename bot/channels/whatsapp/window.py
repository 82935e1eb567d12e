"""WhatsApp's 24-hour customer-service window: free-form messages only within 24 h of the
parent's last message; after that, only an approved template (error 131047 otherwise)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from domain.conversation import ChatSession
from flows import messages as m
from storage.tables import ChatSessionRow

WINDOW = timedelta(hours=24)
REENGAGEMENT_REQUIRED = 131047


@dataclass(frozen=True, slots=True)
class TemplateRef:
    name: str
    language: str

    @classmethod
    def parse(cls, value: str | None) -> TemplateRef | None:
        """ "book_ready:en" -> TemplateRef("book_ready", "en") (the settings check the form)."""
        if not value:
            return None
        name, _, language = value.partition(":")
        return cls(name, language or "en")


@dataclass(frozen=True, slots=True)
class Templates:
    book_ready: TemplateRef | None = None
    reminder: TemplateRef | None = None
    update: TemplateRef | None = None

    def for_message(self, message: m.Outbound) -> TemplateRef | None:
        """book_ready for a book (file or link), reminder for a reminder, else update."""
        if isinstance(message, (m.Document, m.Link, m.Image)):
            return self.book_ready
        if isinstance(message, m.Text) and message.topic == "reminder":
            return self.reminder
        return self.update


def window_closed(session: ChatSession | ChatSessionRow, now: datetime) -> bool:
    last = session.last_inbound_at
    if last is None:
        return True
    last = last if last.tzinfo else last.replace(tzinfo=UTC)
    return now - last > WINDOW

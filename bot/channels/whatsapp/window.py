"""The approved templates that stand in for free-form messages outside WhatsApp's 24-hour
window (the rule itself lives in domain/whatsapp_window.py)."""

from __future__ import annotations

from dataclasses import dataclass

from flows import messages as m


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

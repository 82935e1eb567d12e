"""What an agent does to a conversation. Changes of the session go through the turn runner
(one lock, one transaction with the parent's own messages); each action is audited in the
transaction that records it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.channels.whatsapp.window import TemplateRef
from bot.conversation.turns import TurnRunner
from bot.payments.webhooks import PaymentWebhooks
from bot.support.accounts import support_entry
from domain.audit import AuditEntry
from domain.errors import InvalidTransition
from domain.payments import PaymentProviderError
from domain.ports import Clock
from domain.support import ChatSessionView
from domain.support_ports import ConversationQueries, SupportNotes
from domain.whatsapp_window import window_closed, window_closes_at
from flows.messages import HandedBack, Inbound, PdfResendRequested, SupportReplied, TookOver

REPLY_MAX = 4096
REASON_MAX = 500
NOTE_MAX = 4000
# Sent when the WhatsApp window is closed: the template goes out in its place.
REENGAGE_TEXT = (
    "Hello from the Storybook team! We'd like to help you with your book. "
    "Please reply to this message so we can continue."
)


class ActionRefused(Exception):
    """The action does not fit the conversation now; the message says why, for the agent."""


@dataclass(frozen=True, slots=True)
class Window:
    """WhatsApp's 24-hour window, as the reply box needs it."""

    closed: bool
    closed_since: datetime | None
    template: TemplateRef | None


class SupportDesk:
    def __init__(
        self,
        turns: TurnRunner,
        queries: ConversationQueries,
        notes: SupportNotes,
        clock: Clock,
        template: TemplateRef | None,
        payments: PaymentWebhooks,
    ) -> None:
        self._turns = turns
        self._payments = payments
        self._queries = queries
        self._notes = notes
        self._clock = clock
        self._template = template

    def window(self, session: ChatSessionView) -> Window:
        now = self._clock.now()
        if session.channel != "whatsapp" or not window_closed(session.last_inbound_at, now):
            return Window(False, None, self._template)
        return Window(True, window_closes_at(session.last_inbound_at), self._template)

    async def take_over(self, session_id: str, agent: str) -> None:
        await self._post(session_id, TookOver(agent), self._entry(agent, "took_over", session_id))

    async def hand_back(self, session_id: str, agent: str) -> None:
        await self._post(
            session_id, HandedBack(agent), self._entry(agent, "handed_back", session_id)
        )

    async def reply(self, session: ChatSessionView, agent: str, text: str, template: bool) -> None:
        text = text.strip()
        if not session.handed_off:
            raise ActionRefused(
                "The bot is answering this parent. Press Take over before replying."
            )
        window = self.window(session)
        if window.closed:
            if window.template is None:
                raise ActionRefused(
                    "WhatsApp's 24-hour window is closed and no template is configured "
                    "(WHATSAPP_TEMPLATE_UPDATE): nothing can reach the parent until they write."
                )
            if not template:
                raise ActionRefused(
                    "WhatsApp's 24-hour window is closed: send the template instead."
                )
            text = REENGAGE_TEXT
        if not text:
            raise ActionRefused("Write a reply first.")
        if len(text) > REPLY_MAX:
            raise ActionRefused(f"A reply may have at most {REPLY_MAX} characters.")
        audit = self._entry(agent, "replied", session.id, chars=len(text), template=window.closed)
        await self._post(session.id, SupportReplied(agent, text), audit)

    async def note(self, session_id: str, agent: str, text: str) -> None:
        text = text.strip()
        if not text:
            raise ActionRefused("Write the note first.")
        if len(text) > NOTE_MAX:
            raise ActionRefused(f"A note may have at most {NOTE_MAX} characters.")
        now = self._clock.now()
        audit = support_entry(agent, "note_added", now, session_id, chars=len(text))
        await self._notes.add(session_id, agent, text, now, audit)

    async def resend(self, session_id: str, agent: str, book_id: str) -> None:
        book = await self._queries.book_of(session_id, book_id)
        if book is None or not (book.final_pdf_id or book.preview_pdf_id):
            raise ActionRefused("That book has no PDF to send yet.")
        kind = "final" if book.final_pdf_id else "preview"
        audit = self._entry(agent, "pdf_resent", session_id, book_id=book_id, kind=kind)
        await self._post(session_id, PdfResendRequested(agent, book_id), audit)

    async def refund(
        self, session: ChatSessionView, agent: str, payment_id: str, reason: str
    ) -> None:
        """Refund a paid payment of this conversation's parent in full, with a reason."""
        reason = " ".join(reason.split())
        if not 3 <= len(reason) <= REASON_MAX:
            raise ActionRefused(f"Give a reason for the refund (3 to {REASON_MAX} characters).")
        payment = await self._payments.settlement.payment(payment_id)
        if payment is None or session.user_id is None or payment.user_id != session.user_id:
            raise ActionRefused("That payment is not part of this conversation.")
        audit = self._entry(agent, "payment_refunded", session.id, payment_id=payment_id,
                            reason=reason)  # fmt: skip
        try:
            await self._payments.refund(payment_id, reason, agent, audit)
        except (InvalidTransition, PaymentProviderError) as exc:
            raise ActionRefused(f"The refund did not go through: {exc}") from None

    def _entry(self, agent: str, action: str, session_id: str, **data: object) -> AuditEntry:
        return support_entry(agent, action, self._clock.now(), session_id, **data)

    async def _post(self, session_id: str, event: Inbound, audit: AuditEntry) -> None:
        """The action is kept in the session's inbox and audited in one transaction."""
        await self._turns.post(session_id, event, audit=audit)

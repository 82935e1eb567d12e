"""What an agent does to a conversation. Changes of the session go through the turn runner
(one lock, one transaction with the parent's own messages); each action is audited in the
transaction that records it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.channels.whatsapp.window import TemplateRef
from bot.conversation.turns import TurnRunner
from bot.payments.webhooks import PaymentWebhooks
from bot.support.accounts import support_entry
from domain.audit import AuditEntry
from domain.books import REGENERABLE, Book
from domain.errors import InvalidTransition, NotFound, ValidationFailed
from domain.looks import HeroLook
from domain.payments import PaymentProviderError
from domain.ports import Clock
from domain.services.books import BookService
from domain.services.profiles import ProfileService
from domain.support import ChatSessionView, TranscriptMessage
from domain.support_ports import ConversationQueries, SupportNotes
from domain.whatsapp_window import window_closed, window_closes_at
from flows.messages import (
    HandedBack,
    Inbound,
    PdfResendRequested,
    RegenerationGranted,
    SupportEditedProfile,
    SupportRegenerated,
    SupportReplied,
    TookOver,
)
from flows.parsing import parse_interests
from flows.steps.stories import FEEDBACK_MAX
from flows.support_actions import REGENERATE_FROM

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
        books: BookService,
        profiles: ProfileService,
    ) -> None:
        self._turns = turns
        self._books = books
        self._profiles = profiles
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
        """The bot answers again; a last message of the parent's that nobody answered is
        answered by the bot rather than dropped."""
        rows = await self._queries.transcript(session_id)
        waiting = unanswered(rows.messages) if rows and rows.session.handed_off else None
        kind, body = (waiting.kind, waiting.body) if waiting else ("", {})
        pending = str(body.get("text") or body.get("id") or "")
        audit = self._entry(agent, "handed_back", session_id, answers_pending=bool(pending))
        await self._post(session_id, HandedBack(agent, kind if pending else "", pending), audit)

    async def grant_regeneration(self, session: ChatSessionView, agent: str, book_id: str) -> None:
        book = await self._own_book(session, book_id)
        if book.status not in REGENERABLE:
            raise ActionRefused("This book is paid for (or being paid): it cannot change.")
        audit = self._entry(agent, "regeneration_granted", session.id, book_id=book_id)
        await self._post(session.id, RegenerationGranted(agent, book_id), audit)

    async def regenerate(
        self, session: ChatSessionView, agent: str, book_id: str, feedback: str
    ) -> None:
        """A new version of the book with what the parent asked for (their words)."""
        feedback = " ".join(feedback.split())
        if len(feedback) > FEEDBACK_MAX:
            raise ActionRefused(f"Keep the parent's words under {FEEDBACK_MAX} characters.")
        book = await self._own_book(session, book_id)
        at_preview = session.state_json.get("slots", {}).get("book_id") == book_id
        if session.state not in REGENERATE_FROM or not at_preview:
            raise ActionRefused("The parent is not looking at this book's preview now.")
        if not book.can_regenerate(self._books.regeneration_limit):
            raise ActionRefused("This book has no regeneration left: grant one more first.")
        audit = self._entry(agent, "regenerated", session.id, book_id=book_id,
                            chars=len(feedback))  # fmt: skip
        await self._post(session.id, SupportRegenerated(agent, book_id, feedback), audit)

    async def edit_profile(
        self,
        session: ChatSessionView,
        agent: str,
        name: str,
        interests: str,
        look: dict[str, object],
    ) -> None:
        """Name spelling, interests and look on the parent's behalf (the profile's own rules)."""
        stored = await self._profiles.get(session.user_id) if session.user_id else None
        if stored is None:
            raise ActionRefused("This parent has no saved profile yet.")
        items = tuple(parse_interests(interests)) if interests.strip() else ()
        try:
            hero = HeroLook(**look) if look else None  # type: ignore[arg-type]
            changed = replace(
                stored.profile,
                name=" ".join(name.split()) or stored.profile.name,
                interests=items or stored.profile.interests,
                look=hero or stored.profile.look,
            )
        except (ValidationFailed, TypeError) as exc:
            raise ActionRefused(f"That profile cannot be saved: {exc}") from None
        fields = [f for f in ("name", "interests", "look")
                  if getattr(changed, f) != getattr(stored.profile, f)]  # fmt: skip
        if not fields:
            raise ActionRefused("Nothing changed.")
        event = SupportEditedProfile(
            agent,
            name=changed.name if "name" in fields else "",
            interests=changed.interests if "interests" in fields else (),
            look=hero.to_json() if hero and "look" in fields else None,
        )
        audit = self._entry(agent, "profile_edited", session.id, fields=fields)
        await self._post(session.id, event, audit)

    async def _own_book(self, session: ChatSessionView, book_id: str) -> Book:
        if await self._queries.book_of(session.id, book_id) is None:
            raise ActionRefused("That book is not part of this conversation.")
        try:
            return await self._books.get(book_id)
        except NotFound:
            raise ActionRefused("That book is not part of this conversation.") from None

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


def unanswered(messages: tuple[TranscriptMessage, ...]) -> TranscriptMessage | None:
    """The parent's last message (text or a tap) when nothing was sent to them after it."""
    for m in reversed(messages):
        if m.direction == "out":
            return None
        if m.direction == "in" and m.kind in ("text", "choice"):
            return m
    return None

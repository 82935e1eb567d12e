"""One turn's inputs (saved state, parent, domain services) and what it produces."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol, Self

from domain.repositories import UnitOfWork
from domain.services.books import BookService
from domain.services.moderation import ContentModeration
from domain.services.payments import PaymentStart
from domain.services.profiles import ProfileService
from domain.services.story_options import StoryOptionsService
from flows.messages import Outbound
from flows.state import ConversationState


class Joinable(Protocol):
    def within(self, uow: UnitOfWork) -> Self:
        """This dependency writing through `uow` (a turn's), never committing by itself."""
        ...


class PaymentStarter(Joinable, Protocol):
    async def start_payment(self, book_id: str, fulfilment: str, user_id: str) -> PaymentStart:
        """Write (or reuse) the book's payment; its link is made by a `payment_link` job."""
        ...

    async def link_of(self, payment_id: str) -> str | None: ...

    async def refunded_books(self, user_id: str) -> set[str]:
        """Ids of the parent's books whose payment was refunded."""
        ...

    async def price_text(self, user_id: str, fulfilment: str) -> str:
        """The price in the parent's currency, for display."""
        ...


class Eraser(Joinable, Protocol):
    async def erase(self, user_id: str) -> None: ...


class AddressBook(Joinable, Protocol):
    async def save_address(self, user_id: str, address: dict[str, str]) -> str: ...


@dataclass(frozen=True, slots=True)
class FlowOptions:
    regeneration_limit: int = 3
    series_rounds_max: int = 3
    print_ship: bool = False
    ai_selection: bool = True
    # Whether the illustrator paints the hero from the parent's photo (OpenAI image models
    # that take references); without it the bot asks for no photo at all.
    photo_portraits: bool = False
    # Whether the story writer is a language model that reads any feedback; the offline
    # writer follows only what domain.feedback understands.
    writer_reads_feedback: bool = False


@dataclass(frozen=True, slots=True)
class FlowDeps:
    profiles: ProfileService
    options: StoryOptionsService
    books: BookService
    payments: PaymentStarter
    eraser: Eraser
    addresses: AddressBook
    moderation: ContentModeration
    settings: FlowOptions = FlowOptions()

    def within(self, uow: UnitOfWork) -> FlowDeps:
        """The same dependencies, every write going through one turn's unit of work."""
        return replace(
            self,
            profiles=self.profiles.within(uow),
            options=self.options.within(uow),
            books=self.books.within(uow),
            payments=self.payments.within(uow),
            eraser=self.eraser.within(uow),
            addresses=self.addresses.within(uow),
            moderation=self.moderation.within(uow),
        )


@dataclass(frozen=True, slots=True)
class JobRequest:
    kind: str  # series | storylines | book | final | payment_link | order_details | ...
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Event:
    """A system event for the transcript and the audit log (state changes, hand-off, ...)."""

    name: str
    data: dict[str, Any]
    audit: bool = False


@dataclass(slots=True)
class TurnContext:
    state: ConversationState
    user_id: str
    deps: FlowDeps
    now: datetime
    # The channel updates a progress message in place (the web chat): every tick may be sent.
    # Elsewhere (WhatsApp) each one is a new message, so they are spaced out.
    progress_in_place: bool = False
    out: list[Outbound] = field(default_factory=list)
    # The question each message belongs to (state.step when sent): a channel that can show a
    # message's buttons as used does so once a later question has been asked.
    out_steps: list[int] = field(default_factory=list)
    jobs: list[JobRequest] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def send(self, *messages: Outbound) -> None:
        self.out.extend(messages)
        self.out_steps.extend(self.state.step for _ in messages)

    def send_before(self, index: int, message: Outbound) -> None:
        """`message` goes out just before the one at `index`, as part of the same question."""
        step = self.out_steps[index] if index < len(self.out_steps) else self.state.step
        self.out.insert(index, message)
        self.out_steps.insert(index, step)

    def request_job(self, kind: str, **payload: Any) -> None:
        self.jobs.append(JobRequest(kind, payload))

    def record(self, name: str, *, audit: bool = False, **data: Any) -> None:
        self.events.append(Event(name, data, audit))

    @property
    def slots(self) -> dict[str, Any]:
        return self.state.slots

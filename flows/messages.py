"""Channel-neutral messages. Flows produce outbound ones; channels render them and parse inbound.

Lengths are counted in code points and follow WhatsApp's limits (DESIGN §4), so the same message
works on every channel. Constructors shorten over-long text with care instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BUTTONS_MAX = 3
BUTTON_TITLE_MAX = 20
LIST_ROWS_MAX = 10
ROW_TITLE_MAX = 24
ROW_DESCRIPTION_MAX = 72
LIST_BUTTON_MAX = 20
BODY_MAX = 1024  # interactive message body
TEXT_MAX = 4096
CAPTION_MAX = 1024


def shorten(text: str, limit: int, *, single_line: bool = True) -> str:
    """Cut at a word boundary when one is near, and mark the cut with an ellipsis.
    Titles are one line; message bodies keep their line breaks."""
    text = " ".join(text.split()) if single_line else text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-") + "…"


@dataclass(frozen=True, slots=True)
class Button:
    id: str
    title: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", shorten(self.title, BUTTON_TITLE_MAX))


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    title: str
    description: str = ""
    # The title as it was before WhatsApp's 24 cut it: the web chat shows it, and echoes the
    # parent's tap with it; WhatsApp shows it in the row's description.
    whole_title: str = ""

    def __post_init__(self) -> None:
        whole = " ".join(self.title.split())
        object.__setattr__(self, "title", shorten(self.title, ROW_TITLE_MAX))
        if not self.whole_title and whole != self.title:
            object.__setattr__(self, "whole_title", whole)
        object.__setattr__(self, "description", shorten(self.description, ROW_DESCRIPTION_MAX))


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    # "reminder" for reminders (WhatsApp picks its template by it), "support" for a person's
    # words, "progress" for a progress tick (the web chat shows one, updated in place)
    topic: str = ""
    # Who is writing, said before the text where the channel cannot show it otherwise
    # (WhatsApp); the web chat labels every support message by its topic.
    author: str = ""
    kind: str = field(default="text", init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.text[:TEXT_MAX])


@dataclass(frozen=True, slots=True)
class Buttons:
    text: str
    buttons: tuple[Button, ...]
    kind: str = field(default="buttons", init=False)

    def __post_init__(self) -> None:
        if not 1 <= len(self.buttons) <= BUTTONS_MAX:
            raise ValueError(f"1..{BUTTONS_MAX} buttons, got {len(self.buttons)}")
        object.__setattr__(self, "text", shorten(self.text, BODY_MAX, single_line=False))


@dataclass(frozen=True, slots=True)
class ListMessage:
    text: str
    button: str
    rows: tuple[Row, ...]
    kind: str = field(default="list", init=False)

    def __post_init__(self) -> None:
        if not 1 <= len(self.rows) <= LIST_ROWS_MAX:
            raise ValueError(f"1..{LIST_ROWS_MAX} rows, got {len(self.rows)}")
        object.__setattr__(self, "text", shorten(self.text, BODY_MAX, single_line=False))
        object.__setattr__(self, "button", shorten(self.button, LIST_BUTTON_MAX))


@dataclass(frozen=True, slots=True)
class Document:
    """A file: `asset_id` is resolved by the channel into a signed link or an uploaded media."""

    asset_id: str
    filename: str
    caption: str = ""
    buttons: tuple[Button, ...] = ()
    kind: str = field(default="document", init=False)

    def __post_init__(self) -> None:
        if len(self.buttons) > BUTTONS_MAX:
            raise ValueError(f"at most {BUTTONS_MAX} buttons")
        object.__setattr__(self, "caption", shorten(self.caption, CAPTION_MAX, single_line=False))


@dataclass(frozen=True, slots=True)
class Image:
    asset_id: str
    caption: str = ""
    kind: str = field(default="image", init=False)


@dataclass(frozen=True, slots=True)
class Link:
    """One call-to-action URL button (a payment link)."""

    text: str
    title: str
    url: str
    kind: str = field(default="link", init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", shorten(self.text, BODY_MAX, single_line=False))
        object.__setattr__(self, "title", shorten(self.title, BUTTON_TITLE_MAX))


PROGRESS_TOPIC = "progress"

Outbound = Text | Buttons | ListMessage | Document | Image | Link


def to_json(message: Outbound) -> dict[str, Any]:
    """The stored and wire form (chat_messages.body, the web chat protocol)."""
    if isinstance(message, Text):
        topic = {"topic": message.topic} if message.topic else {}
        author = {"author": message.author} if message.author else {}
        return {"kind": "text", "text": message.text, **topic, **author}
    if isinstance(message, Buttons):
        buttons = [{"id": b.id, "title": b.title} for b in message.buttons]
        return {"kind": "buttons", "text": message.text, "buttons": buttons}
    if isinstance(message, ListMessage):
        rows = [_row_json(r) for r in message.rows]
        return {"kind": "list", "text": message.text, "button": message.button, "rows": rows}
    if isinstance(message, Document):
        buttons = [{"id": b.id, "title": b.title} for b in message.buttons]
        return {
            "kind": "document",
            "asset_id": message.asset_id,
            "filename": message.filename,
            "caption": message.caption,
            "buttons": buttons,
        }
    if isinstance(message, Image):
        return {"kind": "image", "asset_id": message.asset_id, "caption": message.caption}
    return {"kind": "link", "text": message.text, "title": message.title, "url": message.url}


def _row_json(row: Row) -> dict[str, str]:
    whole = {"whole_title": row.whole_title} if row.whole_title else {}
    return {"id": row.id, "title": row.title, "description": row.description, **whole}


def from_json(data: dict[str, Any]) -> Outbound:
    kind = data["kind"]
    if kind == "text":
        return Text(data["text"], data.get("topic", ""), data.get("author", ""))
    if kind == "buttons":
        return Buttons(data["text"], tuple(Button(b["id"], b["title"]) for b in data["buttons"]))
    if kind == "list":
        rows = tuple(
            Row(r["id"], r["title"], r.get("description", ""), r.get("whole_title", ""))
            for r in data["rows"]
        )
        return ListMessage(data["text"], data["button"], rows)
    if kind == "document":
        buttons = tuple(Button(b["id"], b["title"]) for b in data.get("buttons", ()))
        return Document(data["asset_id"], data["filename"], data.get("caption", ""), buttons)
    if kind == "image":
        return Image(data["asset_id"], data.get("caption", ""))
    return Link(data["text"], data["title"], data["url"])


# Inbound ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InboundText:
    text: str


@dataclass(frozen=True, slots=True)
class InboundChoice:
    """A tapped button or list row. `id` carries the step it was offered at (see flows.choices)."""

    id: str


@dataclass(frozen=True, slots=True)
class InboundImage:
    asset_id: str
    mime: str
    size_bytes: int


PHOTO_NOT_ASKED = "photo_not_asked"  # a photo sent before the step that asks for one: not kept


@dataclass(frozen=True, slots=True)
class InboundUnsupported:
    what: str  # audio, video, sticker, location, PHOTO_NOT_ASKED...


# Internal events: finished work re-enters the conversation through the same turn runner.


@dataclass(frozen=True, slots=True)
class JobProgressed:
    job: str
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class JobFinished:
    job: str  # series | storylines | book | final
    ok: bool
    subject_id: str | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class PaymentConfirmed:
    book_id: str
    paid: bool


@dataclass(frozen=True, slots=True)
class PaymentRefunded:
    book_id: str
    price: str  # the refunded amount, for display


@dataclass(frozen=True, slots=True)
class PrintUpdated:
    """News of a printed book: printing | shipped | problem."""

    book_id: str
    news: str
    carrier: str = ""
    tracking_url: str = ""


@dataclass(frozen=True, slots=True)
class HandedBack:
    agent: str
    # The parent's last message when nobody answered it yet ("text" or "choice", and its text
    # or button id): the bot answers it once it is back, rather than dropping it.
    pending_kind: str = ""
    pending: str = ""


@dataclass(frozen=True, slots=True)
class ReminderDue:
    number: int


# A support person acting in the conversation (the console); `agent` is who, for the record.


@dataclass(frozen=True, slots=True)
class TookOver:
    agent: str


@dataclass(frozen=True, slots=True)
class SupportReplied:
    agent: str
    text: str


@dataclass(frozen=True, slots=True)
class PdfResendRequested:
    agent: str
    book_id: str


@dataclass(frozen=True, slots=True)
class RegenerationGranted:
    """A support person gave the book one more regeneration beyond the limit."""

    agent: str
    book_id: str


@dataclass(frozen=True, slots=True)
class SupportRegenerated:
    """A support person started a regeneration with the parent's words."""

    agent: str
    book_id: str
    feedback: str


@dataclass(frozen=True, slots=True)
class SupportEditedProfile:
    """A support person changed the child's profile on the parent's behalf; an empty field
    is left as it was."""

    agent: str
    name: str = ""
    interests: tuple[str, ...] = ()
    look: dict[str, Any] | None = None


Inbound = (
    InboundText
    | InboundChoice
    | InboundImage
    | InboundUnsupported
    | JobProgressed
    | JobFinished
    | PaymentConfirmed
    | PaymentRefunded
    | PrintUpdated
    | HandedBack
    | ReminderDue
    | TookOver
    | SupportReplied
    | PdfResendRequested
    | RegenerationGranted
    | SupportRegenerated
    | SupportEditedProfile
)

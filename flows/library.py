"""My books: every book with its whole title, and what each one allows (a paid book's PDF, an
unpaid preview's Buy)."""

from __future__ import annotations

from domain.books import Book, BookStatus, pdf_filename
from flows.context import TurnContext
from flows.journey import WAITING_FOR_BOT
from flows.messages import Button, Document, Inbound, InboundChoice, ListMessage, Row, Text
from flows.steps.buying import begin_purchase
from flows.turn import ask
from flows.words import say

LIBRARY_PREFIX = "lib:"  # a row: open this book
BUY_PREFIX = "lib:buy:"  # a button: buy this book (checked before LIBRARY_PREFIX)
PAID = (BookStatus.PAID, BookStatus.FINAL_READY, BookStatus.DELIVERED)
BUYABLE = (BookStatus.PREVIEW_READY, BookStatus.PAYMENT_PENDING)
# Steps a purchase from My books must not cut short: the bot is working, or a payment is open.
BUSY = WAITING_FOR_BOT | {"awaiting_payment", "final_failed"}


async def show_library(ctx: TurnContext, _inbound: Inbound) -> None:
    books = [b for b in await ctx.deps.books.for_user(ctx.user_id) if b.title][-10:]
    if not books:
        ctx.send(Text(say("library_empty")))
        await ask(ctx)
        return
    refunded = await ctx.deps.payments.refunded_books(ctx.user_id)
    # The body names every book whole: a row's title is cut at 24 characters on WhatsApp.
    listed = "\n".join(
        f"{n}. *{b.title}*: {_status(b, b.id in refunded)}" for n, b in enumerate(books, 1)
    )
    rows = tuple(
        Row(f"{LIBRARY_PREFIX}{b.id}", b.title or "Book", _describe(b, b.id in refunded))
        for b in books
    )
    ctx.send(ListMessage(say("library", books=listed), "My books", rows))


def _status(book: Book, refunded: bool) -> str:
    if book.status in PAID:
        return "refunded" if refunded else "bought, tap for the PDF"
    if book.preview_pdf_id and book.status in BUYABLE:
        return "free preview, tap to see or buy"
    return "being made"


def _describe(book: Book, refunded: bool = False) -> str:
    paid = book.status in PAID
    status = "Paid" if paid else "Preview" if book.preview_pdf_id else "Being made"
    status = "Refunded" if paid and refunded else status
    price = f" {book.price.display()}" if paid and book.price else ""
    regen = book.regeneration_count
    regens = f" · {regen} regeneration{'s' if regen != 1 else ''}" if regen else ""
    return f"{status}{price} · {book.created_at:%d %b %Y}{regens}"


async def _own_book(ctx: TurnContext, book_id: str) -> Book | None:
    owned = {b.id: b for b in await ctx.deps.books.for_user(ctx.user_id)}
    return owned.get(book_id)  # only the parent's own books, whatever id is sent


async def open_book(ctx: TurnContext, inbound: Inbound) -> None:
    """A paid book: its PDF. An unpaid preview: the preview, its price and a Buy button."""
    assert isinstance(inbound, InboundChoice)
    book = await _own_book(ctx, inbound.id[len(LIBRARY_PREFIX) :])
    if book is None or not (book.final_pdf_id or book.preview_pdf_id):
        ctx.send(Text(say("library_not_ready")))
        return
    name = await _child_name(ctx)
    if book.final_pdf_id:
        ctx.send(Text(say("library_resent")))
        filename = pdf_filename(name, book.title or "", "final")
        ctx.send(Document(book.final_pdf_id, filename, book.title or ""))
        ctx.record("pdf_link_issued", audit=True, book_id=book.id, kind="final")
        return
    assert book.preview_pdf_id is not None
    caption = say("library_preview", title=book.title or "your book")
    buttons: tuple[Button, ...] = ()
    if book.status in BUYABLE:
        price = await ctx.deps.payments.price_text(ctx.user_id, "pdf")
        caption += "\n\n" + say("price_line", price=price)
        buttons = (Button(f"{BUY_PREFIX}{book.id}", "Buy the book"),)
    filename = pdf_filename(name, book.title or "", "preview")
    ctx.send(Document(book.preview_pdf_id, filename, caption, buttons))
    ctx.record("pdf_link_issued", audit=True, book_id=book.id, kind="preview")


async def buy_book(ctx: TurnContext, inbound: Inbound) -> None:
    """Buy from My books: the journey goes to that book's purchase, as from its preview."""
    assert isinstance(inbound, InboundChoice)
    book_id = inbound.id[len(BUY_PREFIX) :]
    book = await _own_book(ctx, book_id)
    if book is None or book.status not in BUYABLE:  # bought meanwhile, or not the parent's
        await open_book(ctx, InboundChoice(f"{LIBRARY_PREFIX}{book_id}"))
        return
    if ctx.state.state in BUSY:
        if ctx.slots.get("book_id") != book.id:
            ctx.send(Text(say("library_busy", title=book.title or "that book")))
        await ask(ctx)  # the link again for this very book, or what is going on
        return
    ctx.slots.update(name=await _child_name(ctx), book_id=book.id, title=book.title)
    ctx.slots.pop("changing_book", None)
    ctx.state.state = "preview"  # as if the parent had tapped Buy on its preview
    ctx.record("library_buy", book_id=book.id)
    await begin_purchase(ctx)


async def _child_name(ctx: TurnContext) -> str:
    if ctx.slots.get("name"):
        return str(ctx.slots["name"])
    stored = await ctx.deps.profiles.get(ctx.user_id)
    return stored.profile.name if stored is not None else ""

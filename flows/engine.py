"""One turn of the conversation: global commands first, then the journey (DESIGN §3)."""

from __future__ import annotations

import logging

from domain.errors import NotFound
from flows import commands, support, support_actions
from flows.context import TurnContext
from flows.journey import LOOK_STEPS
from flows.library import LIBRARY_PREFIX
from flows.messages import (
    PHOTO_NOT_ASKED,
    HandedBack,
    Inbound,
    InboundChoice,
    InboundImage,
    InboundText,
    InboundUnsupported,
    JobFinished,
    JobProgressed,
    PaymentConfirmed,
    PaymentRefunded,
    PrintUpdated,
    ReminderDue,
    Text,
)
from flows.registry import HANDLERS
from flows.steps import buying, looks, profile, shipping, stories  # noqa: F401  (they register steps)
from flows.turn import ask, repair
from flows.words import say

logger = logging.getLogger(__name__)
FROM_PARENT = (InboundText, InboundChoice, InboundImage, InboundUnsupported)


async def handle(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, FROM_PARENT):
        await _from_parent(ctx, inbound)
    else:
        await _internal(ctx, inbound)


async def _from_parent(ctx: TurnContext, inbound: Inbound) -> None:
    command = commands.command_of(inbound, handed_off=ctx.state.handed_off)
    if command is not None:
        await commands.run_command(ctx, command, inbound)
        return
    if ctx.state.handed_off:
        return  # a person is talking with the parent: the bot stays quiet
    if isinstance(inbound, InboundUnsupported):
        # Where the pictures come from the chosen look, no photo is ever asked for: say so.
        not_asked = "photo_not_asked" if ctx.deps.settings.photo_portraits else "photo_not_needed"
        words = {"photo": "photo_refused", PHOTO_NOT_ASKED: not_asked}
        ctx.send(Text(say(words.get(inbound.what, "unsupported"))))
        await ask(ctx)
        return
    step = HANDLERS.get(ctx.state.state)
    if step is None:
        await repair(ctx, inbound)
        return
    await step(ctx, inbound)


async def _internal(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, support.SUPPORT_EVENTS):
        await support.handle(ctx, inbound)
        if isinstance(inbound, HandedBack) and inbound.pending_kind:
            await _from_parent(ctx, _pending(inbound))  # the message nobody answered
        return
    if isinstance(inbound, support_actions.SUPPORT_ACTIONS):
        await support_actions.handle(ctx, inbound)
        return
    if isinstance(inbound, PaymentRefunded):  # in any state: the parent is told once
        book = await ctx.deps.books.get(inbound.book_id)
        title = book.title or "your book"
        ctx.send(Text(say("payment_refunded", price=inbound.price, title=title)))
        ctx.record("refund_told", book_id=inbound.book_id)
        return
    if isinstance(inbound, PrintUpdated):  # in any state: each piece of news told once
        try:
            title = (await ctx.deps.books.get(inbound.book_id)).title or "your book"
        except NotFound:  # erased since: the news is still theirs
            title = "your book"
        words = {"printing": "print_printing", "shipped": "print_shipped"}
        ctx.send(
            Text(
                say(
                    words.get(inbound.news, "print_problem"), title=title,
                    carrier=inbound.carrier, url=inbound.tracking_url,
                )
            )
        )  # fmt: skip
        ctx.record("print_news_told", book_id=inbound.book_id, news=inbound.news)
        if inbound.news == "shipped":  # an order paid in the chat moves on there too
            body = say("order_shipped", title=title)
            ctx.request_job("order_status", book_id=inbound.book_id, status="shipped", body=body)
        return
    if isinstance(inbound, ReminderDue):
        await _remind(ctx, inbound)
        return
    if _expected_here(ctx, inbound):
        await HANDLERS[ctx.state.state](ctx, inbound)
        return
    await _orphan(ctx, inbound)


def _pending(event: HandedBack) -> Inbound:
    if event.pending_kind == "choice":
        return InboundChoice(event.pending)
    return InboundText(event.pending)


def _expected_here(ctx: TurnContext, inbound: Inbound) -> bool:
    state = ctx.state.state
    if isinstance(inbound, JobFinished | JobProgressed):
        job = inbound.job
        owner = {
            "series": "writing_series",
            "storylines": "writing_storylines",
            "book": "writing_book",
            "writing": "writing_book",
            "illustrating": "writing_book",
            "assembling": "writing_book",
            "final": "writing_final",
            "payment_link": "awaiting_payment",
            "order_details": "awaiting_payment",
            "print_quote": "checking_print",
        }.get(job)
        if job == "look_sheet":
            return state in LOOK_STEPS
        return owner == state
    if isinstance(inbound, PaymentConfirmed):
        return state == "awaiting_payment" and ctx.slots.get("book_id") == inbound.book_id
    return False


async def _orphan(ctx: TurnContext, inbound: Inbound) -> None:
    """An event for a step the parent has left (restart, back, my books...). A paid book is
    never lost: payment still leads to the final PDF, which is still delivered."""
    if isinstance(inbound, PaymentConfirmed) and inbound.paid:
        ctx.send(Text(say("payment_thanks")))
        ctx.request_job("final", book_id=inbound.book_id, address_id=ctx.slots.get("address_id"))
    elif isinstance(inbound, JobFinished) and inbound.job == "final" and inbound.ok:
        await commands.run_command(
            ctx, "open_book", InboundChoice(f"{LIBRARY_PREFIX}{inbound.subject_id}")
        )
    else:
        logger.info("event ignored in this state", extra={"state": ctx.state.state})


async def _remind(ctx: TurnContext, reminder: ReminderDue) -> None:
    if ctx.state.opted_out or ctx.state.handed_off:
        return
    ctx.slots["reminders_sent"] = reminder.number
    name = ctx.slots.get("name", "your child")
    ctx.send(Text(say(f"reminder_{min(reminder.number, 2)}", name=name), topic="reminder"))
    await ask(ctx)

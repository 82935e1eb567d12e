"""A support person in the conversation: taking over, replying, resending a PDF, handing back.

These arrive as internal events through the same turn runner as everything else, so a person's
actions and the parent's messages are serialised by one lock and saved in one transaction.
"""

from __future__ import annotations

from flows import commands
from flows.context import TurnContext
from flows.library import LIBRARY_PREFIX
from flows.messages import (
    HandedBack,
    InboundChoice,
    PdfResendRequested,
    SupportReplied,
    Text,
    TookOver,
)
from flows.turn import ask
from flows.words import say

SupportEvent = TookOver | SupportReplied | PdfResendRequested | HandedBack
SUPPORT_EVENTS = (TookOver, SupportReplied, PdfResendRequested, HandedBack)
WITH_AGENT = "with_agent"  # flag: a person has joined (the parent has been told once)
SUPPORT_TOPIC = "support"  # outbound text written by a person, not by the bot
SUPPORT_AUTHOR = "Support team"
# A flag: the parent has been told who is writing since a person last joined (WhatsApp shows
# it before the first reply; the web chat labels every one).
AGENT_INTRODUCED = "agent_introduced"


async def handle(ctx: TurnContext, event: SupportEvent) -> None:
    if isinstance(event, TookOver):
        await _took_over(ctx, event)
    elif isinstance(event, SupportReplied):
        author = "" if ctx.state.flags.get(AGENT_INTRODUCED) else SUPPORT_AUTHOR
        ctx.state.flags[AGENT_INTRODUCED] = True
        ctx.send(Text(event.text, topic=SUPPORT_TOPIC, author=author))
        ctx.record("support_reply", by=event.agent)
    elif isinstance(event, PdfResendRequested):
        choice = InboundChoice(f"{LIBRARY_PREFIX}{event.book_id}")
        await commands.COMMANDS["open_book"](ctx, choice)
        ctx.record("support_pdf_resent", by=event.agent, book_id=event.book_id)
    else:
        await _handed_back(ctx, event)


async def _took_over(ctx: TurnContext, event: TookOver) -> None:
    flags = ctx.state.flags
    already = ctx.state.handed_off and flags.get(WITH_AGENT, False)
    flags["handed_off"] = True
    flags[WITH_AGENT] = True
    ctx.record("support_took_over", by=event.agent)  # the console audits it as the person
    if not already:  # the parent is told once that a person is with them
        flags.pop(AGENT_INTRODUCED, None)
        ctx.send(Text(say("support_joined")))


async def _handed_back(ctx: TurnContext, event: HandedBack) -> None:
    ctx.state.flags.pop(WITH_AGENT, None)
    ctx.state.flags.pop(AGENT_INTRODUCED, None)
    if ctx.state.handed_off:
        ctx.state.flags["handed_off"] = False
        # The console audits the hand-back as the person, with the event that asked for it.
        ctx.record("handoff_off", by=event.agent)
        ctx.send(Text(say("handoff_off")))
        if not event.pending_kind:  # else the engine answers the parent's last message
            await ask(ctx)

"""Global commands: understood in every state, before the journey sees the message."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from flows.context import TurnContext
from flows.journey import fire
from flows.library import BUY_PREFIX, LIBRARY_PREFIX, buy_book, open_book, show_library
from flows.messages import Buttons, Inbound, InboundChoice, Text
from flows.parsing import normalise
from flows.registry import HANDLERS, handler, prompt
from flows.state import ConversationState
from flows.turn import COMMAND_PREFIX, answer, ask, buttons_of, text_of
from flows.understanding import Option, said_inside, words_of
from flows.words import say

Command = Callable[[TurnContext, Inbound], Awaitable[None]]

# What a parent may type for each command (compared after normalising case and punctuation).
SYNONYMS = {
    "help": {"help", "menu", "?", "options", "commands"},
    "restart": {"restart", "start over", "reset", "begin again"},
    "back": {"back", "go back", "previous", "undo"},
    "library": {"my books", "books", "library", "my library"},
    "human": {"talk to a person", "human", "agent", "person", "support", "talk to someone"},
    "stop": {"stop", "unsubscribe", "opt out", "stop reminders"},
    "start": {"start", "subscribe", "opt in"},
    "erase": {"delete my data", "delete my account", "erase my data", "forget me"},
}
# Said inside a short message ("can I talk to a person please?", "show me my books"): only
# the commands that change nothing the parent has made, and never while a person is talking.
SAID_INSIDE = {
    "library": ("my books", "my library", "my book list"),
    "human": (
        "talk to a person", "talk to someone", "speak to a person", "speak to someone",
        "talk to a human", "real person", "customer support", "customer service",
    ),
}  # fmt: skip
SAID_INSIDE_WORDS_MAX = 8
# Back would undo things that already happened outside the conversation.
NO_BACK_FROM = {
    "awaiting_payment",
    "writing_final",
    "final_failed",
    "delivered",
    "writing_book",
    "writing_series",
    "writing_storylines",
}


def command_of(inbound: Inbound, *, handed_off: bool = False) -> str | None:
    if isinstance(inbound, InboundChoice):
        if inbound.id.startswith(COMMAND_PREFIX):
            name = inbound.id[len(COMMAND_PREFIX) :]
            # A forged or retired command id is an unknown tap, answered by the step.
            return name if name in COMMANDS else None
        if inbound.id.startswith(BUY_PREFIX):
            return "buy_book"
        return "open_book" if inbound.id.startswith(LIBRARY_PREFIX) else None
    text = text_of(inbound)
    if text is None:
        return None
    said = normalise(text)
    exact = next((name for name, words in SYNONYMS.items() if said in words), None)
    if exact is not None or handed_off:
        return exact
    words = words_of(text)
    if len(words) > SAID_INSIDE_WORDS_MAX:
        return None
    return next(
        (
            name
            for name, phrases in SAID_INSIDE.items()
            if any(said_inside(words, words_of(p)) for p in phrases)
        ),
        None,
    )


async def run_command(ctx: TurnContext, name: str, inbound: Inbound) -> None:
    if ctx.state.handed_off and name != "human":
        ctx.state.flags["handed_off"] = False
        ctx.record("handoff_off", audit=True, by="parent")
        ctx.send(Text(say("handoff_off")))
    await COMMANDS[name](ctx, inbound)


async def _help(ctx: TurnContext, _inbound: Inbound) -> None:
    ctx.send(Text(say("help")))
    await ask(ctx)


async def _restart(ctx: TurnContext, inbound: Inbound) -> None:
    ctx.send(Text(say("restarted")))
    ctx.state.state = fire(ctx.state.state, "restart")
    ctx.state.slots.clear()
    ctx.state.back.clear()
    ctx.state.step += 1
    await HANDLERS["start"](ctx, inbound)


async def _back(ctx: TurnContext, _inbound: Inbound) -> None:
    if ctx.state.state in NO_BACK_FROM or not ctx.state.pop_back():
        ctx.send(Text(say("cant_go_back")))
        await ask(ctx)
        return
    ctx.state.step += 1
    ctx.record("went_back", dest=ctx.state.state)
    await ask(ctx)


async def _human(ctx: TurnContext, _inbound: Inbound) -> None:
    if not ctx.state.handed_off:
        ctx.state.flags["handed_off"] = True
        ctx.record("handoff_on", audit=True, by="parent")
        ctx.send(Text(say("handoff_on")))


async def _stop(ctx: TurnContext, _inbound: Inbound) -> None:
    ctx.state.flags["opted_out"] = True
    ctx.record("opted_out", audit=True)
    ctx.send(Text(say("opted_out")))


async def _start(ctx: TurnContext, inbound: Inbound) -> None:
    if ctx.state.opted_out:
        ctx.state.flags["opted_out"] = False
        ctx.record("opted_in", audit=True)
        ctx.send(Text(say("opted_in")))
    if ctx.state.state == "start":
        await HANDLERS["start"](ctx, inbound)
    else:
        await ask(ctx)


async def _erase(ctx: TurnContext, _inbound: Inbound) -> None:
    ctx.state.push_back()
    ctx.state.state = fire(ctx.state.state, "ask_erasure")
    ctx.state.step += 1
    await ask(ctx)


ERASURE = (
    Option("erase", "Yes, delete all", means="yes", words=("delete all", "delete everything")),
    Option("cancel", "Cancel", means="no", words=("keep", "cancel")),
)


@prompt("confirm_erasure")
async def ask_erasure(ctx: TurnContext) -> None:
    ctx.send(Buttons(say("confirm_erasure"), buttons_of(ctx, ERASURE)))


@handler("confirm_erasure")
async def on_erasure(ctx: TurnContext, inbound: Inbound) -> None:
    """Only a clear yes erases; anything else keeps everything (and says so)."""
    if answer(ctx, inbound, ERASURE) == "erase":
        await ctx.deps.eraser.erase(ctx.user_id)
        ctx.record("erased", audit=True)
        flags = {k: v for k, v in ctx.state.flags.items() if k == "opted_out"}
        ctx.state = ConversationState(flags=flags, step=ctx.state.step + 1)
        ctx.send(Text(say("erased")))
        return
    ctx.state.pop_back()
    ctx.state.step += 1
    ctx.send(Text(say("erasure_cancelled")))
    await ask(ctx)


COMMANDS: dict[str, Command] = {
    "help": _help,
    "restart": _restart,
    "back": _back,
    "library": show_library,
    "open_book": open_book,
    "buy_book": buy_book,
    "human": _human,
    "stop": _stop,
    "start": _start,
    "erase": _erase,
}

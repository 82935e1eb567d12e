"""Moving through the journey inside a turn: triggers, questions, choices, repairs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flows.context import TurnContext
from flows.journey import WAITING_FOR_BOT, fire
from flows.messages import (
    Button,
    Buttons,
    Document,
    Inbound,
    InboundChoice,
    InboundText,
    ListMessage,
    Outbound,
    Text,
)
from flows.registry import PROMPTS
from flows.understanding import Option, how_to_answer, pick
from flows.words import say

STALE = "__stale__"
COMMAND_PREFIX = "cmd:"


async def go(ctx: TurnContext, trigger: str, *, remember: bool = True) -> None:
    """Fire `trigger`, then ask the new state's question."""
    before = ctx.state.state
    after = fire(before, trigger)
    if remember and before not in WAITING_FOR_BOT and before != after:
        ctx.state.push_back()
    ctx.state.state = after
    ctx.state.step += 1
    ctx.record("state_changed", trigger=trigger, source=before, dest=after)
    await ask(ctx)


async def ask(ctx: TurnContext) -> None:
    """(Re)ask the current state's question."""
    prompt = PROMPTS.get(ctx.state.state)
    if prompt is not None:
        await prompt(ctx)


def choice(ctx: TurnContext, action: str) -> str:
    """A button/row id for the current question: old taps carry an old step and are refused."""
    return f"{ctx.state.step}:{action}"


def command_button(name: str, title: str) -> Button:
    return Button(f"{COMMAND_PREFIX}{name}", title)


def chosen(ctx: TurnContext, inbound: Inbound) -> str | None:
    """The action of a tap on the current question, STALE for an old one, None for no tap."""
    if not isinstance(inbound, InboundChoice):
        return None
    step, _, action = inbound.id.partition(":")
    if not step.isdigit() or not action:
        return STALE
    return action if int(step) == ctx.state.step else STALE


def text_of(inbound: Inbound) -> str | None:
    return inbound.text if isinstance(inbound, InboundText) else None


def answer(ctx: TurnContext, inbound: Inbound, options: Sequence[Option]) -> str | None:
    """The action the parent chose here: a tap (STALE for an old one), or typed words that
    name one of `options` ("yes thats fine", "the second one", "jungle friends please")."""
    action = chosen(ctx, inbound)
    if action is not None:
        return action
    text = text_of(inbound)
    return pick(text, options) if text else None


def buttons_of(ctx: TurnContext, options: Sequence[Option]) -> tuple[Button, ...]:
    return tuple(Button(choice(ctx, o.action), o.title) for o in options)


async def repair(
    ctx: TurnContext,
    inbound: Inbound,
    reason: str | None = None,
    *,
    options: Sequence[Option] = (),
    list_button: str | None = None,
    **values: Any,
) -> None:
    """Anything unexpected: what to send at this step, then the question again. No dead ends.

    The words are `reason`'s when given; otherwise they name the choices offered here, from
    `options` (with the numbers a parent may send) or from the question as it is asked."""
    if chosen(ctx, inbound) == STALE:
        ctx.send(Text(say("stale_choice")))
        await ask(ctx)
        return
    start = len(ctx.out)
    await ask(ctx)
    if reason is not None:
        how = say(reason, **values)
    elif options:
        how = say("not_understood", how=how_to_answer(options, list_button))
    else:
        how = say("not_understood", how=_how_from(ctx.out[start:]))
    ctx.send_before(start, Text(how))


def _how_from(asked: Sequence[Outbound]) -> str:
    """What to do, read from the question just asked: its buttons or its list."""
    for message in reversed(asked):
        if isinstance(message, ListMessage):
            return how_to_answer((), message.button)
        if isinstance(message, Buttons | Document) and message.buttons:
            return how_to_answer([Option(b.id, b.title) for b in message.buttons])
    return say("type_answer")

"""Moving through the journey inside a turn: triggers, questions, choices, repairs."""

from __future__ import annotations

from flows.context import TurnContext
from flows.journey import WAITING_FOR_BOT, fire
from flows.messages import Button, Buttons, Inbound, InboundChoice, InboundText, Text
from flows.registry import PROMPTS
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


async def repair(ctx: TurnContext, inbound: Inbound, reason: str = "not_understood") -> None:
    """Anything unexpected: a short reply, then the current question again. No dead ends."""
    key = "stale_choice" if chosen(ctx, inbound) == STALE else reason
    ctx.send(Text(say(key)))
    await ask(ctx)


def yes_no(
    ctx: TurnContext, text: str, yes: str, no: str, *, yes_title: str = "Yes", no_title: str = "No"
) -> Buttons:
    return Buttons(text, (Button(choice(ctx, yes), yes_title), Button(choice(ctx, no), no_title)))

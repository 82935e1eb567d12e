"""Shipping a printed book: the address confirmation (fix one line), and the print partner's
cost check (a job) before the parent is asked to pay."""

from __future__ import annotations

from flows.context import TurnContext
from flows.messages import Button, Buttons, Inbound, JobFinished, ListMessage, Row, Text
from flows.registry import handler, prompt
from flows.steps.buying import ADDRESS_FIELDS, _start_payment
from flows.turn import choice, chosen, go, repair, text_of
from flows.words import say

ADDRESS_LABELS = {
    "address_name": "Name",
    "address_line1": "Address line 1",
    "address_line2": "Address line 2",
    "address_city": "City",
    "address_state": "State",
    "address_pin": "PIN code",
    "address_phone": "Phone",
}


def _address_text(address: dict[str, str]) -> str:
    lines = [address.get(ADDRESS_FIELDS[state][0]) or "" for state in ADDRESS_FIELDS]
    name, line1, line2, city, state, pin, phone = lines
    shown = [name, line1, line2, f"{city}, {state} {pin}", f"Phone: {phone}"]
    return "\n".join(line for line in shown if line.strip())


@prompt("address_confirm")
async def ask_address_confirm(ctx: TurnContext) -> None:
    buttons = (
        Button(choice(ctx, "ok"), "Looks right"),
        Button(choice(ctx, "fix"), "Fix a line"),
    )
    text = say("address_confirm", address=_address_text(ctx.slots.get("address", {})))
    ctx.send(Buttons(text, buttons))


@handler("address_confirm")
async def on_address_confirm(ctx: TurnContext, inbound: Inbound) -> None:
    action = chosen(ctx, inbound) or (text_of(inbound) or "").strip().casefold()
    if action in ("ok", "yes", "looks right", "right", "correct"):
        address_id = await ctx.deps.addresses.save_address(ctx.user_id, ctx.slots["address"])
        ctx.slots["address_id"] = address_id
        ctx.request_job("print_quote", address_id=address_id)
        await go(ctx, "address_ok", remember=False)
    elif action in ("fix", "no", "fix a line", "change"):
        await go(ctx, "fix_address")
    else:
        await repair(ctx, inbound)


@prompt("address_fix")
async def ask_address_fix(ctx: TurnContext) -> None:
    rows = tuple(Row(choice(ctx, state), ADDRESS_LABELS[state]) for state in ADDRESS_FIELDS)
    ctx.send(ListMessage(say("address_fix_which"), "Choose a line", rows))


@handler("address_fix")
async def on_address_fix(ctx: TurnContext, inbound: Inbound) -> None:
    action = chosen(ctx, inbound)
    if action in ADDRESS_FIELDS:
        ctx.slots["fixing_address"] = True
        await go(ctx, f"fix_{action}", remember=False)
    else:
        await repair(ctx, inbound)


@prompt("checking_print")
async def say_checking_print(ctx: TurnContext) -> None:
    ctx.send(Text(say("checking_print")))


@handler("checking_print")
async def on_checking_print(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, JobFinished) and inbound.job == "print_quote":
        if inbound.ok:
            await _start_payment(ctx, "print", "address_done")
        elif inbound.error and inbound.error.startswith("refused:"):
            reason = inbound.error.removeprefix("refused:").strip() or "the address was refused"
            ctx.send(Text(say("print_refused", reason=reason)))
            await go(ctx, "print_refused", remember=False)
        else:
            retry = (Button(choice(ctx, "retry_quote"), "Try again"),)
            ctx.send(Buttons(say("print_check_failed"), retry))
        return
    if chosen(ctx, inbound) == "retry_quote" and ctx.slots.get("address_id"):
        ctx.request_job("print_quote", address_id=ctx.slots["address_id"])
        ctx.send(Text(say("checking_print")))
        return
    ctx.send(Text(say("still_working", progress="checking the address with our printer")))

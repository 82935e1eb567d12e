"""Shipping a printed book: the address confirmation (fix one line), and the print partner's
cost check (a job) before the parent is asked to pay."""

from __future__ import annotations

from flows.context import TurnContext
from flows.messages import Button, Buttons, Inbound, JobFinished, ListMessage, Row, Text
from flows.registry import handler, prompt
from flows.steps.buying import ADDRESS_FIELDS, _start_payment
from flows.turn import answer, buttons_of, choice, chosen, go, repair
from flows.understanding import Option
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


LINES_LIST = "Choose a line"
CONFIRM = (
    Option("ok", "Looks right", means="yes", words=("correct", "right", "all good")),
    Option("fix", "Fix a line", means="no", words=("fix", "change", "wrong", "edit", "mistake")),
)
# Each line of the address, numbered as listed, with the words a parent may call it.
LINES = tuple(
    Option(state, ADDRESS_LABELS[state], number, words=words)
    for number, (state, words) in enumerate(
        (
            ("address_name", ("name",)),
            ("address_line1", ("street", "house", "line 1", "first line")),
            ("address_line2", ("apartment", "flat", "floor", "landmark", "line 2", "second line")),
            ("address_city", ("city", "town")),
            ("address_state", ("state",)),
            ("address_pin", ("pin", "pincode", "postcode", "zip", "postal code")),
            ("address_phone", ("phone", "mobile", "number")),
        ),
        1,
    )
)


@prompt("address_confirm")
async def ask_address_confirm(ctx: TurnContext) -> None:
    text = say("address_confirm", address=_address_text(ctx.slots.get("address", {})))
    ctx.send(Buttons(text, buttons_of(ctx, CONFIRM)))


@handler("address_confirm")
async def on_address_confirm(ctx: TurnContext, inbound: Inbound) -> None:
    action = answer(ctx, inbound, CONFIRM)
    if action == "ok":
        address_id = await ctx.deps.addresses.save_address(ctx.user_id, ctx.slots["address"])
        ctx.slots["address_id"] = address_id
        ctx.request_job("print_quote", address_id=address_id)
        await go(ctx, "address_ok", remember=False)
    elif action == "fix":
        await go(ctx, "fix_address")
    else:
        await repair(ctx, inbound, options=CONFIRM)


@prompt("address_fix")
async def ask_address_fix(ctx: TurnContext) -> None:
    rows = tuple(Row(choice(ctx, line.action), line.title) for line in LINES)
    ctx.send(ListMessage(say("address_fix_which"), LINES_LIST, rows))


@handler("address_fix")
async def on_address_fix(ctx: TurnContext, inbound: Inbound) -> None:
    action = answer(ctx, inbound, LINES)
    if action in ADDRESS_FIELDS:
        ctx.slots["fixing_address"] = True
        await go(ctx, f"fix_{action}", remember=False)
    else:
        await repair(ctx, inbound, options=LINES, list_button=LINES_LIST)


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

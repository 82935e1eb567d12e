"""Buying: fulfilment, shipping address, the payment link, and delivering the final book."""

from __future__ import annotations

from domain.books import pdf_filename
from flows.context import TurnContext
from flows.messages import (
    Button,
    Buttons,
    Document,
    Inbound,
    JobFinished,
    Link,
    PaymentConfirmed,
    Text,
)
from flows.parsing import is_skip, parse_phone, parse_pin
from flows.registry import handler, prompt
from flows.steps.in_chat import order_status, request_order
from flows.steps.profile import start_series
from flows.turn import answer, buttons_of, choice, chosen, command_button, go, repair, text_of
from flows.understanding import Option
from flows.words import say

ADDRESS_FIELDS = {
    "address_name": ("name", "ask_address_name"),
    "address_line1": ("line1", "ask_address_line1"),
    "address_line2": ("line2", "ask_address_line2"),
    "address_city": ("city", "ask_address_city"),
    "address_state": ("state", "ask_address_state"),
    "address_pin": ("pin", "ask_address_pin"),
    "address_phone": ("phone", "ask_address_phone"),
}
# "Try again" after something failed on our side.
RETRY = (Option("retry", "Try again", means="yes", words=("try again", "retry", "again")),)
ANOTHER = (
    Option("another", "Make another book", means="yes", words=("another", "new book", "one more")),
)


def _fulfilments(pdf_price: str, print_price: str) -> tuple[Option, Option]:
    return (
        Option(
            "pdf",
            f"PDF {pdf_price}",
            words=("pdf", "digital", "download", "ebook", "e book", "soft copy", "file"),
        ),
        Option(
            "print",
            f"Printed {print_price}",
            words=("print", "printed", "paper", "hard copy", "hardcopy", "physical", "ship",
                   "posted", "hardcover", "real book", "delivered", "delivery"),
        ),
    )  # fmt: skip


async def begin_purchase(ctx: TurnContext) -> None:
    if ctx.deps.settings.print_ship:
        await go(ctx, "buy")
    else:
        await _start_payment(ctx, "pdf", "buy_pdf")


async def _start_payment(ctx: TurnContext, fulfilment: str, trigger: str) -> None:
    """The turn writes the payment; a job asks the provider for the link (never in a turn)."""
    start = await ctx.deps.payments.start_payment(ctx.slots["book_id"], fulfilment, ctx.user_id)
    ctx.slots.update(
        payment_id=start.payment_id, pay_url=start.url, price=start.price,
        fulfilment=fulfilment, payment_started=True, in_chat=start.in_chat,
    )  # fmt: skip
    if start.in_chat and start.url is None:
        request_order(ctx)
    elif start.url is None:
        ctx.request_job("payment_link", payment_id=start.payment_id)
    await go(ctx, trigger)


@prompt("choose_fulfilment")
async def ask_fulfilment(ctx: TurnContext) -> None:
    ctx.send(Buttons(say("choose_fulfilment"), buttons_of(ctx, await _fulfilment_options(ctx))))


async def _fulfilment_options(ctx: TurnContext) -> tuple[Option, Option]:
    payments, user = ctx.deps.payments, ctx.user_id
    return _fulfilments(
        await payments.price_text(user, "pdf"), await payments.price_text(user, "print")
    )


@handler("choose_fulfilment")
async def on_fulfilment(ctx: TurnContext, inbound: Inbound) -> None:
    action = answer(ctx, inbound, await _fulfilment_options(ctx))
    if action == "pdf":
        await _start_payment(ctx, "pdf", "buy_pdf")
    elif action == "print":
        ctx.slots["address"] = {}
        await go(ctx, "buy_print")
    else:
        await repair(ctx, inbound)


@prompt(*ADDRESS_FIELDS)
async def ask_address(ctx: TurnContext) -> None:
    _field, words = ADDRESS_FIELDS[ctx.state.state]
    if ctx.state.state == "address_line2":
        ctx.send(Buttons(say(words), (Button(choice(ctx, "skip"), "Skip"),)))
    else:
        ctx.send(Text(say(words)))


@handler(*ADDRESS_FIELDS)
async def on_address(ctx: TurnContext, inbound: Inbound) -> None:
    field, _words = ADDRESS_FIELDS[ctx.state.state]
    text = text_of(inbound)
    skipped = chosen(ctx, inbound) == "skip" or (text is not None and is_skip(text))
    if field == "line2" and skipped:
        value: str | None = ""
    elif text is None:
        await repair(ctx, inbound, "type_answer")
        return
    else:
        value = _valid(ctx, field, text)
        if value is None:
            return
    ctx.slots.setdefault("address", {})[field] = value
    if ctx.slots.pop("fixing_address", False):
        await go(ctx, "address_fixed", remember=False)
    else:
        await go(ctx, "address_next")


def _valid(ctx: TurnContext, field: str, text: str) -> str | None:
    if field == "pin":
        pin = parse_pin(text)
        if pin is None:
            ctx.send(Text(say("bad_pin")))
        return pin
    if field == "phone":
        phone = parse_phone(text)
        if phone is None:
            ctx.send(Text(say("bad_phone")))
        return phone
    value = " ".join(text.split())
    if not 2 <= len(value) <= 100:
        ctx.send(Text(say("bad_address_field")))
        return None
    return value


def _pay_link(ctx: TurnContext) -> Link:
    return Link(
        say("pay_link", title=ctx.slots.get("title") or "your book", price=ctx.slots["price"]),
        "Pay now",
        ctx.slots["pay_url"],
    )


def _pay_link_or_wait(ctx: TurnContext) -> Text | Link | None:
    if ctx.slots.get("pay_url"):
        return _pay_link(ctx)
    if ctx.slots.get("in_chat"):  # the order message itself asks; until it is out, nothing
        return Text(say("in_chat_waiting")) if ctx.slots.get("order_sent") else None
    title = ctx.slots.get("title") or "your book"
    return Text(say("preparing_pay_link", title=title, price=ctx.slots["price"]))


def _send_pay_link_or_wait(ctx: TurnContext) -> None:
    message = _pay_link_or_wait(ctx)
    if message is not None:
        ctx.send(message)


@prompt("awaiting_payment")
async def ask_payment(ctx: TurnContext) -> None:
    _send_pay_link_or_wait(ctx)


async def _on_order_job(ctx: TurnContext, inbound: JobFinished) -> None:
    """The order is in the chat, or WhatsApp refused it and the link takes its place."""
    how = inbound.subject_id or ""
    if not inbound.ok:
        ctx.send(Buttons(say("order_failed"), (Button(choice(ctx, "retry_link"), "Try again"),)))
        return
    if how.startswith("link"):
        code, _, reason = how.removeprefix("link").lstrip(":").partition(":")
        ctx.slots["in_chat"] = False
        ctx.record("in_chat_payment_refused", audit=True, code=code or "earlier", reason=reason)
        await _on_link_job(ctx, JobFinished("payment_link", True))
        return
    ctx.slots["order_sent"] = True
    ctx.record("in_chat_order_sent", price=ctx.slots.get("price", ""))


async def _on_link_job(ctx: TurnContext, inbound: JobFinished) -> None:
    url = await ctx.deps.payments.link_of(ctx.slots["payment_id"]) if inbound.ok else None
    if url is None:
        ctx.send(Buttons(say("pay_link_failed"), (Button(choice(ctx, "retry_link"), "Try again"),)))
        return
    ctx.slots["pay_url"] = url
    ctx.send(_pay_link(ctx))


@handler("awaiting_payment")
async def on_awaiting_payment(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, JobFinished):
        if inbound.job == "order_details":
            await _on_order_job(ctx, inbound)
        else:
            await _on_link_job(ctx, inbound)
        return
    if not ctx.slots.get("pay_url") and chosen(ctx, inbound) == "retry_link":
        if ctx.slots.get("in_chat"):
            request_order(ctx)
        else:
            ctx.request_job("payment_link", payment_id=ctx.slots["payment_id"])
        _send_pay_link_or_wait(ctx)
        return
    if isinstance(inbound, PaymentConfirmed) and inbound.book_id == ctx.slots.get("book_id"):
        if inbound.paid:
            ctx.request_job(
                "final", book_id=inbound.book_id, address_id=ctx.slots.get("address_id")
            )
            if ctx.slots.get("fulfilment") == "print":
                order_status(ctx, "processing", "order_processing")
            await go(ctx, "paid", remember=False)
            # Said from the next step, so the payment link above shows as used.
            ctx.send(Text(say("payment_thanks")))
        elif ctx.slots.get("in_chat"):
            ctx.send(Text(say("in_chat_declined")))
        else:  # the same link again, or a new order where a declined one stays declined
            ctx.send(Text(say("payment_declined")))
            fulfilment = ctx.slots.get("fulfilment", "pdf")
            start = await ctx.deps.payments.start_payment(inbound.book_id, fulfilment, ctx.user_id)
            ctx.slots.update(payment_id=start.payment_id, pay_url=start.url, price=start.price)
            if start.url is None:
                ctx.request_job("payment_link", payment_id=start.payment_id)
            _send_pay_link_or_wait(ctx)
        return
    if ctx.slots.get("pay_url"):
        ctx.send(Text(say("waiting_payment")))
    _send_pay_link_or_wait(ctx)


@prompt("writing_final")
async def say_writing_final(ctx: TurnContext) -> None:
    return None  # payment_thanks already said what is happening


@handler("writing_final")
async def on_writing_final(ctx: TurnContext, inbound: Inbound) -> None:
    if isinstance(inbound, JobFinished) and inbound.job == "final":
        if inbound.ok:
            await deliver(ctx)
        else:
            await go(ctx, "final_failed", remember=False)
        return
    ctx.send(Text(say("still_working", progress="preparing the print file")))


async def deliver(ctx: TurnContext) -> None:
    book = await ctx.deps.books.get(ctx.slots["book_id"])
    assert book.final_pdf_id is not None  # only a PAID book is ever finalised
    filename = pdf_filename(ctx.slots["name"], book.title or "", "final")
    ctx.send(Document(book.final_pdf_id, filename, say("final_caption", title=book.title)))
    ctx.record("pdf_link_issued", audit=True, book_id=book.id, kind="final")
    if ctx.slots.get("fulfilment") == "print":
        ctx.send(Text(say("print_ordered", city=ctx.slots.get("address", {}).get("city", "you"))))
    await ctx.deps.books.mark_delivered(book.id)
    if ctx.slots.get("fulfilment") != "print":  # a printed book completes when it ships
        order_status(ctx, "completed", "order_completed")
    done = (
        "book_id", "storyline_id", "pay_url", "payment_id", "payment_started", "changing_book",
        "in_chat", "order_sent", "address_id",
    )  # fmt: skip
    for key in done:
        ctx.slots.pop(key, None)
    await go(ctx, "final_ready", remember=False)


@prompt("final_failed")
async def ask_final_retry(ctx: TurnContext) -> None:
    buttons = (
        Button(choice(ctx, "retry"), "Try again"),
        command_button("human", "Talk to a person"),
    )
    ctx.send(Buttons(say("generation_failed"), buttons))


@handler("final_failed")
async def on_final_failed(ctx: TurnContext, inbound: Inbound) -> None:
    if answer(ctx, inbound, RETRY) == "retry":
        ctx.request_job("final", book_id=ctx.slots["book_id"])
        await go(ctx, "retry_final", remember=False)
    else:
        await repair(ctx, inbound)


@prompt("delivered")
async def ask_after_delivery(ctx: TurnContext) -> None:
    buttons = (
        Button(choice(ctx, "another"), "Make another book"),
        command_button("library", "My books"),
    )
    ctx.send(Buttons(say("after_delivery"), buttons))


@handler("delivered")
async def on_delivered(ctx: TurnContext, inbound: Inbound) -> None:
    if answer(ctx, inbound, ANOTHER) == "another":
        await start_series(ctx, "new_book")
    else:
        await repair(ctx, inbound)

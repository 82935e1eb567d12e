"""Paying inside WhatsApp (India): what the buying steps ask of the jobs that send the order
and its status updates (the words are the flows'; the jobs call WhatsApp)."""

from __future__ import annotations

from flows.context import TurnContext
from flows.words import say


def request_order(ctx: TurnContext) -> None:
    """Paying inside WhatsApp: a job sends the order_details message (or, if WhatsApp
    refuses it, makes the payment link instead)."""
    title = ctx.slots.get("title") or "your book"
    address = ctx.slots.get("address") if ctx.slots.get("fulfilment") == "print" else None
    ctx.request_job(
        "order_details",
        payment_id=ctx.slots["payment_id"],
        body=say("in_chat_order", title=title, price=ctx.slots["price"]),
        footer=say("in_chat_footer"),
        ship_to=_beneficiary(address) if address else None,
    )


def _beneficiary(address: dict[str, str]) -> dict[str, str]:
    """The shipping address as WhatsApp's order wants it (printed books; India only)."""
    found = {
        "name": address.get("name", ""),
        "address_line1": address.get("line1", ""),
        "address_line2": address.get("line2") or "",
        "city": address.get("city", ""),
        "state": address.get("state", ""),
        "country": "India",
        "postal_code": address.get("pin", ""),
    }
    return {k: v for k, v in found.items() if v}


def order_status(ctx: TurnContext, status: str, words: str) -> None:
    """An order_status message for an order paid in the chat (sent by a job)."""
    if ctx.slots.get("in_chat") and ctx.slots.get("payment_id"):
        title = ctx.slots.get("title") or "your book"
        body = say(words, title=title)
        ctx.request_job(
            "order_status", payment_id=ctx.slots["payment_id"], status=status, body=body
        )

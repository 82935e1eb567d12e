"""Waiting for an in-chat payment: the order job's outcome (in the chat, refused -> the link,
failed -> Try again), words while waiting, a declined attempt, and the order's status jobs."""

from __future__ import annotations

from test_payment_link_step import URL, FakePayments, context

from flows import engine
from flows.messages import (
    Buttons,
    InboundChoice,
    InboundText,
    JobFinished,
    Link,
    PaymentConfirmed,
    Text,
)
from flows.state import ConversationState
from flows.words import say

SLOTS = {
    "book_id": "b1", "payment_id": "p1", "price": "₹499", "title": "Zoya's Moon",
    "in_chat": True, "fulfilment": "pdf",
}  # fmt: skip


def waiting(**slots: object) -> ConversationState:
    return ConversationState(state="awaiting_payment", slots={**SLOTS, **slots}, step=9)


async def test_the_order_in_the_chat_is_the_prompt_and_words_while_waiting_point_to_it():
    state = waiting()
    ctx = context(FakePayments(), state)
    await engine.handle(ctx, JobFinished("order_details", True, subject_id="in_chat"))
    assert ctx.out == [] and state.slots["order_sent"] is True
    assert [e.name for e in ctx.events] == ["in_chat_order_sent"]
    ctx = context(FakePayments(), state)
    await engine.handle(ctx, InboundText("hello?"))
    assert ctx.out == [Text(say("in_chat_waiting"))] and ctx.jobs == []


async def test_a_refusal_sends_the_link_and_says_why_in_the_transcript():
    state = waiting()
    ctx = context(FakePayments(link_url=URL), state)
    how = "link:134011:WhatsApp Payments terms of service has not been accepted"
    await engine.handle(ctx, JobFinished("order_details", True, subject_id=how))
    [link] = ctx.out
    assert isinstance(link, Link) and link.url == URL and state.slots["in_chat"] is False
    [event] = ctx.events
    assert event.name == "in_chat_payment_refused" and event.data["code"] == "134011"
    assert "terms of service" in event.data["reason"]


async def test_a_failed_order_job_offers_try_again_which_asks_for_the_order_again():
    state = waiting()
    ctx = context(FakePayments(), state)
    await engine.handle(ctx, JobFinished("order_details", False, error="ProviderDown"))
    [failed] = ctx.out
    assert isinstance(failed, Buttons) and failed.text == say("order_failed")
    ctx = context(FakePayments(), state)
    await engine.handle(ctx, InboundChoice(failed.buttons[0].id))
    [job] = ctx.jobs
    assert job.kind == "order_details" and job.payload["payment_id"] == "p1"
    assert "₹499" in job.payload["body"] and job.payload["ship_to"] is None


async def test_a_declined_attempt_points_to_the_order_and_a_paid_one_asks_for_the_book():
    state = waiting(order_sent=True)
    ctx = context(FakePayments(), state)
    await engine.handle(ctx, PaymentConfirmed("b1", False))
    assert ctx.out == [Text(say("in_chat_declined"))]
    ctx = context(FakePayments(), state)
    await engine.handle(ctx, PaymentConfirmed("b1", True))
    assert [j.kind for j in ctx.jobs] == ["final"]  # the PDF completes once delivered
    printed = waiting(order_sent=True, fulfilment="print")
    ctx = context(FakePayments(), printed)
    await engine.handle(ctx, PaymentConfirmed("b1", True))
    assert [(j.kind, j.payload.get("status")) for j in ctx.jobs] == [
        ("final", None), ("order_status", "processing"),
    ]  # fmt: skip

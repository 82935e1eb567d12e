"""Waiting for the payment link: it is made by a job after the turn that kept the payment; a
failed attempt is said plainly with a Try again button, which asks for it again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flows import engine
from flows.context import FlowDeps, TurnContext
from flows.messages import Buttons, InboundChoice, InboundText, JobFinished, Link, Text
from flows.state import ConversationState
from flows.words import say

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
URL = "https://pay.example/ord_1"


@dataclass
class FakePayments:
    link_url: str | None = None

    async def link_of(self, payment_id: str) -> str | None:
        return self.link_url


def context(payments: FakePayments, state: ConversationState) -> TurnContext:
    deps = FlowDeps(  # only the payments are used at this step
        profiles=None, options=None, books=None, payments=payments,  # type: ignore[arg-type]
        eraser=None, addresses=None, moderation=None,  # type: ignore[arg-type]
    )  # fmt: skip
    return TurnContext(state=state, user_id="u1", deps=deps, now=NOW)


async def test_the_link_arrives_after_a_failed_attempt_and_a_retry():
    payments = FakePayments()
    slots = {"book_id": "b1", "payment_id": "p1", "price": "₹499", "title": "Zoya's Moon"}
    state = ConversationState(state="awaiting_payment", slots=slots, step=9)

    ctx = context(payments, state)
    await engine.handle(ctx, JobFinished("payment_link", False, error="ProviderDown"))
    [failed] = ctx.out
    assert isinstance(failed, Buttons) and failed.text == say("pay_link_failed")
    assert ctx.jobs == []

    ctx = context(payments, state)  # words while waiting: the link is still on its way
    await engine.handle(ctx, InboundText("hello?"))
    assert ctx.out == [Text(say("preparing_pay_link", title="Zoya's Moon", price="₹499"))]
    assert ctx.jobs == []

    ctx = context(payments, state)
    await engine.handle(ctx, InboundChoice(failed.buttons[0].id))
    assert [(j.kind, j.payload) for j in ctx.jobs] == [("payment_link", {"payment_id": "p1"})]

    payments.link_url = URL
    ctx = context(payments, state)
    await engine.handle(ctx, JobFinished("payment_link", True, subject_id="p1"))
    [link] = ctx.out
    assert isinstance(link, Link) and link.url == URL and state.slots["pay_url"] == URL
    assert state.state == "awaiting_payment"

"""WhatsAppInChatCheckout against the strict fake Graph server: orders through pywa's raw API
call, refusals, the payments lookup, order statuses and refunds."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.fake_graph import FakeGraph
from support.wa_driver import PHONE_NUMBER_ID, TOKEN

from adapters.whatsapp.graph import GraphConfig, open_client
from adapters.whatsapp.in_chat import WhatsAppInChatCheckout
from domain.in_chat import OrderRefused, OrderRequest, OrderUpdate
from domain.money import Money
from domain.payments import Payment, PaymentProviderError, PaymentStatus

REF = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


@pytest.fixture
async def world(aiohttp_server):
    graph = FakeGraph(TOKEN, PHONE_NUMBER_ID, payment_configuration="rzp config")
    server = await aiohttp_server(graph.app())
    graph.base_url = str(server.make_url("")).rstrip("/")
    client, session = open_client(GraphConfig(graph.base_url, "23.0", TOKEN, PHONE_NUMBER_ID))
    yield graph, WhatsAppInChatCheckout(client, PHONE_NUMBER_ID, "rzp config")
    await session.aclose()


def an_order(reference_id: str = REF) -> OrderRequest:
    return OrderRequest(
        reference_id=reference_id, to="919800000001", goods="digital-goods",
        item_name="Zoya and the Moon", amount=Money(49900, "INR"), body="Tap Review and pay",
        footer="Secure payment through Razorpay", notes={"payment_id": reference_id},
    )  # fmt: skip


async def test_an_order_is_sent_once_and_the_lookup_follows_its_payment(world):
    graph, checkout = world
    assert await checkout.lookup(REF) is None  # no such order yet
    wamid = await checkout.send_order(an_order())
    assert graph.payments.orders[REF]["wamid"] == wamid
    state = await checkout.lookup(REF)
    assert state is not None and state.status == "created"
    with pytest.raises(PaymentProviderError):  # a reference id is used once
        await checkout.send_order(an_order())
    graph.payments.pay(REF, "failed")
    failed = await checkout.check(REF)
    assert failed.status == "failed"
    graph.payments.pay(REF, "success")
    paid = await checkout.check(REF)
    assert (paid.status, paid.amount_minor, paid.currency) == ("paid", 49900, "INR")
    assert paid.payment_id and paid.payment_id.startswith("pay_WA")


@pytest.mark.parametrize("code", [131026, 134011, 134020])
async def test_refusals_that_a_link_gets_around_are_told_apart(world, code):
    graph, checkout = world
    graph.refuse_orders = [(400, code)]
    with pytest.raises(OrderRefused) as refused:
        await checkout.send_order(an_order())
    assert refused.value.code == code and refused.value.reason
    graph.refuse_orders = [(400, 131009)]
    with pytest.raises(PaymentProviderError):  # not a refusal: our own mistake, not retried
        await checkout.send_order(an_order())


async def test_order_statuses_and_a_refund(world):
    graph, checkout = world
    await checkout.send_order(an_order())
    graph.payments.pay(REF, "success")
    update = OrderUpdate(reference_id=REF, to="919800000001", status="completed", body="Done")
    await checkout.send_status(update)
    with pytest.raises(PaymentProviderError):  # completed is final (2046)
        await checkout.send_status(update)
    now = datetime.now(UTC)
    payment = Payment(
        id=REF, book_id=None, user_id=None, provider="whatsapp", provider_order_id="w",
        amount=Money(49900, "INR"), status=PaymentStatus.PAID, created_at=now, updated_at=now,
    )  # fmt: skip
    assert (await checkout.refund(payment, "asked")).startswith("refund-")
    with pytest.raises(PaymentProviderError):  # nothing left to refund
        await checkout.refund(payment, "again")

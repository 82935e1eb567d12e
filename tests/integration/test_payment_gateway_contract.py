"""The PaymentGateway port's contract, run against the sandbox, Razorpay and PayPal alike
(the last two against their strict fakes on loopback)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from support.pay_world import PP, RZP, browser_submit, fake_paypal, fake_razorpay

from adapters.paypal.gateway import PayPalPaymentGateway
from adapters.provider_http import ProviderHttp
from adapters.razorpay.gateway import RazorpayPaymentGateway
from adapters.sandbox_payments import SandboxPaymentGateway
from adapters.system import SystemClock
from domain.money import Money
from domain.payments import Payment, PaymentProviderError, PaymentStatus

_ids = itertools.count(1)


def a_payment(gateway, amount_minor: int = 49900) -> Payment:
    now = datetime.now(UTC)
    return Payment(
        id=f"pay{next(_ids):08d}x{id(gateway) % 10000:04d}", book_id="book1", user_id="user1",
        provider=gateway.provider, provider_order_id=None,
        amount=Money(amount_minor, gateway.currency), status=PaymentStatus.CREATED,
        created_at=now, updated_at=now,
    )  # fmt: skip


@pytest.fixture(params=["sandbox", "razorpay", "paypal"])
async def world(request, aiohttp_server):
    """(gateway, pay(link, payment)) for each implementation."""
    base = "http://127.0.0.1:8080"
    if request.param == "sandbox":
        gateway = SandboxPaymentGateway(base, lambda: "sbx-id-0001")

        async def pay(link, payment):
            gateway.answered(link.order_id, "sbx_pay_1", payment.amount, True)

        yield gateway, pay
        return
    fake = fake_razorpay() if request.param == "razorpay" else fake_paypal()
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("")).rstrip("/")
    http = ProviderHttp(fake.base_url, backoff_seconds=0.01)
    if request.param == "razorpay":
        gateway = RazorpayPaymentGateway(
            http, RZP["razorpay_key_id"], RZP["razorpay_key_secret"], base, SystemClock()
        )
        outcome = "pay"
    else:
        gateway = PayPalPaymentGateway(
            http, PP["paypal_client_id"], PP["paypal_client_secret"], base
        )
        outcome = "approve"

    async def pay(link, payment):
        await browser_submit(link.url, outcome)

    yield gateway, pay
    await http.close()


async def test_a_new_link_is_open_and_made_once_per_payment(world):
    gateway, _pay = world
    payment = a_payment(gateway)
    link = await gateway.create_link(payment, "Storybook: The Moon")
    assert link.url.startswith("http") and link.order_id
    again = await gateway.create_link(payment, "Storybook: The Moon")  # a retried job
    assert again.order_id == link.order_id
    state = await gateway.check(link.order_id)
    assert (state.order_id, state.status) == (link.order_id, "created")


async def test_a_paid_link_reports_the_amount_and_a_payment_id(world):
    gateway, pay = world
    payment = a_payment(gateway, 59900)
    link = await gateway.create_link(payment, "Storybook")
    await pay(link, payment)
    state = await gateway.check(link.order_id)
    assert state.status == "paid" and state.payment_id
    assert (state.amount_minor, state.currency) == (59900, gateway.currency)
    assert await gateway.check(link.order_id) == state  # asking again changes nothing


async def test_a_paid_payment_can_be_refunded_once(world):
    gateway, pay = world
    payment = a_payment(gateway)
    link = await gateway.create_link(payment, "Storybook")
    await pay(link, payment)
    state = await gateway.check(link.order_id)
    payment.provider_order_id, payment.provider_payment_id = link.order_id, state.payment_id
    payment.status = PaymentStatus.PAID
    refund_id = await gateway.refund(payment, "the parent asked")
    assert refund_id
    assert (
        await gateway.refund(payment, "the parent asked") == refund_id
        or gateway.provider == "sandbox"
    )


async def test_an_unknown_order_is_an_error_not_a_guess(world):
    gateway, _pay = world
    if gateway.provider == "sandbox":
        assert (await gateway.check("sbx_order_nope")).status == "created"  # nothing paid
        return
    with pytest.raises(PaymentProviderError) as caught:
        await gateway.check("plink_0000000000nope" if gateway.provider == "razorpay" else "5ONOPE")
    assert caught.value.status == 404

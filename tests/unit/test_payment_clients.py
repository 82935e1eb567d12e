"""The provider clients' error paths (aioresponses): timeouts, connection resets, 429 and 5xx
retried with backoff, malformed answers; and Razorpay's signatures as its own SDK checks them."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

import aiohttp
import pytest
import razorpay
from aioresponses import aioresponses
from support.fake_razorpay import FakeRazorpay, callback_signature

from adapters.paypal.gateway import PayPalPaymentGateway
from adapters.provider_http import ProviderHttp
from adapters.razorpay import webhooks as rzp_webhooks
from adapters.razorpay.gateway import RazorpayPaymentGateway
from adapters.system import SystemClock
from domain.money import Money
from domain.payments import Payment, PaymentProviderError, PaymentStatus

API = "https://api.razorpay.test"
PAYPAL = "https://api-m.paypal.test"
LINK = {"id": "plink_1", "short_url": "https://rzp.io/i/abc", "status": "created"}


def payment(currency: str = "INR") -> Payment:
    now = datetime.now(UTC)
    return Payment(
        id="p0001", book_id="b1", user_id="u1", provider="razorpay", provider_order_id=None,
        amount=Money(49900 if currency == "INR" else 599, currency),
        status=PaymentStatus.CREATED, created_at=now, updated_at=now,
    )  # fmt: skip


class Sleeps:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def razorpay_gateway(sleeps: Sleeps, attempts: int = 4) -> RazorpayPaymentGateway:
    http = ProviderHttp(API, attempts=attempts, backoff_seconds=0.5, sleep=sleeps)
    return RazorpayPaymentGateway(http, "rzp_test_k", "secret", "https://shop.test", SystemClock())


async def test_429_and_5xx_are_retried_with_growing_backoff():
    sleeps = Sleeps()
    gateway = razorpay_gateway(sleeps)
    with aioresponses() as m:
        m.post(f"{API}/v1/payment_links", status=429, headers={"Retry-After": "2"})
        m.post(f"{API}/v1/payment_links", status=502, body="<html>bad gateway</html>")
        m.post(f"{API}/v1/payment_links", status=503)
        m.post(f"{API}/v1/payment_links", status=200, payload=LINK)
        link = await gateway.create_link(payment(), "Storybook")
    assert link.order_id == "plink_1"
    assert sleeps.delays == [2.0, 1.0, 2.0]  # Retry-After honoured, then exponential
    await gateway.close()


async def test_timeouts_and_connection_resets_are_retried_then_reported():
    sleeps = Sleeps()
    gateway = razorpay_gateway(sleeps, attempts=3)
    url = f"{API}/v1/payment_links/plink_1"
    with aioresponses() as m:
        m.get(url, exception=TimeoutError())
        m.get(url, exception=aiohttp.ServerDisconnectedError())
        m.get(url, exception=aiohttp.ClientConnectionResetError("reset"))
        with pytest.raises(PaymentProviderError) as caught:
            await gateway.check("plink_1")
    assert caught.value.status == 0 and "unreachable" in str(caught.value)
    assert sleeps.delays == [0.5, 1.0]
    await gateway.close()


async def test_a_server_error_that_persists_is_an_error():
    gateway = razorpay_gateway(Sleeps(), attempts=2)
    with aioresponses() as m:
        m.get(f"{API}/v1/payment_links/plink_1", status=500, repeat=True, payload={})
        with pytest.raises(PaymentProviderError) as caught:
            await gateway.check("plink_1")
    assert caught.value.status == 500
    await gateway.close()


@pytest.mark.parametrize(
    "answer",
    [{"body": "not json"}, {"body": "[1, 2]"}, {"payload": {"status": "paid"}}],
    ids=["not-json", "not-an-object", "missing-fields"],
)
async def test_malformed_answers_are_errors_not_guesses(answer):
    gateway = razorpay_gateway(Sleeps())
    with aioresponses() as m:
        m.get(f"{API}/v1/payment_links/plink_1", status=200, **answer)
        with pytest.raises(PaymentProviderError):
            await gateway.check("plink_1")
    await gateway.close()


async def test_a_retried_link_creation_recovers_the_existing_link():
    gateway = razorpay_gateway(Sleeps())
    exists = {"error": {"code": "BAD_REQUEST_ERROR", "description": "reference_id already exists"}}
    with aioresponses() as m:
        m.post(f"{API}/v1/payment_links", status=400, payload=exists)
        m.get(
            re.compile(rf"^{API}/v1/payment_links\?reference_id=p0001$"),
            payload={"payment_links": [LINK]},
        )
        link = await gateway.create_link(payment(), "Storybook")
    assert (link.order_id, link.url) == ("plink_1", "https://rzp.io/i/abc")
    await gateway.close()


async def test_a_refused_request_keeps_razorpays_reason():
    gateway = razorpay_gateway(Sleeps())
    refused = {"error": {"code": "BAD_REQUEST_ERROR", "description": "Currency is not supported"}}
    with aioresponses() as m:
        m.post(f"{API}/v1/payment_links", status=400, payload=refused)
        with pytest.raises(PaymentProviderError) as caught:
            await gateway.create_link(payment(), "Storybook")
    assert caught.value.code == "BAD_REQUEST_ERROR" and "Currency" in caught.value.description
    await gateway.close()


async def test_paypal_token_is_cached_and_renewed_before_it_expires():
    clock = [1000.0]
    http = ProviderHttp(PAYPAL, sleep=Sleeps())
    gateway = PayPalPaymentGateway(http, "id", "secret", "https://shop.test", lambda: clock[0])
    order = {"id": "5O1", "status": "PAYER_ACTION_REQUIRED"}
    with aioresponses() as m:
        m.post(f"{PAYPAL}/v1/oauth2/token", payload={"access_token": "T1", "expires_in": 600})
        m.post(f"{PAYPAL}/v1/oauth2/token", payload={"access_token": "T2", "expires_in": 600})
        m.get(f"{PAYPAL}/v2/checkout/orders/5O1", payload=order, repeat=True)
        await gateway.check("5O1")
        await gateway.check("5O1")
        clock[0] += 600 - 60  # inside the renewal margin
        await gateway.check("5O1")
        tokens = [
            call.kwargs["headers"]["Authorization"]
            for key, calls in m.requests.items()
            if key[0] == "GET"
            for call in calls
        ]
    assert tokens == ["Bearer T1", "Bearer T1", "Bearer T2"]
    await gateway.close()


async def test_paypal_order_without_an_approval_link_is_an_error():
    http = ProviderHttp(PAYPAL, sleep=Sleeps())
    gateway = PayPalPaymentGateway(http, "id", "secret", "https://shop.test")
    with aioresponses() as m:
        m.post(f"{PAYPAL}/v1/oauth2/token", payload={"access_token": "T", "expires_in": 600})
        m.post(f"{PAYPAL}/v2/checkout/orders", status=201, payload={"id": "5O1", "links": []})
        with pytest.raises(PaymentProviderError, match="payer-action"):
            await gateway.create_link(payment("USD"), "Storybook")
    await gateway.close()


def test_the_fakes_signatures_pass_razorpays_own_verification():
    utility = razorpay.Utility(razorpay.Client(auth=("rzp_test_k", "key-secret")))
    fake = FakeRazorpay("rzp_test_k", "key-secret", "webhook-secret")
    body = b'{"event":"payment.captured","payload":{}}'
    assert utility.verify_webhook_signature(body.decode(), fake.sign(body), "webhook-secret")
    params = {
        "razorpay_payment_id": "pay_1",
        "razorpay_payment_link_id": "plink_1",
        "razorpay_payment_link_reference_id": "p0001",
        "razorpay_payment_link_status": "paid",
    }
    signature = callback_signature("key-secret", params)
    assert utility.verify_payment_link_signature(
        {
            "payment_link_id": "plink_1",
            "payment_link_reference_id": "p0001",
            "payment_link_status": "paid",
            "razorpay_payment_id": "pay_1",
            "razorpay_signature": signature,
        }
    )
    # ...and our verification agrees with the SDK, both ways
    assert rzp_webhooks.webhook_signature_ok("webhook-secret", body, fake.sign(body))
    assert not rzp_webhooks.webhook_signature_ok("key-secret", body, fake.sign(body))
    assert rzp_webhooks.callback_signature_ok(
        "key-secret", {**params, "razorpay_signature": signature}
    )
    with pytest.raises(razorpay.errors.SignatureVerificationError):
        utility.verify_webhook_signature(body.decode(), "0" * 64, "webhook-secret")
    assert not rzp_webhooks.callback_signature_ok(
        "key-secret", {**params, "razorpay_signature": "0" * 64}
    )


def test_the_loop_is_never_blocked_by_a_client():
    assert asyncio.iscoroutinefunction(RazorpayPaymentGateway.create_link)
    assert asyncio.iscoroutinefunction(PayPalPaymentGateway.check)

"""Paying through (a strict fake of) PayPal from the web chat: the return page, the webhooks
(verified by PayPal's own API) and the sweep each capture and unlock at most once."""

from __future__ import annotations

import json

import pytest
from support.chat_driver import Parent, make_profile, settle, texts, to_preview
from support.console_driver import Staff, add_user
from support.pay_world import (
    PP,
    audit_actions,
    book_status,
    browser_submit,
    fake_paypal,
    finals,
    link_url,
    local,
    payment_rows,
)

from bot.app import keys
from bot.app.composition import create_app
from bot.payments.reconcile import PaymentReconciler


@pytest.fixture
async def pp(aiohttp_server):
    fake = fake_paypal()
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("")).rstrip("/")
    return fake


@pytest.fixture
async def client(aiohttp_client, make_settings, db_url, pp):
    settings = make_settings(
        database_url=db_url, paypal_api_url=pp.base_url, book_image_px=320, **PP
    )
    return await aiohttp_client(create_app(settings))


async def buying(client) -> Parent:
    parent = await Parent(client).open()
    await make_profile(parent)
    reply = await to_preview(parent)
    assert "The full book costs $5.99" in texts(reply)  # PayPal alone: everyone pays USD
    reply = await parent.tap("Buy the book")
    assert await parent.state() == "awaiting_payment"
    assert "$5.99" in texts(reply) and any(m["kind"] == "link" for m in reply)
    return parent


def said(parent: Parent) -> list[dict]:
    return [i["message"] for i in parent.messages if i["direction"] == "out"]


async def test_return_first_then_every_webhook_twice_and_shuffled(client, pp):
    parent = await buying(client)
    url = link_url(said(parent))
    assert url.startswith(f"{pp.base_url}/checkoutnow?token=")  # the payer-action link
    (payment,) = await payment_rows(client.server.app)
    order = pp.orders[payment.provider_order_id]
    assert order["purchase_units"][0]["custom_id"] == payment.id
    assert order["purchase_units"][0]["amount"] == {"currency_code": "USD", "value": "5.99"}
    assert f"/v2/checkout/orders:{payment.id}" in pp.by_request_id  # PayPal-Request-Id

    back = await browser_submit(url, "approve")
    public = client.server.app[keys.SETTINGS].public_base_url
    assert back.startswith(f"{public}/payments/paypal/return?token=")
    page = await client.get(local(back))
    assert page.status == 200 and "arriving in your chat" in await page.text()
    assert (await client.get(local(back))).status == 200  # a reload captures nothing twice
    await parent._new_messages()
    assert len(finals(said(parent))) == 1

    assert set(await pp.deliver(client, times=2)) == {200}
    await settle(client.server.app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    (payment,) = await payment_rows(client.server.app)
    assert payment.status == "paid" and payment.provider_payment_id.startswith("CAP")
    assert pp.calls.count(("POST", f"/v2/checkout/orders/{payment.provider_order_id}/capture")) == 1
    assert pp.token_requests == 1  # the OAuth token is cached
    assert (await audit_actions(client.server.app)).count("payment_confirmed") == 1
    assert (await (await client.get("/readyz")).json())["payments"] == ["paypal"]
    await parent.close()


async def test_webhooks_alone_capture_when_the_buyer_never_returns(client, pp):
    parent = await buying(client)
    await browser_submit(link_url(said(parent)), "approve")  # the return is never followed
    assert set(await pp.deliver(client)) == {200}  # ORDER.APPROVED: we capture
    await settle(client.server.app)
    assert set(await pp.deliver(client, seed=11)) == {200}  # CAPTURE.COMPLETED, twice
    await settle(client.server.app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    await parent.close()


async def test_forged_webhooks_and_unknown_returns_change_nothing(client, pp):
    parent = await buying(client)
    back = await browser_submit(link_url(said(parent)), "approve")
    event = pp.events[0]
    raw = json.dumps(event).encode()
    forged = {
        "PAYPAL-TRANSMISSION-ID": "tx-forged", "PAYPAL-TRANSMISSION-TIME": "2026-12-02T06:00:01Z",
        "PAYPAL-TRANSMISSION-SIG": "Zm9yZ2Vk", "PAYPAL-AUTH-ALGO": "SHA256withRSA",
        "PAYPAL-CERT-URL": "https://evil.example/cert.pem",
    }  # fmt: skip
    response = await client.post("/webhooks/paypal", data=raw, headers=forged)
    assert response.status == 401
    pp.fail_next = [500] * 4  # PayPal's verification API is down: ask to be sent again
    response = await client.post("/webhooks/paypal", data=raw, headers=forged)
    assert response.status == 503 and pp.fail_next == []
    assert (await client.get("/payments/paypal/return?token=5OUNKNOWN")).status == 400
    assert (await client.get("/payments/paypal/return")).status == 400
    await settle(client.server.app)
    (payment,) = await payment_rows(client.server.app)
    assert payment.status == "created" and not any("capture" in p for _, p in pp.calls)
    assert (await client.get(local(back))).status == 200
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    await parent.close()


async def test_declined_then_paid(client, pp):
    parent = await buying(client)
    url = link_url(said(parent))
    pp.decline_next_capture = True
    back = await browser_submit(url, "approve")
    page = await client.get(local(back))
    assert page.status == 200 and "nothing was charged" in await page.text()
    reply = await parent._new_messages()
    assert "didn't go through" in texts(reply)
    assert finals(said(parent)) == []
    back = await browser_submit(url, "approve")  # another card this time
    assert "arriving" in await (await client.get(local(back))).text()
    assert set(await pp.deliver(client)) == {200}
    await settle(client.server.app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    await parent.close()


async def test_a_wrong_amount_never_unlocks(client, pp):
    parent = await buying(client)
    pp.captured_value_override = "0.99"
    back = await browser_submit(link_url(said(parent)), "approve")
    assert "needs a check" in await (await client.get(local(back))).text()
    assert set(await pp.deliver(client)) == {200}
    await settle(client.server.app)
    await parent._new_messages()
    assert finals(said(parent)) == []
    (payment,) = await payment_rows(client.server.app)
    assert (
        payment.status == "mismatch" and await book_status(client.server.app) == "PAYMENT_PENDING"
    )
    await parent.close()


async def test_cancel_page_and_a_lost_webhook_healed_by_the_sweep(client, pp):
    parent = await buying(client)
    url = link_url(said(parent))
    cancelled = await browser_submit(url, "cancel")
    page = await client.get(local(cancelled))
    assert page.status == 200 and "Nothing was charged" in await page.text()
    assert (await client.get(local(cancelled))).status == 200  # reloaded
    reply = await parent._new_messages()
    assert texts(reply).count("didn't go through") == 1 and link_url(reply) == url
    await browser_submit(url, "approve")
    pp.events.clear()  # every webhook lost, and the buyer closed the tab
    app = client.server.app
    sweeper = PaymentReconciler(
        app[keys.SERVICES].payments, app[keys.RUNTIME].payment_webhooks, after_seconds=0,
        every_seconds=60,
    )  # fmt: skip
    assert await sweeper.sweep() == 1
    await settle(app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    await parent.close()


async def test_an_agent_refunds_a_capture_once_and_the_parent_is_told(client, pp):
    app = client.server.app
    parent = await buying(client)
    back = await browser_submit(link_url(said(parent)), "approve")
    assert (await client.get(local(back))).status == 200
    await parent._new_messages()
    (payment,) = await payment_rows(app)
    await add_user(app, "agent@example.com", "agent")
    agent = await (await Staff(client, "agent@example.com").start()).login()
    page = f"/support/conversations/{parent.session_id}"
    status, _, _ = await agent.post(f"{page}/refund", payment_id=payment.id, reason="Print issue")
    assert status == 303
    refund_path = f"/v2/payments/captures/{payment.provider_payment_id}/refund"
    assert pp.calls.count(("POST", refund_path)) == 1
    assert set(await pp.deliver(client, times=2)) == {200}  # CAPTURE.REFUNDED among them
    await settle(app)
    reply = await parent._new_messages()
    assert texts(reply).count("We've refunded your payment of $5.99") == 1
    (payment,) = await payment_rows(app)
    assert payment.status == "refunded"
    await agent.close()
    await parent.close()

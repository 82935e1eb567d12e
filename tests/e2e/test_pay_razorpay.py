"""Paying through (a strict fake of) Razorpay from the web chat: whichever of callback, webhook
and reconciliation sweep comes first unlocks the book, and the parent gets exactly one final
PDF however often and in whatever order Razorpay's events arrive; forged or wrong news never
unlocks anything."""

from __future__ import annotations

import pytest
from support.chat_driver import Parent, make_profile, settle, texts, to_preview
from support.console_driver import Staff, add_user
from support.pay_world import (
    RZP,
    audit_actions,
    book_status,
    browser_submit,
    fake_razorpay,
    finals,
    link_url,
    local,
    payment_rows,
)

from bot.app import keys
from bot.app.composition import create_app
from bot.payments.reconcile import PaymentReconciler


@pytest.fixture
async def rzp(aiohttp_server):
    fake = fake_razorpay()
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("")).rstrip("/")
    return fake


@pytest.fixture
async def client(aiohttp_client, make_settings, db_url, rzp):
    settings = make_settings(
        database_url=db_url, razorpay_api_url=rzp.base_url, book_image_px=320, **RZP
    )
    return await aiohttp_client(create_app(settings))


async def buying(client) -> Parent:
    parent = await Parent(client).open()
    await make_profile(parent)
    reply = await to_preview(parent)
    assert "The full book costs ₹499" in texts(reply)  # the price before choosing to buy
    reply = await parent.tap("Buy the book")
    assert await parent.state() == "awaiting_payment"
    assert "₹499" in texts(reply) and any(m["kind"] == "link" for m in reply)
    return parent


def said(parent: Parent) -> list[dict]:
    return [i["message"] for i in parent.messages if i["direction"] == "out"]


async def test_callback_first_then_every_webhook_twice_and_shuffled(client, rzp):
    parent = await buying(client)
    url = link_url(said(parent))
    assert url.startswith(rzp.base_url)  # Razorpay's hosted page, not the sandbox
    (payment,) = await payment_rows(client.server.app)
    link = rzp.links[payment.provider_order_id]
    assert link["reference_id"] == payment.id and link["amount"] == 49900
    assert link["notes"] == {"payment_id": payment.id, "book_id": payment.book_id}

    callback = await browser_submit(url, "pay")
    page = await client.get(local(callback))
    assert page.status == 200 and "arriving in your chat" in await page.text()
    await parent._new_messages()
    assert len(finals(said(parent))) == 1 and await parent.state() == "delivered"

    assert set(await rzp.deliver(client, times=2)) == {200}  # 3 events x 2, shuffled
    await settle(client.server.app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    (payment,) = await payment_rows(client.server.app)
    assert payment.status == "paid" and payment.provider_payment_id.startswith("pay_")
    assert await book_status(client.server.app) == "DELIVERED"
    assert (await audit_actions(client.server.app)).count("payment_confirmed") == 1
    # the sandbox is gone while a real provider is configured
    assert (await client.get("/sandbox/checkout/anything")).status == 404
    assert (await client.post("/webhooks/sandbox", data=b"{}")).status == 404
    ready = await (await client.get("/readyz")).json()
    assert ready["payments"] == ["razorpay"]
    await parent.close()


async def test_webhooks_alone_unlock_when_the_browser_never_comes_back(client, rzp):
    parent = await buying(client)
    await browser_submit(link_url(said(parent)), "pay")  # the redirect is never followed
    assert set(await rzp.deliver(client, times=2, seed=3)) == {200}
    await settle(client.server.app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    await parent.close()


async def test_forged_webhook_and_bad_callbacks_change_nothing(client, rzp):
    parent = await buying(client)
    callback = await browser_submit(link_url(said(parent)), "pay")
    event_id, body = rzp.events[0]
    forged = await client.post(
        "/webhooks/razorpay",
        data=body,
        headers={"X-Razorpay-Signature": "0" * 64, "X-Razorpay-Event-Id": event_id},
    )
    assert forged.status == 401
    # signed with the key secret instead of the webhook secret: still forged
    rzp_wrong = fake_razorpay()
    rzp_wrong.webhook_secret = RZP["razorpay_key_secret"]
    wrong_secret = await client.post(
        "/webhooks/razorpay",
        data=body,
        headers={"X-Razorpay-Signature": rzp_wrong.sign(body), "X-Razorpay-Event-Id": event_id},
    )
    assert wrong_secret.status == 401
    tampered = local(callback).replace("razorpay_signature=", "razorpay_signature=0")
    assert (await client.get(tampered)).status == 400
    unsigned = local(callback).split("&razorpay_signature=")[0]
    page = await client.get(unsigned)
    assert page.status == 400 and "Nothing was unlocked" in await page.text()
    await settle(client.server.app)
    await parent._new_messages()
    assert finals(said(parent)) == []
    (payment,) = await payment_rows(client.server.app)
    assert payment.status == "created"
    assert set(await rzp.deliver(client)) == {200}  # the real events still count
    await settle(client.server.app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    await parent.close()


async def test_a_lost_webhook_is_healed_by_the_reconciliation_sweep(client, rzp):
    parent = await buying(client)
    await browser_submit(link_url(said(parent)), "pay")
    rzp.events.clear()  # every webhook lost; the parent closed the tab
    app = client.server.app
    runtime = app[keys.RUNTIME]
    sweeper = PaymentReconciler(
        app[keys.SERVICES].payments, runtime.payment_webhooks, after_seconds=0, every_seconds=60
    )
    assert await sweeper.sweep() == 1
    assert await sweeper.sweep() == 0  # settled: asked about no more
    await settle(app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    (payment,) = await payment_rows(app)
    assert payment.status == "paid"
    await parent.close()


async def test_an_expired_link_is_marked_by_the_sweep(client, rzp):
    parent = await buying(client)
    (payment,) = await payment_rows(client.server.app)
    rzp.expire(payment.provider_order_id)
    app = client.server.app
    sweeper = PaymentReconciler(
        app[keys.SERVICES].payments, app[keys.RUNTIME].payment_webhooks, after_seconds=0,
        every_seconds=60,
    )  # fmt: skip
    await sweeper.sweep()
    (payment,) = await payment_rows(app)
    assert payment.status == "expired"
    assert await book_status(app) == "PAYMENT_PENDING"
    await parent.close()


async def test_a_wrong_amount_never_unlocks_and_is_visible(client, rzp):
    parent = await buying(client)
    rzp.paid_amount_delta = -49800  # Razorpay reports ₹1 paid
    callback = await browser_submit(link_url(said(parent)), "pay")
    page = await client.get(local(callback))
    assert page.status == 200 and "needs a check by our team" in await page.text()
    assert set(await rzp.deliver(client)) == {200}
    await settle(client.server.app)
    await parent._new_messages()
    assert finals(said(parent)) == []
    (payment,) = await payment_rows(client.server.app)
    assert payment.status == "mismatch"
    assert await book_status(client.server.app) == "PAYMENT_PENDING"
    assert "payment_mismatch" in await audit_actions(client.server.app)
    await parent.close()


async def test_declined_then_paid(client, rzp):
    parent = await buying(client)
    url = link_url(said(parent))
    assert await browser_submit(url, "decline") is None
    assert set(await rzp.deliver(client)) == {200}
    await settle(client.server.app)
    reply = await parent._new_messages()
    assert "didn't go through" in texts(reply) and link_url(reply) == url
    (payment,) = await payment_rows(client.server.app)
    assert payment.status == "failed"
    callback = await browser_submit(url, "pay")
    assert set(await rzp.deliver(client)) == {200}
    assert (await client.get(local(callback))).status == 200
    await settle(client.server.app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    await parent.close()


async def test_an_agent_refunds_a_paid_order_once_and_the_parent_is_told(client, rzp):
    app = client.server.app
    parent = await buying(client)
    await browser_submit(link_url(said(parent)), "pay")
    assert set(await rzp.deliver(client)) == {200}
    await settle(app)
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    (payment,) = await payment_rows(app)
    await add_user(app, "viewer@example.com", "viewer")
    await add_user(app, "agent@example.com", "agent")
    viewer = await (await Staff(client, "viewer@example.com").start()).login()
    agent = await (await Staff(client, "agent@example.com").start()).login()
    page = f"/support/conversations/{parent.session_id}"
    _, html = await viewer.get(page)
    assert payment.provider_order_id in html and payment.provider_payment_id in html
    assert "/refund" not in html  # viewers see payments, never the refund form
    status, _, _ = await viewer.post(f"{page}/refund", payment_id=payment.id, reason="asked")
    assert status == 403
    status, html, _ = await agent.post(f"{page}/refund", payment_id=payment.id, reason="")
    assert status == 409 and "Give a reason" in html
    status, _, where = await agent.post(
        f"{page}/refund", payment_id=payment.id, reason="The parent asked: duplicate order"
    )
    assert status == 303 and "done=refunded" in where
    status, html, _ = await agent.post(f"{page}/refund", payment_id=payment.id, reason="again")
    assert status == 409 and "did not go through" in html  # refunded already
    assert len(rzp.refunds) == 1
    assert set(await rzp.deliver(client, times=2)) == {200}  # refund.processed, twice
    await settle(app)
    reply = await parent._new_messages()
    assert texts(reply).count("We've refunded your payment of ₹499") == 1
    (payment,) = await payment_rows(app)
    assert payment.status == "refunded"
    library = next(m for m in await parent.say("my books") if m["kind"] == "list")
    assert library["rows"][0]["description"].startswith("Refunded ₹499")
    actions = await audit_actions(app)
    assert actions.count("payment_refunded") == 1  # the payment's record...
    assert actions.count("support.payment_refunded") == 1  # ...and the agent's
    _, html = await agent.get("/support/conversations?payment=refunded")
    assert parent.session_id in html
    for person in (viewer, agent):
        await person.close()
    await parent.close()


async def test_support_finds_mismatched_payments(client, rzp):
    parent = await buying(client)
    rzp.paid_amount_delta = 100
    await browser_submit(link_url(said(parent)), "pay")
    assert set(await rzp.deliver(client)) == {200}
    await settle(client.server.app)
    await add_user(client.server.app, "agent@example.com", "agent")
    agent = await (await Staff(client, "agent@example.com").start()).login()
    _, html = await agent.get("/support/conversations?payment=mismatch")
    assert parent.session_id in html
    _, html = await agent.get("/support/conversations?payment=paid")
    assert parent.session_id not in html
    await agent.close()
    await parent.close()


async def test_razorpay_down_at_buy_time_then_try_again(client, rzp):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    rzp.fail_next = [503] * 4  # every retry of the link job meets an outage
    reply = await parent.tap("Buy the book")
    assert "couldn't get a payment link" in texts(reply)
    assert not any(m["kind"] == "link" for m in reply) and rzp.links == {}
    reply = await parent.tap("Try again")
    assert any(m["kind"] == "link" for m in reply) and len(rzp.links) == 1
    callback = await browser_submit(link_url(said(parent)), "pay")
    assert (await client.get(local(callback))).status == 200
    await parent._new_messages()
    assert len(finals(said(parent))) == 1
    await parent.close()

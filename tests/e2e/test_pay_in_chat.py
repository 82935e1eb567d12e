"""Paying inside WhatsApp (India): an Indian parent taps "Review and pay" on an order_details
message and pays in the chat. The book unlocks only when WhatsApp's payment status and its
payments lookup agree, exactly once however often and in whatever order WhatsApp's statuses
and Razorpay's own webhooks arrive; a refusal falls back to the Razorpay link at once."""

from __future__ import annotations

import asyncio
import json
import random

import pytest
from sqlalchemy import select
from support.chat_driver import settle
from support.console_driver import Staff, add_user
from support.fake_graph import FakeGraph
from support.pay_world import (
    PP,
    RZP,
    audit_actions,
    book_status,
    browser_submit,
    fake_paypal,
    fake_razorpay,
    payment_rows,
)
from support.wa_driver import (
    PHONE_NUMBER_ID,
    TOKEN,
    WaParent,
    post_webhook,
    to_series,
    whatsapp_settings,
    words,
)

from bot.app import keys
from bot.app.composition import create_app
from storage.tables import ChatEventRow, ChatSessionRow

CONFIGURATION = "storybook-razorpay"
INDIAN = {"user_id": "IN.1000000000000000091", "wa_id": "919800000001"}


@pytest.fixture
async def fakes(aiohttp_server):
    rzp, pp = fake_razorpay(), fake_paypal()
    graph = FakeGraph(TOKEN, PHONE_NUMBER_ID, payment_configuration=CONFIGURATION)
    for fake in (rzp, pp, graph):
        server = await aiohttp_server(fake.app())
        fake.base_url = str(server.make_url("")).rstrip("/")
    return rzp, pp, graph


@pytest.fixture
async def client(aiohttp_client, make_settings, db_url, fakes):
    rzp, pp, graph = fakes
    settings = make_settings(
        database_url=db_url,
        razorpay_api_url=rzp.base_url,
        paypal_api_url=pp.base_url,
        whatsapp_payment_configuration=CONFIGURATION,
        **RZP,
        **PP,
        **whatsapp_settings(graph.base_url),
    )
    return await aiohttp_client(create_app(settings))


async def buy(parent: WaParent) -> list[dict]:
    """From hello to tapping "Buy the book": the bot's answer to the tap."""
    parent.turns_elsewhere = True  # wait for every paced send, not only the turns
    reply = await to_series(parent)
    rows = next(p for p in reply if p["type"] == "interactive")["interactive"]["action"]
    series = [r for r in rows["sections"][0]["rows"] if r["title"] != "5 new ideas"]
    reply = await parent.tap(series[1]["title"])
    lines = next(p for p in reply if p["type"] == "interactive")["interactive"]["action"]
    await parent.tap(lines["sections"][0]["rows"][0]["title"])
    await parent.say("For Zoya. Love, Mum")
    return await parent.tap("Buy the book")


def order_of(reply: list[dict]) -> dict:
    [order] = [p for p in reply if p.get("interactive", {}).get("type") == "order_details"]
    return order["interactive"]


def final_pdfs(parent: WaParent) -> list[dict]:
    documents = []
    for _, payload in parent.mine():
        header = payload.get("interactive", {}).get("header", {})
        document = payload.get("document") or header.get("document")
        if document and not document["filename"].endswith("-preview.pdf"):
            documents.append(document)
    return documents


async def deliver_statuses(client, graph: FakeGraph, *, times: int = 2, seed: int = 5) -> None:
    """Every payment status WhatsApp made, `times` times each, shuffled, signed."""
    pending = [body for body in graph.payments.webhooks for _ in range(times)]
    graph.payments.webhooks = []
    random.Random(seed).shuffle(pending)
    for body in pending:
        response = await post_webhook(client, body)
        assert response.status == 200, await response.text()
    await settle(client.server.app, outbox=True)


async def events(app, name: str) -> list[dict]:
    async with app[keys.SESSIONS]() as s:
        rows = await s.scalars(select(ChatEventRow).where(ChatEventRow.name == name))
        return [row.data for row in rows]


async def test_pay_in_chat_unlocks_once_with_razorpay_webhooks_and_duplicate_statuses(
    client, fakes
):
    rzp, _pp, graph = fakes
    app = client.server.app
    parent = WaParent(client, graph, **INDIAN)
    reply = await buy(parent)
    order = order_of(reply)
    assert not [p for p in reply if p.get("interactive", {}).get("type") == "cta_url"]
    (payment,) = await payment_rows(app)
    assert (payment.provider, payment.status, payment.currency) == ("whatsapp", "created", "INR")
    p = order["action"]["parameters"]
    assert order["action"]["name"] == "review_and_pay" and p["reference_id"] == payment.id
    assert p["type"] == "digital-goods" and p["total_amount"] == {"value": 49900, "offset": 100}
    gateway = p["payment_settings"][0]["payment_gateway"]
    assert (gateway["type"], gateway["configuration_name"]) == ("razorpay", CONFIGURATION)
    assert gateway["razorpay"]["notes"] == {"payment_id": payment.id, "book_id": payment.book_id}
    assert "Review and pay" in order["body"]["text"] and "₹499" in order["body"]["text"]
    assert [e["price"] for e in await events(app, "in_chat_order_sent")] == ["₹499"]

    # A failed attempt: told once (twice delivered), nothing unlocked; the parent tries again.
    graph.payments.pay(payment.id, "failed")
    await deliver_statuses(client, graph)
    told = [words(m) for m in await parent.new_messages()]
    assert len([t for t in told if "didn't go through" in t]) == 1
    assert await book_status(app) == "PAYMENT_PENDING"

    # An attempt still pending (the UPI app not answered yet): nothing to say, nothing unlocked.
    graph.payments.pay(payment.id, "pending")
    await deliver_statuses(client, graph)
    assert await parent.new_messages() == []
    assert await book_status(app) == "PAYMENT_PENDING"

    # Razorpay's own webhooks for the same payment arrive first: recognised, not unlocking.
    transaction = graph.payments.pay(payment.id, "success")
    rzp.paid_in_chat(transaction["id"], transaction["pg_transaction_id"], 49900,
                     {"payment_id": payment.id, "book_id": payment.book_id})  # fmt: skip
    assert set(await rzp.deliver(client, times=2)) == {200}
    await settle(app, outbox=True)
    assert await book_status(app) == "PAYMENT_PENDING" and final_pdfs(parent) == []

    await deliver_statuses(client, graph, times=3)
    await parent.new_messages()
    assert len(final_pdfs(parent)) == 1
    (payment,) = await payment_rows(app)
    assert payment.status == "paid" and payment.provider_payment_id == "pay_WA000000000003"
    assert (await audit_actions(app)).count("payment_confirmed") == 1
    assert graph.payments.updates == [(payment.id, "completed")]
    [status] = [
        p for _, p in parent.mine() if p.get("interactive", {}).get("type") == "order_status"
    ]
    assert status["interactive"]["action"]["parameters"]["order"] == {"status": "completed"}

    # Everything once more, in another order: still one book, one confirmation.
    graph.payments.webhooks = [graph.payments.status_webhook(payment.id, transaction)]
    await deliver_statuses(client, graph, times=2, seed=11)
    rzp.paid_in_chat(transaction["id"], transaction["pg_transaction_id"], 49900,
                     {"payment_id": payment.id, "book_id": payment.book_id})  # fmt: skip
    assert set(await rzp.deliver(client, times=2, seed=2)) == {200}
    await settle(app, outbox=True)
    await parent.new_messages()
    assert len(final_pdfs(parent)) == 1
    assert (await audit_actions(app)).count("payment_confirmed") == 1
    assert graph.rejected == []


async def test_a_status_the_lookup_does_not_confirm_never_unlocks(client, fakes):
    _rzp, _pp, graph = fakes
    app = client.server.app
    parent = WaParent(client, graph, **INDIAN)
    order_of(await buy(parent))
    (payment,) = await payment_rows(app)
    forged = {"id": "order_FORGED", "pg_transaction_id": "pay_FORGED", "type": "razorpay",
              "status": "success"}  # fmt: skip
    graph.payments.webhooks = [graph.payments.status_webhook(payment.id, forged)]
    await deliver_statuses(client, graph)
    await parent.new_messages()
    assert payment.id in graph.payments.lookups  # asked, and WhatsApp said "pending"
    assert final_pdfs(parent) == [] and await book_status(app) == "PAYMENT_PENDING"
    (payment,) = await payment_rows(app)
    assert payment.status == "created"

    graph.payments.pay(payment.id, "success")  # the real payment still unlocks
    await deliver_statuses(client, graph)
    await parent.new_messages()
    assert len(final_pdfs(parent)) == 1


async def test_a_lookup_with_another_amount_never_unlocks_and_support_sees_it(client, fakes):
    _rzp, _pp, graph = fakes
    app = client.server.app
    parent = WaParent(client, graph, **INDIAN)
    order_of(await buy(parent))
    (payment,) = await payment_rows(app)
    graph.payments.lookup_amount_delta = -100
    graph.payments.pay(payment.id, "success")
    await deliver_statuses(client, graph)
    await parent.new_messages()
    assert final_pdfs(parent) == [] and await book_status(app) == "PAYMENT_PENDING"
    (payment,) = await payment_rows(app)
    assert payment.status == "mismatch"
    assert (await audit_actions(app)).count("payment_mismatch") == 1
    await add_user(app, "viewer@example.com", "viewer")
    viewer = await (await Staff(client, "viewer@example.com").start()).login()
    _, html = await viewer.get(f"/support/conversations/{await session_id_of(app, parent)}")
    assert "badge-pay-mismatch" in html and payment.id in html


@pytest.mark.parametrize("code", [131026, 134011, 134009])
async def test_a_refused_order_falls_back_to_the_razorpay_link(client, fakes, code):
    rzp, _pp, graph = fakes
    app = client.server.app
    graph.refuse_orders = [(400, code)]
    parent = WaParent(client, graph, **INDIAN)
    reply = await buy(parent)
    assert not [p for p in reply if p.get("interactive", {}).get("type") == "order_details"]
    cta = next(p for p in reply if p.get("interactive", {}).get("type") == "cta_url")
    url = cta["interactive"]["action"]["parameters"]["url"]
    assert url.startswith(f"{rzp.base_url}/pay/plink_")
    (payment,) = await payment_rows(app)
    assert payment.provider == "razorpay" and payment.provider_order_id.startswith("plink_")
    [refusal] = await events(app, "in_chat_payment_refused")
    assert refusal["code"] == str(code) and refusal["reason"]
    assert "in_chat_order_refused" in await audit_actions(app)
    # support sees it in the transcript
    transcript = json.dumps(await events(app, "in_chat_payment_refused"))
    assert str(code) in transcript

    await browser_submit(url, "pay")
    assert set(await rzp.deliver(client, times=2)) == {200}
    await settle(app, outbox=True)
    await parent.new_messages()
    assert len(final_pdfs(parent)) == 1
    assert graph.payments.updates == []  # no order in the chat to update


async def test_other_parents_pay_through_links_unchanged(client, fakes):
    _rzp, pp, graph = fakes
    parent = WaParent(client, graph, user_id="US.1000000000000000044", wa_id="15550004444")
    reply = await buy(parent)
    cta = next(p for p in reply if p.get("interactive", {}).get("type") == "cta_url")
    assert cta["interactive"]["action"]["parameters"]["url"].startswith(pp.base_url)
    assert graph.payments.orders == {}


async def test_an_order_whatsapp_cannot_deliver_falls_back_to_the_link(client, fakes):
    """Accepted at the send, then a failed status (131026, e.g. the parent's app cannot show
    it): the link takes its place, once, however often the status is delivered."""
    rzp, _pp, graph = fakes
    app = client.server.app
    parent = WaParent(client, graph, **INDIAN)
    order_of(await buy(parent))
    wamid = graph.payments.orders[(await payment_rows(app))[0].id]["wamid"]
    failed = {
        "id": wamid, "status": "failed", "timestamp": "1767225604",
        "recipient_id": INDIAN["wa_id"],
        "errors": [{"code": 131026, "title": "Message undeliverable",
                    "message": "Message undeliverable"}],
    }  # fmt: skip
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_NUMBER_ID},
        "statuses": [failed],
    }
    body = {"object": "whatsapp_business_account",
            "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": value}]}]}  # fmt: skip
    for _ in range(2):
        assert (await post_webhook(client, body)).status == 200
    reply = await parent.new_messages()
    [cta] = [p for p in reply if p.get("interactive", {}).get("type") == "cta_url"]
    url = cta["interactive"]["action"]["parameters"]["url"]
    assert url.startswith(f"{rzp.base_url}/pay/plink_")
    [refusal] = await events(app, "in_chat_payment_refused")
    assert refusal["code"] == "131026"
    (payment,) = await payment_rows(app)
    assert payment.provider == "razorpay"

    await browser_submit(url, "pay")
    assert set(await rzp.deliver(client, times=2)) == {200}
    await settle(app, outbox=True)
    await parent.new_messages()
    assert len(final_pdfs(parent)) == 1


@pytest.fixture
async def print_client(aiohttp_client, make_settings, db_url, fakes):
    rzp, _pp, graph = fakes
    settings = make_settings(
        database_url=db_url,
        razorpay_api_url=rzp.base_url,
        whatsapp_payment_configuration=CONFIGURATION,
        feature_print_ship=True,
        print_local_step_seconds=0.3,
        **RZP,
        **whatsapp_settings(graph.base_url),
    )
    return await aiohttp_client(create_app(settings))


async def test_a_printed_book_is_physical_goods_then_processing_then_shipped(print_client, fakes):
    _rzp, _pp, graph = fakes
    client = print_client
    parent = WaParent(client, graph, **INDIAN)
    await buy(parent)
    await parent.tap("Printed ₹1,499")
    for answer in ("Anita Rao", "12 Lake View Road"):
        await parent.say(answer)
    await parent.tap("Skip")
    for answer in ("Bengaluru", "Karnataka", "560001"):
        await parent.say(answer)
    await parent.say("9876543210")
    order = order_of(await parent.tap("Looks right"))  # the address confirmed, its cost checked
    p = order["action"]["parameters"]
    assert p["type"] == "physical-goods" and p["total_amount"]["value"] == 149900
    assert p["beneficiaries"] == [{
        "name": "Anita Rao", "address_line1": "12 Lake View Road", "city": "Bengaluru",
        "state": "Karnataka", "country": "India", "postal_code": "560001",
    }]  # fmt: skip
    graph.payments.pay(p["reference_id"], "success")
    await deliver_statuses(client, graph)
    await parent.new_messages()
    assert len(final_pdfs(parent)) == 1
    assert graph.payments.updates == [(p["reference_id"], "processing")]
    for _ in range(80):  # the local print partner moves the job on to SHIPPED
        await client.server.app[keys.RUNTIME].print_tracker.sweep()
        await settle(client.server.app)
        if (p["reference_id"], "shipped") in graph.payments.updates:
            break
        await asyncio.sleep(0.25)
    assert graph.payments.updates == [
        (p["reference_id"], "processing"),
        (p["reference_id"], "shipped"),
    ]
    assert graph.rejected == []


async def session_id_of(app, parent: WaParent) -> str:
    async with app[keys.SESSIONS]() as s:
        query = select(ChatSessionRow.id).where(ChatSessionRow.channel_user_id == parent.user_id)
        return (await s.execute(query)).scalar_one()


async def test_support_sees_a_refusal_in_the_transcript(client, fakes):
    _rzp, _pp, graph = fakes
    app = client.server.app
    graph.refuse_orders = [(400, 134011)]
    parent = WaParent(client, graph, **INDIAN)
    await buy(parent)
    await add_user(app, "viewer@example.com", "viewer")
    viewer = await (await Staff(client, "viewer@example.com").start()).login()
    _, html = await viewer.get(f"/support/conversations/{await session_id_of(app, parent)}")
    assert "WhatsApp refused the in-chat payment (134011" in html


async def test_an_agent_refunds_an_order_paid_in_chat_through_whatsapp(client, fakes):
    _rzp, _pp, graph = fakes
    app = client.server.app
    parent = WaParent(client, graph, **INDIAN)
    order_of(await buy(parent))
    (payment,) = await payment_rows(app)
    graph.payments.pay(payment.id, "success")
    await deliver_statuses(client, graph)
    await parent.new_messages()
    assert len(final_pdfs(parent)) == 1
    await add_user(app, "agent@example.com", "agent")
    agent = await (await Staff(client, "agent@example.com").start()).login()
    page = f"/support/conversations/{await session_id_of(app, parent)}"
    status, _, where = await agent.post(
        f"{page}/refund", payment_id=payment.id, reason="The parent asked: duplicate order"
    )
    assert status == 303 and "done=refunded" in where
    assert [(r["reference_id"], r["amount"]["value"]) for r in graph.payments.refunds] == [
        (payment.id, "49900")
    ]
    status, _, _ = await agent.post(f"{page}/refund", payment_id=payment.id, reason="again")
    assert status == 409 and len(graph.payments.refunds) == 1
    await settle(app, outbox=True)
    told = [words(m) for m in await parent.new_messages()]
    assert len([t for t in told if "We've refunded your payment of ₹499" in t]) == 1
    (payment,) = await payment_rows(app)
    assert payment.status == "refunded"


async def test_a_capture_before_an_earlier_failure_unlocks_once_and_nothing_after(client, fakes):
    _rzp, _pp, graph = fakes
    app = client.server.app
    parent = WaParent(client, graph, **INDIAN)
    order_of(await buy(parent))
    (payment,) = await payment_rows(app)
    graph.payments.pay(payment.id, "failed")
    graph.payments.pay(payment.id, "success")
    failed, captured = graph.payments.webhooks
    graph.payments.webhooks = []
    for body in (captured, failed, captured, failed):  # WhatsApp's order is not guaranteed
        assert (await post_webhook(client, body)).status == 200
        await settle(app, outbox=True)
    told = [words(m) for m in await parent.new_messages()]
    assert not [t for t in told if "didn't go through" in t]
    assert len(final_pdfs(parent)) == 1
    assert (await audit_actions(app)).count("payment_confirmed") == 1
    assert "payment_declined" not in await audit_actions(app)

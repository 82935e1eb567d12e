"""WhatsApp parents pay through the provider of their number: 91 -> Razorpay in INR, any other
-> PayPal in USD; the link is a CTA URL button, and exactly one final PDF arrives."""

from __future__ import annotations

import pytest
from support.chat_driver import settle
from support.fake_graph import FakeGraph
from support.pay_world import (
    PP,
    RZP,
    browser_submit,
    fake_paypal,
    fake_razorpay,
    local,
    payment_rows,
)
from support.wa_driver import PHONE_NUMBER_ID, TOKEN, WaParent, to_series, whatsapp_settings, words

from bot.app.composition import create_app


@pytest.fixture
async def fakes(aiohttp_server):
    rzp, pp, graph = fake_razorpay(), fake_paypal(), FakeGraph(TOKEN, PHONE_NUMBER_ID)
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
        **RZP,
        **PP,
        **whatsapp_settings(graph.base_url),
    )
    return await aiohttp_client(create_app(settings))


def text_of(reply: list[dict]) -> str:
    return "\n".join(words(p) for p in reply)


async def to_payment_link(parent: WaParent) -> tuple[str, str]:
    """From hello to the payment link: (words shown with the preview, the CTA's URL)."""
    parent.turns_elsewhere = True  # wait for every paced send, not only the turns
    reply = await to_series(parent)
    rows = next(p for p in reply if p["type"] == "interactive")["interactive"]["action"]
    series = [r for r in rows["sections"][0]["rows"] if r["title"] not in ("5 new ideas",)]
    reply = await parent.tap(series[1]["title"])
    lines = next(p for p in reply if p["type"] == "interactive")["interactive"]["action"]
    await parent.tap(lines["sections"][0]["rows"][0]["title"])
    preview = text_of(await parent.say("For Zoya. Love, Mum"))
    reply = await parent.tap("Buy the book")
    cta = next(p for p in reply if p.get("interactive", {}).get("type") == "cta_url")
    return preview, cta["interactive"]["action"]["parameters"]["url"]


def final_pdfs(parent: WaParent) -> list[dict]:
    documents = []
    for _, payload in parent.mine():
        header = payload.get("interactive", {}).get("header", {})
        document = payload.get("document") or header.get("document")
        if document and not document["filename"].endswith("-preview.pdf"):
            documents.append(document)
    return documents


async def test_an_indian_number_pays_inr_through_razorpay(client, fakes):
    rzp, _pp, graph = fakes
    parent = WaParent(client, graph, user_id="IN.1000000000000000091", wa_id="919800000001")
    preview, url = await to_payment_link(parent)
    assert "₹499" in preview and url.startswith(f"{rzp.base_url}/pay/plink_")
    await browser_submit(url, "pay")  # the parent never comes back to the browser tab
    assert set(await rzp.deliver(client, times=2)) == {200}
    await settle(client.server.app)
    await parent.new_messages()
    assert len(final_pdfs(parent)) == 1
    (payment,) = await payment_rows(client.server.app)
    assert (payment.provider, payment.currency, payment.status) == ("razorpay", "INR", "paid")


async def test_any_other_number_pays_usd_through_paypal(client, fakes):
    _rzp, pp, graph = fakes
    parent = WaParent(client, graph, user_id="US.1000000000000000044", wa_id="15550004444")
    preview, url = await to_payment_link(parent)
    assert "$5.99" in preview and url.startswith(f"{pp.base_url}/checkoutnow")
    back = await browser_submit(url, "approve")
    assert set(await pp.deliver(client, times=2)) == {200}  # APPROVED first: we capture
    await settle(client.server.app)
    assert set(await pp.deliver(client, times=2)) == {200}  # CAPTURE.COMPLETED twice
    assert (await client.get(local(back))).status == 200  # the return comes last
    await settle(client.server.app)
    await parent.new_messages()
    assert len(final_pdfs(parent)) == 1
    (payment,) = await payment_rows(client.server.app)
    assert (payment.provider, payment.currency, payment.status) == ("paypal", "USD", "paid")
    assert graph.rejected == []

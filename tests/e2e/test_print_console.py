"""The console's print queue: needs-attention filter, addresses hidden from viewers, an agent's
fix-and-resubmit and cancel at the partner (Lulu through the strict fake), all audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update
from support.chat_driver import Parent, make_profile, pay, settle, texts, to_preview
from support.console_driver import Staff, add_user
from support.fake_lulu import FakeLulu

from bot.app import keys
from bot.app.composition import create_app
from storage.tables import AuditLogRow, PrintOrderRow

FAST = {"book_image_px": 320}
KEY, SECRET = "lulu-test-key", "lulu-test-secret"
AGENT, VIEWER = "asha.agent@example.test", "vik.viewer@example.test"


@pytest.fixture
async def lulu(aiohttp_server):
    fake = FakeLulu(KEY, SECRET)
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("")).rstrip("/")
    return fake


@pytest.fixture
async def client(aiohttp_client, make_settings, db_url, lulu):
    settings = make_settings(
        database_url=db_url, feature_print_ship=True, lulu_client_key=KEY,
        lulu_client_secret=SECRET, lulu_api_url=lulu.base_url, print_stuck_after_hours=48,
        print_poll_every_seconds=3600, **FAST,
    )  # fmt: skip
    client = await aiohttp_client(create_app(settings))
    lulu.reach = (settings.public_base_url, str(client.make_url("")))
    for email, role in ((AGENT, "agent"), (VIEWER, "viewer")):
        await add_user(client.server.app, email, role)
    return client


async def _paid_printed_book(client) -> tuple[Parent, PrintOrderRow]:
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    await parent.tap("Printed ₹1,499")
    for answer in ("Anita Rao", "12 Lake View Road"):
        await parent.say(answer)
    await parent.tap("Skip")
    for answer in ("Bengaluru", "Karnataka", "560002", "9876543210"):
        await parent.say(answer)
    await parent.tap("Looks right")
    await parent._new_messages()
    await pay(client, parent)
    await parent._new_messages()
    async with client.server.app[keys.SESSIONS]() as s:
        (order,) = list((await s.execute(select(PrintOrderRow))).scalars())
    return parent, order


async def _staff(client, email: str) -> Staff:
    return await (await Staff(client, email).start()).login()


async def test_queue_fix_address_resubmit_and_cancel(client, lulu):
    app = client.server.app
    parent, order = await _paid_printed_book(client)
    job = lulu.job_for(order.id)
    lulu.move(job["id"], "REJECTED", message="Shipping address: street not found")
    body = lulu.webhooks[-1]
    response = await client.post(
        "/webhooks/lulu", data=body, headers={"Lulu-HMAC-SHA256": lulu.signature(body)}
    )
    assert response.status == 200
    await settle(app)
    assert "support team will contact you" in texts(await parent._new_messages())

    viewer, agent = await _staff(client, VIEWER), await _staff(client, AGENT)
    status, page = await viewer.get("/support/print?attention=1")
    assert status == 200 and order.id[:10] in page and "REJECTED" in page
    assert "street not found" in page and "Lake View" not in page and "[hidden]" in page
    status, page = await viewer.get(f"/support/print/{order.id}")
    assert status == 200 and "Lake View" not in page and "••••••3210" in page
    assert "Resubmit" not in page
    status, _, _ = await viewer.post(f"/support/print/{order.id}/resubmit", street1="x")
    assert status == 403
    status, page = await agent.get(f"/support/print/{order.id}")
    assert "12 Lake View Road" in page and "Resubmit to the partner" in page
    status, page = await agent.get(f"/support/conversations/{parent.session_id}")
    assert status == 200 and f"/support/print/{order.id}" in page

    fixed = dict(
        name="Anita Rao", street1="12 Lake View Main Road", street2="", city="Bengaluru",
        state_code="KA", postcode="560002", phone="9876543210",
    )  # fmt: skip
    status, _, location = await agent.post(f"/support/print/{order.id}/resubmit", **fixed)
    assert status == 303 and location.endswith("done=resubmitted")
    second = lulu.job_for(f"{order.id}-r2")
    assert second["shipping_address"]["street1"] == "12 Lake View Main Road"
    assert len(lulu.jobs) == 2
    status, page = await agent.get("/support/print?attention=1")
    assert order.id[:10] not in page  # back on track
    status, page = await agent.get(f"/support/print/{order.id}")
    assert "REJECTED" in page and "console:" + AGENT in page  # the partner history

    status, _, location = await agent.post(f"/support/print/{order.id}/cancel")
    assert status == 303 and lulu.jobs[second["id"]]["status"]["name"] == "CANCELED"
    status, page, _ = await agent.post(f"/support/print/{order.id}/cancel")
    assert status == 409 and "cannot be cancelled" in page
    async with app[keys.SESSIONS]() as s:
        audits = list((await s.execute(select(AuditLogRow))).scalars())
    mine = [(a.action, a.actor_id) for a in audits if a.subject_type == "print_order"]
    assert ("print_resubmitted", AGENT) in mine and ("print_cancelled", AGENT) in mine
    await viewer.close()
    await agent.close()


async def test_an_order_stuck_in_one_status_needs_attention(client, lulu):
    app = client.server.app
    _, order = await _paid_printed_book(client)
    viewer = await _staff(client, VIEWER)
    status, page = await viewer.get("/support/print?attention=1")
    assert status == 200 and order.id[:10] not in page
    status, page = await viewer.get("/support/print")
    assert status == 200 and order.id[:10] in page and "CREATED" in page
    async with app[keys.SESSIONS]() as s, s.begin():
        await s.execute(
            update(PrintOrderRow).values(status_changed_at=order.created_at - timedelta(hours=49))
        )
    status, page = await viewer.get("/support/print?attention=1")
    assert status == 200 and order.id[:10] in page and "Stuck" in page
    await viewer.close()

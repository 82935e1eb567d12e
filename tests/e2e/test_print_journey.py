"""Printed books from "Printed" to SHIPPED: the local stand-in partner (embedded default) and
Lulu through a strict fake, on SQLite and PostgreSQL. Exactly one partner job per paid order,
even when the create call times out; webhooks repeated and out of order; refusals reach the
parent before payment and support after it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from support.chat_driver import Parent, make_profile, pay, settle, texts, to_preview
from support.fake_lulu import FakeLulu
from support.wa_driver import WaParent, whatsapp_settings

from adapters.pdf.pages import count_pages
from bot.app import keys
from bot.app.composition import create_app
from domain.printing import PrintStatus, QueueFilter
from domain.services.print_support import PrintSupport
from domain.services.printing import PrintNews
from storage.tables import AuditLogRow, ChatSessionRow, PrintOrderRow

FAST = {"book_image_px": 320}
KEY, SECRET = "lulu-test-key", "lulu-test-secret"


async def _orders(app) -> list[PrintOrderRow]:
    async with app[keys.SESSIONS]() as s:
        return list((await s.execute(select(PrintOrderRow))).scalars())


async def _address(parent: Parent, pin: str = "560001") -> list[dict]:
    preview = next(m for m in reversed(parent.messages) if m["message"]["kind"] == "document")
    # Both prices, in rupees, with the preview: before the parent chooses to buy.
    assert "costs ₹499 as a PDF, or ₹1,499 printed and delivered" in preview["message"]["caption"]
    await parent.tap("Buy the book")
    await parent.tap("Printed ₹1,499")
    for answer in ("Anita Rao", "12 Lake View Road"):
        await parent.say(answer)
    await parent.tap("Skip")
    for answer in ("Bengaluru", "Karnataka", pin):
        await parent.say(answer)
    return await parent.say("9876543210")


async def _wait_for(parent: Parent, words: str, app, sweeps: int = 60) -> None:
    for _ in range(sweeps):
        await app[keys.RUNTIME].print_tracker.sweep()
        await settle(app)
        await parent._new_messages()
        if words in texts([i["message"] for i in parent.messages]):
            return
        await asyncio.sleep(0.25)
    raise AssertionError(f"never told {words!r}")


async def test_local_partner_prints_and_ships_with_a_fixed_address(
    aiohttp_client, make_settings, db_url
):
    settings = make_settings(
        database_url=db_url, feature_print_ship=True, print_local_step_seconds=0.4, **FAST
    )
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    reply = await _address(parent)
    assert "Bengaluru, Karnataka 560001" in texts(reply)
    assert await parent.state() == "address_confirm"
    await parent.tap("Fix a line")
    reply = await parent.tap("City")
    assert await parent.state() == "address_city"
    reply = await parent.say("Mysuru")
    assert "Mysuru, Karnataka 560001" in texts(reply) and "Bengaluru" not in texts(reply)
    reply = await parent.tap("Looks right")
    await settle(app)
    reply += await parent._new_messages()
    assert any(m["kind"] == "link" for m in reply), texts(reply)
    await pay(client, parent)
    reply = await parent._new_messages()
    assert any(m["kind"] == "document" for m in reply)  # the PDF at once
    assert "shipped to Mysuru" in texts(reply)
    (order,) = await _orders(app)
    assert order.provider == "local" and order.provider_order_id is not None
    assert order.page_count == 24  # a hardcover's minimum, met with real pages
    await _wait_for(parent, "is on its way", app)
    said = texts([i["message"] for i in parent.messages])
    assert said.count("has gone to print") == 1 and said.count("is on its way") == 1
    assert "https://tracking.example.com/local/" in said
    (order,) = await _orders(app)
    assert order.status == "SHIPPED"
    statuses = [h["status"] for h in order.history]
    assert statuses[-1] == "SHIPPED" and statuses == sorted(statuses, key=list(PrintStatus).index)


@pytest.fixture
async def lulu(aiohttp_server):
    fake = FakeLulu(KEY, SECRET)
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("")).rstrip("/")
    return fake


def lulu_settings(make_settings, db_url, fake: FakeLulu, **more):
    return make_settings(
        database_url=db_url, feature_print_ship=True, lulu_client_key=KEY,
        lulu_client_secret=SECRET, lulu_api_url=fake.base_url, lulu_timeout_seconds=1.0,
        print_poll_every_seconds=3600, **FAST, **more,
    )  # fmt: skip


async def _deliver(client, fake: FakeLulu, body: bytes, signature: str | None = None):
    headers = {"Lulu-HMAC-SHA256": signature or fake.signature(body)}
    response = await client.post("/webhooks/lulu", data=body, headers=headers)
    return response.status, (await response.json()).get("status")


async def test_lulu_journey_one_job_despite_a_timeout_and_repeated_webhooks(
    aiohttp_client, make_settings, db_url, lulu
):
    settings = lulu_settings(make_settings, db_url, lulu)
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    lulu.reach = (settings.public_base_url, str(client.make_url("")))
    lulu.refused_postcodes = {"560001"}
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await _address(parent)
    reply = await parent.tap("Looks right")
    reply += await parent._new_messages()
    assert "can't deliver to this address (postcode: We cannot ship" in texts(reply)
    assert await parent.state() == "address_confirm"  # refused before any money moved
    await parent.tap("Fix a line")
    await parent.tap("PIN code")
    await parent.say("560 002")
    reply = await parent.tap("Looks right")
    reply += await parent._new_messages()
    assert any(m["kind"] == "link" for m in reply), texts(reply)
    cost = lulu.cost_calls[-1]
    assert cost["shipping_address"]["state_code"] == "KA"
    assert cost["line_items"] == [
        {"pod_package_id": settings.lulu_pod_package_id, "page_count": 24, "quantity": 1}
    ]
    lulu.delay_next_create = 2.5  # Lulu makes the job; its answer comes after our timeout
    await pay(client, parent)
    reply = await parent._new_messages()
    assert any(m["kind"] == "document" for m in reply)  # the PDF at once all the same
    (order,) = await _orders(app)
    assert order.status == "NEW" and order.last_error and order.provider_order_id is None
    assert lulu.create_calls == 1 and len(lulu.jobs) == 1
    assert ("interior", 24) in lulu.fetched and ("cover", 1) in lulu.fetched
    # The tracker's retry finds the job by our order id instead of making a second one.
    await app[keys.SERVICES].printing.refresh(order.id, "poll")
    (order,) = await _orders(app)
    job = lulu.job_for(order.id)
    assert order.provider_order_id == str(job["id"]) and order.status == "CREATED"
    assert lulu.create_calls == 1 and len(lulu.jobs) == 1 and order.last_error is None
    assert job["shipping_address"]["postcode"] == "560002"
    assert job["line_items"][0]["printable_normalization"]["interior"]["source_url"].startswith(
        settings.public_base_url
    )
    lulu.walk(
        job["id"], "UNPAID", "PAYMENT_IN_PROGRESS", "PRODUCTION_DELAYED", "PRODUCTION_READY",
        "IN_PRODUCTION", "SHIPPED", carrier="Delhivery", url="https://track.example/TRK1",
    )  # fmt: skip
    bodies = lulu.webhooks
    assert len(bodies) == 7  # CREATED and the six moves
    # Repeated, and out of order: PAYMENT_IN_PROGRESS after PRODUCTION_DELAYED, IN_PRODUCTION
    # again after SHIPPED.
    order_of_delivery = [0, 1, 1, 3, 2, 4, 5, 6, 5, 6, 2]
    seen = []
    for i in order_of_delivery:  # one after another, as Lulu sends them
        seen.append(await _deliver(client, lulu, bodies[i]))
        await settle(app)
    assert seen.count((200, "duplicate")) == 4 and all(code == 200 for code, _ in seen)
    assert await _deliver(client, lulu, bodies[6], signature="0" * 64) == (401, None)
    await settle(app)
    reply = await parent._new_messages()
    said = texts(reply)
    assert said.count("has gone to print") == 1 and said.count("is on its way") == 1
    assert "with Delhivery" in said and "https://track.example/TRK1" in said
    (order,) = await _orders(app)
    assert (order.status, order.carrier, order.tracking_url) == (
        "SHIPPED",
        "Delhivery",
        "https://track.example/TRK1",
    )
    assert lulu.create_calls == 1 and len(lulu.jobs) == 1
    async with app[keys.SESSIONS]() as s:
        actions = list((await s.execute(select(AuditLogRow.action))).scalars())
    assert actions.count("print_submitted") == 1 and "print_submit_failed" in actions


async def test_a_rejected_file_reaches_support_and_a_resubmission_is_a_new_job(
    aiohttp_client, make_settings, db_url, lulu
):
    settings = lulu_settings(make_settings, db_url, lulu)
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    lulu.reach = (settings.public_base_url, str(client.make_url("")))
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await _address(parent)
    await parent.tap("Looks right")
    await parent._new_messages()
    await pay(client, parent)
    await parent._new_messages()
    (order,) = await _orders(app)
    job = lulu.job_for(order.id)
    lulu.move(job["id"], "REJECTED", message="Interior: fonts not embedded")
    assert (await _deliver(client, lulu, lulu.webhooks[-1]))[1] == "accepted"
    await settle(app)
    reply = await parent._new_messages()
    assert "Someone from our support team will contact you" in texts(reply)
    printing = app[keys.SERVICES].printing
    queue = await printing.store.queue(QueueFilter(needs_attention=True))
    assert [(o.id, o.last_error) for o in queue] == [(order.id, "Interior: fonts not embedded")]
    await PrintSupport(printing).resubmit(order.id, "agent@example.com", None)
    await printing.refresh(order.id, "console")
    (row,) = await _orders(app)
    assert row.status == "CREATED" and row.provider_order_id != str(job["id"])
    assert len(lulu.jobs) == 2 and lulu.job_for(f"{order.id}-r2")["id"] == int(
        row.provider_order_id
    )
    # A late report about the rejected job changes nothing.
    assert (await _deliver(client, lulu, lulu.webhooks[-2]))[1] == "duplicate"
    assert await printing.store.queue(QueueFilter(needs_attention=True)) == []


async def test_print_news_outside_the_whatsapp_window_goes_as_the_update_template(
    aiohttp_client, make_settings, sqlite_db_url, graph
):
    settings = make_settings(
        database_url=sqlite_db_url, whatsapp_template_update="account_update:en",
        **whatsapp_settings(graph.base_url),
    )  # fmt: skip
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    parent = WaParent(client, graph)
    await parent.say("hi")
    await parent.new_messages()
    async with app[keys.SESSIONS]() as s, s.begin():
        session = (await s.execute(select(ChatSessionRow))).scalar_one()
        session.last_inbound_at = datetime.now(UTC) - timedelta(hours=25)
        user_id = session.user_id
    news = PrintNews("order1", "book1", user_id, "shipped", "Delhivery", "https://t.example/1")
    await app[keys.RUNTIME].print_news.tell(news)
    await app[keys.RUNTIME].print_news.tell(news)  # told once, however often it is reported
    await settle(app)
    await app[keys.RUNTIME].outbox.flush()
    sent = await parent.new_messages()
    assert [m["type"] for m in sent] == ["template"]
    assert sent[0]["template"]["name"] == "account_update"


async def test_two_submissions_at_once_make_one_job(aiohttp_client, make_settings, db_url, lulu):
    settings = lulu_settings(make_settings, db_url, lulu)
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    lulu.reach = (settings.public_base_url, str(client.make_url("")))
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await _address(parent)
    await parent.tap("Looks right")
    await parent._new_messages()
    lulu.fail_next_create = 503  # the first submission fails: the order stays NEW
    await pay(client, parent)
    (order,) = await _orders(app)
    assert order.status == "NEW" and lulu.jobs == {}
    # The tracker and an agent at the same moment, each looking before creating: the second
    # waits for the first and then finds its job.
    lulu.slow_create = 0.5
    printing = app[keys.SERVICES].printing
    await asyncio.gather(printing.refresh(order.id, "poll"), printing.refresh(order.id, "console"))
    (order,) = await _orders(app)
    assert len(lulu.jobs) == 1 and lulu.create_calls == 2  # the failed one and one real
    assert order.provider_order_id == str(next(iter(lulu.jobs))) and order.status == "CREATED"


async def test_a_pdf_buyer_gets_the_book_that_was_previewed(
    aiohttp_client, make_settings, sqlite_db_url
):
    settings = make_settings(database_url=sqlite_db_url, feature_print_ship=True, **FAST)
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    await parent.tap("PDF ₹499")
    await pay(client, parent)
    await parent._new_messages()
    services = app[keys.SERVICES]
    async with services.uow_factory() as uow:
        (book,) = await uow.books.for_user(await _user_of(app))
        final = await uow.assets.get(book.final_pdf_id)
        preview = await uow.assets.get(book.preview_pdf_id)
    pages = [count_pages(await services.assets.read(a)) for a in (final, preview)]
    assert pages[0] == pages[1] < 24
    assert await _orders(app) == []  # nothing to print


async def _user_of(app) -> str:
    async with app[keys.SESSIONS]() as s:
        return (await s.execute(select(ChatSessionRow.user_id))).scalar_one()


async def test_an_address_refused_at_ordering_reaches_the_parent_and_support(
    aiohttp_client, make_settings, db_url, lulu
):
    settings = lulu_settings(make_settings, db_url, lulu)
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    lulu.reach = (settings.public_base_url, str(client.make_url("")))
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await _address(parent)
    await parent.tap("Looks right")
    await parent._new_messages()
    lulu.refused_postcodes = {"560001"}  # accepted at the cost check, refused when ordered
    await pay(client, parent)
    said = texts(await parent._new_messages())
    assert "support team will contact you" in said
    (order,) = await _orders(app)
    assert order.status == "REJECTED" and "postcode" in order.last_error and lulu.jobs == {}
    queue = await app[keys.SERVICES].printing.store.queue(QueueFilter(needs_attention=True))
    assert [o.id for o in queue] == [order.id]

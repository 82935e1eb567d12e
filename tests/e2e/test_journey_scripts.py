"""More conversation scripts: returning parents, limits, repairs, commands, payments, restarts."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from aiohttp import web
from sqlalchemy import func, select, update
from support.chat_driver import Parent, make_profile, pay, settle, texts, to_preview

from adapters import sandbox_payments as sandbox
from bot.app import keys
from bot.app.composition import create_app
from storage.tables import (
    AuditLogRow,
    BookRow,
    BookVersionRow,
    ChatSessionRow,
    ChildProfileRow,
    JobRow,
    PaymentRow,
    SeriesRow,
    WebhookEventRow,
)

FAST = {"book_image_px": 320}


@pytest.fixture
def settings(make_settings, sqlite_db_url):
    return make_settings(database_url=sqlite_db_url, regeneration_limit=2, **FAST)


@pytest.fixture
async def client(aiohttp_client, settings):
    return await aiohttp_client(create_app(settings))


async def _count(app, query):
    async with app[keys.SESSIONS]() as s:
        return await s.scalar(query)


async def test_returning_parent_skips_the_profile(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.close()
    # Same parent, a new day: the chat is restarted; the profile is remembered.
    reply = await parent.open(parent.token) and await parent.say("restart")
    assert "Make a new book for *Zoya*" in texts(reply) or "new book for *Zoya*" in texts(reply)
    assert await parent.state() == "returning"
    await parent.tap("Yes, new book")
    assert await parent.state() == "choose_series"
    app = client.server.app
    assert await _count(app, select(func.count()).select_from(ChildProfileRow)) == 1
    assert await _count(app, select(func.max(SeriesRow.round))) == 2


async def test_regeneration_until_the_limit(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    reply = await to_preview(parent)
    assert "ask for 2 new versions" in texts(reply)
    reply = await parent.tap("Regenerate")
    assert await parent.state() == "ask_feedback" and "What should I change?" in texts(reply)
    reply = await parent.tap("Keep this one")  # changed their mind: nothing is used up
    assert await parent.state() == "preview" and "ask for 2 new versions" in texts(reply)
    await parent.tap("Regenerate")
    reply = await parent.say("Please make the dragon kill the bad guy")
    assert "can't put that in a children's book" in texts(reply)
    assert await parent.state() == "ask_feedback"
    reply = await parent.say("More about her cat, and a sillier ending")
    assert await parent.state() == "preview"
    assert "ask for 1 new version." in texts(reply)
    await parent.tap("Regenerate")
    reply = await parent.tap("Just try again")
    assert "used all 2 regenerations" in texts(reply)
    preview = next(m for m in reply if m["kind"] == "document")
    assert [b["title"] for b in preview["buttons"]] == ["Buy the book"]
    reply = await parent.say("regenerate")  # typed instead of tapped: still refused politely
    assert "used all 2 regenerations" in texts(reply)
    app = client.server.app
    assert await _count(app, select(func.count()).select_from(BookVersionRow)) == 3
    assert await _count(app, select(BookRow.regeneration_count)) == 2
    async with app[keys.SESSIONS]() as s:
        versions = list(
            (await s.execute(select(BookVersionRow).order_by(BookVersionRow.round))).scalars()
        )
    feedback = [v.feedback for v in versions]
    assert feedback == [None, "More about her cat, and a sillier ending", None]
    pages = [tuple(p["text"] for p in v.text_json["pages"]) for v in versions]
    assert len(set(pages)) == 3  # every version is a new take, even with the offline writer


async def test_back_and_edit_from_the_summary(client):
    parent = await Parent(client).open()
    await parent.say("hi")
    await parent.tap("I agree")
    await parent.say("Kabir")
    reply = await parent.say("back")
    assert "first name" in texts(reply)
    assert await parent.state() == "ask_name"
    await parent.say("Kabir")
    await parent.say("4")
    await parent.tap("He")
    await parent.say("trains")
    reply = await parent.tap("Done")
    assert await parent.state() == "choose_look"
    # Change one part of a ready-made look: each step shows a picture, then a list.
    await parent.tap("Change something")
    assert await parent.state() == "change_look"
    reply = await parent.tap("Glasses")
    assert await parent.state() == "look_part"
    assert [m["kind"] for m in reply][-2:] == ["image", "list"]
    await parent.tap("Yes")
    assert await parent.state() == "change_look"
    reply = await parent.tap("Done, that's it")
    assert "round glasses" in texts(reply)
    assert await parent.state() == "profile_summary"
    # ... and again from the summary, where the look is one of the fields.
    await parent.tap("Edit")
    await parent.tap("How they look")
    await parent.tap("Hair colour")
    await parent.tap("Ginger")
    reply = await parent.tap("Done, that's it")
    assert "ginger hair" in texts(reply) and "round glasses" in texts(reply)
    assert await parent.state() == "profile_summary"
    await parent.tap("Edit")
    reply = await parent.tap("Age")
    assert "How old is Kabir" in texts(reply)
    reply = await parent.say("five")
    assert await parent.state() == "profile_summary"
    assert "Age: 5" in texts(reply)


async def test_restart_keeps_the_profile_and_starts_over(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await parent.tap("Looks good")
    reply = await parent.say("restart")
    assert "Starting over" in texts(reply)
    assert await parent.state() == "returning"


async def test_a_stale_button_is_answered_and_not_applied(client):
    parent = await Parent(client).open()
    await parent.say("hi")
    await parent.tap("I agree")
    await parent.say("Mira")
    await parent.say("7")
    she_id, she_seq = parent.find_option("She")
    await parent.tap("She")
    assert await parent.state() == "ask_interests"
    reply = await parent.tap_id(she_id.replace(":she", ":he"), she_seq)  # an old message's button
    assert "earlier step" in texts(reply)
    assert await parent.state() == "ask_interests"
    async with client.server.app[keys.SESSIONS]() as s:
        row = (await s.execute(select(ChatSessionRow))).scalar_one()
    assert row.state_json["slots"]["pronouns"] == "she"


async def test_two_messages_at_once_are_handled_in_order(client):
    parent = await Parent(client).open()
    await parent.say("hi")
    await parent.tap("I agree")
    runtime = client.server.app[keys.RUNTIME]
    # Two messages arrive back to back (recorded in arrival order); two workers pick them up at
    # once. The session lock and the inbox order make them count as name, then age.
    await runtime.chat.record_inbound(parent.session_id, "text", {"text": "Aanya"})
    await runtime.chat.record_inbound(parent.session_id, "text", {"text": "8"})
    await asyncio.gather(
        runtime.turns.process(parent.session_id), runtime.turns.process(parent.session_id)
    )
    await settle(client.server.app)
    async with client.server.app[keys.SESSIONS]() as s:
        row = (await s.execute(select(ChatSessionRow))).scalar_one()
    assert row.state == "ask_pronouns"
    assert row.state_json["slots"]["name"] == "Aanya" and row.state_json["slots"]["age"] == 8


async def test_hand_off_keeps_the_bot_quiet_until_a_command(client):
    parent = await Parent(client).open()
    await parent.say("hi")
    reply = await parent.say("talk to a person")
    assert "person from our team" in texts(reply)
    assert await parent.say("hello? anyone?") == []
    assert await parent.say("I agree") == []
    assert await parent.state() == "consent"
    reply = await parent.say("menu")
    assert "I'm back" in texts(reply) and "make a picture book" in texts(reply)
    actions = set(await _rows(client, select(AuditLogRow.action)))
    assert {"handoff_on", "handoff_off"} <= actions


async def _rows(client, query):
    async with client.server.app[keys.SESSIONS]() as s:
        return list((await s.execute(query)).scalars())


async def test_delete_my_data_erases_everything_but_payments(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    await pay(client, parent)
    reply = await parent.say("delete my data")
    assert "Are you sure" in texts(reply)
    option_id, seq = parent.find_option("Yes, delete all")
    await parent.ws.send_json({"type": "choice", "id": option_id, "seq": seq})
    app = client.server.app
    # The open chat is told; the erased parent's token opens nothing any more.
    async with asyncio.timeout(30):
        while True:
            frame = await parent.ws.receive_json()
            if frame["type"] == "message" and "has been deleted" in str(frame["message"]):
                break
    await settle(app)
    assert (await client.get(f"/webchat/history?token={parent.token}")).status == 401
    assert (await client.post("/webchat/sessions", json={"token": parent.token})).status == 404
    for table in (ChildProfileRow, BookRow, BookVersionRow):
        assert await _count(app, select(func.count()).select_from(table)) == 0
    payment = (await _rows(client, select(PaymentRow)))[0]
    assert payment.status == "paid" and payment.user_id is None and payment.book_id is None
    assert "data_erased" in await _rows(client, select(AuditLogRow.action))
    blobs = list((client.server.app[keys.SETTINGS].var_dir / "blobs").rglob("*.*"))
    assert blobs == []
    assert await parent.state() == "start"


async def _age_session(app, session_id, hours):
    """Pretend the parent has been silent for `hours`."""
    async with app[keys.SESSIONS]() as s, s.begin():
        when = app[keys.SERVICES].clock.now() - timedelta(hours=hours)
        await s.execute(
            update(ChatSessionRow)
            .where(ChatSessionRow.id == session_id)
            .values(last_activity_at=when)
        )


async def test_reminders_at_a_choice_at_most_twice_and_never_when_opted_out(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await parent.tap("Looks good")
    assert await parent.state() == "choose_series"
    app = client.server.app
    reminders = app[keys.RUNTIME].reminders
    await _age_session(app, parent.session_id, 19)
    assert await reminders.sweep() == 0  # not before 20 hours
    await _age_session(app, parent.session_id, 21)
    assert await reminders.sweep() == 1
    await settle(app)
    reply = await parent._new_messages()
    assert "waiting whenever you're ready" in texts(reply)
    assert any(m["kind"] == "list" for m in reply)  # the question again, nothing chosen
    assert await reminders.sweep() == 0  # the reminder itself restarted the 20 hours
    await _age_session(app, parent.session_id, 21)
    assert await reminders.sweep() == 1
    await settle(app)
    await _age_session(app, parent.session_id, 200)
    assert await reminders.sweep() == 0  # at most two per book
    assert await parent.state() == "choose_series"


async def test_opt_out_stops_reminders(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await parent.tap("Looks good")
    reply = await parent.say("stop")
    assert "won't send you any reminders" in texts(reply)
    app = client.server.app
    await _age_session(app, parent.session_id, 72)
    assert await app[keys.RUNTIME].reminders.sweep() == 0
    await parent.say("start")
    await _age_session(app, parent.session_id, 72)
    assert await app[keys.RUNTIME].reminders.sweep() == 1


async def test_sandbox_webhook_replayed_ten_times_delivers_once(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    app = client.server.app
    payment = (await _rows(client, select(PaymentRow)))[0]
    body = sandbox.event_body(
        "evt_replay",
        payment.provider_order_id,
        "pay_1",
        __import__("domain.money", fromlist=["Money"]).Money(49900, "INR"),
        True,
    )
    signature = sandbox.sign(app[keys.RUNTIME].sandbox_secret, body)
    headers = {sandbox.SIGNATURE_HEADER: signature, "Content-Type": "application/json"}
    statuses = []
    for _ in range(10):
        response = await client.post("/webhooks/sandbox", data=body, headers=headers)
        statuses.append((await response.json())["status"])
    # A replay that arrives before the first delivery was applied is taken again (so a
    # process dying after the ack loses nothing); once applied, replays are duplicates.
    assert statuses[0] == "accepted"
    assert set(statuses) <= {"accepted", "duplicate"}
    await settle(app)
    response = await client.post("/webhooks/sandbox", data=body, headers=headers)
    assert (await response.json())["status"] == "duplicate"
    reply = await parent._new_messages()
    documents = [m for m in reply if m["kind"] == "document"]
    assert len(documents) == 1 and not documents[0]["filename"].endswith("-preview.pdf")
    # Another event id for the same payment (Razorpay sends several) unlocks nothing again.
    other = body.replace(b"evt_replay", b"evt_other")
    await client.post(
        "/webhooks/sandbox",
        data=other,
        headers={
            **headers,
            sandbox.SIGNATURE_HEADER: sandbox.sign(app[keys.RUNTIME].sandbox_secret, other),
        },
    )
    await settle(app)
    assert [m for m in await parent._new_messages() if m["kind"] == "document"] == []
    assert await _count(app, select(func.count()).select_from(WebhookEventRow)) == 2


async def test_wrong_signature_and_wrong_amount_never_unlock(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    app = client.server.app
    payment = (await _rows(client, select(PaymentRow)))[0]
    from domain.money import Money

    cheap = sandbox.event_body("evt_cheap", payment.provider_order_id, "p", Money(100, "INR"), True)
    forged = await client.post(
        "/webhooks/sandbox", data=cheap, headers={sandbox.SIGNATURE_HEADER: "0" * 64}
    )
    assert forged.status == 401
    signed = {sandbox.SIGNATURE_HEADER: sandbox.sign(app[keys.RUNTIME].sandbox_secret, cheap)}
    assert (await client.post("/webhooks/sandbox", data=cheap, headers=signed)).status == 200
    await settle(app)
    assert sorted(await _rows(client, select(PaymentRow.status))) == ["created", "mismatch"]
    assert (await _rows(client, select(BookRow.status))) == ["PAYMENT_PENDING"]
    assert await parent.state() == "awaiting_payment"
    # The parent is told and given a new order at the right price, which unlocks the book.
    assert "didn't go through" in texts(await parent._new_messages())
    checkout = await pay(client, parent, "pay")
    assert payment.provider_order_id not in checkout
    assert any(m["kind"] == "document" for m in await parent._new_messages())
    assert sorted(await _rows(client, select(PaymentRow.status))) == ["mismatch", "paid"]


async def test_no_final_pdf_before_payment(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    reply = await parent.say("my books")
    rows = next(m for m in reply if m["kind"] == "list")["rows"]
    assert "Preview" in rows[0]["description"]
    reply = await parent.tap(rows[0]["title"])
    document = next(m for m in reply if m["kind"] == "document")
    assert document["filename"].endswith("-preview.pdf")
    books = await _rows(client, select(BookRow))
    assert books[0].final_pdf_id is None


async def test_a_declined_order_is_closed_and_the_next_attempt_is_a_new_one(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    declined = await pay(client, parent, "decline")
    reply = await parent._new_messages()
    assert "didn't go through" in texts(reply)
    assert await parent.state() == "awaiting_payment"
    await settle(client.server.app)
    reply += await parent._new_messages()
    [link] = [m for m in reply if m["kind"] == "link"]
    assert declined.rsplit("/", 1)[-1] not in link["url"]  # a new order, not the declined one
    await pay(client, parent, "pay")
    assert any(m["kind"] == "document" for m in await parent._new_messages())
    statuses = sorted(await _rows(client, select(PaymentRow.status)))
    assert statuses == ["expired", "paid"]


async def test_resume_after_the_app_is_recreated_mid_generation(aiohttp_client, settings):
    first = await aiohttp_client(create_app(settings))
    parent = await Parent(first).open()
    await make_profile(parent)
    reply = await parent.tap("Looks good")
    await parent.tap(next(m for m in reply if m["kind"] == "list")["rows"][0]["title"])
    lines = next(i["message"] for i in reversed(parent.messages) if i["message"]["kind"] == "list")
    await parent.tap(lines["rows"][0]["title"])
    # The dedication answer starts the book job; the process "dies" before it runs.
    app = first.server.app

    async def lost(_job_id: str) -> None:
        return None  # the job row is kept; nothing reaches the queue

    app[keys.RUNTIME].turns._enqueue = lost
    await parent.ws.send_json({"type": "text", "text": "skip"})
    async with asyncio.timeout(10):
        while not await _count(
            app, select(func.count()).select_from(JobRow).where(JobRow.kind == "book")
        ):
            await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)
    await parent.close()
    await first.close()
    # A new process: the unfinished job is found and re-queued; the parent gets the preview once.
    second = await aiohttp_client(create_app(settings))
    parent.client, parent.app = second, second.server.app
    await asyncio.sleep(0.1)
    await settle(second.server.app)
    reply = await parent._new_messages()
    previews = [m for m in reply if m["kind"] == "document"]
    assert len(previews) == 1
    assert await parent.state() == "preview"


async def test_printed_book_asks_and_validates_a_shipping_address(
    aiohttp_client, make_settings, sqlite_db_url
):
    settings = make_settings(database_url=sqlite_db_url, feature_print_ship=True, **FAST)
    client = await aiohttp_client(create_app(settings))
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    reply = await parent.tap("Buy the book")
    assert [b["title"] for b in reply[-1]["buttons"]] == ["PDF ₹499", "Printed ₹1,499"]
    await parent.tap("Printed ₹1,499")
    await parent.say("Anita Rao")
    await parent.say("12 Lake View Road")
    await parent.tap("Skip")
    await parent.say("Bengaluru")
    await parent.say("Karnataka")
    reply = await parent.say("5600")
    assert "6 digits" in texts(reply)
    await parent.say("560 001")
    reply = await parent.say("12345")
    assert "10-digit" in texts(reply)
    reply = await parent.say("+91 98765 43210")
    assert "Anita Rao\n12 Lake View Road\nBengaluru, Karnataka 560001" in texts(reply)
    reply = await parent.tap("Looks right")
    await settle(client.server.app)
    reply += await parent._new_messages()
    link = next(m for m in reply if m["kind"] == "link")
    assert "₹1,499" in link["text"]
    await pay(client, parent)
    reply = await parent._new_messages()
    assert "shipped to Bengaluru" in texts(reply)
    from storage.tables import ShippingAddressRow

    address = (await _rows(client, select(ShippingAddressRow)))[0]
    assert (address.postal_code, address.phone, address.line2) == ("560001", "9876543210", None)
    book = (await _rows(client, select(BookRow)))[0]
    assert (book.fulfilment, book.price_minor, book.status) == ("print", 149900, "DELIVERED")


async def test_file_links_refuse_tampering_and_reveal_nothing(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    reply = await to_preview(parent)
    url = next(m for m in reply if m["kind"] == "document")["url"]
    path = "/" + url.split("/", 3)[3]
    assert (await client.get(path)).status == 200
    token = path.rsplit("/", 1)[1]
    forged = path.replace(token, token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"))
    refused = await client.get(forged)
    assert refused.status == 403
    assert (await refused.json())["error"]["code"] == "link_refused"
    assert (await client.get("/files/")).status == 404


async def _press_pay(client, host: str):
    """Up to the sandbox checkout, then Pay with the Host header `host`."""
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    await settle(client.server.app)
    payment = (await _rows(client, select(PaymentRow)))[0]
    checkout = f"/sandbox/checkout/{payment.provider_order_id}"
    page = await (await client.get(checkout)).text()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    return await client.post(
        f"{checkout}/pay", data={"form_token": token}, headers={"Host": host},
        allow_redirects=False,
    )  # fmt: skip


async def test_the_sandbox_posts_its_webhook_to_public_base_url_whatever_the_host_header(client):
    """The checkout's Pay button posts the signed webhook to PUBLIC_BASE_URL (this server
    here): a forged Host header must not send that call elsewhere."""
    paid = await _press_pay(client, "attacker.invalid:9")
    assert paid.status == 303
    await settle(client.server.app)
    [settled] = await _rows(client, select(PaymentRow))
    assert settled.status == "paid"


async def test_the_sandbox_webhook_goes_to_public_base_url_only(
    aiohttp_client, aiohttp_server, make_settings, sqlite_db_url
):
    """With PUBLIC_BASE_URL naming another server (a proxy in front, say), the webhook goes
    there, and neither to the Host header nor to the socket the page was served on."""
    received: list[tuple[str, str]] = []

    async def shop_front(request: web.Request) -> web.Response:
        received.append((request.path, request.headers.get("Host", "")))
        return web.Response(text="ok")

    front_app = web.Application()
    front_app.router.add_post("/shop/webhooks/sandbox", shop_front)
    front = await aiohttp_server(front_app)
    public = str(front.make_url("/shop"))
    settings = make_settings(database_url=sqlite_db_url, public_base_url=public, **FAST)
    client = await aiohttp_client(create_app(settings))
    paid = await _press_pay(client, f"127.0.0.1:{client.server.port}")
    assert paid.status == 303
    assert received == [("/shop/webhooks/sandbox", f"{front.host}:{front.port}")]
    [open_payment] = await _rows(client, select(PaymentRow))
    assert open_payment.status == "created"  # the shop front did not pass it on

    await front.close()  # PUBLIC_BASE_URL unreachable: the checkout says so, plainly
    page = await (await client.get(f"/sandbox/checkout/{open_payment.provider_order_id}")).text()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    failed = await client.post(
        f"/sandbox/checkout/{open_payment.provider_order_id}/pay", data={"form_token": token}
    )
    assert failed.status == 502
    assert "PUBLIC_BASE_URL" in (await failed.json())["error"]["message"]


async def test_a_regeneration_about_the_look_leads_to_the_look_builder(client):
    """'straight black hair, not blonde curls' is not guessed at: the parent picks the look,
    the book is redrawn with it and the profile keeps it for every later book."""
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Regenerate")
    reply = await parent.say("She has straight black hair, not blonde curls")
    assert await parent.state() == "change_look"
    assert "choose it here and I'll redraw" in texts(reply)
    assert [m["kind"] for m in reply][-2:] == ["image", "list"]
    await parent.tap("Hair style")
    await parent.tap("Long")
    reply = await parent.tap("Redraw the book")
    assert "long straight black hair" in texts(reply)
    assert await parent.state() == "preview"
    app = client.server.app
    assert await _count(app, select(BookRow.regeneration_count)) == 1
    async with app[keys.SESSIONS]() as s:
        profile = (await s.execute(select(ChildProfileRow))).scalar_one()
        versions = list(
            (await s.execute(select(BookVersionRow).order_by(BookVersionRow.round))).scalars()
        )
    assert profile.look["hair_style"] == "long" and profile.look["hair_colour"] == "black"
    sheets = [v.text_json["character"] for v in versions]
    assert sheets[0]["hair_style"] == "curly" and sheets[1]["hair_style"] == "long"
    assert "long straight black hair" in sheets[1]["description"]
    # From the look step the parent may also go back to the preview without using one up.
    await parent.tap("Regenerate")
    await parent.tap("Change the look")
    assert await parent.state() == "change_look"
    reply = await parent.say("back")
    assert await parent.state() == "ask_feedback"


async def test_a_regeneration_says_what_it_changes_and_one_it_cannot_follow_is_not_used(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Regenerate")
    reply = await parent.say("make it better please")
    assert "haven't used a regeneration" in texts(reply)
    assert await parent.state() == "ask_feedback"
    app = client.server.app
    assert await _count(app, select(BookRow.regeneration_count)) == 0
    reply = await parent.say("Shorter, and add her cousin Maya")
    assert "shorter pages and her cousin Maya in the story" in texts(reply)
    assert await parent.state() == "preview"
    assert await _count(app, select(BookRow.regeneration_count)) == 1
    async with app[keys.SESSIONS]() as s:
        versions = list(
            (await s.execute(select(BookVersionRow).order_by(BookVersionRow.round))).scalars()
        )
    first, second = ([p["text"] for p in v.text_json["pages"]] for v in versions)
    assert "Maya" in " ".join(second) and "Maya" not in " ".join(first)
    assert sum(len(t.split()) for t in second) < sum(len(t.split()) for t in first)


async def test_a_profile_from_before_looks_chooses_one_before_the_next_book(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    app = client.server.app
    async with app[keys.SESSIONS]() as s:  # as a profile saved before looks existed
        profile = (await s.execute(select(ChildProfileRow))).scalar_one()
        profile.look = None
        await s.commit()
    await parent.close()
    await parent.open(parent.token)
    await parent.say("restart")
    reply = await parent.tap("Yes, new book")
    assert await parent.state() == "choose_look"
    assert [m["kind"] for m in reply][-2:] == ["image", "list"]
    await parent.tap("Look 2")
    assert await parent.state() == "choose_series"
    async with app[keys.SESSIONS]() as s:
        profile = (await s.execute(select(ChildProfileRow))).scalar_one()
    assert profile.look["skin"] == "light"

"""What an agent finds and fixes in the console, through the real runtime: the list (search
on top, visitors who never wrote hidden), the child panel, one more regeneration, a
regeneration with the parent's words, the profile changed for the parent, and a hand-back that
answers the parent's unanswered message. Each action audited and on the transcript."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image
from sqlalchemy import select
from support.chat_driver import Parent, make_profile, pay, settle, texts, to_preview
from support.console_driver import Staff, add_user

from bot.app import keys
from bot.app.composition import create_app
from domain.books import BookStatus
from storage.tables import AuditLogRow, BookRow, BookVersionRow, ChildProfileRow

AGENT, VIEWER = "asha.agent@example.test", "vik.viewer@example.test"


@pytest.fixture
def settings(make_settings, db_url):
    return make_settings(database_url=db_url, book_image_px=320, regeneration_limit=1)


@pytest.fixture
async def client(aiohttp_client, settings):
    client = await aiohttp_client(create_app(settings))
    for email, role in ((AGENT, "agent"), (VIEWER, "viewer")):
        await add_user(client.server.app, email, role)
    return client


@pytest.fixture
async def staff(client):
    opened: list[Staff] = []

    async def sign_in(email: str) -> Staff:
        person = await (await Staff(client, email).start()).login()
        opened.append(person)
        return person

    yield sign_in
    for person in opened:
        await person.close()


async def _audits(app, action: str) -> list[AuditLogRow]:
    async with app[keys.SESSIONS]() as s:
        query = select(AuditLogRow).where(AuditLogRow.action == action).order_by(AuditLogRow.id)
        return list(await s.scalars(query))


async def _book(app) -> BookRow:
    async with app[keys.SESSIONS]() as s:
        return await s.scalar(select(BookRow))


async def test_search_is_on_top_and_visitors_who_never_wrote_are_hidden(client, staff):
    silent = await Parent(client).open()  # opened the chat, never wrote
    talking = await Parent(client).open()
    await talking.say("hi")
    agent = await staff(AGENT)
    status, html = await agent.get("/support/conversations")
    assert status == 200 and "1 found" in html
    assert talking.session_id in html and silent.session_id not in html
    assert "1 web visitor opened the chat but never wrote: hidden." in html
    search = html.index('class="search-form"')
    assert search < html.index('class="list-head"')  # on top of the list...
    assert html.index("<details") > search or "<details" not in html[search:]  # not collapsed
    assert "v1</span>" not in html and "Flow version" not in html  # no engineers' chips
    status, html = await agent.get("/support/conversations?silent=1")
    assert "2 found" in html and silent.session_id in html and "Hide them" in html
    status, html = await agent.get(f"/support/conversations?q={silent.session_id}")
    assert "1 found" in html  # a search by id finds a silent visitor too
    await silent.close()
    await talking.close()


async def _profile_with_a_painted_look(parent: Parent) -> None:
    await parent.say("hi")
    await parent.tap("I agree")
    await parent.say("Zoya")
    await parent.say("six")
    await parent.tap("She")
    await parent.say("space, cats and playing with her brother Kabir")
    await parent.tap("Change something")  # a picture of this one look is painted
    assert await parent.state() == "change_look"
    await parent.tap("Done, that's it")
    assert await parent.state() == "profile_summary"
    await parent.tap("Looks good")


async def test_child_panel_shows_the_profile_look_picture_and_photo_to_agents_only(client, staff):
    app = client.server.app
    parent = await Parent(client).open()
    await _profile_with_a_painted_look(parent)
    services = app[keys.SERVICES]
    async with app[keys.SESSIONS]() as s:
        child = await s.scalar(select(ChildProfileRow))
    jpeg = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 120, 90)).save(jpeg, "JPEG")
    photo = await services.assets.keep(
        jpeg.getvalue(), kind="photo", mime="image/jpeg", owner_user_id=child.user_id
    )
    stored = await services.profiles.get(child.user_id)
    await services.profiles.save(child.user_id, replace(stored.profile, photo_asset_id=photo.id))

    agent, viewer = await staff(AGENT), await staff(VIEWER)
    sid = parent.session_id
    status, html = await agent.get(f"/support/conversations/{sid}")
    assert "she/her" in html and "space, cats, playing with her brother Kabir" in html
    assert "<dt>Look</dt><dd>Fair skin and a golden blonde ponytail</dd>" in html
    pictures = [p for p in html.split('src="')[1:] if "/pictures/" in p]
    assert len(pictures) == 2, "the photo and the painted look"
    assert any(photo.id in p for p in pictures)
    for p in pictures:
        response = await agent.client.get(p.split('"')[0])
        assert response.status == 200 and response.content_type == "image/jpeg"
        assert response.headers["Cache-Control"] == "private, no-store"
    status, html = await viewer.get(f"/support/conversations/{sid}")
    assert "/pictures/" not in html and "Kabir" not in html and "Zoya" not in html
    assert "she/her" in html  # pronouns are no secret
    status, _ = await viewer.get(f"/support/conversations/{sid}/pictures/{photo.id}")
    assert status == 403
    views = await _audits(app, "support.picture_viewed")
    assert {v.data["kind"] for v in views} == {"photo", "illustration"}
    await parent.close()


async def test_agent_grants_a_regeneration_beyond_the_limit(client, staff):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Regenerate")
    await parent.say("shorter please")
    await settle(app)
    assert await parent.state() == "preview"
    preview = parent.messages[-1]["message"]
    assert "You've used all 1 regenerations" in texts([preview])
    assert [b["title"] for b in preview["buttons"]] == ["Buy the book"]

    agent, sid = await staff(AGENT), parent.session_id
    status, html = await agent.get(f"/support/conversations/{sid}")
    assert "Regenerations: 1 of 1 used" in html and "Version 2" in html
    assert "asked: “shorter please”" in html
    book = await _book(app)
    status, _, location = await agent.post(
        f"/support/conversations/{sid}/grant-regeneration", book_id=book.id
    )
    assert status == 303 and "done=granted" in location
    told = await parent._new_messages()
    assert "our team has given you one more regeneration" in texts(told)
    assert any(b["title"] == "Regenerate" for m in told for b in m.get("buttons", []))
    assert (await _book(app)).regenerations_granted == 1
    status, html = await agent.get(f"/support/conversations/{sid}")
    assert "One more regeneration granted by asha.agent@example.test" in html
    assert "Regenerations: 1 of 2 used (1 granted)" in html
    [audit] = await _audits(app, "support.regeneration_granted")
    assert audit.actor_id == AGENT and audit.data["book_id"] == book.id

    await parent.tap("Regenerate")  # the parent uses it
    await parent.say("funnier")
    await settle(app)
    assert await parent.state() == "preview" and (await _book(app)).regeneration_count == 2
    await parent.close()


async def test_agent_regenerates_with_the_parents_words_and_edits_the_profile(client, staff):
    app = client.server.app
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    agent, sid, book = await staff(AGENT), parent.session_id, await _book(app)
    status, html = await agent.get(f"/support/conversations/{sid}")
    assert "Regenerate with these words" in html
    status, html, _ = await agent.post(
        f"/support/conversations/{sid}/regenerate", book_id=book.id, feedback="x" * 301
    )
    assert status == 409 and "under 300 characters" in html
    status, _, location = await agent.post(
        f"/support/conversations/{sid}/regenerate", book_id=book.id, feedback="add a puppy"
    )
    assert status == 303 and "done=regenerating" in location
    await settle(app)
    said = texts(await parent._new_messages())
    assert "Our team has asked for a new version" in said
    assert await parent.state() == "preview"
    async with app[keys.SESSIONS]() as s:
        versions = list(await s.scalars(select(BookVersionRow).order_by(BookVersionRow.round)))
    assert [v.feedback for v in versions] == [None, "add a puppy"]
    status, html = await agent.get(f"/support/conversations/{sid}")
    assert (
        "Regeneration started by asha.agent@example.test with the parent&#39;s words: add a puppy"
        in html
    )

    status, _, location = await agent.post(
        f"/support/conversations/{sid}/profile",
        name="Zoyah",
        interests="space, cats, baking",
        skin="brown",
        hair_style="afro",
        hair_colour="black",
        head_covering="none",
        had_look="1",
    )
    assert status == 303 and "done=profile_edited" in location
    said = texts(await parent._new_messages())
    assert "updated the spelling of the name and the look in Zoyah's profile" in said
    async with app[keys.SESSIONS]() as s:
        child = await s.scalar(select(ChildProfileRow))
    assert child.name == "Zoyah" and child.look["hair_style"] == "afro"
    assert child.interests == ["space", "cats", "baking"]  # unchanged
    status, html = await agent.get(f"/support/conversations/{sid}")
    assert "Profile changed by asha.agent@example.test for the parent: name, look" in html
    [audit] = await _audits(app, "support.profile_edited")
    assert audit.data["fields"] == ["name", "look"] and audit.actor_id == AGENT
    status, html, _ = await agent.post(
        f"/support/conversations/{sid}/profile", name="Zoya\u0007", had_look="1",
        skin="brown", hair_style="afro", hair_colour="black", head_covering="none",
    )  # fmt: skip
    assert status == 409 and "cannot be saved" in html
    await parent.tap("Buy the book")  # the parent carries on with the redrawn book
    assert await parent.state() == "awaiting_payment"
    status, html, _ = await agent.post(
        f"/support/conversations/{sid}/grant-regeneration", book_id=book.id
    )
    assert status == 409 and "paid for" in html
    assert (await _book(app)).status == BookStatus.PAYMENT_PENDING
    await parent.close()


async def test_hand_back_warns_and_the_bot_answers_the_parents_last_message(client, staff):
    app = client.server.app
    parent = await Parent(client).open()
    await parent.say("hi")
    await parent.tap("I agree")
    await parent.say("Zoya")
    assert await parent.state() == "ask_age"
    await parent.say("talk to a person")
    agent, sid = await staff(AGENT), parent.session_id
    await agent.post(f"/support/conversations/{sid}/take-over")
    await parent._new_messages()
    assert await parent.say("she is six") == []  # the bot is quiet while a person is here
    _, html = await agent.get(f"/support/conversations/{sid}")
    assert "The parent's last message has no answer yet: “she is six”" in html
    await agent.post(f"/support/conversations/{sid}/hand-back")
    said = texts(await parent._new_messages())
    assert "I'm back!" in said
    assert await parent.state() == "ask_pronouns"  # "she is six" was answered, not dropped
    [audit] = await _audits(app, "support.handed_back")
    assert audit.data["answers_pending"] is True
    _status, html = await agent.get(f"/support/conversations/{sid}")
    assert "no answer yet" not in html
    await parent.close()


async def test_no_warning_when_the_agent_answered(client, staff):
    parent = await Parent(client).open()
    await parent.say("hi")
    await parent.say("talk to a person")
    agent, sid = await staff(AGENT), parent.session_id
    await agent.post(f"/support/conversations/{sid}/take-over")
    await parent.say("where is my book?")
    await agent.post(f"/support/conversations/{sid}/reply", text="Let me look.")
    _status, html = await agent.get(f"/support/conversations/{sid}")
    assert "no answer yet" not in html
    await agent.post(f"/support/conversations/{sid}/hand-back")
    said = texts(await parent._new_messages())
    assert "I'm back!" in said and await parent.state() == "consent"  # asked again
    await parent.close()


PRIVATE = ("zoya", "kabir", "maya")  # every name this parent gives


def _no_private(text: str) -> None:
    lowered = text.casefold()
    for name in PRIVATE:
        assert name not in lowered, (name, lowered[max(0, lowered.find(name) - 300) :][:600])


async def test_a_viewer_sees_no_name_over_a_whole_journey(client, staff):
    """Names typed as answers ("her name is zoya"), people in interests and wishes, in the
    parent's own messages, the bot's, events, the book panel, the list and the JSON status."""
    app = client.server.app
    parent = await Parent(client).open()
    await parent.say("hi")
    await parent.tap("I agree")
    await parent.say("her name is zoya")  # typed the way parents do
    await parent.say("six")
    await parent.tap("She")
    await parent.say("space, cats and playing with her brother Kabir")
    await parent.tap("Look 2")
    await parent.tap("Looks good")
    series = next(m for m in reversed(parent.messages) if m["message"]["kind"] == "list")
    await parent.tap(series["message"]["rows"][0]["title"])
    lines = next(m for m in reversed(parent.messages) if m["message"]["kind"] == "list")
    await parent.tap(lines["message"]["rows"][0]["title"])
    await parent.say("For Zoya and Kabir, love Mum")
    await settle(app)
    assert await parent.state() == "preview"
    await parent.tap("Regenerate")
    await parent.say("add her cousin Maya")
    await settle(app)
    await parent.say("Zoya loves it! Thank you from Kabir too")
    await parent.tap("Buy the book")
    await pay(client, parent)
    assert await parent.state() == "delivered"
    agent, viewer, sid = await staff(AGENT), await staff(VIEWER), parent.session_id
    _, seen_by_agent = await agent.get(f"/support/conversations/{sid}")
    for name in ("Kabir", "Maya", "zoya"):
        assert name in seen_by_agent  # the agent sees everything, so redaction is what hides
    pages = [
        f"/support/conversations/{sid}",
        "/support/conversations",
        "/support/conversations?silent=1",
        f"/support/api/conversations/{sid}/status",
        "/support/print",
    ]
    for path in pages:
        status, body = await viewer.get(path)
        assert status == 200, path
        _no_private(body)
    status, html = await viewer.get(f"/support/conversations/{sid}")
    assert "[name redacted]" in html and "[child]" in html and "[name]" in html
    await parent.close()


ADDRESS = ("Anita Rao", "12 Lake View Road", "Bengaluru", "Karnataka", "560001", "9876543210")


async def test_a_viewer_sees_no_address_of_a_printed_book(aiohttp_client, make_settings, db_url):
    settings = make_settings(database_url=db_url, book_image_px=320, feature_print_ship=True)
    client = await aiohttp_client(create_app(settings))
    app = client.server.app
    for email, role in ((AGENT, "agent"), (VIEWER, "viewer")):
        await add_user(app, email, role)
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    await parent.tap("Printed ₹1,499")
    for answer in ADDRESS[:2]:
        await parent.say(answer)
    await parent.tap("Skip")
    for answer in ADDRESS[2:]:
        await parent.say(answer)
    await parent.tap("Looks right")
    await settle(app)
    await pay(client, parent)
    await parent._new_messages()
    said = texts([i["message"] for i in parent.messages])
    assert "shipped to Bengaluru" in said  # the bot's own words carry the address too
    viewer, agent = await Staff(client, VIEWER).start(), await Staff(client, AGENT).start()
    await viewer.login()
    await agent.login()
    sid = parent.session_id
    _, seen_by_agent = await agent.get(f"/support/conversations/{sid}")
    assert all(part in seen_by_agent for part in ADDRESS[:3])
    _, queue = await viewer.get("/support/print")
    orders = [p.split('"')[0] for p in queue.split('href="/support/print/')[1:]]
    assert orders, "the print order is listed"
    pages = [f"/support/conversations/{sid}", "/support/conversations", "/support/print"]
    for path in pages + [f"/support/print/{o}" for o in orders]:
        status, body = await viewer.get(path)
        assert status == 200, path
        for part in (*ADDRESS, "Zoya"):
            assert part.casefold() not in body.casefold(), (path, part)
    await viewer.close()
    await agent.close()
    await parent.close()

"""Conversation scripts through the real app: parent says / bot answers / state is."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from support.chat_driver import Parent, make_profile, pay, settle, to_preview

from bot.app import keys
from bot.app.composition import create_app
from storage.tables import AuditLogRow, BookRow

FAST = {"book_image_px": 320}  # small pictures: the journey, not print quality, is under test


@pytest.fixture
async def app_client(aiohttp_client, make_settings, sqlite_db_url):
    settings = make_settings(database_url=sqlite_db_url, **FAST)
    return await aiohttp_client(create_app(settings))


async def test_happy_path_to_a_delivered_book(app_client):
    parent = await Parent(app_client).open()
    await make_profile(parent)
    reply = await to_preview(parent)
    # History folds the progress ticks into the newest one, which names the tick it replaced.
    progress = [m for m in reply if m.get("topic") == "progress"]
    assert [m["text"] for m in progress] == ["📚 Putting the pages together…"]
    folded = next(i for i in parent.messages if i["message"].get("topic") == "progress")
    assert folded["replaces"] < folded["seq"]
    preview = next(m for m in reply if m["kind"] == "document")
    assert preview["filename"].endswith("-preview.pdf")
    pdf = await app_client.get("/" + preview["url"].split("/", 3)[3])
    assert pdf.status == 200 and (await pdf.read()).startswith(b"%PDF")

    reply = await parent.tap("Buy the book")
    assert await parent.state() == "awaiting_payment"
    link = next(m for m in reply if m["kind"] == "link")
    checkout = "/" + link["url"].split("/", 3)[3]
    page = await app_client.get(checkout)
    assert "₹499" in await page.text()
    token = (await page.text()).split('name="form_token" value="')[1].split('"')[0]
    paid = await app_client.post(f"{checkout}/pay", data={"form_token": token})
    assert paid.status == 200 and "Payment received" in await paid.text()
    assert (await paid.text()).count("close this tab") == 1  # the done page says it once
    await settle(app_client.server.app)
    reply = await parent._new_messages()
    # Every message names its question; the thanks belongs to a later one than the link, so
    # the widget shows "Pay now" as used.
    assert reply[0]["text"].startswith("🎉 Payment received") and reply[0]["step"] > link["step"]
    final = next(m for m in reply if m["kind"] == "document")
    assert not final["filename"].endswith("-preview.pdf")
    assert await parent.state() == "delivered"
    async with app_client.server.app[keys.SESSIONS]() as s:
        book = (await s.execute(select(BookRow))).scalar_one()
        assert book.status == "DELIVERED" and book.price_minor == 49900
        actions = set((await s.execute(select(AuditLogRow.action))).scalars())
    assert {"consent_given", "profile_created", "payment_confirmed", "pdf_link_issued"} <= actions
    await parent.close()


async def test_a_typed_dedication_moves_past_the_skip_button(app_client):
    parent = await Parent(app_client).open()
    await make_profile(parent)
    await to_preview(parent)
    asked = next(
        i
        for i in parent.messages
        if [b["title"] for b in i["message"].get("buttons", [])] == ["Skip"]
    )
    later = [
        i["message"] for i in parent.messages if i["seq"] > asked["seq"] and i["direction"] == "out"
    ]
    assert later and all(m["step"] > asked["message"]["step"] for m in later)
    await parent.close()


async def _frames(ws) -> list[dict]:
    frames = []
    while True:
        try:
            frames.append(await ws.receive_json(timeout=0.3))
        except TimeoutError:
            return frames


async def test_progress_is_one_message_updated_in_place(app_client):
    """Live, every tick is a frame that replaces the one before it by its seq."""
    parent = await Parent(app_client).open()
    await make_profile(parent)
    await _frames(parent.ws)
    await to_preview(parent)
    frames = [f for f in await _frames(parent.ws) if f.get("type") == "message"]
    ticks = [f for f in frames if f["message"].get("topic") == "progress"]
    words = [t["message"]["text"] for t in ticks]
    assert words[0] == "✍️ Writing the story…" and "🖌️ Illustrating page 12 of 12…" in words
    assert "replaces" not in ticks[0]  # the first tick is a new message
    assert [t["replaces"] for t in ticks[1:]] == [t["seq"] for t in ticks[:-1]]
    assert frames[-1]["message"]["kind"] == "document"  # then the preview, a new message


async def test_my_books_shows_whole_titles_and_what_each_book_allows(app_client):
    parent = await Parent(app_client).open()
    await make_profile(parent)
    await to_preview(parent)
    async with app_client.server.app[keys.SESSIONS]() as s:
        title = (await s.execute(select(BookRow.title))).scalar_one()
    await parent.tap("Regenerate")  # somewhere else in the journey
    assert await parent.state() == "ask_feedback"
    reply = await parent.say("my books")
    library = next(m for m in reply if m["kind"] == "list")
    assert f"1. *{title}*: free preview, tap to see or buy" in library["text"]
    row = library["rows"][0]
    assert row.get("whole_title", row["title"]) == title
    reply = await parent.tap_id(row["id"], parent.messages[-1]["seq"])
    echo = next(i for i in reversed(parent.messages) if i["direction"] == "in")
    assert echo["message"]["title"] == title  # the tap is echoed with the whole title
    preview = next(m for m in reply if m["kind"] == "document")
    assert preview["filename"].endswith("-preview.pdf")
    assert "The full book costs ₹499" in preview["caption"]
    assert [b["title"] for b in preview["buttons"]] == ["Buy the book"]
    reply = await parent.tap("Buy the book")
    assert await parent.state() == "awaiting_payment"
    link = next(m for m in reply if m["kind"] == "link")
    assert title in link["text"] and "₹499" in link["text"]
    await pay(app_client, parent)
    await parent._new_messages()
    assert await parent.state() == "delivered"
    reply = await parent.say("my books")
    library = next(m for m in reply if m["kind"] == "list")
    assert f"1. *{title}*: bought, tap for the PDF" in library["text"]
    reply = await parent.tap_id(library["rows"][0]["id"], parent.messages[-1]["seq"])
    final = next(m for m in reply if m["kind"] == "document")
    assert not final["filename"].endswith("-preview.pdf")
    assert final["buttons"] == []  # the PDF itself is what a bought book allows
    await parent.close()

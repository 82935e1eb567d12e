"""My books on WhatsApp: the whole title where WhatsApp cuts a row's (the list's body, and the
row's description), and an unpaid preview opened from the list with its price and a Buy button
that leads to the payment link."""

from __future__ import annotations

from sqlalchemy import select
from support.wa_driver import WaParent, to_series, words

from bot.app import keys
from storage.tables import BookRow, ChatSessionRow


async def _state(app) -> str:
    async with app[keys.SESSIONS]() as s:
        return (await s.execute(select(ChatSessionRow.state))).scalar_one()


def _interactive(reply: list[dict], kind: str) -> dict:
    return next(p["interactive"] for p in reply if p.get("interactive", {}).get("type") == kind)


async def test_my_books_on_whatsapp(wa_client, graph):
    app = wa_client.server.app
    parent = WaParent(wa_client, graph)
    series = _interactive(await to_series(parent), "list")["action"]["sections"][0]["rows"]
    lines = await parent.tap(series[1]["title"])
    await parent.tap(_interactive(lines, "list")["action"]["sections"][0]["rows"][0]["title"])
    await parent.tap("Skip")  # no dedication
    assert await _state(app) == "preview"
    async with app[keys.SESSIONS]() as s:
        title = (await s.execute(select(BookRow.title))).scalar_one()
    await parent.tap("Regenerate")
    assert await _state(app) == "ask_feedback"

    library = _interactive(await parent.say("my books"), "list")
    assert f"1. *{title}*: free preview, tap to see or buy" in library["body"]["text"]
    [row] = library["action"]["sections"][0]["rows"]
    assert len(row["title"]) <= 24
    if row["title"] != title:  # cut: the description starts with the whole title
        assert row["description"].startswith(f"{title} · Preview")
    opened = await parent.tap(row["title"])
    preview = _interactive(opened, "button")
    assert preview["header"]["type"] == "document"
    assert preview["header"]["document"]["filename"].endswith("-preview.pdf")
    assert "The full book costs ₹499" in preview["body"]["text"]
    assert [b["reply"]["title"] for b in preview["action"]["buttons"]] == ["Buy the book"]

    reply = await parent.tap("Buy the book")
    assert await _state(app) == "awaiting_payment"
    link = _interactive(reply, "cta_url")
    assert title in link["body"]["text"] and "₹499" in link["body"]["text"]
    assert "Pay now" in "\n".join(words(p) for p in reply)

"""Web chat session tokens: refused (401) when forged, revoked by a support agent or by the
parent's erasure, or idle too long; a refused token opens a fresh chat, never the old one,
and never fetches a fresh link to the paid book."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from sqlalchemy import select
from support.chat_driver import Parent, make_profile, pay, settle, to_preview
from support.console_driver import Staff, add_user

from bot.app import keys
from bot.app.composition import create_app
from storage.tables import AuditLogRow

AGENT, VIEWER = "agent@example.test", "viewer@example.test"


@pytest.fixture
async def client(aiohttp_client, make_settings, sqlite_db_url):
    settings = make_settings(database_url=sqlite_db_url, book_image_px=320)
    client = await aiohttp_client(create_app(settings))
    for email, role in ((AGENT, "agent"), (VIEWER, "viewer")):
        await add_user(client.server.app, email, role)
    return client


async def _refused_everywhere(client, token: str) -> None:
    for path in ("/webchat/history", "/webchat/ws"):
        response = await client.get(path, params={"token": token})
        assert response.status == 401, (path, token)
        assert (await response.json())["error"]["code"] == "bad_token"
    form = aiohttp.FormData()
    form.add_field("photo", b"\xff\xd8\xff", filename="a.jpg", content_type="image/jpeg")
    photo = await client.post("/webchat/photo", params={"token": token}, data=form)
    assert photo.status == 401
    resumed = await client.post("/webchat/sessions", json={"token": token})
    assert resumed.status == 404  # the widget then opens a fresh chat


async def test_every_forged_or_malformed_token_is_refused_with_401(client):
    opened = await (await client.post("/webchat/sessions", json={})).json()
    token = opened["token"]
    session_id, generation, issued, mac = token.split(".")
    forged = [
        "",
        "nope",
        "a.b.c.d",
        f"{session_id}.{generation}.{issued}.{'0' * len(mac)}",
        f"{session_id}.{int(generation) + 1}.{issued}.{mac}",  # another generation, same MAC
        f"{session_id}.{generation}.{int(issued) + 86400}.{mac}",  # a later issue time
        f"{session_id}.{generation}.{issued}.{mac}é",
        token + "." + mac,
        "x" * 5000,
    ]
    for bad in forged:
        await _refused_everywhere(client, bad)
    resumed = await client.post("/webchat/sessions", json={"token": token})
    assert resumed.status == 200  # the genuine token still works
    fresh = await resumed.json()
    assert fresh["session_id"] == session_id and fresh["token"].startswith(f"{session_id}.0.")


async def test_an_agent_signs_a_web_chat_out_and_its_old_token_gets_nothing(client):
    parent = await Parent(client).open()
    await make_profile(parent)
    await to_preview(parent)
    await parent.tap("Buy the book")
    await pay(client, parent)
    await settle(client.server.app)
    history = await client.get("/webchat/history", params={"token": parent.token})
    linked = str(await history.json())
    assert "/files/" in linked  # the paid book, through a freshly signed link

    viewer = await (await Staff(client, VIEWER).start()).login()
    agent = await (await Staff(client, AGENT).start()).login()
    try:
        path = f"/support/conversations/{parent.session_id}"
        status, _, _ = await viewer.post(f"{path}/end-web-access")
        assert status == 403
        _, page = await agent.get(path)
        assert f'action="{path}/end-web-access"' in page
        status, _, location = await agent.post(f"{path}/end-web-access")
        assert status == 303 and location.endswith("?done=access_ended")
        _, page = await agent.get(location)
        assert "Web chat signed out" in page
    finally:
        await viewer.close()
        await agent.close()

    # The open chat is told and closed at once; the widget reconnects into a fresh chat.
    frames = []
    async with asyncio.timeout(10):
        message = await parent.ws.receive()
        while message.type == aiohttp.WSMsgType.TEXT:
            frames.append(message.json()["type"])
            message = await parent.ws.receive()
    assert frames[-1] == "session_ended"
    assert (message.type, message.data) == (aiohttp.WSMsgType.CLOSE, 4401)
    await _refused_everywhere(client, parent.token)
    fresh = await (await client.post("/webchat/sessions", json={})).json()
    assert fresh["session_id"] != parent.session_id

    async with client.server.app[keys.SESSIONS]() as s:
        audited = (
            await s.execute(
                select(AuditLogRow.actor_id, AuditLogRow.subject_id).where(
                    AuditLogRow.action == "support.webchat_access_ended"
                )
            )
        ).all()
    assert [tuple(row) for row in audited] == [(AGENT, parent.session_id)]


async def test_a_token_unused_for_the_idle_time_expires(
    aiohttp_client, make_settings, sqlite_db_url
):
    idle_seconds = 1.0
    settings = make_settings(
        database_url=sqlite_db_url, webchat_token_idle_hours=idle_seconds / 3600
    )
    client = await aiohttp_client(create_app(settings))
    opened = await (await client.post("/webchat/sessions", json={})).json()
    assert (await client.get("/webchat/history", params={"token": opened["token"]})).status == 200
    await asyncio.sleep(idle_seconds + 1.2)  # issue times are whole seconds
    await _refused_everywhere(client, opened["token"])

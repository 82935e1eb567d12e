"""The web chat protocol: sessions, tokens, WebSocket frames, history, photos, identity."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import time

import pytest
from PIL import Image
from sqlalchemy import select
from support.chat_driver import Parent, settle, texts

from adapters.photos import clean_photo
from bot.app import keys
from bot.app.composition import create_app
from flows.messages import InboundText
from storage.tables import ImageAssetRow, User

SECRET = "identity-secret-for-tests-0123456789"


@pytest.fixture
async def client(aiohttp_client, make_settings, sqlite_db_url):
    settings = make_settings(
        database_url=sqlite_db_url, book_image_px=320, webchat_identity_secret=SECRET
    )
    return await aiohttp_client(create_app(settings))


async def test_a_session_is_created_then_resumed_by_its_token(client):
    created = await client.post("/webchat/sessions", json={})
    assert created.status == 201
    first = await created.json()
    resumed = await client.post("/webchat/sessions", json={"token": first["token"]})
    assert resumed.status == 200
    assert (await resumed.json())["session_id"] == first["session_id"]
    forged = first["token"][:-4] + "0000"
    refused = await client.post("/webchat/sessions", json={"token": forged})
    assert refused.status == 404
    assert (await refused.json())["error"]["code"] == "unknown_session"


async def test_endpoints_refuse_a_bad_token(client):
    for path in ("/webchat/history?token=nope", "/webchat/ws?token=nope"):
        response = await client.get(path)
        assert response.status == 401
        assert (await response.json())["error"]["code"] == "bad_token"


async def test_malformed_session_body(client):
    response = await client.post(
        "/webchat/sessions", data=b"{oops", headers={"Content-Type": "application/json"}
    )
    assert response.status == 400


async def test_frames_arrive_over_the_socket_and_history_has_both_sides(client):
    parent = await Parent(client).open()
    await parent.ws.send_json({"type": "text", "text": "hello"})
    frames = []
    while not any(f["type"] == "message" and f["message"]["kind"] == "buttons" for f in frames):
        frames.append(await parent.ws.receive_json(timeout=10))
    assert {"type": "typing", "on": True} in frames
    seqs = [f["seq"] for f in frames if f["type"] == "message"]
    assert seqs == sorted(seqs)
    await settle(client.server.app)
    history = await (await client.get(f"/webchat/history?token={parent.token}&after=0")).json()
    directions = [m["direction"] for m in history["messages"]]
    assert directions[0] == "in" and "out" in directions
    assert history["messages"][0]["message"] == {"kind": "text", "text": "hello"}
    await parent.close()


async def test_reconnect_fetches_what_was_missed(client):
    parent = await Parent(client).open()
    await parent.say("hi")
    last_seen = parent.seen
    await parent.ws.close()
    # While the widget is away the bot keeps talking (here: the answer to a tap sent by REST).
    await client.server.app[keys.RUNTIME].turns.post(parent.session_id, InboundText("yes"))
    parent.ws = await client.ws_connect(f"/webchat/ws?token={parent.token}")
    missed = await (
        await client.get(f"/webchat/history?token={parent.token}&after={last_seen}")
    ).json()
    out = [m for m in missed["messages"] if m["direction"] == "out"]
    assert out and all(m["seq"] > last_seen for m in missed["messages"])
    assert "first name" in out[-1]["message"]["text"]
    await parent.close()


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0131] = "PhoneSoftware 1.0"  # Software
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


async def test_photos_are_checked_and_kept_only_where_asked_for(client):
    parent = await Parent(client).open()
    not_image = await client.post(
        f"/webchat/photo?token={parent.token}", data={"photo": io.BytesIO(b"%PDF-1.7 not a photo")}
    )
    assert not_image.status == 400
    assert (await not_image.json())["error"]["code"] == "bad_photo"
    too_big = await client.post(
        f"/webchat/photo?token={parent.token}",
        data={"photo": io.BytesIO(b"\xff" * (5 * 1024 * 1024 + 10))},
    )
    assert too_big.status == 413

    original = _jpeg_with_exif()
    assert b"CameraMaker" in original
    early = await client.post(  # before the parent agreed to anything: answered, not kept
        f"/webchat/photo?token={parent.token}", data={"photo": io.BytesIO(original)}
    )
    assert early.status == 201
    await settle(client.server.app)
    async with client.server.app[keys.SESSIONS]() as s:
        assert (await s.execute(select(ImageAssetRow))).first() is None
    assert "I haven't kept that photo" in texts(await parent.say("hi"))
    await parent.tap("I agree")
    for answer in ("Zoya", "6"):
        await parent.say(answer)
    await parent.tap("She")
    await parent.say("space and cats")
    assert await parent.state() == "choose_look"
    # The offline illustrator draws the chosen look: no photo is asked for, so none is kept.
    before = await parent._inbound_count()
    later = await client.post(
        f"/webchat/photo?token={parent.token}", data={"photo": io.BytesIO(original)}
    )
    assert later.status == 201
    assert "drawn from the look you choose" in texts(await parent._after_send(before))
    async with client.server.app[keys.SESSIONS]() as s:  # the looks picture is ours, not theirs
        photos = select(ImageAssetRow).where(ImageAssetRow.kind == "photo")
        assert (await s.execute(photos)).first() is None
    await parent.close()


def test_a_kept_photo_loses_its_metadata():
    original = _jpeg_with_exif()
    assert b"CameraMaker" in original
    stored, width, height = clean_photo(original)
    assert (width, height) == (64, 48)
    assert b"CameraMaker" not in stored and not Image.open(io.BytesIO(stored)).getexif()


def _jwt(claims: dict, secret: str) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps(claims).encode())
    sig = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(sig)}"


async def test_saas_identity_maps_to_one_local_user(client):
    token = _jwt({"sub": "saas-42", "exp": time.time() + 60}, SECRET)
    first = await (await client.post("/webchat/sessions", json={"identity_token": token})).json()
    again = await (await client.post("/webchat/sessions", json={"identity_token": token})).json()
    assert first["session_id"] == again["session_id"]
    async with client.server.app[keys.SESSIONS]() as s:
        users = (
            (await s.execute(select(User).where(User.saas_user_id == "saas-42"))).scalars().all()
        )
    assert len(users) == 1
    bad = await client.post(
        "/webchat/sessions", json={"identity_token": _jwt({"sub": "x"}, "another-secret")}
    )
    assert bad.status == 401
    expired = await client.post(
        "/webchat/sessions", json={"identity_token": _jwt({"sub": "x", "exp": 1}, SECRET)}
    )
    assert expired.status == 401


@pytest.mark.parametrize(
    "token",
    [
        "not-a-jwt",
        "a.b.c",
        "....",
        _jwt({"sub": "no-expiry"}, SECRET),  # exp is required
        _jwt({"sub": "x", "exp": "tomorrow"}, SECRET),
        _jwt({"sub": 42, "exp": time.time() + 60}, SECRET),
        _jwt({"sub": "s" * 65, "exp": time.time() + 60}, SECRET),
        _jwt({"sub": "x", "exp": time.time() + 60, "nbf": time.time() + 3600}, SECRET),
        _jwt({"exp": time.time() + 60}, SECRET),
        _jwt({"sub": "x", "exp": time.time() + 60, "iat": "now"}, SECRET),
        "\ud800.e30.e30",  # a lone surrogate (JSON allows it; UTF-8 cannot hold it)
        "é.é.é",
    ],
    ids=[
        "garbage",
        "parts",
        "dots",
        "no-exp",
        "exp-text",
        "sub-int",
        "sub-long",
        "nbf",
        "no-sub",
        "iat-text",
        "surrogate",
        "not-ascii",
    ],
)
async def test_every_malformed_or_forged_identity_token_gets_401(client, token):
    response = await client.post("/webchat/sessions", json={"identity_token": token})
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "bad_identity"


async def test_an_identity_token_with_another_algorithm_is_refused(client):
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    claims = b64(json.dumps({"sub": "x", "exp": time.time() + 60}).encode())
    unsigned = f"{b64(json.dumps({'alg': 'none'}).encode())}.{claims}."
    response = await client.post("/webchat/sessions", json={"identity_token": unsigned})
    assert response.status == 401

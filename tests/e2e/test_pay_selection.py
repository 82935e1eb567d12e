"""Which provider and currency a parent pays with, and what is live."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest
from support.pay_world import PP, RZP

from bot.app import keys
from bot.app.composition import create_app
from domain.payments import currency_for
from storage.tables import ChatSessionRow

SECRET = "identity-secret-for-tests-0123456789"


def _jwt(claims: dict) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps({"exp": time.time() + 60, **claims}).encode())
    sig = hmac.new(SECRET.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(sig)}"


def test_currency_rules():
    both = {"INR": object(), "USD": object()}
    assert currency_for(both, "919812345678", None) == "INR"
    assert currency_for(both, "15550001111", None) == "USD"
    assert currency_for(both, "447700900000", "INR") == "USD"  # the number decides on WhatsApp
    assert currency_for(both, None, None) == "INR"  # web chat without a country
    assert currency_for(both, None, "USD") == "USD"
    assert currency_for({"USD": object()}, "919812345678", None) == "USD"  # one serves all
    assert currency_for({"INR": object()}, "15550001111", "USD") == "INR"


@pytest.fixture
async def client(aiohttp_client, make_settings, sqlite_db_url):
    settings = make_settings(
        database_url=sqlite_db_url, webchat_identity_secret=SECRET, **RZP, **PP
    )
    return await aiohttp_client(create_app(settings))


async def quote_for(client, body: dict) -> str:
    opened = await (await client.post("/webchat/sessions", json=body)).json()
    app = client.server.app
    async with app[keys.SESSIONS]() as s:
        user_id = (await s.get(ChatSessionRow, opened["session_id"])).user_id
    return await app[keys.SERVICES].payments.price_text(user_id, "pdf")


async def test_web_chat_pays_inr_unless_the_identity_says_another_country(client):
    assert await quote_for(client, {}) == "₹499"
    assert (
        await quote_for(client, {"identity_token": _jwt({"sub": "in-1", "country": "IN"})})
        == "₹499"
    )
    assert await quote_for(client, {"identity_token": _jwt({"sub": "x-1"})}) == "₹499"
    assert (
        await quote_for(client, {"identity_token": _jwt({"sub": "us-1", "country": "US"})})
        == "$5.99"
    )
    ready = await (await client.get("/readyz")).json()
    assert ready["payments"] == ["razorpay", "paypal"]
    for path in ("/webhooks/razorpay", "/webhooks/paypal"):
        assert (await client.post(path, data=b"{}")).status in (400, 401)  # mounted, verifying


async def test_the_sandbox_serves_only_without_a_provider(
    aiohttp_client, make_settings, sqlite_db_url
):
    client = await aiohttp_client(create_app(make_settings(database_url=sqlite_db_url)))
    assert (await (await client.get("/readyz")).json())["payments"] == ["sandbox"]
    assert (await client.post("/webhooks/sandbox", data=b"{}")).status == 401  # there, verifying
    assert (await client.post("/webhooks/razorpay", data=b"{}")).status == 404
    assert (await client.get("/payments/paypal/return?token=x")).status == 404

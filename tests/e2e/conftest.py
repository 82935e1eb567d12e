"""Fixtures of the WhatsApp tests: a fake Graph API server, and the app pointed at it."""

from __future__ import annotations

import pytest
from support.fake_graph import FakeGraph
from support.servers import REDIS_URL, open_redis
from support.wa_driver import PHONE_NUMBER_ID, TOKEN, whatsapp_settings

from bot.app.composition import create_app


@pytest.fixture
async def graph(aiohttp_server):
    fake = FakeGraph(TOKEN, PHONE_NUMBER_ID)
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("")).rstrip("/")
    return fake


@pytest.fixture
async def wa_client(aiohttp_client, make_settings, sqlite_db_url, graph):
    settings = make_settings(database_url=sqlite_db_url, **whatsapp_settings(graph.base_url))
    return await aiohttp_client(create_app(settings))


@pytest.fixture
async def redis_url():
    client = await open_redis()  # skips (fails in CI) when Redis is down; flushes the test db
    await client.aclose()
    return REDIS_URL

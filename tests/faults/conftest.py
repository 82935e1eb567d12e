"""Fault tests: providers that go away, processes killed with SIGKILL, Redis and PostgreSQL
restarted. Servers these tests restart are their own (a redis-server on a spare port, a TCP
proxy in front of PostgreSQL), never the shared ones."""

from __future__ import annotations

import pytest
from support.fake_graph import FakeGraph
from support.wa_driver import PHONE_NUMBER_ID, TOKEN


@pytest.fixture
async def graph(aiohttp_server):
    fake = FakeGraph(TOKEN, PHONE_NUMBER_ID)
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("")).rstrip("/")
    return fake

"""Fault tests: providers that go away, processes killed with SIGKILL, Redis and PostgreSQL
restarted. Servers these tests restart are their own (a redis-server on a spare port, a TCP
proxy in front of PostgreSQL), never the shared ones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.fake_graph import FakeGraph
from support.processes import OwnRedis
from support.servers import drop_pg_database, new_pg_database
from support.wa_driver import PHONE_NUMBER_ID, TOKEN


@pytest.fixture
async def graph(aiohttp_server):
    fake = FakeGraph(TOKEN, PHONE_NUMBER_ID)
    server = await aiohttp_server(fake.app())
    fake.base_url = str(server.make_url("")).rstrip("/")
    return fake


@pytest.fixture
def fresh_pg() -> Iterator[str]:
    """A new, empty PostgreSQL database (the service migrates it); dropped afterwards."""
    url = new_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture
def own_redis(tmp_path) -> Iterator[OwnRedis]:
    """A redis-server of this test's own (empty on every start), never the shared one."""
    redis = OwnRedis(tmp_path / "redis").start()
    try:
        yield redis
    finally:
        redis.kill()

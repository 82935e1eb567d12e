"""Shared fixtures: database backends (SQLite always, PostgreSQL when reachable) and Redis.

In CI (CI=true) a PostgreSQL or Redis server that does not answer fails the test instead of
skipping it, so those legs can never silently disappear.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import pytest
from support.servers import drop_pg_database, new_pg_database, open_redis

from bot.app.settings import Settings
from storage import migrate


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
        return
    url = new_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture
def db_url(empty_db_url: str) -> str:
    """A fresh database on each backend, migrated to head."""
    asyncio.run(migrate.upgrade(empty_db_url))
    return empty_db_url


@pytest.fixture
def pg_db_url() -> Iterator[str]:
    """A fresh PostgreSQL database migrated to head (skipped, or failed in CI, without one)."""
    url = new_pg_database()
    try:
        asyncio.run(migrate.upgrade(url))
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture
def sqlite_db_url(tmp_path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'app.sqlite3'}"
    asyncio.run(migrate.upgrade(url))
    return url


@pytest.fixture
async def redis_client() -> AsyncIterator[object]:
    client = await open_redis()
    yield client
    await client.flushdb()
    await client.aclose()


@pytest.fixture
def make_settings(tmp_path):
    """Build Settings for a test; never reads a developer's .env file."""

    def build(**overrides: object) -> Settings:
        # Scripted parents answer far faster than people: the flood limit is tested on its own
        # (tests/e2e/test_turn_flood.py) and kept out of the way of the other conversations.
        values: dict[str, object] = {"var_dir": tmp_path / "var", "flood_limit_messages": 1000}
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    return build

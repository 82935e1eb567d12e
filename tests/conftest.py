"""Shared fixtures: database backends (SQLite always, PostgreSQL when reachable) and Redis.

In CI (CI=true) a PostgreSQL or Redis server that does not answer fails the test instead of
skipping it, so those legs can never silently disappear.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import unused_port
from support.servers import MigratedCopies, drop_pg_database, new_pg_database, open_redis

from bot.app import keys
from bot.app.settings import Settings

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
MIGRATED = {"sqlite": "sqlite_db_url", "postgres": "pg_db_url"}  # each backend's fixture


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty database on each backend (for the tests of the migrations)."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
        return
    url = new_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MigratedCopies]:
    copies = MigratedCopies(tmp_path_factory.mktemp("migrated"))
    try:
        yield copies
    finally:
        copies.close()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh database on each backend, migrated to head."""
    return str(request.getfixturevalue(MIGRATED[request.param]))


@pytest.fixture
def pg_db_url(migrated: MigratedCopies) -> Iterator[str]:
    """A fresh PostgreSQL database migrated to head (skipped, or failed in CI, without one)."""
    url = migrated.postgres()
    try:
        yield url
    finally:
        drop_pg_database(url)


@pytest.fixture
def sqlite_db_url(migrated: MigratedCopies, tmp_path) -> str:
    return migrated.sqlite(tmp_path / "app.sqlite3")


@pytest.fixture
async def redis_client() -> AsyncIterator[object]:
    client = await open_redis()
    yield client
    await client.flushdb()
    await client.aclose()


@pytest.fixture
def own_port() -> int:
    """The port this test's app serves on, so its PUBLIC_BASE_URL is its real address (the
    sandbox checkout posts its webhook there, as a real provider would)."""
    return unused_port()


@pytest.fixture
def make_settings(tmp_path, own_port):
    """Build Settings for a test; never reads a developer's .env file."""

    def build(**overrides: object) -> Settings:
        # Scripted parents answer far faster than people: the flood limit is tested on its own
        # (tests/e2e/test_turn_flood.py) and kept out of the way of the other conversations.
        values: dict[str, object] = {
            "var_dir": tmp_path / "var",
            "flood_limit_messages": 1000,
            "public_base_url": f"http://127.0.0.1:{own_port}",
        }
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    return build


@pytest.fixture
def aiohttp_client(aiohttp_client, own_port):
    """pytest-aiohttp's client; the first app whose PUBLIC_BASE_URL is this test's own port
    (make_settings' default) is served on that port."""
    own = f"http://127.0.0.1:{own_port}"
    taken = False

    async def go(app: Any, *args: Any, server_kwargs: Any = None, **kwargs: Any) -> Any:
        nonlocal taken
        if isinstance(app, web.Application) and server_kwargs is None and not taken:
            settings = app.get(keys.SETTINGS)
            if settings is not None and settings.public_base_url == own:
                server_kwargs, taken = {"port": own_port}, True
        return await aiohttp_client(app, *args, server_kwargs=server_kwargs, **kwargs)

    return go

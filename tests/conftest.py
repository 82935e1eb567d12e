"""Shared fixtures: database backends (SQLite always, PostgreSQL when reachable) and Redis.

In CI (CI=true) a PostgreSQL or Redis server that does not answer fails the test instead of
skipping it, so those legs can never silently disappear.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.engine import make_url

from bot.settings import Settings
from storage import migrate

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PG_SERVER_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+asyncpg://root@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _unavailable(what: str, error: BaseException) -> None:
    message = f"{what} is not reachable ({type(error).__name__}: {error})"
    if IN_CI:
        pytest.fail(f"{message}; CI=true requires it", pytrace=False)
    pytest.skip(message)


async def _pg_admin(sql: str) -> None:
    import asyncpg

    url = make_url(PG_SERVER_URL)
    conn = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database or "postgres",
        timeout=5,
    )
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _new_pg_database() -> str:
    name = f"sb_test_{uuid.uuid4().hex[:12]}"
    try:
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    except (TimeoutError, OSError) as exc:
        _unavailable("PostgreSQL", exc)
    return make_url(PG_SERVER_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(url: str) -> None:
    name = make_url(url).database
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
        return
    url = _new_pg_database()
    try:
        yield url
    finally:
        _drop_pg_database(url)


@pytest.fixture
def db_url(empty_db_url: str) -> str:
    """A fresh database on each backend, migrated to head."""
    asyncio.run(migrate.upgrade(empty_db_url))
    return empty_db_url


@pytest.fixture
def sqlite_db_url(tmp_path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'app.sqlite3'}"
    asyncio.run(migrate.upgrade(url))
    return url


async def open_redis():
    """A client on the test Redis database, flushed; skips (fails in CI) when Redis is down."""
    from redis.asyncio import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
    except (OSError, RedisConnectionError) as exc:
        await client.aclose()
        _unavailable("Redis", exc)
    await client.flushdb()
    return client


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
        values: dict[str, object] = {"var_dir": tmp_path / "var"}
        values.update(overrides)
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    return build

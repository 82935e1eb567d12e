"""Reaching the test servers: PostgreSQL and Redis on this machine.

In CI (CI=true) a server that does not answer fails the test instead of skipping it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from storage import migrate

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PG_SERVER_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+asyncpg://root@127.0.0.1:5432/test")


def _redis_url() -> str:
    """TEST_REDIS_URL's database for the first pytest-xdist worker, the ones below it for the
    next (each worker flushes its own after a test); PostgreSQL gets a new database per test."""
    url = make_url(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    base = int(url.database or 0)
    return str(url.set(database=str((base - int(worker or 0)) % 16)))


REDIS_URL = _redis_url()


def unavailable(what: str, error: BaseException) -> None:
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


def new_pg_database(template: str | None = None) -> str:
    """A new database: empty, or a copy of `template` (which nobody may be connected to)."""
    name = f"sb_test_{uuid.uuid4().hex[:12]}"
    copy_of = f' TEMPLATE "{template}"' if template else ""
    try:
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"{copy_of}'))
    except (TimeoutError, OSError) as exc:
        unavailable("PostgreSQL", exc)
    return make_url(PG_SERVER_URL).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    name = make_url(url).database
    asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def open_redis():
    """A client on the test Redis database, flushed; skips (fails in CI) when Redis is down."""
    from redis.asyncio import Redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
    except (OSError, RedisConnectionError) as exc:
        await client.aclose()
        unavailable("Redis", exc)
    await client.flushdb()
    return client


class MigratedCopies:
    """Fresh databases migrated to head, for one test run (one pytest-xdist worker): the
    migrations run once per backend, into a template, and each test gets a copy of it
    (PostgreSQL's CREATE DATABASE ... TEMPLATE, a file copy for SQLite), which is what a
    migration would have produced, at a fifth of its cost. The tests of the migrations
    themselves start from empty databases instead."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._sqlite: Path | None = None
        self._pg_template: str | None = None  # its URL

    def sqlite(self, path: Path) -> str:
        if self._sqlite is None:
            template = self._directory / "migrated.sqlite3"
            asyncio.run(migrate.upgrade(f"sqlite+aiosqlite:///{template}"))
            self._sqlite = template
        shutil.copyfile(self._sqlite, path)
        return f"sqlite+aiosqlite:///{path}"

    def postgres(self) -> str:
        if self._pg_template is None:
            url = new_pg_database()
            asyncio.run(migrate.upgrade(url))
            self._pg_template = url
        return new_pg_database(template=make_url(self._pg_template).database)

    def close(self) -> None:
        if self._pg_template is not None:
            drop_pg_database(self._pg_template)

"""Async engine and session factory for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_BUSY_TIMEOUT_MS = 10_000


def create_engine(url: str, *, echo: bool = False, pool_size: int = 10) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, echo=echo)
    # No pre-ping: it costs a round trip on every checkout of the hot path. A connection that
    # died (a PostgreSQL restart) fails its statement once; SQLAlchemy then invalidates the pool
    # and the work is retried (an unhandled inbox item stays for the next turn or the sweep).
    # asyncpg keeps each connection's prepared statements, so pooled connections reuse them.
    return create_async_engine(
        url, echo=echo, pool_size=pool_size, max_overflow=pool_size, pool_recycle=3600
    )


def _sqlite_engine(url: str, *, echo: bool) -> AsyncEngine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(
        url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    )
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the driver so BEGIN is ours (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front: a deferred transaction that later writes
        # can fail with SQLITE_BUSY on lock upgrade, which busy_timeout cannot wait out.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def single_statements(
    sessions: async_sessionmaker[AsyncSession],
) -> async_sessionmaker[AsyncSession]:
    """The same database for work that is one statement (a read, a lease, a mark): on
    PostgreSQL in autocommit, which spares the BEGIN and the COMMIT or ROLLBACK round trips
    around it (two of every three on the hot path). SQLite is in-process: no round trips to
    spare, and its BEGIN IMMEDIATE keeps writers in line, so it is left as it is."""
    engine = sessions.kw["bind"]
    if engine.dialect.name == "sqlite":
        return sessions
    return async_sessionmaker(
        engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
    )


def one_statement(
    single: async_sessionmaker[AsyncSession],
) -> AbstractAsyncContextManager[AsyncConnection]:
    """A pooled connection for one Core statement, committed at the end (on PostgreSQL in
    autocommit: nothing is sent for it). No ORM session around work that loads no objects: the
    outbox's and the channel's statements run after every turn, and the session's bookkeeping
    cost more than the statement."""
    return single.kw["bind"].begin()  # type: ignore[no-any-return]


def rows_of(columns: dict[str, list[Any]], **same: Any) -> list[dict[str, Any]]:
    """Rows from one list per column (as an array insert takes them), with values all share."""
    return [
        dict(zip(columns, values, strict=True), **same)
        for values in zip(*columns.values(), strict=True)
    ]

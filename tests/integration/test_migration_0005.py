"""0005 moves the inbox's status out of delivery_status into inbox_status, for rows that exist
already, on both backends, and back on downgrade."""

from __future__ import annotations

from sqlalchemy import text

from storage import migrate
from storage.db import create_engine

NOW = "2026-11-30 10:00:00"


async def _run(url: str, *statements: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            result = None
            for statement in statements:
                result = await conn.execute(text(statement))
            return list(result.all()) if result is not None and result.returns_rows else []
    finally:
        await engine.dispose()


ROWS = "SELECT id, direction, {} FROM chat_messages ORDER BY id"


async def test_existing_rows_keep_their_status_in_their_own_column(empty_db_url):
    url = empty_db_url
    await migrate.upgrade(url, "0003")
    await _run(
        url,
        f"INSERT INTO users (id, locale, opted_out, created_at, updated_at)"
        f" VALUES ('u1', 'en', false, '{NOW}', '{NOW}')",
        "INSERT INTO chat_sessions (id, user_id, channel, channel_user_id, state, state_json,"
        " flow_version, version, handed_off, last_activity_at, created_at) VALUES"
        f" ('s1', 'u1', 'webchat', 'c1', 'start', '{{}}', 0, 1, false, '{NOW}', '{NOW}')",
        *(
            "INSERT INTO chat_messages (session_id, direction, kind, body, delivery_status,"
            f" attempts, created_at) VALUES ('s1', '{d}', 'text', '{{}}', '{st}', 0, '{NOW}')"
            for d, st in (("in", "processed"), ("out", "read"), ("in", "fetching"), ("out", "held"))
        ),
    )
    await migrate.upgrade(url)
    after = await _run(url, ROWS.format("inbox_status, delivery_status"))
    assert [r[1:] for r in after] == [
        ("in", "processed", None),
        ("out", None, "read"),
        ("in", "fetching", None),
        ("out", None, "held"),
    ]
    await migrate.downgrade(url, "0003")
    before = await _run(url, ROWS.format("delivery_status"))
    assert [r[1:] for r in before] == [
        ("in", "processed"), ("out", "read"), ("in", "fetching"), ("out", "held")
    ]  # fmt: skip

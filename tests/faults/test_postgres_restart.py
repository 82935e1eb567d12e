"""PostgreSQL goes away under a running service and comes back (a TCP proxy of the test's own
in front of the shared server drops every connection and refuses new ones for a while, as a
restart does; the shared server itself is never touched). Nobody restarts `serve`: it says it
is not ready while the database is away, is ready again by itself, and the book that was
being illustrated meanwhile finishes once."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.engine import make_url
from support.book_faults import (
    BOOK_SETTINGS,
    documents,
    mid_illustration,
    pages_drawn,
    previews_delivered,
    start_book,
)
from support.processes import (
    CuttableProxy,
    RemoteParent,
    Service,
    free_port,
    migrate,
    quiet,
    readiness,
    service_env,
    until_ready,
)

from storage.db import create_engine, create_session_factory


@pytest.mark.postgres
async def test_postgres_away_and_back_mid_book_the_service_goes_on_by_itself(tmp_path, fresh_pg):
    url = make_url(fresh_pg)
    proxy = await CuttableProxy(url.host or "127.0.0.1", url.port or 5432).start()
    through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    env = service_env(
        tmp_path, port=free_port(), database_url=through_proxy, job_lease_seconds=3,
        **BOOK_SETTINGS,
    )  # fmt: skip
    await migrate({**env, "DATABASE_URL": fresh_pg})
    engine = create_engine(fresh_pg)  # the test reads the database directly
    sessions = create_session_factory(engine)
    serve = Service("serve", env, tmp_path / "serve.log")
    parent = RemoteParent(serve.base_url, sessions)
    try:
        await serve.start()
        await parent.open()
        await start_book(parent)
        drawn = await mid_illustration(sessions, at_least=1)
        await proxy.cut()  # PostgreSQL "restarts": every connection dropped, none accepted
        status, body = await readiness(serve.base_url)
        assert status == 503 and "database" in body["down"]
        await asyncio.sleep(6)
        await proxy.restore()
        await until_ready(serve.base_url)
        await previews_delivered(parent)
        await quiet(sessions, parent.session_id)
        await parent.history()
        assert len(documents(parent.messages)) == 1
        status, after = await pages_drawn(sessions)
        assert status == "PREVIEW_READY" and {k: after[k] for k in drawn} == drawn
        reply = await parent.say("my books")  # and the conversation goes on as usual
        assert reply
    finally:
        await parent.close()
        await serve.stop()
        await proxy.close()
        await engine.dispose()

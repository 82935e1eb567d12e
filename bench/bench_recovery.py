"""Recovery after a crash: seconds from a restart (or a takeover) to the stuck book's delivery.

A web chat parent asks for a book; while it is being illustrated the process running the job is
killed with SIGKILL (no shutdown code runs). Two figures, default settings except the book's
size (illustrations of 1400 px, one at a time, so the crash lands mid-book):

- embedded default (one `serve`, SQLite, in-process queue): `serve` is started again; seconds
  from the new process's start to the preview in the parent's history;
- production (PostgreSQL, Redis, `serve` with CONSUME_JOBS=false and two workers): the worker
  running the book is killed and nobody restarts anything; seconds from the kill to the
  preview (the other worker takes the job over once its lease, JOB_LEASE_SECONDS, runs out).

Each also checks the book was delivered once and kept the pages drawn before the crash.
Needs PostgreSQL at 127.0.0.1:5432 (user root) and redis-server on PATH (an own instance on a
spare port is started and stopped; the shared Redis is never touched).
Run: .venv/bin/python bench/bench_recovery.py
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.book_faults import (
    BOOK_SETTINGS,
    documents,
    mid_illustration,
    pages_drawn,
    previews_delivered,
    start_book,
)
from support.processes import (
    OwnRedis,
    RemoteParent,
    Service,
    free_port,
    migrate,
    quiet,
    service_env,
)
from support.servers import drop_pg_database, new_pg_database

from storage.db import create_engine, create_session_factory


async def _check(parent: RemoteParent, sessions, drawn: dict[str, str]) -> bool:
    await quiet(sessions, parent.session_id)
    await parent.history()
    status, after = await pages_drawn(sessions)
    kept = {k: after.get(k) for k in drawn} == drawn
    return len(documents(parent.messages)) == 1 and status == "PREVIEW_READY" and kept


async def embedded(tmp: Path) -> dict[str, object]:
    env = service_env(
        tmp, port=free_port(), database_url=f"sqlite+aiosqlite:///{tmp / 'app.sqlite3'}",
        **BOOK_SETTINGS,
    )  # fmt: skip
    await migrate(env)
    engine = create_engine(env["DATABASE_URL"])
    sessions = create_session_factory(engine)
    serve = await Service("serve", env, tmp / "serve.log").start()
    parent = RemoteParent(serve.base_url, sessions)
    try:
        await parent.open()
        await start_book(parent)
        drawn = await mid_illustration(sessions)
        await serve.kill()
        await serve.start()
        await parent.reconnect(serve.base_url)
        delivered = await previews_delivered(parent)
        return {
            "restart_to_delivery_s": round(delivered - serve.started_at, 1),
            "pages_drawn_before_crash": len(drawn),
            "delivered_once_pages_kept": await _check(parent, sessions, drawn),
        }
    finally:
        await parent.close()
        await serve.stop()
        await engine.dispose()


async def production(tmp: Path) -> dict[str, object]:
    redis = OwnRedis(tmp / "redis").start()
    url = await asyncio.to_thread(new_pg_database)
    env = service_env(tmp, port=free_port(), database_url=url, redis_url=redis.url, **BOOK_SETTINGS)
    await migrate(env)
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    serve = Service("serve", {**env, "CONSUME_JOBS": "false"}, tmp / "serve.log")
    first = Service("worker", env, tmp / "worker1.log")
    second = Service("worker", env, tmp / "worker2.log")
    parent = RemoteParent(serve.base_url, sessions)
    try:
        await serve.start()
        await first.start()
        await parent.open()
        await start_book(parent)
        drawn = await mid_illustration(sessions)
        await second.start()
        await asyncio.sleep(3)  # the second worker is up and idle
        await first.kill()
        killed = time.monotonic()
        delivered = await previews_delivered(parent, timeout=300)
        return {
            "kill_to_delivery_s": round(delivered - killed, 1),
            "job_lease_s": 30,
            "pages_drawn_before_crash": len(drawn),
            "delivered_once_pages_kept": await _check(parent, sessions, drawn),
        }
    finally:
        await parent.close()
        for service in (second, first, serve):
            await service.stop()
        await engine.dispose()
        redis.kill()
        await asyncio.to_thread(drop_pg_database, url)


async def main() -> None:
    results = {}
    with tempfile.TemporaryDirectory() as a:
        results["embedded: kill -9 serve, restart"] = await embedded(Path(a))
    with tempfile.TemporaryDirectory() as b:
        results["postgres+redis: kill -9 worker, live worker takes over"] = await production(
            Path(b)
        )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    asyncio.run(main())

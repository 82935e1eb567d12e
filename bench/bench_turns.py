"""Turn benchmark: inbound already durable -> engine -> outbox row, through the real turn runner.

Parents chat through the profile questions (web chat channel, no HTTP). Their starts are
staggered, so every round mixes first contacts with repeat senders. In each round every active
parent's next message is recorded first (untimed: it is durable before the turn), then the
parents' turns run concurrently (at most CONCURRENCY at once) and are timed; delivery of the
outbox is left out (it is the outbox's work, not the turn's). Statements are counted with a
SQLAlchemy `before_cursor_execute` listener, only those made by the turns (a context variable
marks them; the outbox's background sweep is not counted).

    .venv/bin/python bench/bench_turns.py                      # SQLite (embedded default)
    .venv/bin/python bench/bench_turns.py --pg postgresql+asyncpg://root@127.0.0.1:5432/postgres \
        --redis redis://127.0.0.1:6379/12                      # PostgreSQL + Redis locker
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import event
from sqlalchemy.engine import make_url

from bot.app import keys
from bot.app.composition import create_app
from bot.app.settings import Settings
from flows.messages import Inbound, InboundChoice, InboundText
from storage.migrate import upgrade

SCRIPT = ["hi", "@agree", "Aditi", "7", "@she", "space, music", "@pick0"]  # pick0: the first look


def script_messages() -> list[Inbound]:
    """The parent's lines as inbound messages. Every line moves the journey one step on, so a
    tap answers the question of step n (its line's index) and carries that step."""
    return [
        InboundChoice(f"{n}:{line[1:]}") if line.startswith("@") else InboundText(line)
        for n, line in enumerate(SCRIPT)
    ]


IN_TURN: contextvars.ContextVar[bool] = contextvars.ContextVar("in_turn", default=False)


class Counter:
    def __init__(self) -> None:
        self.statements = 0

    def __call__(self, *_args: Any) -> None:
        if IN_TURN.get():
            self.statements += 1


async def left_in_the_outbox(_session_id: str) -> None:
    return None


async def pg_database(admin_url: str) -> str:
    """A fresh database beside the given one (dropped by `drop_pg`)."""
    name = f"bench_turns_{os.getpid()}"
    url = make_url(admin_url)
    conn = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, database=url.database
    )
    await conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return url.set(database=name).render_as_string(hide_password=False)


async def drop_pg(db_url: str) -> None:
    url = make_url(db_url)
    conn = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, database="postgres"
    )
    await conn.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
    await conn.close()


async def run(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp())
    url = (
        await pg_database(args.pg) if args.pg else f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    )
    await upgrade(url)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=url,
        redis_url=args.redis,
        job_queue_name=f"bench-turns-{os.getpid()}",
        consume_jobs=False,
        var_dir=folder,
        log_level="WARNING",
    )
    client = TestClient(TestServer(create_app(settings)))
    await client.start_server()
    app = client.server.app
    runtime = app[keys.RUNTIME]
    runtime.turns._deliver = left_in_the_outbox  # the outbox row is the end of a turn here
    counter = Counter()
    event.listen(app[keys.ENGINE].sync_engine, "before_cursor_execute", counter)
    messages = script_messages()
    sessions = [
        (await runtime.webchat.open_session(None, None)).session_id for _ in range(args.parents)
    ]
    starts = [p % len(messages) for p in range(args.parents)]  # staggered first contacts
    latencies: list[float] = []
    first: list[float] = []
    busy = 0.0
    gate = asyncio.Semaphore(args.concurrency)

    async def turn(session_id: str, is_first: bool) -> None:
        async with gate:
            IN_TURN.set(True)  # this task's context only
            started = time.perf_counter()
            await runtime.turns.process(session_id)
            took = time.perf_counter() - started
            (first if is_first else latencies).append(took)

    for round_no in range(len(messages) + max(starts)):
        active = [
            (sid, round_no - start)
            for sid, start in zip(sessions, starts, strict=True)
            if 0 <= round_no - start < len(messages)
        ]
        for sid, line in active:
            await runtime.turns.record(sid, messages[line])
        t = time.perf_counter()
        await asyncio.gather(*(turn(sid, line == 0) for sid, line in active))
        busy += time.perf_counter() - t
    await client.close()
    if args.pg:
        await drop_pg(url)
    report(args, latencies, first, busy, counter.statements)


def report(
    args: argparse.Namespace, repeat: list[float], first: list[float], busy: float, stmts: int
) -> None:
    every = sorted(repeat + first)
    turns = len(every)

    def p95(xs: list[float]) -> float:
        return sorted(xs)[max(0, int(len(xs) * 0.95) - 1)] * 1000

    backend = "PostgreSQL" + (" + Redis" if args.redis else "") if args.pg else "SQLite"
    print(f"backend: {backend}; {args.parents} parents, {args.concurrency} concurrent sessions")
    print(f"turns: {turns} in {busy:.2f} s of turn time = {turns / busy:.0f} turns/s")
    print(
        f"latency: median {statistics.median(every) * 1000:.1f} ms, p95 {p95(every):.1f} ms "
        f"(first contacts: median {statistics.median(first) * 1000:.1f} ms; "
        f"repeat: median {statistics.median(repeat) * 1000:.1f} ms)"
    )
    print(f"statements per turn: {stmts / turns:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parents", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--pg", help="a PostgreSQL URL; a fresh database is made beside it")
    parser.add_argument("--redis", help="a Redis URL for the locker (and the job queue)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()

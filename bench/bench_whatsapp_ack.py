"""A campaign burst on the WhatsApp webhook, side by side in one run (loopback, 2 cores shared
by the load generator and every server):

- bare aiohttp (returns 200, nothing else),
- the minimal durable handler (HMAC check + Redis SET NX + one PostgreSQL insert and commit per
  request, in bench/whatsapp_load.py),
- the product with default settings on PostgreSQL + Redis: `serve` alone, and `serve` with
  CONSUME_JOBS=false plus one `worker`.

Each target gets a burst of unique signed deliveries from 1,000 new parents (distinct wa ids)
over 32 connections for 10 s (acks/s, p50/p99, non-2xx), then open-loop load at 500 deliveries/s
(p99, counted from when each request was due). For the product, the drain in between: seconds
after the burst until every parent got an answer (the Graph stub counts sends per recipient),
until every message was handled, turns/s and the CPU time the product's processes spent per
message handled (a figure that does not move with the load generator). The drain is bounded
(DRAIN_LIMIT s): a figure not reached by then is reported as such. Each target also reports the
share of CPU time the hypervisor took from this machine meanwhile (steal): on a shared virtual
machine every figure here moves with it.

Needs PostgreSQL at 127.0.0.1:5432 (user root) and Redis (BENCH_REDIS_URL, default db 13, which
is flushed); creates and drops its own databases.
Run: .venv/bin/python bench/bench_whatsapp_ack.py [burst seconds] [drain limit seconds]
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
import uuid
from pathlib import Path

import aiohttp
import asyncpg
from redis.asyncio import Redis
from whatsapp_load import BARE, FLOOR, GRAPH, PHONE_ID, SECRET, burst, deliveries, fixed_rate
from whatsapp_load import wa_id as number_of

BURST_SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
DRAIN_LIMIT = float(sys.argv[2]) if len(sys.argv) > 2 else 120.0
CONNECTIONS = 32
PARENTS = 1000
RATE, RATE_SECONDS = 500, 4
MOST_BODIES = 80_000  # more than any target here acks in the burst
PG = "postgresql://root@127.0.0.1:5432"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
Procs = list[asyncio.subprocess.Process]
RATES: dict[str, float] = {}  # burst acks/s per target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def start(procs: Procs, *args: str, env: dict[str, str] | None = None) -> None:
    procs.append(await asyncio.create_subprocess_exec(PYTHON, *args, cwd=ROOT, env=env))


async def stop(procs: Procs) -> None:
    for proc in procs:
        if proc.returncode is None:
            proc.terminate()
    for proc in procs:
        try:
            await asyncio.wait_for(proc.wait(), 15)
        except TimeoutError:
            proc.kill()
    procs.clear()


async def wait_ready(url: str, limit: float = 30.0) -> None:
    async with aiohttp.ClientSession() as http:
        until = time.monotonic() + limit
        while time.monotonic() < until:
            try:
                async with http.get(url) as response:
                    if response.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


def cpu_seconds(pids: list[int]) -> float:
    """CPU time the processes used so far (Linux /proc; 0 elsewhere)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.0


def steal() -> tuple[int, int]:
    """(stolen, all) CPU ticks of the machine so far: a virtual machine's hypervisor may
    give its cores to others, and every figure here slows with it."""
    try:
        ticks = [int(t) for t in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return 0, 0
    return ticks[7], sum(ticks)


async def new_database(admin: asyncpg.Connection, name: str) -> str:
    await admin.execute(f'CREATE DATABASE "{name}"')
    return name


class Drain:
    """The product's side after the burst: answers per parent and handled messages."""

    def __init__(self, graph_url: str, database: str, run: str, pids: list[int]) -> None:
        self.graph_url = graph_url
        self.database = database
        self.numbers = {number_of(run, p) for p in range(PARENTS)}
        self.pids = pids  # the product's processes, for the CPU each message cost

    async def handled(self, conn: asyncpg.Connection) -> tuple[int, int]:
        """(inbound messages handled, items or messages still waiting)."""
        done = await conn.fetchval(
            "SELECT count(*) FROM chat_messages WHERE direction = 'in'"
            " AND inbox_status = 'processed'"
        )
        waiting = await conn.fetchval(
            "SELECT (SELECT count(*) FROM whatsapp_deliveries WHERE processed_at IS NULL)"
            " + (SELECT count(*) FROM chat_messages WHERE direction = 'in'"
            " AND inbox_status IN ('received', 'fetching'))"
        )
        return int(done), int(waiting)

    async def answered(self, http: aiohttp.ClientSession) -> int:
        async with http.get(f"{self.graph_url}/_counts") as response:
            counts = await response.json()
        return sum(1 for n in self.numbers if counts.get(n, 0) > 0)

    async def follow(self, burst_started: float, handled_before: int) -> str:
        conn = await asyncpg.connect(f"{PG}/{self.database}")
        ended = time.perf_counter()
        cpu_before, handled_then = cpu_seconds(self.pids), (await self.handled(conn))[0]
        all_answered = all_handled = None
        answered = handled = 0
        turns_seconds = 0.0  # from the burst's start until every message was handled
        try:
            async with aiohttp.ClientSession() as http:
                while time.perf_counter() - ended < DRAIN_LIMIT:
                    answered = await self.answered(http)
                    handled, waiting = await self.handled(conn)
                    now = time.perf_counter() - ended
                    if all_answered is None and answered == PARENTS:
                        all_answered = now
                    if all_handled is None:
                        turns_seconds = time.perf_counter() - burst_started
                        turns_done = handled - handled_before
                        if waiting == 0:
                            all_handled = now
                    if all_answered is not None and all_handled is not None:
                        break
                    await asyncio.sleep(0.25)
            cpu = (cpu_seconds(self.pids) - cpu_before) / max(1, handled - handled_then)
        finally:
            await conn.close()
        # Turns/s until the last message was handled: waiting on the send rate for the
        # answers afterwards is the outbox's pace, not the turns'.
        turns = turns_done / turns_seconds if turns_seconds else 0.0
        first = (
            f"every parent answered {all_answered:6.1f} s after the burst"
            if all_answered is not None
            else f"{answered}/{PARENTS} parents answered after {DRAIN_LIMIT:.0f} s"
        )
        rest = (
            f"all handled {all_handled:6.1f} s after"
            if all_handled is not None
            else f"{handled - handled_before} handled by {DRAIN_LIMIT:.0f} s"
        )
        return f"{first}; {rest}; {turns:6.1f} turns/s; {1000 * cpu:.2f} ms CPU per message"


async def measure(name: str, url: str, drain: Drain | None, run: str) -> list[str]:
    await burst(url, deliveries(f"warm-{run}", CONNECTIONS, CONNECTIONS), 60, CONNECTIONS)
    bodies = deliveries(run, MOST_BODIES, PARENTS)
    handled_before = 0
    if drain is not None:  # the warm-up answered first: the burst starts from an idle service
        conn = await asyncpg.connect(f"{PG}/{drain.database}")
        for _ in range(300):
            handled_before, waiting = await drain.handled(conn)
            if not waiting:
                break
            await asyncio.sleep(0.2)
        await conn.close()
    started, stolen = time.perf_counter(), steal()
    figures = burst_figures = await burst(url, bodies, BURST_SECONDS, CONNECTIONS)
    lines = [
        f"{name:24} burst: {figures.rate:7.0f} acks/s  p50 {figures.pct(0.5):6.1f} ms"
        f"  p99 {figures.pct(0.99):6.1f} ms  non-2xx {figures.non_2xx}  ({figures.sent} acked)"
    ]
    if drain is not None:
        lines.append(f"{'':24} drain: {await drain.follow(started, handled_before)}")
    steady = deliveries(f"{run}-steady", RATE * RATE_SECONDS, PARENTS)
    figures = await fixed_rate(url, steady, RATE)
    lines.append(
        f"{'':24} {RATE}/s: p50 {figures.pct(0.5):6.1f} ms  p99 {figures.pct(0.99):6.1f} ms"
        f"  non-2xx {figures.non_2xx}"
    )
    RATES[name] = burst_figures.rate
    now = steal()
    if now[1] > stolen[1]:
        share = 100 * (now[0] - stolen[0]) / (now[1] - stolen[1])
        lines.append(f"{'':24} the hypervisor took {share:.0f}% of the CPU time meanwhile")
    return lines


async def product(name: str, admin: asyncpg.Connection, graph_url: str, workers: int) -> list[str]:
    database = await new_database(admin, f"bench_wa_{uuid.uuid4().hex[:10]}")
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgresql+asyncpg://root@127.0.0.1:5432/{database}",
        "REDIS_URL": REDIS,
        "JOB_QUEUE_NAME": f"bench:{database}",
        "PORT": str(port),
        "LOG_LEVEL": "ERROR",
        "WHATSAPP_ACCESS_TOKEN": "bench-token",
        "WHATSAPP_APP_SECRET": SECRET,
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_ID,
        "WHATSAPP_WEBHOOK_VERIFY_TOKEN": "bench-verify",
        "WHATSAPP_GRAPH_URL": graph_url,
        "VAR_DIR": f"/tmp/{database}",
        "CONSUME_JOBS": "false" if workers else "true",
    }
    procs: Procs = []
    try:
        migrate = await asyncio.create_subprocess_exec(
            PYTHON, "-m", "bot", "migrate", cwd=ROOT, env=env
        )
        if await migrate.wait() != 0:
            raise RuntimeError("migration failed")
        await start(procs, "-m", "bot", "serve", env=env)
        for _ in range(workers):
            await start(procs, "-m", "bot", "worker", env=env)
        await wait_ready(f"http://127.0.0.1:{port}/healthz")
        run = uuid.uuid4().hex[:6]
        url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
        pids = [proc.pid for proc in procs]
        return await measure(name, url, Drain(graph_url, database, run, pids), run)
    finally:
        await stop(procs)
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


async def bare() -> list[str]:
    procs: Procs = []
    port = free_port()
    try:
        await start(procs, "-c", BARE, str(port))
        await wait_ready(f"http://127.0.0.1:{port}/webhooks/whatsapp")
        url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
        return await measure("bare aiohttp", url, None, uuid.uuid4().hex[:6])
    finally:
        await stop(procs)


async def floor(admin: asyncpg.Connection) -> list[str]:
    database = await new_database(admin, f"bench_floor_{uuid.uuid4().hex[:10]}")
    procs: Procs = []
    port = free_port()
    try:
        await start(procs, "-c", FLOOR, str(port), f"{PG}/{database}", REDIS, SECRET)
        await wait_ready(f"http://127.0.0.1:{port}/webhooks/whatsapp")
        url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
        return await measure("durable floor", url, None, uuid.uuid4().hex[:6])
    finally:
        await stop(procs)
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


async def main() -> None:
    admin = await asyncpg.connect(f"{PG}/postgres")
    graph_port = free_port()
    graph_url = f"http://127.0.0.1:{graph_port}"
    graph: Procs = []
    lines: list[str] = []
    try:
        await start(graph, "-c", GRAPH, str(graph_port))
        await wait_ready(f"{graph_url}/_counts")
        lines += await bare()
        lines += await floor(admin)
        lines += await product("product: serve alone", admin, graph_url, workers=0)
        lines += await product("product: serve + worker", admin, graph_url, workers=1)
    finally:
        await stop(graph)
        await admin.close()
        redis = Redis.from_url(REDIS)
        await redis.flushdb()
        await redis.aclose()
    print(
        f"burst {BURST_SECONDS:.0f} s over {CONNECTIONS} connections from {PARENTS} new parents,"
        f" then {RATE}/s for {RATE_SECONDS} s; loopback, {os.cpu_count()} cores shared"
    )
    for line in lines:
        print(line)
    for name in ("product: serve alone", "product: serve + worker"):
        print(f"{name}: {RATES[name] / RATES['durable floor']:.2f}x the durable floor")


if __name__ == "__main__":
    asyncio.run(main())

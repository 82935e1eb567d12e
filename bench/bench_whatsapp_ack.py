"""WhatsApp webhook acks per second of one `python -m bot serve` process (PostgreSQL + Redis),
next to a bare aiohttp handler that returns 200, on the same machine in the same run.

Every request is a distinct signed single-message delivery (from a pool of parents), posted
over loopback with bounded concurrency. Two shapes of the app are measured:
- "serve alone": serve acks and also takes the turns off the Redis queue;
- "serve + worker": serve acks only (CONSUME_JOBS=false), one `worker` process runs the turns.
Prints acks/s of each and of the bare server, p99 ack latencies, and how long the bot took to
answer every message. Needs PostgreSQL at 127.0.0.1:5432 (user root) and Redis at
127.0.0.1:6379; creates and drops a fresh database and flushes Redis db 13.
Run: .venv/bin/python bench/bench_whatsapp_ack.py [requests] [concurrency]
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import socket
import sys
import time
import uuid
from pathlib import Path

import aiohttp
import asyncpg
from aiohttp import web
from redis.asyncio import Redis

REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 800
CONCURRENCY = int(sys.argv[2]) if len(sys.argv) > 2 else 32
PARENTS = 200
SECRET = "bench-app-secret"
PHONE_ID = "1122334455667"
PG = "postgresql://root@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379/13"
ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys
from aiohttp import web
async def ok(request):
    await request.read()
    return web.json_response({"ok": True})
app = web.Application()
app.router.add_post("/webhooks/whatsapp", ok)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def deliveries(run: str) -> list[tuple[bytes, str]]:
    """Distinct signed single-message bodies and their X-Hub-Signature-256."""
    out = []
    for i in range(REQUESTS):
        wa_id = f"1555{i % PARENTS:07d}"
        message = {
            "from": wa_id,
            "id": f"wamid.BENCH.{run}.{i}",
            "timestamp": str(int(time.time())),
            "type": "text",
            "text": {"body": "hi"},
        }
        value = {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_ID},
            "contacts": [{"profile": {"name": "Bench"}, "wa_id": wa_id}],
            "messages": [message],
        }
        body = json.dumps(
            {
                "object": "whatsapp_business_account",
                "entry": [{"id": "1", "changes": [{"value": value, "field": "messages"}]}],
            }
        ).encode()
        signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        out.append((body, signature))
    return out


async def load(url: str, bodies: list[tuple[bytes, str]]) -> tuple[float, float, int]:
    """(acks per second, p99 seconds, non-200 count) posting every body once."""
    latencies: list[float] = []
    failures = 0
    queue = iter(bodies)
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def worker() -> None:
            nonlocal failures
            for body, signature in queue:
                headers = {"Content-Type": "application/json", "X-Hub-Signature-256": signature}
                started = time.perf_counter()
                async with http.post(url, data=body, headers=headers) as response:
                    await response.read()
                    failures += response.status != 200
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return len(bodies) / elapsed, latencies[int(len(latencies) * 0.99) - 1], failures


async def wait_ready(url: str, deadline: float = 30.0) -> None:
    async with aiohttp.ClientSession() as http:
        until = time.monotonic() + deadline
        while time.monotonic() < until:
            try:
                async with http.get(url) as response:
                    if response.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


async def graph_stub(port: int) -> web.AppRunner:
    """Answers the bot's sends after the ack, so processing does not stall on timeouts."""

    async def answer(request: web.Request) -> web.Response:
        payload = json.loads(await request.read() or b"{}")
        to = payload.get("to", "")
        return web.json_response(
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": f"wamid.{uuid.uuid4().hex}"}],
            }
        )

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


async def drain(database: str, deadline: float = 600.0) -> float:
    """Seconds until every recorded parent message has been answered (its turn has run)."""
    conn = await asyncpg.connect(f"postgresql://root@127.0.0.1:5432/{database}")
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < deadline:
            waiting = await conn.fetchval(
                "SELECT count(*) FROM chat_messages WHERE direction = 'in'"
                " AND delivery_status IN ('received', 'fetching')"
            )
            if waiting == 0:
                return time.perf_counter() - started
            await asyncio.sleep(0.1)
    finally:
        await conn.close()
    raise RuntimeError("turns did not drain")


async def stop(procs: list[asyncio.subprocess.Process]) -> None:
    for proc in procs:
        if proc.returncode is None:
            proc.terminate()
    for proc in procs:
        try:
            await asyncio.wait_for(proc.wait(), 15)
        except TimeoutError:
            proc.kill()
    procs.clear()


async def measure(shape: str, env: dict[str, str], database: str, workers: int) -> str:
    """Start serve (+ workers), load it, wait for every answer; one line of figures."""
    python = sys.executable
    port = env["PORT"]
    env = {**env, "CONSUME_JOBS": "false" if workers else "true"}
    procs = [await asyncio.create_subprocess_exec(python, "-m", "bot", "serve", cwd=ROOT, env=env)]
    try:
        for _ in range(workers):
            procs.append(
                await asyncio.create_subprocess_exec(
                    python, "-m", "bot", "worker", cwd=ROOT, env=env
                )
            )
        await wait_ready(f"http://127.0.0.1:{port}/healthz")
        url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
        await load(url, deliveries(f"warm-{shape}")[:200])
        await drain(database)
        rps, p99, failed = await load(url, deliveries(shape))
        answered = await drain(database)
    finally:
        await stop(procs)
    return (
        f"app, {shape + ':':16} {rps:8.0f} acks/s  p99 {p99 * 1000:7.1f} ms  "
        f"non-200: {failed}  every message answered {answered:5.1f} s after the last ack"
    )


async def main() -> None:
    database = f"bench_wa_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(PG)
    await admin.execute(f'CREATE DATABASE "{database}"')
    graph_port, app_port, bare_port = free_port(), free_port(), free_port()
    graph = await graph_stub(graph_port)
    env = {
        **os.environ,
        "DATABASE_URL": f"postgresql+asyncpg://root@127.0.0.1:5432/{database}",
        "REDIS_URL": REDIS,
        "JOB_QUEUE_NAME": f"bench:{database}",
        "PORT": str(app_port),
        "LOG_LEVEL": "ERROR",
        "WHATSAPP_ACCESS_TOKEN": "bench-token",
        "WHATSAPP_APP_SECRET": SECRET,
        "WHATSAPP_PHONE_NUMBER_ID": PHONE_ID,
        "WHATSAPP_WEBHOOK_VERIFY_TOKEN": "bench-verify",
        "WHATSAPP_GRAPH_URL": f"http://127.0.0.1:{graph_port}",
        "RATE_LIMIT_WEBHOOKS_PER_MINUTE": str(10**9),
        "VAR_DIR": f"/tmp/{database}",
    }
    python = sys.executable
    bare: list[asyncio.subprocess.Process] = []
    try:
        migrate = await asyncio.create_subprocess_exec(
            python, "-m", "bot", "migrate", cwd=ROOT, env=env
        )
        if await migrate.wait() != 0:
            raise RuntimeError("migration failed")
        lines = [
            await measure("serve alone", env, database, workers=0),
            await measure("serve + worker", env, database, workers=1),
        ]
        bare.append(await asyncio.create_subprocess_exec(python, "-c", BARE, str(bare_port)))
        await wait_ready(f"http://127.0.0.1:{bare_port}/webhooks/whatsapp")
        bare_url = f"http://127.0.0.1:{bare_port}/webhooks/whatsapp"
        await load(bare_url, deliveries("warm")[:200])
        bare_rps, bare_p99, _ = await load(bare_url, deliveries("bare"))
        print(
            f"requests: {REQUESTS} per run, concurrency {CONCURRENCY}, loopback, {PARENTS} parents"
        )
        for line in lines:
            print(line)
        print(f"bare aiohttp handler:       {bare_rps:8.0f} acks/s  p99 {bare_p99 * 1000:7.1f} ms")
    finally:
        await stop(bare)
        await graph.cleanup()
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await admin.close()
        redis = Redis.from_url(REDIS)
        await redis.flushdb()
        await redis.aclose()


if __name__ == "__main__":
    asyncio.run(main())

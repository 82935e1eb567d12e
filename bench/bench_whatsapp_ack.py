"""WhatsApp webhook acks per second of one `python -m bot serve` process (PostgreSQL + Redis),
next to a bare aiohttp handler that returns 200, on the same machine in the same run.

Every request is a distinct signed single-message delivery (from a pool of parents), posted
over loopback with bounded concurrency. Prints acks/s of both servers and the app's p99 ack
latency. Needs PostgreSQL at 127.0.0.1:5432 (user root) and Redis at 127.0.0.1:6379; creates
and drops a fresh database and flushes Redis db 13.
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
    procs: list[asyncio.subprocess.Process] = []
    try:
        migrate = await asyncio.create_subprocess_exec(
            python, "-m", "bot", "migrate", cwd=ROOT, env=env
        )
        if await migrate.wait() != 0:
            raise RuntimeError("migration failed")
        procs.append(
            await asyncio.create_subprocess_exec(python, "-m", "bot", "serve", cwd=ROOT, env=env)
        )
        procs.append(await asyncio.create_subprocess_exec(python, "-c", BARE, str(bare_port)))
        await wait_ready(f"http://127.0.0.1:{app_port}/healthz")
        await wait_ready(f"http://127.0.0.1:{bare_port}/webhooks/whatsapp")
        app_url = f"http://127.0.0.1:{app_port}/webhooks/whatsapp"
        bare_url = f"http://127.0.0.1:{bare_port}/webhooks/whatsapp"
        await load(app_url, deliveries("warm")[:200])
        await load(bare_url, deliveries("warm")[:200])
        app_rps, app_p99, app_failed = await load(app_url, deliveries("app"))
        bare_rps, bare_p99, _ = await load(bare_url, deliveries("bare"))
        print(f"requests: {REQUESTS} per server, concurrency {CONCURRENCY}, loopback")
        print(f"app  (serve, PostgreSQL + Redis): {app_rps:8.0f} acks/s  (non-200: {app_failed})")
        print(f"bare aiohttp handler:             {bare_rps:8.0f} acks/s")
        print(f"app p99 ack latency: {app_p99 * 1000:.1f} ms (bare: {bare_p99 * 1000:.1f} ms)")
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                await asyncio.wait_for(proc.wait(), 15)
            except TimeoutError:
                proc.kill()
        await graph.cleanup()
        await admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await admin.close()
        redis = Redis.from_url(REDIS)
        await redis.flushdb()
        await redis.aclose()


if __name__ == "__main__":
    asyncio.run(main())

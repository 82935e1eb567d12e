"""Pieces of bench_whatsapp_ack.py: signed deliveries, the closed-loop burst and the fixed-rate
load, and the servers it runs as subprocesses (bare aiohttp, the minimal durable handler, a
Graph stub that counts sends per recipient). Loopback only."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from dataclasses import dataclass, field

import aiohttp

SECRET = "bench-app-secret"
PHONE_ID = "1122334455667"

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

# The durable floor: verify, dedupe in Redis, one insert and commit in PostgreSQL, per request.
FLOOR = """
import hashlib, hmac, json, sys
import asyncpg
from aiohttp import web
from redis.asyncio import Redis
port, dsn, redis_url, secret = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].encode()
async def ok(request):
    raw = await request.read()
    given = request.headers.get("X-Hub-Signature-256", "").removeprefix("sha256=")
    if not hmac.compare_digest(given, hmac.new(secret, raw, hashlib.sha256).hexdigest()):
        return web.json_response({"error": "signature"}, status=401)
    value = json.loads(raw)["entry"][0]["changes"][0]["value"]
    message_id = value["messages"][0]["id"]
    if await request.app["redis"].set("floor:" + message_id, b"1", nx=True, ex=600):
        async with request.app["pool"].acquire() as conn:
            await conn.execute(
                "INSERT INTO floor_deliveries (id, raw) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                message_id, raw.decode())
    return web.json_response({"ok": True})
async def resources(app):
    app["pool"] = await asyncpg.create_pool(dsn, min_size=10, max_size=20)
    await app["pool"].execute(
        "CREATE TABLE IF NOT EXISTS floor_deliveries (id text PRIMARY KEY, raw text NOT NULL)")
    app["redis"] = Redis.from_url(redis_url, max_connections=1024)
    yield
    await app["pool"].close()
    await app["redis"].aclose()
app = web.Application()
app.cleanup_ctx.append(resources)
app.router.add_post("/webhooks/whatsapp", ok)
web.run_app(app, host="127.0.0.1", port=int(port), access_log=None, print=None)
"""

# The Graph API as the bot sees it: every send accepted and counted per recipient.
GRAPH = """
import collections, sys, uuid
from aiohttp import web
sends = collections.Counter()
async def messages(request):
    payload = await request.json()
    to = payload.get("to")
    if to:
        sends[to] += 1
    wamid = "wamid." + uuid.uuid4().hex
    return web.json_response({"messaging_product": "whatsapp",
        "contacts": [{"input": to, "wa_id": to}], "messages": [{"id": wamid}]})
async def counts(request):
    return web.json_response(sends)
app = web.Application()
app.router.add_get("/_counts", counts)
app.router.add_post("/{version}/{phone}/messages", messages)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
"""


def wa_id(run: str, parent: int) -> str:
    """A distinct number per parent and run (digits only, as WhatsApp's)."""
    return f"{int(hashlib.sha256(run.encode()).hexdigest()[:4], 16) % 9000 + 1000}{parent:07d}"


def deliveries(run: str, count: int, parents: int) -> list[tuple[bytes, str]]:
    """Distinct signed one-message deliveries, cycling over `parents` new parents."""
    out = []
    now = str(int(time.time()))
    for i in range(count):
        number = wa_id(run, i % parents)
        value = {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550001111", "phone_number_id": PHONE_ID},
            "contacts": [{"profile": {"name": "Bench"}, "wa_id": number}],
            "messages": [
                {
                    "from": number,
                    "id": f"wamid.BENCH.{run}.{i}",
                    "timestamp": now,
                    "type": "text",
                    "text": {"body": "hi"},
                }
            ],
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


@dataclass
class Figures:
    sent: int = 0
    non_2xx: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else 0.0


async def _post(http: aiohttp.ClientSession, url: str, body: bytes, signature: str) -> int:
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": signature}
    try:
        async with http.post(url, data=body, headers=headers) as response:
            await response.read()
            return response.status
    except aiohttp.ClientError:
        return 599


async def burst(url: str, bodies: list[tuple[bytes, str]], seconds: float, conns: int) -> Figures:
    """Closed loop: `conns` connections post as fast as they are answered, for `seconds`."""
    figures = Figures()
    todo = iter(bodies)
    deadline = time.perf_counter() + seconds
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=conns)) as http:

        async def connection() -> None:
            for body, signature in todo:
                if time.perf_counter() >= deadline:
                    return
                started = time.perf_counter()
                status = await _post(http, url, body, signature)
                figures.latencies.append(time.perf_counter() - started)
                figures.sent += 1
                figures.non_2xx += not 200 <= status < 300

        started = time.perf_counter()
        await asyncio.gather(*(connection() for _ in range(conns)))
        figures.seconds = time.perf_counter() - started
    return figures


async def fixed_rate(url: str, bodies: list[tuple[bytes, str]], rate: float) -> Figures:
    """Open loop at `rate` per second; a latency counts from when the request was due, so a
    server that falls behind is not flattered by the client waiting for it."""
    figures = Figures()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=256)) as http:

        async def one(due: float, body: bytes, signature: str) -> None:
            status = await _post(http, url, body, signature)
            figures.latencies.append(time.perf_counter() - due)
            figures.non_2xx += not 200 <= status < 300

        started = time.perf_counter()
        tasks = []
        for i, (body, signature) in enumerate(bodies):
            due = started + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            tasks.append(asyncio.create_task(one(due, body, signature)))
        await asyncio.gather(*tasks)
        figures.seconds = time.perf_counter() - started
        figures.sent = len(bodies)
    return figures

"""Turn latency and throughput of the conversation runtime on the embedded default (SQLite).

Drives N simulated parents through the profile questions via the real turn runner (no HTTP),
and prints the median and p95 time from a parent's message to the bot's saved answer, plus the
cost of one shared-machine trigger. Run: .venv/bin/python bench/bench_turns.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot.app import keys
from bot.app.composition import create_app
from bot.app.settings import Settings
from flows.journey import fire
from flows.messages import InboundChoice, InboundText
from storage.migrate import upgrade

PARENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 40
SCRIPT = ["hi", "@agree", "Aditi", "7", "@she", "space, music", "@skip"]


async def one_parent(app, latencies: list[float]) -> None:
    runtime = app[keys.RUNTIME]
    opened = await runtime.webchat.open_session(None, None)
    step = 0
    for line in SCRIPT:
        if line.startswith("@"):
            step += 1
            inbound = InboundChoice(f"{step}:{line[1:]}")
        else:
            inbound = InboundText(line)
        started = time.perf_counter()
        await runtime.turns.post(opened.session_id, inbound)
        latencies.append(time.perf_counter() - started)
        if line == "hi":
            step = 1


async def main() -> None:
    folder = Path(tempfile.mkdtemp())
    url = f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    await upgrade(url)
    settings = Settings(_env_file=None, database_url=url, var_dir=folder, log_level="WARNING")
    client = TestClient(TestServer(create_app(settings)))
    await client.start_server()
    latencies: list[float] = []
    started = time.perf_counter()
    await asyncio.gather(*(one_parent(client.server.app, latencies) for _ in range(PARENTS)))
    elapsed = time.perf_counter() - started
    await client.close()
    latencies.sort()
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"turns: {len(latencies)} by {PARENTS} concurrent parents in {elapsed:.2f} s "
        f"({len(latencies) / elapsed:.0f} turns/s)"
    )
    print(
        f"turn latency: median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms (lock, load, handle, save, deliver)"
    )
    runs = 5000
    t = time.perf_counter()
    for _ in range(runs):
        fire("preview", "regenerate")
    print(
        f"shared machine trigger (add_model + trigger + remove_model): "
        f"{(time.perf_counter() - t) / runs * 1000:.3f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main())

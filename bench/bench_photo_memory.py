"""Peak memory of `serve` under concurrent photo uploads (the web chat's /webchat/photo).

Starts `python -m bot serve` on the embedded default (SQLite in a temporary directory), walks
each of PARENTS web chat parents to the photo question, then every parent uploads a photo of
about 5 MB at once: half of them JPEGs declaring 49 M pixels, half PNGs declaring 16 M pixels
(the largest each kind may declare), plus the hostile ones of issue 16 (a 48 KB PNG declaring
20000x20000, a 17 KB PNG declaring 12000x12000). Reports the server's RSS before, its peak
(VmHWM from /proc) and the time the uploads took, and /healthz latency during the burst.

Run: .venv/bin/python bench/bench_photo_memory.py [parents]   (default 12; target < 400 MB)
"""

from __future__ import annotations

import asyncio
import io
import os
import socket
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

import aiohttp
from PIL import Image

PARENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 12
TARGET_MB = 400
ROOT = Path(
    os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parent.parent
)  # another checkout
PHOTO_MAX = 5 * 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fill(size: tuple[int, int], grain: int) -> Image.Image:
    """A photo-like picture: smooth noise, scaled up (compresses like a real one)."""
    small = Image.effect_noise((size[0] // grain, size[1] // grain), 64).convert("RGB")
    return small.resize(size, Image.Resampling.BILINEAR)


def big_jpeg() -> bytes:
    image = _fill((7000, 7000), 8)
    for quality in (60, 45, 30):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        if out.tell() <= PHOTO_MAX:
            return out.getvalue()
    raise RuntimeError("could not make a JPEG under 5 MB")


def big_png() -> bytes:
    out = io.BytesIO()
    _fill((4000, 4000), 64).save(out, "PNG", compress_level=6)
    if out.tell() > PHOTO_MAX:
        raise RuntimeError("could not make a PNG under 5 MB")
    return out.getvalue()


def declared_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares a huge picture (the rows compress to almost nothing)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    row = b"\x00" + b"\x00" * (width * 3)
    rows = zlib.compressobj(9)
    data = b"".join(rows.compress(row) for _ in range(min(height, 64))) + rows.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def rss_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(field)


class WebParent:
    def __init__(self, http: aiohttp.ClientSession, base: str) -> None:
        self.http, self.base = http, base
        self.token = ""
        self.seen = 0
        self.ws: Any = None

    async def open(self) -> None:
        async with self.http.post(f"{self.base}/webchat/sessions", json={}) as response:
            self.token = (await response.json())["token"]
        self.ws = await self.http.ws_connect(f"{self.base}/webchat/ws?token={self.token}")

    async def history(self) -> list[dict[str, Any]]:
        url = f"{self.base}/webchat/history?token={self.token}"
        async with self.http.get(url) as response:
            return list((await response.json())["messages"])

    async def wait_answer(self) -> list[dict[str, Any]]:
        for _ in range(600):
            items = await self.history()
            if items and items[-1]["seq"] > self.seen and items[-1]["direction"] == "out":
                await asyncio.sleep(0.05)
                items = await self.history()
                self.seen = items[-1]["seq"]
                return items
            await asyncio.sleep(0.05)
        raise RuntimeError("no answer")

    async def say(self, text: str) -> list[dict[str, Any]]:
        await self.ws.send_json({"type": "text", "text": text})
        return await self.wait_answer()

    async def tap(self, items: list[dict[str, Any]], title: str) -> list[dict[str, Any]]:
        for item in reversed(items):
            message = item["message"]
            for option in message.get("buttons", []) + message.get("rows", []):
                if option["title"] == title:
                    await self.ws.send_json({"type": "choice", "id": option["id"]})
                    return await self.wait_answer()
        raise RuntimeError(f"no {title!r}")

    async def to_the_photo_question(self) -> None:
        items = await self.say("hi")
        items = await self.tap(items, "I agree")
        await self.say("Zoya")
        items = await self.say("6")
        items = await self.tap(items, "She")
        await self.say("space and cats")

    async def upload(self, photo: bytes, name: str) -> int:
        form = aiohttp.FormData()
        form.add_field("photo", photo, filename=name)
        url = f"{self.base}/webchat/photo?token={self.token}"
        async with self.http.post(url, data=form) as response:
            await response.read()
            return response.status


async def healthz_latency(http: aiohttp.ClientSession, base: str, stop: asyncio.Event) -> float:
    worst = 0.0
    while not stop.is_set():
        started = time.perf_counter()
        async with http.get(f"{base}/healthz") as response:
            await response.read()
        worst = max(worst, time.perf_counter() - started)
        await asyncio.sleep(0.05)
    return worst


async def main() -> None:
    print("making photos...", flush=True)
    jpeg, png = big_jpeg(), big_png()
    hostile = [declared_png(20000, 20000), declared_png(12000, 12000)]
    print(
        f"JPEG 7000x7000 {len(jpeg) / 1e6:.1f} MB, PNG 4000x4000 {len(png) / 1e6:.1f} MB, "
        f"hostile PNGs {[len(h) // 1024 for h in hostile]} KB"
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "PORT": str(port),
            "VAR_DIR": var,
            "DATABASE_URL": f"sqlite+aiosqlite:///{var}/bench.sqlite3",
            "PUBLIC_BASE_URL": base,
            "FLOOD_LIMIT_MESSAGES": "1000",
            "RATE_LIMIT_WEBCHAT_PER_MINUTE": "100000",
            **(
                {"MALLOC_MMAP_THRESHOLD_": os.environ["BENCH_MMAP"]}
                if "BENCH_MMAP" in os.environ
                else {}
            ),
        }
        quiet = asyncio.subprocess.DEVNULL
        migrate = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "migrate", cwd=ROOT, env=env, stdout=quiet, stderr=quiet
        )
        await migrate.wait()
        server = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "serve", cwd=ROOT, env=env, stdout=quiet, stderr=quiet
        )
        try:
            async with aiohttp.ClientSession() as http:
                for _ in range(300):
                    try:
                        async with http.get(f"{base}/healthz") as r:
                            if r.status == 200:
                                break
                    except aiohttp.ClientError:
                        pass
                    await asyncio.sleep(0.1)
                parents = [WebParent(http, base) for _ in range(PARENTS + len(hostile))]
                for parent in parents:
                    await parent.open()
                await asyncio.gather(*(p.to_the_photo_question() for p in parents))
                before = rss_mb(server.pid, "VmRSS")
                photos = [(jpeg if i % 2 else png) for i in range(PARENTS)] + hostile
                stop = asyncio.Event()
                health = asyncio.create_task(healthz_latency(http, base, stop))
                started = time.perf_counter()
                statuses = await asyncio.gather(
                    *(p.upload(photo, "p.jpg") for p, photo in zip(parents, photos, strict=True))
                )
                took = time.perf_counter() - started
                stop.set()
                worst_health = await health
                peak = rss_mb(server.pid, "VmHWM")
                after = rss_mb(server.pid, "VmRSS")
        finally:
            server.terminate()
            await server.wait()
    print(f"{PARENTS} concurrent uploads of ~5 MB (+2 hostile): statuses {sorted(statuses)}")
    print(
        f"RSS before {before:.0f} MB, peak {peak:.0f} MB, after {after:.0f} MB "
        f"(target < {TARGET_MB} MB): {'OK' if peak < TARGET_MB else 'OVER'}"
    )
    print(f"uploads took {took:.1f} s; slowest /healthz during them {worst_health * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())

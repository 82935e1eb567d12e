"""`serve` as a person starts it: it says where to go, links follow its port, and it stops
promptly with a chat open, closing the socket with "going away"."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
import time

import aiohttp
from aiohttp import WSMsgType


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _read_until(stream: asyncio.StreamReader, needle: str, seconds: float) -> str:
    seen = ""
    deadline = time.monotonic() + seconds
    while needle not in seen:
        line = await asyncio.wait_for(stream.readline(), deadline - time.monotonic())
        if not line:
            raise AssertionError(f"serve exited before printing {needle!r}:\n{seen}")
        seen += line.decode()
    return seen


async def test_serve_prints_its_addresses_and_stops_promptly_with_a_chat_open(tmp_path):
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WHATSAPP_", "OPENAI_", "RAZORPAY_", "PAYPAL_", "PUBLIC_BASE_URL"))
    }
    env.update(
        {
            "PORT": str(port),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'app.sqlite3'}",
            "VAR_DIR": str(tmp_path / "var"),
        }
    )
    env.pop("REDIS_URL", None)
    migrate = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "migrate", env=env, cwd=tmp_path
    )
    assert await migrate.wait() == 0
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        env=env,
        cwd=tmp_path,
        stderr=asyncio.subprocess.PIPE,
    )
    assert proc.stderr is not None
    try:
        banner = await _read_until(proc.stderr, "First support user", 60)
        base = f"http://127.0.0.1:{port}"
        assert f"Chat with the bot:  {base}/" in banner
        assert f"Support console:    {base}/support/" in banner
        assert "make support-user" in banner
        async with aiohttp.ClientSession() as http:
            created = await (await http.post(f"{base}/webchat/sessions", json={})).json()
            ws = await http.ws_connect(f"{base}/webchat/ws?token={created['token']}")
            await ws.send_json({"type": "text", "text": "hello"})
            await ws.receive_json(timeout=20)  # the bot is there
            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            closing = await ws.receive(timeout=10)
            while closing.type not in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.CLOSING):
                closing = await ws.receive(timeout=10)
            assert ws.close_code == 1001
        assert await asyncio.wait_for(proc.wait(), 15) == 0
        assert time.monotonic() - started < 8
        rest = (await proc.stderr.read()).decode()
        statuses = [
            json.loads(line).get("status")
            for line in (banner + rest).splitlines()
            if line.startswith("{") and '"message": "request"' in line
        ]
        assert 101 in statuses  # the socket is logged as the upgrade it was
        assert 500 not in statuses
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()

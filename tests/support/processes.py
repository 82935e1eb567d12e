"""Real service processes for fault tests and the recovery benchmark: `serve` and `worker`
started as a person starts them, killed with SIGKILL, restarted; a redis-server of the test's
own on a spare port; a TCP proxy in front of PostgreSQL whose connections can be cut; and a
web chat parent that talks to a running server over HTTP and reads its database."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import keys
from storage.tables import ChatMessageRow, JobRow, WhatsAppDeliveryRow
from support.chat_driver import Parent
from support.fake_graph import FakeGraph
from support.wa_driver import USER_ID, WA_ID, WaParent, message_payload, post_webhook

FILES_SIGNING_KEY = "fault-tests-signing-key-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def service_env(tmp_path: Path, **values: Any) -> dict[str, str]:
    """The environment of a service under test: no provider keys of the developer's."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("WHATSAPP_", "OPENAI_", "RAZORPAY_", "PAYPAL_", "PUBLIC_BASE_URL", "REDIS_URL")
        )
    }
    env.update(
        {
            "VAR_DIR": str(tmp_path / "var"),
            "FILES_SIGNING_KEY": FILES_SIGNING_KEY,
            "FLOOD_LIMIT_MESSAGES": "1000",
            "RATE_LIMIT_WEBCHAT_PER_MINUTE": "100000",  # the test polls history often
            "LOG_LEVEL": "INFO",
        }
    )
    env.update({k.upper(): str(v) for k, v in values.items()})
    return env


class Service:
    """One `python -m bot serve|worker` process; its output goes to a log file."""

    def __init__(self, command: str, env: dict[str, str], log: Path) -> None:
        self.command, self.env, self.log = command, env, log
        self.proc: asyncio.subprocess.Process | None = None
        self.started_at = 0.0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.env['PORT']}"

    async def start(self, ready_within: float = 90.0) -> Service:
        handle = self.log.open("ab")
        self.started_at = time.monotonic()
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", self.command, env=self.env, stdout=handle, stderr=handle
        )
        handle.close()
        if self.command == "serve":
            await self.wait_healthy(ready_within)
        return self

    async def wait_healthy(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        async with aiohttp.ClientSession() as http:
            while time.monotonic() < deadline:
                assert self.proc is not None and self.proc.returncode is None, self.tail()
                try:
                    async with http.get(f"{self.base_url}/healthz") as r:
                        if r.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        raise AssertionError(f"{self.command} did not start:\n{self.tail()}")

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when a machine or the OOM killer stops it."""
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGKILL)
            await self.proc.wait()

    async def stop(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 20)
            except TimeoutError:
                await self.kill()

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


async def migrate(env: dict[str, str]) -> None:
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "migrate", env=env)
    assert await proc.wait() == 0


async def readiness(base_url: str) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as http, http.get(f"{base_url}/readyz") as r:
        return r.status, await r.json()


async def until_ready(base_url: str, seconds: float = 60.0) -> dict:
    async with asyncio.timeout(seconds):
        while True:
            status, body = await readiness(base_url)
            if status == 200:
                return body
            await asyncio.sleep(0.2)


class OwnRedis:
    """A redis-server of the test's own on a spare port: restarting it touches nobody else.
    `persist` keeps data across restarts (an append-only file), else it starts empty."""

    def __init__(self, directory: Path, port: int | None = None, persist: bool = False) -> None:
        self.directory, self.port, self.persist = directory, port or free_port(), persist
        self.proc: subprocess.Popen[bytes] | None = None
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> OwnRedis:
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--dir", str(self.directory), "--daemonize", "no", "--loglevel", "warning"]
        if self.persist:
            args += ["--appendonly", "yes", "--appendfsync", "always"]
        else:
            args += ["--appendonly", "no"]
        log = (self.directory / "redis.log").open("ab")
        self.proc = subprocess.Popen(args, stdout=log, stderr=log)
        log.close()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError("own redis-server did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def shutdown(self) -> None:
        """A clean stop (SIGTERM): with `persist`, its data is on disk for the restart."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(20)


class CuttableProxy:
    """A TCP proxy in front of a server: `cut` drops every connection and refuses new ones
    until `restore`, as a restarting PostgreSQL does, without touching the real server."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> CuttableProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        return self

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self._writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._writers -= {writer, up_writer}

    async def cut(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            transport = writer.transport
            transport.abort()
        self._writers.clear()
        await self._server.wait_closed()
        self._server = None

    async def restore(self) -> None:
        await self.start()

    async def close(self) -> None:
        if self._server is not None:
            await self.cut()


class RemoteParent(Parent):
    """A web chat parent of a server in another process: the same script helpers as the
    in-process tests (make_profile, taps), settled by reading the service's database."""

    def __init__(self, base_url: str, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.http = self.client = aiohttp.ClientSession(base_url=base_url)
        self.app = {keys.SESSIONS: sessions}
        self.token: str | None = None
        self.session_id: str | None = None
        self.ws: Any = None
        self.seen = 0
        self.messages: list[dict[str, Any]] = []
        self._reader: asyncio.Task[None] | None = None

    async def open(self, token: str | None = None) -> RemoteParent:
        await super().open(token)
        self._read_frames()
        return self

    async def reconnect(self, base_url: str) -> None:
        """After a restart: a new connection, the same conversation (its token still holds)."""
        await self.http.close()
        self.http = self.client = aiohttp.ClientSession(base_url=base_url)
        self.ws = await self.client.ws_connect(f"/webchat/ws?token={self.token}")
        self._read_frames()

    def _read_frames(self) -> None:
        """Frames are read (and dropped: the history is what tests look at) as the widget reads
        them, so the server's heartbeat pings get their pongs on a slow machine too."""
        if self._reader is not None:
            self._reader.cancel()
        ws = self.ws

        async def read() -> None:
            async for _ in ws:
                pass

        self._reader = asyncio.create_task(read())

    async def _new_messages(self) -> list[dict[str, Any]]:
        await quiet(self.app[keys.SESSIONS], self.session_id)
        return await self.history()

    async def history(self) -> list[dict[str, Any]]:
        response = await self.client.get(f"/webchat/history?token={self.token}&after={self.seen}")
        assert response.status == 200, await response.text()
        items = (await response.json())["messages"]
        if items:
            self.seen = items[-1]["seq"]
        self.messages += items
        return [i["message"] for i in items if i["direction"] == "out"]

    async def send_text(self, text: str) -> None:
        """Send without waiting for the answer (e.g. one that starts a long job)."""
        await self.ws.send_json({"type": "text", "text": text})

    async def send_choice(self, title: str) -> None:
        """Tap a button or list row without waiting for the answer."""
        option_id, seq = self.find_option(title)
        await self.ws.send_json({"type": "choice", "id": option_id, "seq": seq})

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self.ws is not None:
            await self.ws.close()
        await self.http.close()


async def quiet(
    sessions: async_sessionmaker[AsyncSession], session_id: str | None, timeout: float = 180.0
) -> None:
    """Until the session's messages (or, without one, everyone's) are handled, no webhook
    item waits to be drained, no job is queued or running, and nothing waits to be sent
    (seen twice in a row, a moment apart)."""
    calm = 0
    async with asyncio.timeout(timeout):
        while calm < 2:
            async with sessions() as s:
                inbound = select(func.count()).where(
                    ChatMessageRow.direction == "in", ChatMessageRow.inbox_status != "processed"
                )
                if session_id is not None:
                    inbound = inbound.where(ChatMessageRow.session_id == session_id)
                unhandled = await s.scalar(inbound)
                unhandled += await s.scalar(
                    select(func.count()).where(WhatsAppDeliveryRow.processed_at.is_(None))
                )
                jobs = await s.scalar(
                    select(func.count())
                    .select_from(JobRow)
                    .where(JobRow.status.in_(("queued", "running")))
                )
                unsent = await s.scalar(
                    select(func.count())
                    .select_from(ChatMessageRow)
                    .where(
                        ChatMessageRow.direction == "out",
                        ChatMessageRow.delivery_status == "pending",
                    )
                )
            calm = calm + 1 if not (unhandled or jobs or unsent) else 0
            await asyncio.sleep(0.1)


class RemoteWaParent(WaParent):
    """A WhatsApp parent of a server in another process: signed webhooks over HTTP, the
    answers read from the fake Graph, settled by reading the service's database."""

    def __init__(
        self,
        base_url: str,
        sessions: async_sessionmaker[AsyncSession],
        graph: FakeGraph,
        user_id: str | None = USER_ID,
        wa_id: str = WA_ID,
    ) -> None:
        self.client = aiohttp.ClientSession(base_url=base_url)
        self.app = {keys.SESSIONS: sessions}
        self.graph, self.user_id, self.wa_id = graph, user_id, wa_id
        self.seen = 0
        self.deliveries: list[dict[str, Any]] = []
        self.turns_elsewhere = True

    async def reconnect(self, base_url: str) -> None:
        await self.client.close()
        self.client = aiohttp.ClientSession(base_url=base_url)

    async def new_messages(self) -> list[dict[str, Any]]:
        await quiet(self.app[keys.SESSIONS], None)
        mine = self.mine()
        new, self.seen = mine[self.seen :], len(mine)
        return [p for _, p in new]

    async def send_text(self, text: str) -> None:
        """Deliver without waiting for the answer (e.g. one that starts a long job)."""
        payload = message_payload(self._message("text", {"body": text}), self.user_id, self.wa_id)
        self.deliveries.append(payload)
        response = await post_webhook(self.client, payload)
        assert response.status == 200, await response.text()

    async def close(self) -> None:
        await self.client.close()

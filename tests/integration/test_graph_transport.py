"""pywa's httpx session over aiohttp: requests arrive whole, responses come back as httpx's
(decoded, streamed), and network failures keep httpx's error types (the outbox retries them)."""

from __future__ import annotations

import asyncio
import gzip
import socket

import httpx
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from adapters.whatsapp.graph import failure_of
from adapters.whatsapp.transport import AiohttpTransport


async def _server() -> TestServer:
    async def echo(request: web.Request) -> web.Response:
        return web.json_response(
            {
                "auth": request.headers.get("Authorization"),
                "body": (await request.read()).decode(),
                "hosts": len(request.headers.getall("Host")),
            }
        )

    async def zipped(_: web.Request) -> web.Response:
        return web.Response(body=gzip.compress(b"x" * 1000), headers={"Content-Encoding": "gzip"})

    async def big(_: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(_)
        for _n in range(40):
            await response.write(b"y" * 65536)
        return response

    async def slow(_: web.Request) -> web.Response:
        await asyncio.sleep(2)
        return web.Response(text="late")

    app = web.Application()
    app.router.add_post("/v23.0/123/messages", echo)
    app.router.add_get("/zipped", zipped)
    app.router.add_get("/big", big)
    app.router.add_get("/slow", slow)
    server = TestServer(app)
    await server.start_server()
    return server


async def test_requests_and_responses_pass_whole() -> None:
    server = await _server()
    base = str(server.make_url("/v23.0/"))
    async with httpx.AsyncClient(base_url=base, transport=AiohttpTransport()) as client:
        sent = await client.post(
            "123/messages", json={"to": "15550001111"}, headers={"Authorization": "Bearer t"}
        )
        assert sent.status_code == 200
        assert sent.json() == {"auth": "Bearer t", "body": '{"to":"15550001111"}', "hosts": 1}
        unzipped = await client.get(str(server.make_url("/zipped")))
        assert unzipped.content == b"x" * 1000
        seen = 0
        async with client.stream("GET", str(server.make_url("/big"))) as streamed:
            async for chunk in streamed.aiter_raw():
                seen += len(chunk)
                assert len(chunk) <= 64 * 1024  # a reader's cap applies chunk by chunk
        assert seen == 40 * 65536
    await server.close()


async def test_failures_keep_httpx_error_types() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    server = await _server()
    async with httpx.AsyncClient(transport=AiohttpTransport(), timeout=0.3) as client:
        with pytest.raises(httpx.ConnectError) as refused:
            await client.get(f"http://127.0.0.1:{closed_port}/")
        assert failure_of(refused.value) == (True, "network")
        with pytest.raises(httpx.TimeoutException):
            await client.get(str(server.make_url("/slow")))
    await server.close()

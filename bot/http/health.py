"""Liveness, readiness and metrics endpoints."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import text

from bot.app import keys
from bot.http.metrics import CONTENT_TYPE_LATEST
from storage.migrate import current_revision, head_revision

CHECK_TIMEOUT_SECONDS = 2.0


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    app = request.app
    checks = {"database": await _check(_database(app)), "migrations": "skipped"}
    if checks["database"] == "ok":
        checks["migrations"] = await _check(_migrations(app))
    if app[keys.SETTINGS].redis_url is not None:
        checks["redis"] = await _check(_redis(app))
        # Ready only when the queue works too: its stream and consumer group exist (they are
        # made again by themselves after Redis restarts) and this process consumes if it should.
        checks["queue"] = await _check(_queue(app)) if checks["redis"] == "ok" else "skipped"
    services = app.get(keys.SERVICES)
    if services and services.ai.client is not None and app[keys.SETTINGS].openai_check_models:
        # 'down' when a configured model is missing; a shutdown date within 30 days, or a
        # check that could not run yet, is a 'warning' that keeps the service ready.
        checks["openai_models"] = services.ai.models.readiness()
    down = sorted(
        name
        for name, state in checks.items()
        if state not in ("ok", "skipped") and not state.startswith("warning")
    )
    if checks["migrations"] == "skipped":
        down.append("migrations")
    status = 503 if down else 200
    body = {
        "status": "unavailable" if down else "ready",
        "down": down,
        "checks": checks,
        "payments": app[keys.SETTINGS].payment_providers or ["sandbox"],
    }
    return web.json_response(body, status=status)


async def _check(probe: Coroutine[Any, Any, str]) -> str:
    try:
        return await asyncio.wait_for(probe, CHECK_TIMEOUT_SECONDS)
    except TimeoutError:
        return "down: no answer within 2 s"
    except Exception as exc:
        return f"down: {type(exc).__name__}"


async def _database(app: web.Application) -> str:
    async with app[keys.ENGINE].connect() as connection:
        await connection.execute(text("SELECT 1"))
    return "ok"


async def _migrations(app: web.Application) -> str:
    current, head = await current_revision(app[keys.ENGINE]), head_revision()
    return "ok" if current == head else f"down: at {current or 'no revision'}, head is {head}"


async def _redis(app: web.Application) -> str:
    await app[keys.REDIS].ping()
    return "ok"


async def _queue(app: web.Application) -> str:
    runtime = app.get(keys.RUNTIME)
    return "down: not started" if runtime is None else await runtime.consumer.check()


async def metrics(request: web.Request) -> web.Response:
    body = request.app[keys.METRICS].render()
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


FAVICON_PATH = Path(__file__).resolve().parent / "favicon.svg"


async def favicon(_request: web.Request) -> web.Response:
    return web.Response(
        body=FAVICON_PATH.read_bytes(),  # under 1 kB; browsers cache it for a day
        content_type="image/svg+xml",
        headers={"Cache-Control": "max-age=86400"},
    )


def setup(app: web.Application) -> None:
    app.router.add_get("/favicon.ico", favicon)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)

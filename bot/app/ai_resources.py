"""cleanup_ctx resources of the AI adapters: closing the OpenAI client, and the start-up check
of the configured models (GET /v1/models) reported in /readyz and the log."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime

from aiohttp import web

from adapters.openai.models_check import check_models
from bot.app import keys
from bot.app.ai import configured_models

RECHECK_SECONDS = 6 * 3600


async def openai_clients(app: web.Application) -> AsyncIterator[None]:
    """cleanup_ctx placed before the runtime: closes the OpenAI client after every job and
    turn that might use it has stopped."""
    yield
    services = app.get(keys.SERVICES)
    if services is not None:
        await services.ai.aclose()


async def openai_models(app: web.Application) -> AsyncIterator[None]:
    """cleanup_ctx placed after the runtime: checks GET /v1/models in the background at
    start-up (and every few hours), for /readyz and the log."""
    settings, services = app[keys.SETTINGS], app[keys.SERVICES]
    client = services.ai.client
    if client is None or not settings.openai_check_models:
        yield
        return
    models = configured_models(settings)

    async def loop() -> None:
        while True:
            await check_models(client, models, datetime.now(UTC), services.ai.models)
            await asyncio.sleep(RECHECK_SECONDS)

    task = asyncio.create_task(loop(), name="openai-models-check")
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task

"""`POST /webhooks/lulu`: verify `Lulu-HMAC-SHA256` on the raw body -> dedupe -> record -> 2xx;
the report is applied (and the parent told) after the ack."""

from __future__ import annotations

import hashlib
import logging

from aiohttp import web

from adapters.lulu import webhooks as lulu
from adapters.lulu.partner import PROVIDER
from bot.app import keys
from bot.http.errors import ApiError
from domain.printing import PrintJobState, PrintPartnerError

logger = logging.getLogger(__name__)
PATH = "/webhooks/lulu"


def _secret(request: web.Request) -> str | None:
    secret = request.app[keys.SETTINGS].lulu_client_secret
    return secret.get_secret_value() if secret is not None else None


def _signed(request: web.Request, raw: bytes) -> bool:
    secret = _secret(request)
    header = request.headers.get("Lulu-HMAC-SHA256")
    return secret is not None and lulu.signature_ok(secret, raw, header)


async def webhook(request: web.Request) -> web.Response:
    raw = await request.read()
    if not _signed(request, raw):
        raise ApiError(401, "The webhook signature is missing or wrong", code="bad_signature")
    try:
        topic, state = lulu.parse(raw)
    except (ValueError, PrintPartnerError):
        raise ApiError(400, "The webhook body is not a Lulu print job event") from None
    if state is None:
        return web.json_response({"status": "ignored", "topic": topic[:64]})
    # One event per job, status and change time: a repeated delivery is the same event.
    event_id = f"{state.job_id}:{state.status}:{state.changed or hashlib.sha256(raw).hexdigest()}"
    services = request.app[keys.SERVICES]
    if not await services.printing.store.record_event(PROVIDER, event_id, topic, raw):
        return web.json_response({"status": "duplicate"})
    rt = request.app[keys.RUNTIME]
    rt.background.spawn(_apply(request.app, state), name=f"print:{event_id}")
    return web.json_response({"status": "accepted"})


async def _apply(app: web.Application, state: PrintJobState) -> None:
    rt, services = app[keys.RUNTIME], app[keys.SERVICES]
    try:
        await rt.print_news.tell(await services.printing.report(state, "webhook"))
    except Exception:  # the tracker asks the partner again later
        logger.exception("applying a print report failed", extra={"job_id": state.job_id})


def setup(app: web.Application) -> None:
    app.router.add_post(PATH, webhook)
    app[keys.SIGNED_WEBHOOKS][PATH] = _signed

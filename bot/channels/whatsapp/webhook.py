"""`/webhooks/whatsapp`: Meta's verification handshake (GET) and signed deliveries (POST).

The ack does only what must happen before 200: verify the signature on the raw body, split
the delivery into its items, keep them with one insert (shared with concurrent acks), signal
the drainers. Parsing, parents, sessions, media and statuses happen on the worker side."""

from __future__ import annotations

import hmac
import logging

from aiohttp import web

from adapters.whatsapp.payload import SIGNATURE_HEADER, MalformedPayload, signature_valid, split
from bot.app import keys
from bot.channels.whatsapp.group_commit import BatchFailed, GroupCommit
from bot.conversation.ack_first import AckFirst
from bot.http.errors import ApiError

logger = logging.getLogger(__name__)
PATH = "/webhooks/whatsapp"
ACK = web.AppKey("whatsapp_ack", GroupCommit)
PRIORITY = web.AppKey("whatsapp_ack_first", AckFirst)
_SIGNED = web.RequestKey("whatsapp_signed", bool)


async def verify(request: web.Request) -> web.Response:
    expected = request.app[keys.SETTINGS].whatsapp_webhook_verify_token
    query = request.query
    token = query.get("hub.verify_token", "")
    if (
        expected is not None
        and query.get("hub.mode") == "subscribe"
        and hmac.compare_digest(token.encode(), expected.get_secret_value().encode())
    ):
        return web.Response(text=query.get("hub.challenge", ""), content_type="text/plain")
    raise ApiError(403, "Webhook verification failed")


def signed(request: web.Request, raw: bytes) -> bool:
    """X-Hub-Signature-256 checked once per request (the rate limit asks before the handler)."""
    known = request.get(_SIGNED)
    if known is None:
        secret = request.app[keys.SETTINGS].whatsapp_app_secret
        header = request.headers.get(SIGNATURE_HEADER)
        known = secret is not None and signature_valid(
            secret.get_secret_value().encode(), raw, header
        )
        request[_SIGNED] = known
    return known


async def receive(request: web.Request) -> web.Response:
    """A body over client_max_size is refused by aiohttp's read() with 413, before any of this.
    A batch that could not be kept answers 503: Meta delivers it again."""
    raw = await request.read()
    if not signed(request, raw):
        raise ApiError(401, "Missing or invalid X-Hub-Signature-256")
    try:
        delivery = split(raw)
    except MalformedPayload as exc:
        # Signed by Meta, so the same bytes come back on every retry: 200, nothing kept.
        logger.warning("signed whatsapp delivery refused", extra={"reason": str(exc)})
        return web.json_response({"ok": False, "recorded": 0, "refused": str(exc)})
    if delivery.skipped:
        logger.warning("whatsapp items refused", extra={"count": delivery.skipped})
    try:
        with request.app[PRIORITY].acking():
            new = await request.app[ACK].submit(delivery.items)
    except BatchFailed:
        raise ApiError(
            503, "Not recorded; please deliver again", headers={"Retry-After": "1"}
        ) from None
    recorded = sum(
        1
        for item in delivery.items
        if item.kind == "message" and item.rejected is None and item.key in new
    )
    return web.json_response({"ok": True, "recorded": recorded})


def setup(app: web.Application) -> None:
    app.router.add_get(PATH, verify)
    app.router.add_post(PATH, receive)
    app[keys.SIGNED_WEBHOOKS][PATH] = signed

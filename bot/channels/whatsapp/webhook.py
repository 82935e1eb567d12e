"""`/webhooks/whatsapp`: Meta's verification handshake (GET) and signed deliveries (POST)."""

from __future__ import annotations

import hmac

from aiohttp import web

from adapters.whatsapp.payload import SIGNATURE_HEADER, MalformedPayload, parse, signature_valid
from bot.app import keys
from bot.channels.whatsapp.inbox import WhatsAppInbox
from bot.http.errors import ApiError

PATH = "/webhooks/whatsapp"
INBOX = web.AppKey("whatsapp_inbox", WhatsAppInbox)


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


async def receive(request: web.Request) -> web.Response:
    """Verify the signature on the raw body, record every item, then acknowledge.
    A body over client_max_size is refused by aiohttp's read() with 413, before any of this."""
    raw = await request.read()
    secret = request.app[keys.SETTINGS].whatsapp_app_secret
    header = request.headers.get(SIGNATURE_HEADER)
    if secret is None or not signature_valid(secret.get_secret_value().encode(), raw, header):
        raise ApiError(401, "Missing or invalid X-Hub-Signature-256")
    try:
        delivery = parse(raw)
    except MalformedPayload as exc:
        raise ApiError(400, str(exc), code="malformed_json") from None
    recorded = await request.app[INBOX].accept(delivery)
    return web.json_response({"ok": True, "recorded": recorded})


def setup(app: web.Application) -> None:
    app.router.add_get(PATH, verify)
    app.router.add_post(PATH, receive)

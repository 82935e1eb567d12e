"""The Graph API client (pywa's async client on our own httpx session, over aiohttp) and media
download."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from pywa.errors import WhatsAppError
from pywa_async.client import WhatsApp

from adapters.whatsapp.transport import AiohttpTransport

PHOTO_MIMES = ("image/jpeg", "image/png")
# Meta's throttling codes: they come with HTTP 400 but are worth retrying later.
THROTTLED = {4, 80007, 130429, 131056, 131057}


@dataclass(frozen=True, slots=True)
class GraphConfig:
    graph_url: str  # https://graph.facebook.com, or a fake server in tests
    api_version: str  # "23.0"
    token: str
    phone_number_id: str
    timeout_seconds: float = 20.0


class MediaRejected(Exception):
    """The parent's media is not something we keep (type or size)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # too_large | wrong_type


def open_client(config: GraphConfig) -> tuple[WhatsApp, httpx.AsyncClient]:
    """pywa's async client on a session we own (close it at shutdown).

    pywa 4.5 sets `session.base_url = "https://graph.facebook.com/v{version}"` on whatever session
    it is given, with no option to change the host. The session is ours, so after construction
    we point it at the configured Graph URL; pywa only ever sends relative endpoints through it.
    """
    version = config.api_version.removeprefix("v")
    session = httpx.AsyncClient(
        timeout=httpx.Timeout(config.timeout_seconds), transport=AiohttpTransport()
    )
    client = WhatsApp(
        phone_id=config.phone_number_id,
        token=config.token,
        session=session,
        server=None,
        api_version=version,
        filter_updates=False,
        validate_updates=False,  # we verify X-Hub-Signature-256 ourselves, on the raw body
    )
    session.base_url = httpx.URL(f"{config.graph_url.rstrip('/')}/v{version}/")
    return client, session


async def download_photo(client: WhatsApp, media_id: str, max_bytes: int) -> tuple[bytes, str]:
    """GET /{version}/{media_id} -> a short-lived URL; GET it with the bearer token, capped."""
    info = await client.get_media_url(media_id)
    mime = (info.mime_type or "").split(";")[0].strip().lower()
    if mime not in PHOTO_MIMES:
        raise MediaRejected("wrong_type")
    if info.file_size and info.file_size > max_bytes:
        raise MediaRejected("too_large")
    data = bytearray()
    async for chunk in client.stream_media(info.url):
        data += chunk
        if len(data) > max_bytes:
            raise MediaRejected("too_large")
    return bytes(data), mime


def failure_of(exc: BaseException) -> tuple[bool, str] | None:
    """(retryable, code) of a failed Graph call, or None if it is not a Graph/network error."""
    if isinstance(exc, WhatsAppError):
        status = exc.status_code
        retryable = status is None or status == 429 or status >= 500 or exc.code in THROTTLED
        return retryable, str(exc.code)
    if isinstance(exc, httpx.HTTPStatusError):
        status = exc.response.status_code
        return status == 429 or status >= 500, f"http_{status}"
    if isinstance(exc, httpx.TransportError):
        return True, "network"
    return None

"""GET /files/{token}: stream a stored file to whoever holds a valid, unexpired signed link."""

from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from adapters.signed_links import LinkExpired, LinkRefused
from bot.app import keys
from bot.http.errors import ApiError
from domain.errors import NotFound


async def download(request: web.Request) -> web.StreamResponse:
    services = request.app[keys.SERVICES]
    try:
        signed = services.links.verify(request.match_info["token"])
    except LinkExpired as exc:
        raise ApiError(403, str(exc), code=exc.code) from None
    except LinkRefused as exc:
        raise ApiError(403, str(exc), code=exc.code) from None
    chunks = services.blobs.iter_chunks(signed.storage_key)
    try:
        first = await anext(chunks)
    except (NotFound, StopAsyncIteration):
        raise ApiError(404, "This file is no longer available") from None
    response = web.StreamResponse(
        headers={
            "Content-Type": signed.mime,
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(signed.filename)}",
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        }
    )
    await response.prepare(request)
    await response.write(first)
    async for chunk in chunks:
        await response.write(chunk)
    await response.write_eof()
    return response


def setup(app: web.Application) -> None:
    app.router.add_get("/files/{token}", download)

"""The web chat channel's HTTP and WebSocket routes, and the demo page at `/`."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from jinja2 import Environment, FileSystemLoader, select_autoescape

from domain.text_input import printable, unkeepable
from flows.messages import Inbound, InboundChoice, InboundText
from web_chat.backend import WebChatBackend
from web_chat.hub import WebChatHub
from web_chat.pacing import FramePacer

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
PHOTO_MAX_BYTES = 5 * 1024 * 1024
TEXT_MAX = 4096
FRAME_MAX_BYTES = 64 * 1024
UNREADABLE = "That message had characters I can't read. Please send it again as plain text."
NOT_KEPT = "Sorry, that message didn't reach me. Please send it again."

BACKEND = web.AppKey("webchat_backend", WebChatBackend)
HUB = web.AppKey("webchat_hub", WebChatHub)
PAGES = web.AppKey("webchat_pages", Environment)


def _error(status: type[web.HTTPException], message: str, code: str) -> web.HTTPException:
    return status(text=message, headers={"X-Error-Code": code})


async def _session_of(request: web.Request) -> str:
    token = request.query.get("token", "")
    try:
        return await request.app[BACKEND].session_of(token)
    except PermissionError:
        raise _error(web.HTTPUnauthorized, "This chat session is not valid", "bad_token") from None


async def open_session(request: web.Request) -> web.Response:
    body: dict[str, Any] = {}
    if request.can_read_body:
        try:
            body = json.loads(await request.read() or b"{}")
        except ValueError:
            raise _error(
                web.HTTPBadRequest, "The body is not valid JSON", "malformed_json"
            ) from None
    if not isinstance(body, dict):
        raise _error(web.HTTPUnprocessableEntity, "Send a JSON object", "validation_failed")
    token, identity = body.get("token"), body.get("identity_token")
    if not all(v is None or isinstance(v, str) for v in (token, identity)):
        raise _error(web.HTTPUnprocessableEntity, "token must be a string", "validation_failed")
    try:
        opened = await request.app[BACKEND].open_session(token, identity)
    except PermissionError as exc:
        raise _error(web.HTTPUnauthorized, str(exc) or "Not allowed", "bad_identity") from None
    except LookupError:
        raise _error(
            web.HTTPNotFound, "That chat session no longer exists", "unknown_session"
        ) from None
    payload = {"session_id": opened.session_id, "token": opened.token}
    return web.json_response(payload, status=201 if opened.created else 200)


async def history(request: web.Request) -> web.Response:
    session_id = await _session_of(request)
    try:
        after = int(request.query.get("after", "0"))
    except ValueError:
        raise _error(web.HTTPBadRequest, "after must be a number", "bad_request") from None
    messages = await request.app[BACKEND].history(session_id, after)
    return web.json_response({"messages": messages})


async def photo(request: web.Request) -> web.Response:
    session_id = await _session_of(request)
    if not request.content_type.startswith("multipart/"):
        raise _error(web.HTTPBadRequest, "Send the photo as multipart form data", "bad_request")
    reader = await request.multipart()
    part = await reader.next()
    while part is not None and getattr(part, "name", None) != "photo":
        part = await reader.next()
    if part is None or not hasattr(part, "read_chunk"):
        raise _error(web.HTTPBadRequest, "The form has no 'photo' field", "bad_request")
    data = bytearray()
    while chunk := await part.read_chunk(256 * 1024):
        data.extend(chunk)
        if len(data) > PHOTO_MAX_BYTES:
            raise web.HTTPRequestEntityTooLarge(
                max_size=PHOTO_MAX_BYTES,
                actual_size=len(data),
                text="The photo is over 5 MB. Please send a smaller one.",
                headers={"X-Error-Code": "photo_too_large"},
            )
    backend = request.app[BACKEND]
    photo_bytes, data = bytes(data), bytearray()  # one copy held while it waits its decode
    try:
        image = await backend.store_photo(
            session_id, photo_bytes, part.headers.get("Content-Type", "")
        )
    except ValueError as exc:
        raise _error(web.HTTPBadRequest, str(exc), "bad_photo") from None
    await backend.post(session_id, image)
    return web.json_response({"status": "received"}, status=201)


async def websocket(request: web.Request) -> web.WebSocketResponse:
    session_id = await _session_of(request)
    socket = web.WebSocketResponse(heartbeat=30, max_msg_size=FRAME_MAX_BYTES)
    await socket.prepare(request)
    hub = request.app[HUB]
    hub.join(session_id, socket)
    backend = request.app[BACKEND]

    async def post(inbound: Inbound) -> None:
        await _post(backend, socket, session_id, inbound)

    async def notify(text: str) -> None:
        if not socket.closed:
            await socket.send_json({"type": "notice", "message": text})

    pacer = FramePacer(post, notify, backend.flood_limit, backend.flood_window_seconds)
    try:
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                await _client_frame(pacer, socket, message.data)
    finally:
        hub.leave(session_id, socket)
        await pacer.close()
    return socket


async def _close_sockets(app: web.Application) -> None:
    """At shutdown, before aiohttp waits for handlers: open chats get a "going away" frame, so
    their handlers end at once and the widget reconnects to the next process."""
    await app[HUB].close_all()


async def _client_frame(pacer: FramePacer, socket: web.WebSocketResponse, raw: str) -> None:
    """One frame from the widget. Whatever it holds, the socket stays open: a frame that
    cannot be kept gets an error frame and the conversation goes on."""
    try:
        frame = json.loads(raw)
        kind = frame["type"]
    except (ValueError, KeyError, TypeError, RecursionError):
        await _not_understood(socket)
        return
    text, choice = frame.get("text"), frame.get("id")
    if kind == "text" and isinstance(text, str) and text.strip():
        if unkeepable(text):  # a NUL or a lone surrogate: PostgreSQL cannot keep it
            await socket.send_json({"type": "error", "message": UNREADABLE})
            return
        await pacer.frame(InboundText(printable(text, TEXT_MAX)))
    elif kind == "choice" and isinstance(choice, str) and choice and not unkeepable(choice):
        await pacer.frame(InboundChoice(choice[:256]))
    else:
        await _not_understood(socket)


async def _post(
    backend: WebChatBackend, socket: web.WebSocketResponse, session_id: str, inbound: Inbound
) -> None:
    try:
        await backend.post(session_id, inbound)
    except Exception:
        logger.warning("a web chat frame was not kept", exc_info=True)
        if not socket.closed:
            await socket.send_json({"type": "error", "message": NOT_KEPT})


async def _not_understood(socket: web.WebSocketResponse) -> None:
    await socket.send_json({"type": "error", "message": "That frame was not understood"})


async def demo_page(request: web.Request) -> web.Response:
    page = (
        request.app[PAGES]
        .get_template("demo.html")
        .render(api_base="", static_base="/webchat/static", product_name="Storybook")
    )
    return web.Response(text=page, content_type="text/html")


async def embed_example(request: web.Request) -> web.Response:
    """Another site's page that embeds the widget with nothing but its script tag."""
    page = (
        request.app[PAGES]
        .get_template("embed_example.html")
        .render(script_url="/webchat/static/widget.js")
    )
    return web.Response(text=page, content_type="text/html")


def setup(app: web.Application) -> None:
    """Add the routes. The runtime sets app[BACKEND] and app[HUB] when it starts."""
    app[PAGES] = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"])
    )
    app.router.add_get("/", demo_page)
    app.router.add_get("/embed-example", embed_example)
    app.router.add_post("/webchat/sessions", open_session)
    app.router.add_get("/webchat/history", history)
    app.router.add_post("/webchat/photo", photo)
    app.router.add_get("/webchat/ws", websocket)
    app.on_shutdown.append(_close_sockets)
    app.router.add_static("/webchat/static", HERE / "static", append_version=True)

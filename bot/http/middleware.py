"""HTTP middlewares: request id + log + metrics, the error envelope, rate limits per category."""

from __future__ import annotations

import asyncio
import logging
import math
import re
import time
import uuid
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.app import keys
from bot.app.logs import request_id_var
from bot.http.client_address import client_address
from bot.http.errors import ApiError, error_response
from domain.errors import DomainError, NotFound, ValidationFailed
from domain.text_input import unkeepable

logger = logging.getLogger("bot.http")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# Path prefix -> rate-limit category (the settings hold each category's limit per minute).
CATEGORIES = (
    ("/webhooks/", "webhooks"),
    ("/payments/", "webhooks"),
    ("/webchat/", "webchat"),
    ("/support/", "support"),
    ("/files/", "files"),
)


def route_label(request: web.Request) -> str:
    info = request.match_info
    if info.http_exception is not None or info.route.resource is None:
        return "unmatched"
    return info.route.resource.canonical


@web.middleware
async def request_context(request: web.Request, handler: Handler) -> web.StreamResponse:
    incoming = request.headers.get("X-Request-ID", "")
    request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
    token = request_id_var.set(request_id)
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        response.headers["X-Request-ID"] = request_id
        return response
    except web.HTTPException as exc:  # a raised redirect or error is sent with its own status
        status = exc.status
        raise
    except asyncio.CancelledError:  # the client went away, or a socket closed at shutdown
        status = 499
        raise
    finally:
        elapsed = time.perf_counter() - started
        request.app[keys.METRICS].observe(request.method, route_label(request), status, elapsed)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "route": route_label(request),  # never the path: /files/ links carry tokens
                "status": status,
                "duration_ms": round(elapsed * 1000, 2),
            },
        )
        request_id_var.reset(token)


@web.middleware
async def error_envelope(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        return error_response(exc)
    except web.HTTPException as exc:
        if exc.status < 400 or exc.content_type == "application/json":
            raise
        return error_response(_from_http_exception(request, exc))
    except NotFound as exc:
        return error_response(ApiError(404, str(exc), code=exc.code))
    except ValidationFailed as exc:
        return error_response(ApiError(422, str(exc), code=exc.code))
    except DomainError as exc:
        return error_response(ApiError(409, str(exc), code=exc.code))
    except Exception:
        # The route, never the path: a /files/ link's path is its token.
        logger.exception("unhandled error", extra={"route": route_label(request)})
        return error_response(ApiError(500, "Something went wrong on our side. Please try again."))


def _from_http_exception(request: web.Request, exc: web.HTTPException) -> ApiError:
    """aiohttp's own errors, and handlers' (which may carry a message and an X-Error-Code)."""
    headers = {k: v for k, v in exc.headers.items() if k in ("Allow", "Retry-After")}
    custom = exc.text if exc.text and not exc.text.startswith(f"{exc.status}:") else None
    if custom:
        return ApiError(exc.status, custom, code=exc.headers.get("X-Error-Code"), headers=headers)
    if exc.status == 404:
        message = f"Nothing here: {request.method} {request.path}"
    elif exc.status == 405:
        message = f"{request.method} is not allowed on {request.path}"
    elif exc.status == 413:
        message = "The request body is too large"
    else:
        message = exc.reason
    return ApiError(exc.status, message, headers=headers)


@web.middleware
async def refuse_unkeepable(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A path or query holding a NUL, another control character or a lone surrogate is refused
    here (400), before any handler hands it to the database (which would refuse it: 500)."""
    values = [request.path, *request.query.keys(), *request.query.values()]
    if any(unkeepable(value) for value in values):
        raise ApiError(400, "The address holds characters that are not allowed", code="bad_request")
    return await handler(request)


# The widget's own files are cached static assets, fetched on every host page view.
UNLIMITED_PREFIXES = ("/webchat/static/",)


def category_of(path: str) -> str | None:
    if path.startswith(UNLIMITED_PREFIXES):
        return None
    return next((name for prefix, name in CATEGORIES if path.startswith(prefix)), None)


@web.middleware
async def rate_limit(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Per client address and category. A provider's signed webhook is let through (its
    deliveries come from a few addresses: limiting them would throttle the provider); an
    unsigned or wrongly signed one is limited here, before any database work."""
    category = category_of(request.path)
    if category is None:
        return await handler(request)
    check = request.app[keys.SIGNED_WEBHOOKS].get(request.path)
    if check is not None and request.method == "POST" and check(request, await request.read()):
        return await handler(request)
    limit = getattr(request.app[keys.SETTINGS], f"rate_limit_{category}_per_minute")
    trusted = request.app[keys.TRUSTED_PROXIES]
    key = f"{category}:{client_address(request, trusted)}"
    wait = await request.app[keys.RATE_LIMITER].hit(key, limit=limit, window_seconds=60.0)
    if wait > 0:
        raise ApiError(
            429,
            f"Too many requests; try again in {math.ceil(wait)} s",
            headers={"Retry-After": str(math.ceil(wait))},
        )
    return await handler(request)


# The widget may be embedded on other sites: its API answers any origin. No cookies are used
# (the session token travels in the body or query), so a wildcard origin exposes nothing.
CORS_PREFIX = "/webchat/"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, X-Request-ID",
    "Access-Control-Max-Age": "600",
}


@web.middleware
async def cors(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not request.path.startswith(CORS_PREFIX):
        return await handler(request)
    if request.method == "OPTIONS":
        return web.Response(status=204, headers=CORS_HEADERS)
    response = await handler(request)
    if not response.prepared:  # a WebSocket or a stream has sent its headers already
        response.headers.update(CORS_HEADERS)
    return response

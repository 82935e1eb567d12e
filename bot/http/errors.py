"""One error envelope for every JSON endpoint: {"error": {"code", "message", "request_id"}}."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from bot.app.logs import request_id_var

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}

ModelT = TypeVar("ModelT", bound=BaseModel)


class ApiError(Exception):
    """Raised by handlers; the error middleware renders it in the envelope."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
        details: Any = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.headers = dict(headers or {})
        self.details = details


def error_response(error: ApiError) -> web.Response:
    body: dict[str, Any] = {
        "code": error.code,
        "message": error.message,
        "request_id": request_id_var.get(),
    }
    if error.details is not None:
        body["details"] = error.details
    return web.json_response({"error": body}, status=error.status, headers=error.headers)


async def read_json(request: web.Request, model: type[ModelT]) -> ModelT:
    """Parse a JSON body into `model`: 415 or 400 when it is not JSON, 422 for a wrong shape."""
    if request.content_type != "application/json":
        raise ApiError(415, "Send the body as application/json")
    raw = await request.read()
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(400, f"The body is not valid JSON: {exc}", code="malformed_json") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        details = [
            {"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors()
        ]
        raise ApiError(422, "The body has invalid fields", details=details) from None

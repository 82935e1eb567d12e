"""Structured JSON logging with the current request id attached to every record."""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

# Attributes every LogRecord has; anything else came in through `extra=` and is logged as a field.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}
OUR_PACKAGES = ("bot", "flows", "domain", "adapters", "storage", "web_chat")
_SECRET_HINTS = ("token", "secret", "password", "authorization", "api_key", "signature")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key in _STANDARD or key.startswith("_"):
                continue
            hidden = any(hint in key.lower() for hint in _SECRET_HINTS)
            entry[key] = "********" if hidden else value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # DEBUG is for our own code. Libraries log SQL parameters and request bodies at DEBUG (a
    # prompt or a message names the child), so they never go below INFO.
    root.setLevel(max(logging.getLevelName(level), logging.INFO))
    for package in OUR_PACKAGES:
        logging.getLogger(package).setLevel(level)
    # aiohttp's access log duplicates our request log line.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    # Readiness checks open a migration context every call; its INFO lines are noise.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # transitions logs every state change and callback at INFO: one turn is several lines.
    logging.getLogger("transitions").setLevel(logging.WARNING)

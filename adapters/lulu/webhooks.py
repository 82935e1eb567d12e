"""Lulu's webhooks: `Lulu-HMAC-SHA256` = HMAC-SHA256 of the raw body keyed with the API secret.

Lulu's text does not say hex or base64; both encodings of the same digest are accepted."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from adapters.lulu.jobs import job_state
from domain.printing import PrintJobState

TOPIC = "PRINT_JOB_STATUS_CHANGED"


def signature_ok(secret: str, raw: bytes, header: str | None) -> bool:
    if not header:
        return False
    digest = hmac.new(secret.encode(), raw, hashlib.sha256).digest()
    candidates = (digest.hex(), base64.b64encode(digest).decode())
    return any(hmac.compare_digest(header.strip(), c) for c in candidates)


def sign(secret: str, raw: bytes) -> str:
    return hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def parse(raw: bytes) -> tuple[str, PrintJobState | None]:
    """(topic, the job's state when the topic is a status change). ValueError if not JSON."""
    body: Any = json.loads(raw)
    if not isinstance(body, dict) or not isinstance(body.get("topic"), str):
        raise ValueError("not a Lulu webhook")
    if body["topic"] != TOPIC or not isinstance(body.get("data"), dict):
        return body["topic"], None
    return body["topic"], job_state(body["data"])

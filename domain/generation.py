"""What every generation call leaves behind, and the image-model policy."""

from __future__ import annotations

import hashlib
import json
import re
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from typing import Any

from domain.errors import PolicyViolation

# OpenAI's image generation family. DALL·E 2 and 3 were shut down on 2026-05-12; the model
# name is configuration, the family is the rule.
_OPENAI_IMAGE_MODEL = re.compile(r"^(dall-e-|gpt-image-)[a-z0-9][a-z0-9.\-]*$")
OFFLINE_ILLUSTRATOR_MODEL = "offline-illustrator-1"


def is_openai_image_model(model: str) -> bool:
    return bool(_OPENAI_IMAGE_MODEL.match(model))


@dataclass(frozen=True, slots=True)
class ImageModelPolicy:
    """Only OpenAI image models may illustrate; the offline one only in the embedded default."""

    allow_offline: bool

    def check(self, model: str) -> None:
        if is_openai_image_model(model):
            return
        if self.allow_offline and model == OFFLINE_ILLUSTRATOR_MODEL:
            return
        raise PolicyViolation(
            f"image model {model!r} is not allowed: use an OpenAI image generation model "
            "(dall-e-* or gpt-image-*)"
        )


def digest(value: Any) -> str:
    """A stable sha256 of any JSON-able value or bytes (logged instead of the content itself)."""
    if isinstance(value, bytes):
        data = value
    else:
        data = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class GenerationRecord:
    kind: str  # series | storylines | book_text | image | moderation | ranking
    prompt_version: str
    model: str
    input_digest: str
    duration_ms: int
    status: str  # ok | invalid | error
    params: dict[str, Any] = field(default_factory=dict)
    output_digest: str | None = None
    error: str | None = None
    book_id: str | None = None
    tokens_in: int | None = None
    tokens_out: int | None = None


@dataclass(slots=True)
class CallReport:
    """What an adapter learns while it makes a provider call (the exact prompt version, the
    parameters sent, token usage). The generation log opens one per call; see `report_call`."""

    prompt_version: str | None = None
    model: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    tokens_in: int | None = None
    tokens_out: int | None = None


_CURRENT_REPORT: ContextVar[CallReport | None] = ContextVar("generation_call", default=None)


def open_report() -> tuple[CallReport, Token[CallReport | None]]:
    """Start collecting a report for the call about to run in this task."""
    report = CallReport()
    return report, _CURRENT_REPORT.set(report)


def close_report(token: Token[CallReport | None]) -> None:
    _CURRENT_REPORT.reset(token)


def report_call(
    *,
    prompt_version: str | None = None,
    model: str | None = None,
    params: dict[str, Any] | None = None,
    tokens_in: int | None = None,
    tokens_out: int | None = None,
) -> None:
    """Called by an adapter inside a logged call; adds to the report of that call (tokens add
    up when one logical call needs several requests). Does nothing outside a logged call."""
    report = _CURRENT_REPORT.get()
    if report is None:
        return
    if prompt_version is not None:
        report.prompt_version = prompt_version
    if model is not None:
        report.model = model
    if params:
        report.params.update(params)
    if tokens_in is not None:
        report.tokens_in = (report.tokens_in or 0) + tokens_in
    if tokens_out is not None:
        report.tokens_out = (report.tokens_out or 0) + tokens_out

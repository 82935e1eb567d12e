"""One AsyncOpenAI client per process, built from explicit options (no environment reads)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx2
from openai import AsyncOpenAI

DEFAULT_BASE_URL = "https://api.openai.com/v1"
CONNECT_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenAIOptions:
    api_key: str
    base_url: str | None = None
    timeout_seconds: float = 90.0  # text calls; image calls pass their own
    max_retries: int = 2  # the SDK's retries: connection errors, 408, 409, 429, 5xx


def make_client(
    options: OpenAIOptions, http_client: httpx2.AsyncClient | None = None
) -> AsyncOpenAI:
    """The client; close it with `await client.close()` at shutdown."""
    return AsyncOpenAI(
        api_key=options.api_key,
        base_url=options.base_url or DEFAULT_BASE_URL,
        timeout=httpx2.Timeout(options.timeout_seconds, connect=CONNECT_TIMEOUT_SECONDS),
        max_retries=options.max_retries,
        http_client=http_client,
    )


def usage_tokens(usage: object | None) -> tuple[int | None, int | None]:
    """(input, output) tokens of a Responses or Images usage object, when the API gave one."""
    if usage is None:
        return None, None
    return getattr(usage, "input_tokens", None), getattr(usage, "output_tokens", None)

"""JSON over HTTP to a payment provider: timeouts, and retries with backoff on what is worth
retrying (connection errors, timeouts, 429, 5xx). Every call we make is idempotent by our ids
(reference_id, PayPal-Request-Id, X-Refund-Idempotency), so a retry never pays or refunds twice."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import aiohttp

from domain.payments import PaymentProviderError

logger = logging.getLogger(__name__)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
Sleep = Callable[[float], Awaitable[None]]


class ProviderHttp:
    def __init__(
        self,
        base_url: str,
        *,
        timeout_seconds: float = 10.0,
        attempts: int = 4,
        backoff_seconds: float = 0.5,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._attempts = attempts
        self._backoff = backoff_seconds
        self._sleep = sleep
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:  # made on first use, inside the loop
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
        data: Any = None,
        params: Mapping[str, str] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """(status, JSON object) of a 2xx or 4xx answer; PaymentProviderError when the provider
        stays unreachable or failing, or answers something that is not a JSON object."""
        url = f"{self.base_url}{path}"
        for attempt in range(1, self._attempts + 1):
            delay = self._backoff * 2 ** (attempt - 1)
            try:
                async with self._client().request(
                    method, url, headers=headers, json=body, data=data, params=params
                ) as response:
                    if response.status in RETRY_STATUSES and attempt < self._attempts:
                        delay = max(delay, _retry_after(response.headers.get("Retry-After")))
                        logger.warning(
                            "provider busy; retrying",
                            extra={"status": response.status, "path": path, "attempt": attempt},
                        )
                        await self._sleep(delay)
                        continue
                    body = await response.read()
                    return response.status, _json_object(response.status, body)
            except (aiohttp.ClientConnectionError, TimeoutError) as exc:
                if attempt == self._attempts:
                    raise PaymentProviderError(0, f"unreachable: {type(exc).__name__}") from exc
                logger.warning(
                    "provider unreachable; retrying",
                    extra={"path": path, "attempt": attempt, "error": type(exc).__name__},
                )
                await self._sleep(delay)
        raise AssertionError("unreachable")  # the loop returns or raises


def basic_auth(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _retry_after(value: str | None) -> float:
    try:
        return min(float(value or 0), 30.0)
    except ValueError:
        return 0.0


def _json_object(status: int, body: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(body) if body else {}
    except ValueError:
        raise PaymentProviderError(status, "the answer is not JSON") from None
    if not isinstance(parsed, dict):
        raise PaymentProviderError(status, "the answer is not a JSON object")
    if status >= 500:
        raise PaymentProviderError(status, "the provider failed", parsed.get("name"))
    return parsed


def field(data: Mapping[str, Any], *path: str | int) -> Any:
    """data[a][b]...; PaymentProviderError naming the path when the answer lacks it."""
    value: Any = data
    for key in path:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            where = ".".join(str(p) for p in path)
            raise PaymentProviderError(200, f"the answer has no {where}") from None
    return value

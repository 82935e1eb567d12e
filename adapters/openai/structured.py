"""One structured-output call to the Responses API, reported to the generation log."""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from openai import AsyncOpenAI
from pydantic import BaseModel

from adapters.openai.client import usage_tokens
from adapters.openai.prompting import SYSTEM, Prompt, versions
from domain.errors import GenerationFailed
from domain.generation import report_call

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)


class TextCall:
    """Sends the child-safety system prompt plus one task prompt and parses the answer into a
    pydantic model. Every call reports its prompt versions, parameters and token usage; an
    answer that does not parse raises (the domain counts it as a failed attempt and retries)."""

    def __init__(
        self,
        client: AsyncOpenAI,
        model: str,
        *,
        max_output_tokens: int,
        reasoning_effort: str | None = None,
        temperature: float | None = None,
    ) -> None:
        self._client = client
        self.model = model
        self._max_output_tokens = max_output_tokens
        self._reasoning_effort = reasoning_effort
        self._temperature = temperature

    def params(self, max_output_tokens: int | None = None) -> dict[str, Any]:
        params: dict[str, Any] = {"max_output_tokens": max_output_tokens or self._max_output_tokens}
        if self._reasoning_effort is not None:
            params["reasoning"] = {"effort": self._reasoning_effort}
        if self._temperature is not None:
            params["temperature"] = self._temperature
        return params

    async def parse(
        self,
        prompt: Prompt,
        output: type[M],
        values: dict[str, Any],
        *,
        max_output_tokens: int | None = None,
        timeout_seconds: float | None = None,
        max_retries: int | None = None,
    ) -> M:
        params = self.params(max_output_tokens)
        report_call(prompt_version=versions(SYSTEM, prompt), model=self.model, params=params)
        user_text = prompt.render(**values)
        # The prompt names the child: its size only, never its words.
        logger.debug("openai text call", extra={"prompt": prompt.version, "chars": len(user_text)})
        options: dict[str, Any] = {} if timeout_seconds is None else {"timeout": timeout_seconds}
        client = self._client
        if max_retries is not None:
            client = client.with_options(max_retries=max_retries)
        raw = await client.responses.with_raw_response.parse(
            model=self.model,
            instructions=SYSTEM.render(),
            input=user_text,
            text_format=output,
            store=False,  # nothing about the child is kept at OpenAI beyond abuse monitoring
            **params,
            **options,
        )
        body = raw.http_response.json()
        tokens_in, tokens_out = _usage(body)
        report_call(tokens_in=tokens_in, tokens_out=tokens_out)
        if body.get("status") not in (None, "completed"):
            reason = (body.get("incomplete_details") or {}).get("reason", body.get("status"))
            raise GenerationFailed(f"the model's answer is incomplete ({reason})")
        parsed = raw.parse().output_parsed  # raises pydantic.ValidationError on bad JSON
        if parsed is None:
            raise GenerationFailed("the model refused or gave no structured answer")
        return parsed  # type: ignore[no-any-return]


def _usage(body: dict[str, Any]) -> tuple[int | None, int | None]:
    usage = body.get("usage")
    if not isinstance(usage, dict):
        return usage_tokens(None)
    return usage.get("input_tokens"), usage.get("output_tokens")

"""OpenAIModerator: the moderation endpoint on parents' text and on generated story text."""

from __future__ import annotations

from collections.abc import Sequence

from openai import AsyncOpenAI

from domain.generation import report_call
from domain.moderation import ModerationVerdict

DEFAULT_MODEL = "omni-moderation-latest"


class OpenAIModerator:
    def __init__(
        self,
        client: AsyncOpenAI,
        model: str = DEFAULT_MODEL,
        *,
        timeout_seconds: float = 10.0,
        max_retries: int = 1,
    ) -> None:
        # Moderation often runs inside a parent's turn: short timeout, few retries.
        self._client = client.with_options(max_retries=max_retries)
        self._model = model
        self._timeout = timeout_seconds

    @property
    def model(self) -> str:
        return self._model

    async def moderate(self, texts: Sequence[str]) -> ModerationVerdict:
        items = [t for t in texts if t.strip()]
        if not items:
            return ModerationVerdict(flagged=False)
        report_call(model=self._model, params={"model": self._model})
        response = await self._client.moderations.create(
            model=self._model, input=items, timeout=self._timeout
        )
        flagged: set[str] = set()
        for result in response.results:
            if result.flagged:
                hits = result.categories.model_dump(by_alias=True).items()
                flagged |= {name for name, hit in hits if hit} or {"unspecified"}
        return ModerationVerdict(flagged=bool(flagged), categories=tuple(sorted(flagged)))

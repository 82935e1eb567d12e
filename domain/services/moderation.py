"""Moderation of what parents write and of what the writer produces, every check logged.

The parent's free text is checked before it is used (interests, dedication): a flagged text is
refused with a kind reply. A moderator that cannot answer does not block the parent (the story
written from the text is moderated again before use), but it is logged. Generated text is
checked before it is offered or illustrated; there a failure counts as a failed attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from domain.moderation import ModerationVerdict
from domain.ports import Moderator
from domain.repositories import UnitOfWorkFactory
from domain.services.generation_log import CallInfo, GenerationLogger
from domain.units import UnitBound

logger = logging.getLogger(__name__)
MODERATION_PROMPT_VERSION = "moderation-v1"


class ContentModeration(UnitBound):
    def __init__(self, moderator: Moderator, uow_factory: UnitOfWorkFactory) -> None:
        self._moderator = moderator
        self._bind(uow_factory)

    def _bind(self, factory: UnitOfWorkFactory) -> None:
        super()._bind(factory)
        self._log = GenerationLogger(factory)  # a check inside a turn is logged with the turn

    @property
    def model(self) -> str:
        return self._moderator.model

    async def _check(
        self, texts: Sequence[str], purpose: str, book_id: str | None
    ) -> ModerationVerdict:
        items = [t for t in texts if t.strip()]

        async def call() -> ModerationVerdict:
            return await self._moderator.moderate(items)

        info = CallInfo(
            kind="moderation",
            model=self._moderator.model,
            prompt_version=MODERATION_PROMPT_VERSION,
            inputs=items,
            params={"purpose": purpose, "items": len(items)},
            book_id=book_id,
        )
        verdict, _ = await self._log.run(info, call, check=lambda v: v.problems())
        return verdict

    async def parent_text_ok(self, text: str, purpose: str) -> bool:
        """False when the parent's text is flagged; True when it is fine or unknown."""
        try:
            verdict = await self._check([text], purpose, None)
        except Exception as exc:
            logger.warning(
                "moderation unavailable; parent text let through",
                extra={"purpose": purpose, "error": type(exc).__name__},
            )
            return True
        if verdict.flagged:
            logger.info(
                "parent text flagged", extra={"purpose": purpose, "categories": verdict.categories}
            )
        return not verdict.flagged

    async def generated_problems(
        self, texts: Sequence[str], purpose: str, book_id: str | None = None
    ) -> list[str]:
        """Problems of generated text (empty when it may be used); an error is a problem."""
        try:
            verdict = await self._check(texts, purpose, book_id)
        except Exception as exc:
            return [f"moderation failed: {type(exc).__name__}"]
        return verdict.problems()

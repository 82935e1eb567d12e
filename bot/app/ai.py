"""The AI adapters chosen from settings: OpenAI's when OPENAI_API_KEY is set, the offline
writer, illustrator and keyword moderator otherwise."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from adapters.keyword_moderator import KeywordModerator
from adapters.offline_writer import OfflineStoryWriter
from adapters.openai.models_check import ModelsReport
from adapters.pillow_illustrator import PillowIllustrator
from bot.app.settings import Settings
from domain.ports import Illustrator, Moderator, PortraitPainter, SeriesRanker, StoryWriter

if TYPE_CHECKING:
    from openai import AsyncOpenAI


@dataclass(slots=True)
class AIAdapters:
    writer: StoryWriter
    illustrator: Illustrator
    moderator: Moderator
    portraits: PortraitPainter | None = None
    ranker: SeriesRanker | None = None
    client: AsyncOpenAI | None = None
    models: ModelsReport = field(default_factory=ModelsReport)

    async def aclose(self) -> None:
        if self.client is not None:
            await self.client.close()


def build_ai(settings: Settings) -> AIAdapters:
    key = settings.openai_api_key
    if key is None:
        return AIAdapters(OfflineStoryWriter(), PillowIllustrator(), KeywordModerator())
    # Imported only with a key: the openai library takes a second or more to import.
    from adapters.openai.client import OpenAIOptions, make_client
    from adapters.openai.illustrator import OpenAIIllustrator
    from adapters.openai.moderator import OpenAIModerator
    from adapters.openai.writer import OpenAIStoryWriter

    client = make_client(
        OpenAIOptions(
            api_key=key.get_secret_value(),
            base_url=settings.openai_base_url,
            timeout_seconds=settings.openai_timeout_seconds,
            max_retries=settings.openai_max_retries,
        )
    )
    writer = OpenAIStoryWriter(
        client,
        settings.openai_text_model,
        max_output_tokens=settings.openai_max_output_tokens,
        reasoning_effort=settings.openai_reasoning_effort,
        temperature=settings.openai_temperature,
    )
    illustrator = OpenAIIllustrator(
        client,
        settings.openai_image_model,
        size=settings.openai_image_size,
        quality=settings.openai_image_quality,
        timeout_seconds=settings.openai_image_timeout_seconds,
    )
    moderator = OpenAIModerator(
        client,
        settings.openai_moderation_model,
        timeout_seconds=settings.openai_moderation_timeout_seconds,
    )
    return AIAdapters(
        writer=writer,
        illustrator=illustrator,
        moderator=moderator,
        portraits=illustrator if illustrator.takes_references else None,
        ranker=writer if settings.feature_ai_assisted_selection else None,
        client=client,
    )


def configured_models(settings: Settings) -> list[str]:
    return [
        settings.openai_text_model,
        settings.openai_image_model,
        settings.openai_moderation_model,
    ]

"""OfflineStoryWriter: the embedded-default StoryWriter. No network, no key, and the same
inputs always give the same words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from adapters.offline_writer import series as series_writer
from adapters.offline_writer.book import compose_book
from adapters.offline_writer.plot import find_plot, theme_for_series
from domain.errors import GenerationFailed
from domain.feedback import read_wishes
from domain.profiles import ChildProfile
from domain.story import OPTIONS_PER_ROUND, BookText, SeriesIdea, StorylineIdea

T = TypeVar("T")


class OfflineStoryWriter:
    @property
    def model(self) -> str:
        return "offline-writer-1"

    @property
    def prompt_version(self) -> str:
        return "offline-v1"

    async def write_series(
        self, child: ChildProfile, round_no: int, avoid_themes: Sequence[str]
    ) -> list[SeriesIdea]:
        ideas = series_writer.write_series(child, round_no, avoid_themes)
        return _exactly_five(ideas)

    async def write_storylines(
        self,
        child: ChildProfile,
        series: SeriesIdea,
        round_no: int,
        *,
        earlier: Sequence[tuple[SeriesIdea, StorylineIdea]] = (),
    ) -> list[StorylineIdea]:
        used = {find_plot(child, theme_for_series(s), line).quest.key for s, line in earlier}
        return _exactly_five(series_writer.write_storylines(child, series, round_no, used))

    async def write_book(
        self,
        child: ChildProfile,
        series: SeriesIdea,
        storyline: StorylineIdea,
        dedication: str | None,
        *,
        version: int = 1,
        feedback: str | None = None,
        earlier: Sequence[str] = (),
    ) -> BookText:
        """A regeneration is another variation of the same plot that follows the wishes
        domain.feedback understands (shorter, calmer, another ending, a person or an animal
        to add...); a new book shares no long sentence with the child's earlier books."""
        theme = theme_for_series(series)
        plot = find_plot(child, theme, storyline)
        return compose_book(
            child,
            theme,
            plot,
            storyline.title,
            dedication,
            variation=version,
            earlier=earlier,
            wishes=read_wishes(feedback),
        )


def _exactly_five(ideas: list[T]) -> list[T]:
    if len(ideas) != OPTIONS_PER_ROUND:
        raise GenerationFailed(f"offline writer produced {len(ideas)} options")
    return ideas

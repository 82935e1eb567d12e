"""Profiles, series and storyline rounds through the real unit of work, on both backends."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from domain.errors import GenerationFailed, NotFound
from domain.parents import Parent
from domain.profiles import ChildProfile, Pronouns
from domain.services.profiles import ProfileService
from domain.services.story_options import StoryOptionsService
from domain.story import SeriesIdea, StorylineIdea
from storage.db import create_engine, create_session_factory
from storage.tables import AIGenerationLogRow, AuditLogRow, ChildProfileRow, SeriesRow
from storage.uow import SqlAlchemyUnitOfWork

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return NOW


class FakeStoryWriter:
    """Answers with the rounds it is given, one per call, then repeats the last."""

    model = "fake-writer"
    prompt_version = "fake-v1"

    def __init__(self, series_rounds=(), storyline_rounds=()) -> None:
        self.series_rounds = list(series_rounds)
        self.storyline_rounds = list(storyline_rounds)
        self.calls = 0

    async def write_series(self, child, round_no, avoid_themes):
        self.calls += 1
        answer = self.series_rounds.pop(0) if len(self.series_rounds) > 1 else self.series_rounds[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def write_storylines(self, child, series, round_no, *, earlier=()):
        self.calls += 1
        return (
            self.storyline_rounds.pop(0)
            if len(self.storyline_rounds) > 1
            else self.storyline_rounds[0]
        )

    async def write_book(self, *args):
        raise NotImplementedError


def series(*titles):
    return [SeriesIdea(title=t, hook=f"{t}, a hook", theme=t.lower()) for t in titles]


def storylines(*titles):
    return [StorylineIdea(title=t, hook=f"{t}, a hook") for t in titles]


FIVE = series("Moon", "Sea", "Jungle", "Castle", "Robots")


@pytest.fixture
async def env(db_url):
    engine = create_engine(db_url)
    sessions = create_session_factory(engine)
    counter = itertools.count(1)

    def ids() -> str:
        return f"id{next(counter):030d}"

    def uow():
        return SqlAlchemyUnitOfWork(sessions, FixedClock())

    async with uow() as u:
        await u.parents.add(Parent(id="parent1", created_at=NOW, updated_at=NOW))
        await u.commit()
    yield uow, ids, sessions
    await engine.dispose()


async def _count(sessions, query):
    async with sessions() as s:
        return (await s.execute(query)).scalar()


PROFILE = ChildProfile(name="Zoya", age=5, pronouns=Pronouns.SHE, interests=("space", "cats"))


async def test_saving_a_second_profile_updates_the_first(env):
    uow, ids, sessions = env
    service = ProfileService(uow, FixedClock(), ids)
    first = await service.save("parent1", PROFILE)
    second = await service.save(
        "parent1", ChildProfile(name="Zoya", age=6, pronouns=Pronouns.SHE, interests=("dinosaurs",))
    )
    assert second.id == first.id
    assert await _count(sessions, select(func.count()).select_from(ChildProfileRow)) == 1
    assert (await service.get("parent1")).profile.age == 6
    actions = await _count(sessions, select(func.count()).select_from(AuditLogRow))
    assert actions == 2  # created, changed


async def test_a_valid_round_keeps_exactly_five(env):
    uow, ids, sessions = env
    await ProfileService(uow, FixedClock(), ids).save("parent1", PROFILE)
    service = StoryOptionsService(uow, FakeStoryWriter([FIVE]), ids)
    options = await service.new_series_round("parent1")
    assert [o.position for o in options] == [1, 2, 3, 4, 5]
    assert {o.round for o in options} == {1}
    logs = await _count(sessions, select(func.count()).select_from(AIGenerationLogRow))
    assert logs == 1


@pytest.mark.parametrize(
    "bad",
    [
        series("A", "B", "C", "D"),
        series("A", "B", "C", "D", "E", "F"),
        series("A", "B", "C", "D", "a"),
    ],
    ids=["four", "six", "duplicate"],
)
async def test_a_bad_round_is_retried_then_accepted(env, bad):
    uow, ids, sessions = env
    await ProfileService(uow, FixedClock(), ids).save("parent1", PROFILE)
    writer = FakeStoryWriter([bad, FIVE])
    options = await StoryOptionsService(uow, writer, ids).new_series_round("parent1")
    assert len(options) == 5 and writer.calls == 2
    statuses = await _logged_statuses(sessions)
    assert statuses == ["invalid", "ok"]


async def _logged_statuses(sessions):
    async with sessions() as s:
        rows = (
            await s.execute(select(AIGenerationLogRow).order_by(AIGenerationLogRow.id))
        ).scalars()
        return [r.status for r in rows]


async def test_a_round_that_stays_bad_fails_and_keeps_nothing(env):
    uow, ids, sessions = env
    await ProfileService(uow, FixedClock(), ids).save("parent1", PROFILE)
    writer = FakeStoryWriter([series("A", "B", "C", "D"), RuntimeError("model down"), series("A")])
    with pytest.raises(GenerationFailed):
        await StoryOptionsService(uow, writer, ids, attempts=3).new_series_round("parent1")
    assert writer.calls == 3
    assert await _count(sessions, select(func.count()).select_from(SeriesRow)) == 0
    assert await _logged_statuses(sessions) == ["invalid", "error", "invalid"]


async def test_every_round_is_kept_and_selection_marks_one_row(env):
    uow, ids, sessions = env
    await ProfileService(uow, FixedClock(), ids).save("parent1", PROFILE)
    writer = FakeStoryWriter(
        [FIVE, series("Snow", "Trains", "Farm", "Music", "Baking")],
        [storylines("One", "Two", "Three", "Four", "Five")],
    )
    service = StoryOptionsService(uow, writer, ids)
    first = await service.new_series_round("parent1")
    second = await service.new_series_round("parent1")
    assert {o.round for o in second} == {2}
    await service.select_series(first[2].id)
    await service.select_series(second[1].id)
    async with sessions() as s:
        selected = (await s.execute(select(SeriesRow.id).where(SeriesRow.selected))).scalars().all()
    assert selected == [second[1].id]
    assert await _count(sessions, select(func.count()).select_from(SeriesRow)) == 10

    lines = await service.new_storyline_round(second[1].id)
    assert [o.position for o in lines] == [1, 2, 3, 4, 5]
    chosen = await service.select_storyline(lines[4].id)
    assert chosen.idea.title == "Five"


async def test_series_need_a_profile(env):
    uow, ids, _ = env
    with pytest.raises(NotFound):
        await StoryOptionsService(uow, FakeStoryWriter([FIVE]), ids).new_series_round("parent1")

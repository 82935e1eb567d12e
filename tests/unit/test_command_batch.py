"""Redis commands of the same moment go as one pipeline; each caller gets its own answer."""

from __future__ import annotations

import asyncio

import pytest

from bot.conversation.command_batch import CommandBatch


class _Pipe:
    def __init__(self, redis: _Redis) -> None:
        self._redis = redis
        self._commands: list[str] = []

    async def __aenter__(self) -> _Pipe:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    def echo(self, value: str) -> None:
        self._commands.append(value)

    async def execute(self, raise_on_error: bool = True) -> list[object]:
        assert raise_on_error is False  # one refused command must not fail the others
        self._redis.round_trips.append(list(self._commands))
        if self._redis.away:
            raise ConnectionError("Redis is away")
        await asyncio.sleep(0.01)
        return [ValueError(c) if c.startswith("bad") else c.upper() for c in self._commands]


class _Redis:
    def __init__(self) -> None:
        self.round_trips: list[list[str]] = []
        self.away = False

    def pipeline(self, transaction: bool = True) -> _Pipe:
        assert transaction is False
        return _Pipe(self)


def _echo(value: str):
    return lambda pipe: pipe.echo(value)


async def test_commands_of_the_same_moment_go_in_one_round_trip_each_caller_its_answer() -> None:
    redis = _Redis()
    batch = CommandBatch(redis)  # type: ignore[arg-type]
    names = [f"s{n}" for n in range(200)]
    answers = await asyncio.gather(*(batch.run(_echo(name)) for name in names))
    assert answers == [name.upper() for name in names]
    assert redis.round_trips == [names]  # in the order asked


async def test_a_refused_command_fails_only_its_caller() -> None:
    redis = _Redis()
    batch = CommandBatch(redis)  # type: ignore[arg-type]
    answers = await asyncio.gather(
        batch.run(_echo("a")), batch.run(_echo("bad")), batch.run(_echo("b")),
        return_exceptions=True,
    )  # fmt: skip
    assert answers[0] == "A" and answers[2] == "B"
    assert isinstance(answers[1], ValueError)
    assert len(redis.round_trips) == 1


async def test_commands_asked_while_a_batch_is_out_go_in_the_next_one() -> None:
    redis = _Redis()
    batch = CommandBatch(redis)  # type: ignore[arg-type]
    first = asyncio.gather(batch.run(_echo("a")), batch.run(_echo("b")))
    await asyncio.sleep(0.005)  # the first pipeline is on its way
    later = await asyncio.gather(batch.run(_echo("c")), batch.run(_echo("d")))
    assert await first == ["A", "B"] and later == ["C", "D"]
    assert redis.round_trips == [["a", "b"], ["c", "d"]]


async def test_when_redis_is_away_every_caller_hears_it_and_the_next_batch_goes() -> None:
    redis = _Redis()
    batch = CommandBatch(redis)  # type: ignore[arg-type]
    redis.away = True
    failed = await asyncio.gather(
        batch.run(_echo("a")), batch.run(_echo("b")), return_exceptions=True
    )
    assert all(isinstance(f, ConnectionError) for f in failed)
    redis.away = False
    assert await batch.run(_echo("c")) == "C"


async def test_a_caller_that_gives_up_does_not_stop_the_others() -> None:
    redis = _Redis()
    batch = CommandBatch(redis)  # type: ignore[arg-type]
    impatient = asyncio.create_task(batch.run(_echo("a")))
    patient = asyncio.create_task(batch.run(_echo("b")))
    await asyncio.sleep(0)
    impatient.cancel()
    assert await patient == "B"
    with pytest.raises(asyncio.CancelledError):
        await impatient

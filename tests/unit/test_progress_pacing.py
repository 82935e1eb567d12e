"""Progress while a book is made: every tick where it updates in place (the web chat), and on
WhatsApp, where each tick is a new message, at most one every 30 seconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

from flows.context import FlowDeps, TurnContext
from flows.engine import handle
from flows.messages import JobProgressed, Text
from flows.state import ConversationState
from flows.steps.stories import say_writing_book

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _ticks(pages: int) -> list[JobProgressed]:
    return [
        JobProgressed("writing", 0, 1),
        *(JobProgressed("illustrating", n, pages) for n in range(pages + 1)),
        JobProgressed("assembling", 0, 1),
    ]


async def _run(in_place: bool, seconds_apart: float, pages: int = 12) -> list[Text]:
    """The book's start, then its ticks `seconds_apart` seconds apart: what the parent gets."""
    state = ConversationState(state="writing_book", slots={"name": "Mira"}, step=4)
    said: list[Any] = []
    ctx = TurnContext(state, "u1", cast(FlowDeps, None), START, progress_in_place=in_place)
    await say_writing_book(ctx)
    said += ctx.out
    for i, tick in enumerate(_ticks(pages), start=1):
        ctx = TurnContext(
            state,
            "u1",
            cast(FlowDeps, None),
            START + timedelta(seconds=i * seconds_apart),
            progress_in_place=in_place,
        )
        await handle(ctx, tick)
        said += ctx.out
    return said


async def test_a_quick_book_on_whatsapp_says_only_that_it_started():
    said = await _run(in_place=False, seconds_apart=1)
    assert [m.text for m in said] == [
        "🎨 Writing and illustrating *Mira's* book now. It takes a "
        "minute or two; I'll keep you posted."
    ]


async def test_a_slow_book_on_whatsapp_gets_one_update_every_30_seconds():
    said = await _run(in_place=False, seconds_apart=10)  # 15 ticks over 150 s
    ticks = [m for m in said if m.topic == "progress"]
    assert [m.text for m in ticks] == [
        "🖌️ Illustrating page 1 of 12…",  # 30 s
        "🖌️ Illustrating page 4 of 12…",  # 60 s
        "🖌️ Illustrating page 7 of 12…",  # 90 s
        "🖌️ Illustrating page 10 of 12…",  # 120 s
        "📚 Putting the pages together…",  # 150 s
    ]


async def test_in_place_every_tick_is_sent_as_progress():
    said = await _run(in_place=True, seconds_apart=1, pages=3)
    assert said[0].topic == ""  # the start is its own message
    assert [m.text for m in said[1:]] == [
        "✍️ Writing the story…",
        "🖌️ Illustrating page 1 of 3…",
        "🖌️ Illustrating page 2 of 3…",
        "🖌️ Illustrating page 3 of 3…",
        "📚 Putting the pages together…",
    ]
    assert {m.topic for m in said[1:]} == {"progress"}

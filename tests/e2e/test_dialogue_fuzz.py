"""A dialogue fuzz: 1,000 random inputs from parents (hypothesis draws them: random words,
answers the journey expects, taps on the buttons just sent, taps on old or forged ids, global
commands, things the bot cannot read) through the real turn runner. Every input is answered
(no dead end), no turn fails, nothing is logged at ERROR, and each conversation still answers
at the end."""

from __future__ import annotations

import logging
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from support.chat_driver import Parent, settle

from bot.app import keys
from bot.app.composition import create_app
from domain.text_input import printable
from flows.messages import Inbound, InboundChoice, InboundText, InboundUnsupported
from storage.tables import ChatEventRow, ChatMessageRow, ChatSessionRow

PARENTS, INPUTS = 4, 1000
WORDS = [
    *("hi", "yes", "no", "ok", "I agree", "skip", "done", "looks good", "edit", "more", "6"),
    *("six", "12", "0", "99", "she", "he", "they", "Zoya", "D'Arcy", "Anne-Marie", "आरव"),
    *("space and cats", "dinosaurs, painting, the sea", "surprise me", "buy", "pdf"),
    *("help", "menu", "back", "restart", "my books", "stop", "start", "delete my data"),
    *("a" * 300, "🙂", "   ", "?", "1, 2, 3", "For Zoya, love Mum"),
]
UNREADABLE = ["audio", "video", "sticker", "location", "photo", "photo_not_asked", "message"]
INPUT = st.one_of(
    st.tuples(st.just("text"), st.sampled_from(WORDS)),
    st.tuples(st.just("text"), st.text(max_size=80)),
    *[st.tuples(st.just("tap"), st.integers(0, 11))] * 4,  # a button or row of the newest
    st.tuples(st.just("old_tap"), st.integers(0, 30)),  # of an older message
    st.tuples(
        st.just("forged"),
        st.sampled_from(["cmd:nonexistent", "cmd:", "lib:nope", "99:pick", ":", "0:0:0", ""]),
    ),
    st.tuples(st.just("unreadable"), st.sampled_from(UNREADABLE)),
)


def drawn(count: int) -> list[tuple[str, Any]]:
    """`count` inputs in runs of 50, each run one hypothesis example (so kinds mix well)."""
    found: list[tuple[str, Any]] = []

    @settings(
        max_examples=count // 50,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(st.lists(INPUT, min_size=50, max_size=50))
    def collect(run: list[tuple[str, Any]]) -> None:
        found.extend(run)

    collect()
    return found


async def outbound(app: Any, session_id: str) -> list[dict[str, Any]]:
    async with app[keys.SESSIONS]() as s:
        rows = await s.execute(
            select(ChatMessageRow.body)
            .where(ChatMessageRow.session_id == session_id, ChatMessageRow.direction == "out")
            .order_by(ChatMessageRow.id)
        )
        return list(rows.scalars())


def options(message: dict[str, Any]) -> list[str]:
    return [o["id"] for o in message.get("buttons", []) + message.get("rows", [])]


def inbound_of(kind: str, value: Any, sent: list[dict[str, Any]]) -> Inbound | None:
    if kind == "text":
        text = printable(value, 4096)  # what every channel's edge lets through
        return InboundText(text) if text.strip() else None
    if kind in ("tap", "old_tap"):
        with_options = [m for m in sent if options(m)]
        if not with_options:
            return None
        message = with_options[-1] if kind == "tap" else with_options[value % len(with_options)]
        ids = options(message)
        return InboundChoice(ids[value % len(ids)])
    if kind == "forged":
        return InboundChoice(value)
    return InboundUnsupported(value)


async def test_a_thousand_random_inputs_never_fail_a_turn_or_leave_a_parent_unanswered(
    aiohttp_client, make_settings, sqlite_db_url, caplog
):
    caplog.set_level(logging.WARNING)
    client = await aiohttp_client(
        create_app(make_settings(database_url=sqlite_db_url, book_image_px=256))
    )
    app = client.server.app
    turns = app[keys.RUNTIME].turns
    parents = [await Parent(client).open() for _ in range(PARENTS)]
    unanswered: list[tuple[str, str, Any]] = []
    visited: set[str] = set()
    for n, (kind, value) in enumerate(drawn(INPUTS)):
        parent = parents[n % PARENTS]
        sent = await outbound(app, parent.session_id)
        inbound = inbound_of(kind, value, sent)
        if inbound is None:
            inbound = InboundText("hi")
        await turns.post(parent.session_id, inbound)
        async with app[keys.SESSIONS]() as s:
            state = (await s.get(ChatSessionRow, parent.session_id)).state
        visited.add(state)
        if len(await outbound(app, parent.session_id)) == len(sent):
            unanswered.append((state, kind, value))
        if n % 50 == 49:
            await settle(app)  # let the books and series being written finish now and then
    await settle(app)
    assert unanswered == [], unanswered[:10]
    print(f"states visited: {sorted(visited)}")
    assert len(visited) >= 10  # the inputs walk the journey, not only its first question
    async with app[keys.SESSIONS]() as s:
        failed = await s.scalar(
            select(func.count()).select_from(ChatEventRow).where(ChatEventRow.name == "turn_failed")
        )
    assert failed == 0
    for parent in parents:
        before = len(await outbound(app, parent.session_id))
        await turns.post(parent.session_id, InboundText("help"))
        assert len(await outbound(app, parent.session_id)) > before
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []

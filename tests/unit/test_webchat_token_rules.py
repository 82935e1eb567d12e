"""The idle expiry and revocation rules of web chat session tokens (bot/channels/webchat/tokens.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.channels.webchat.tokens import SessionTokenKeeper
from domain.audit import AuditEntry
from domain.conversation import TokenStanding

START = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
IDLE = timedelta(hours=24)


class Clock:
    def __init__(self) -> None:
        self.at = START

    def now(self) -> datetime:
        return self.at


class Standings:
    """The chat tables' side, in memory."""

    def __init__(self) -> None:
        self.rows = {"s1": TokenStanding(0, None)}

    async def token_standing(self, session_id: str) -> TokenStanding | None:
        return self.rows.get(session_id)

    async def revoke_tokens(self, session_id: str, audit: AuditEntry) -> bool:
        row = self.rows[session_id]
        self.rows[session_id] = TokenStanding(row.generation + 1, row.last_inbound_at)
        return True

    def parent_wrote(self, at: datetime) -> None:
        self.rows["s1"] = TokenStanding(self.rows["s1"].generation, at)


@pytest.fixture
def world():
    clock, standings = Clock(), Standings()
    return clock, standings, SessionTokenKeeper(b"k" * 32, standings, clock, IDLE)


async def test_a_token_lives_while_the_parent_writes_and_dies_after_the_idle_time(world):
    clock, standings, keeper = world
    token = await keeper.issue("s1")
    clock.at = START + IDLE
    assert await keeper.session_of(token) == "s1"  # exactly the idle time: still good
    standings.parent_wrote(clock.at)
    clock.at += IDLE - timedelta(seconds=1)
    assert await keeper.session_of(token) == "s1"  # counted from the last message
    clock.at += timedelta(seconds=2)
    with pytest.raises(PermissionError, match="expired"):
        await keeper.session_of(token)
    renewed = await keeper.issue("s1")  # what opening the chat again hands out
    assert await keeper.session_of(renewed) == "s1"


async def test_revoked_tokens_and_tokens_of_unknown_sessions_are_refused(world):
    _, standings, keeper = world
    old = await keeper.issue("s1")
    await keeper.revoke("s1", None)  # type: ignore[arg-type]
    with pytest.raises(PermissionError, match="revoked"):
        await keeper.session_of(old)
    new = await keeper.issue("s1")
    assert await keeper.session_of(new) == "s1"
    del standings.rows["s1"]
    with pytest.raises(PermissionError, match="no longer exists"):
        await keeper.session_of(new)


async def test_a_token_signed_with_another_key_is_refused(world):
    clock, standings, keeper = world
    other = SessionTokenKeeper(b"o" * 32, standings, clock, IDLE)
    with pytest.raises(PermissionError, match="invalid"):
        await keeper.session_of(await other.issue("s1"))

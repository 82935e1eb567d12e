"""Gentle nudges for a parent who left a choice or an unpaid preview untouched: one after
REMINDER_AFTER_HOURS of silence, at most two per book, never while opted out or talking to a
person, and never choosing anything on the parent's behalf."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from bot.conversation.turns import TurnRunner
from domain.conversation import QuietSessions
from domain.ports import Clock
from flows.messages import ReminderDue

logger = logging.getLogger(__name__)
REMIND_IN_STATES = ("choose_series", "choose_storyline", "preview")
MAX_REMINDERS_PER_BOOK = 2


class ReminderSweeper:
    def __init__(
        self,
        sessions: QuietSessions,
        turns: TurnRunner,
        clock: Clock,
        after: timedelta = timedelta(hours=20),
    ) -> None:
        self._sessions = sessions
        self._turns = turns
        self._clock = clock
        self._after = after

    async def sweep(self, now: datetime | None = None) -> int:
        """Post a ReminderDue to every session that has waited long enough. Returns how many."""
        now = now or self._clock.now()
        candidates = await self._sessions.quiet_sessions(REMIND_IN_STATES, now - self._after)
        sent = 0
        for row in candidates:
            flags = row.state_json.get("flags", {})
            count = int(row.state_json.get("slots", {}).get("reminders_sent", 0))
            if flags.get("opted_out") or count >= MAX_REMINDERS_PER_BOOK:
                continue
            key = f"reminder:{row.id}:{row.version}:{count + 1}"
            await self._turns.post(row.id, ReminderDue(count + 1), key=key)
            sent += 1
        return sent

    async def run(self, interval_seconds: float = 60.0) -> None:
        while True:
            try:
                await self.sweep()
            except Exception:
                logger.exception("reminder sweep failed")
            await asyncio.sleep(interval_seconds)

"""The conversation's saved state (chat_sessions.state_json) and its migration between versions."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FLOW_VERSION = 2
BACK_STACK_MAX = 10
START = "start"

# States of older flow versions -> current states. Version 1 asked the child's details in one
# "about_child" step and called the preview "review". Unknown states go to the nearest safe
# checkpoint, and anything about a book (especially a paid one) is kept.
STATE_MIGRATIONS: dict[tuple[int, str], str] = {
    (1, "about_child"): "ask_name",
    (1, "review"): "preview",
    (1, "pay"): "awaiting_payment",
}
SAFE_CHECKPOINTS = ("awaiting_payment", "preview", "profile_summary", START)


@dataclass(slots=True)
class ConversationState:
    state: str = START
    slots: dict[str, Any] = field(default_factory=dict)
    back: list[dict[str, Any]] = field(default_factory=list)
    flags: dict[str, bool] = field(default_factory=dict)
    step: int = 0  # bumped with every question; choice ids carry it, so stale taps are known
    last_activity: str | None = None
    flow_version: int = FLOW_VERSION

    def to_json(self) -> dict[str, Any]:
        return {
            "flow_version": self.flow_version,
            "state": self.state,
            "slots": self.slots,
            "back": self.back,
            "flags": self.flags,
            "step": self.step,
            "last_activity": self.last_activity,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None, known_states: set[str]) -> ConversationState:
        if not data:
            return cls()
        state = cls(
            state=data.get("state", START),
            slots=dict(data.get("slots", {})),
            back=list(data.get("back", [])),
            flags=dict(data.get("flags", {})),
            step=int(data.get("step", 0)),
            last_activity=data.get("last_activity"),
            flow_version=int(data.get("flow_version", 1)),
        )
        return migrate(state, known_states)

    def push_back(self) -> None:
        """Remember where we are, so `back` can return here."""
        self.back.append({"state": self.state, "slots": copy.deepcopy(self.slots)})
        del self.back[:-BACK_STACK_MAX]

    def pop_back(self) -> bool:
        if not self.back:
            return False
        previous = self.back.pop()
        self.state, self.slots = previous["state"], previous["slots"]
        return True

    def touch(self, now: datetime) -> None:
        self.last_activity = now.isoformat()

    @property
    def handed_off(self) -> bool:
        return self.flags.get("handed_off", False)

    @property
    def opted_out(self) -> bool:
        return self.flags.get("opted_out", False)


def migrate(state: ConversationState, known_states: set[str]) -> ConversationState:
    if state.flow_version == FLOW_VERSION and state.state in known_states:
        return state
    mapped = STATE_MIGRATIONS.get((state.flow_version, state.state), state.state)
    if mapped not in known_states:
        mapped = _checkpoint(state, known_states)
    state.slots["migrated_from"] = f"v{state.flow_version}:{state.state}"
    state.state = mapped
    state.flow_version = FLOW_VERSION
    state.back.clear()  # old snapshots may name states that no longer exist
    return state


def _checkpoint(state: ConversationState, known_states: set[str]) -> str:
    slots = state.slots
    if slots.get("book_id") and slots.get("payment_started"):
        wanted = "awaiting_payment"
    elif slots.get("book_id"):
        wanted = "preview"
    elif slots.get("name"):
        wanted = "profile_summary"
    else:
        wanted = START
    return wanted if wanted in known_states else START

"""Moderation verdicts: what a Moderator says about a piece of text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ModerationVerdict:
    flagged: bool
    categories: tuple[str, ...] = ()

    def problems(self) -> list[str]:
        if not self.flagged:
            return []
        return [f"flagged by moderation: {', '.join(self.categories) or 'unspecified'}"]

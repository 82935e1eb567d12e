"""The real clock and id factory (tests inject fixed ones)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def random_id() -> str:
    """122 random bits as 32 hex characters: unguessable, fits every id column."""
    return uuid.uuid4().hex

"""Audit entries: who did what to which subject, kept append-only."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    actor_type: str  # parent | support | system
    actor_id: str | None
    action: str
    created_at: datetime
    subject_type: str | None = None
    subject_id: str | None = None
    data: dict[str, object] = field(default_factory=dict)

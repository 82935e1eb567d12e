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


def system_entry(
    action: str, subject_type: str, subject_id: str, now: datetime, **data: object
) -> AuditEntry:
    """Something the service did by itself (no parent or support person acted)."""
    return AuditEntry(
        actor_type="system",
        actor_id=None,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        data=data,
        created_at=now,
    )


def book_status_entry(book_id: str, before: str, after: str, now: datetime) -> AuditEntry:
    return system_entry("book_status_changed", "book", book_id, now, before=before, after=after)

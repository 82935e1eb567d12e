"""The audit log's one row shape, from the domain's AuditEntry."""

from __future__ import annotations

from domain.audit import AuditEntry
from storage.tables import AuditLogRow


def audit_row(entry: AuditEntry) -> AuditLogRow:
    return AuditLogRow(
        actor_type=entry.actor_type,
        actor_id=entry.actor_id,
        action=entry.action,
        subject_type=entry.subject_type,
        subject_id=entry.subject_id,
        data=dict(entry.data),
        created_at=entry.created_at,
    )

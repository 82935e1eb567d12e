"""Notes support people leave on a conversation: transcript events, with their audit row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import AuditEntry
from storage.audit_rows import audit_row
from storage.tables import ChatEventRow


class SqlAlchemySupportNotes:
    """The SupportNotes port on the database."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def add(
        self, session_id: str, author: str, text: str, now: datetime, audit: AuditEntry
    ) -> None:
        async with self._sessions() as s, s.begin():
            s.add(
                ChatEventRow(
                    session_id=session_id,
                    name="support_note",
                    data={"by": author, "text": text},
                    created_at=now,
                )
            )
            s.add(audit_row(audit))

"""The web chat tokens' standing in the chat tables: their generation (bumped to revoke every
token issued so far) and the parent's last message (for the idle expiry)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import AuditEntry
from domain.conversation import TokenStanding
from storage.audit_rows import audit_row
from storage.tables import ChatSessionRow


class ChatTokens:
    _sessions: async_sessionmaker[AsyncSession]
    _single: async_sessionmaker[AsyncSession]

    async def token_standing(self, session_id: str) -> TokenStanding | None:
        async with self._single() as s:
            query = select(ChatSessionRow.token_generation, ChatSessionRow.last_inbound_at).where(
                ChatSessionRow.id == session_id
            )
            row = (await s.execute(query)).one_or_none()
        return None if row is None else TokenStanding(*row)

    async def revoke_tokens(self, session_id: str, audit: AuditEntry) -> bool:
        async with self._sessions() as s, s.begin():
            bumped = await s.execute(
                update(ChatSessionRow)
                .where(ChatSessionRow.id == session_id)
                .values(token_generation=ChatSessionRow.token_generation + 1)
            )
            if not bumped.rowcount:  # type: ignore[attr-defined]
                return False
            s.add(audit_row(audit))
        return True

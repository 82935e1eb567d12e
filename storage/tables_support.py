"""Tables of the support console: signed-in sessions of support people."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, EntityId


class SupportLoginRow(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is kept here."""

    __tablename__ = "support_logins"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the token
    support_user_id: Mapped[str] = mapped_column(
        EntityId, ForeignKey("support_users.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

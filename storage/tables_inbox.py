"""Raw webhook items kept at the ack, before any parsing: the inbox of the worker side."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, BigId


class WhatsAppDeliveryRow(Base):
    """One message or status of a signed WhatsApp delivery. The ack inserts it (unique on its
    key, so Meta's redeliveries are dropped there); a drainer claims, handles and marks it."""

    __tablename__ = "whatsapp_deliveries"
    __table_args__ = (
        CheckConstraint("kind IN ('message', 'status')", name="kind_known"),
        Index("ix_whatsapp_deliveries_pending", "processed_at", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    item_key: Mapped[str] = mapped_column(String(200), unique=True)  # wamid | status:wamid:status
    kind: Mapped[str] = mapped_column(String(8))
    raw: Mapped[str] = mapped_column(Text)  # JSON text (ASCII: NUL stays escaped)
    received_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]  # a drainer's lease; a dead one's runs out
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    processed_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)

"""Tables of the running service: payments, webhooks, AI logs, chat, jobs, audit, print, support."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, BigId, EntityId, JSONType


class PaymentRow(Base):
    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("provider", "provider_order_id"),
        UniqueConstraint("provider", "provider_payment_id"),
        CheckConstraint("amount_minor >= 0", name="amount_positive"),
        CheckConstraint(
            "provider IN ('razorpay', 'paypal', 'sandbox', 'whatsapp')", name="provider_known"
        ),
    )

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    book_id: Mapped[str | None] = mapped_column(
        ForeignKey("books.id", ondelete="SET NULL"), index=True
    )
    # Kept after a parent's erasure (law requires payment records); personal fields cleared.
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    provider: Mapped[str] = mapped_column(String(16))
    # Set by the link job; an in-chat order's is its message's wamid (chat_messages' length)
    provider_order_id: Mapped[str | None] = mapped_column(String(160))
    provider_payment_id: Mapped[str | None] = mapped_column(String(64))
    amount_minor: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16))  # created | paid | failed | expired | refunded
    link_url: Mapped[str | None] = mapped_column(Text)
    payer_email: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    confirmed_at: Mapped[datetime | None]


class WebhookEventRow(Base):
    __tablename__ = "webhook_events"
    __table_args__ = (UniqueConstraint("provider", "event_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    provider: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(128))
    event_type: Mapped[str | None] = mapped_column(String(64))
    raw_body: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)


class AIGenerationLogRow(Base):
    __tablename__ = "ai_generation_logs"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    book_id: Mapped[str | None] = mapped_column(
        ForeignKey("books.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(24))  # series | storylines | book_text | image | ...
    prompt_version: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(JSONType)
    input_digest: Mapped[str] = mapped_column(String(64))
    output_digest: Mapped[str | None] = mapped_column(String(64))
    duration_ms: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # ok | invalid | error
    error: Mapped[str | None] = mapped_column(Text)
    tokens_in: Mapped[int | None] = mapped_column(Integer)
    tokens_out: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime]


class ChatSessionRow(Base):
    __tablename__ = "chat_sessions"
    __table_args__ = (UniqueConstraint("channel", "channel_user_id"),)

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    user_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))  # whatsapp | webchat
    channel_user_id: Mapped[str] = mapped_column(String(128))
    state: Mapped[str] = mapped_column(String(48))
    state_json: Mapped[dict[str, Any]] = mapped_column(JSONType)
    flow_version: Mapped[int] = mapped_column(Integer)
    # Optimistic concurrency: every save bumps it; a stale save is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)
    handed_off: Mapped[bool] = mapped_column(Boolean, default=False)
    # Web chat tokens carry the generation they were issued in; bumping it revokes them all.
    token_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_inbound_at: Mapped[datetime | None]
    last_activity_at: Mapped[datetime]
    created_at: Mapped[datetime]


class ChatMessageRow(Base):
    __tablename__ = "chat_messages"
    __table_args__ = (
        CheckConstraint("direction IN ('in', 'out')", name="direction_known"),
        CheckConstraint(
            "(direction = 'in' AND inbox_status IS NOT NULL AND delivery_status IS NULL)"
            " OR (direction = 'out' AND inbox_status IS NULL AND delivery_status IS NOT NULL)",
            name="status_of_direction",
        ),
        Index("ix_chat_messages_session_id_id", "session_id", "id"),
        Index("ix_chat_messages_outbox", "delivery_status", "next_attempt_at"),
        Index("ix_chat_messages_inbox", "inbox_status", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(3))
    channel_message_id: Mapped[str | None] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[dict[str, Any]] = mapped_column(JSONType)
    # the inbox's (inbound rows only): fetching (a photo) | received | processed
    inbox_status: Mapped[str | None] = mapped_column(String(16))
    # the outbox's (outbound rows only): held | pending | sent | delivered | read | failed
    delivery_status: Mapped[str | None] = mapped_column(String(16))
    error_code: Mapped[str | None] = mapped_column(String(32))
    error_detail: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class ChatEventRow(Base):
    """System events of a conversation, interleaved with its messages in transcripts."""

    __tablename__ = "chat_events"
    __table_args__ = (Index("ix_chat_events_session_id_id", "session_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("chat_sessions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(48))
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime]


class JobRow(Base):
    """Durable job state; the queue carries only ids, so a redelivered job is harmless."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_run_after", "status", "run_after"),)

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    session_id: Mapped[str | None] = mapped_column(
        ForeignKey("chat_sessions.id", ondelete="CASCADE")
    )
    subject_id: Mapped[str | None] = mapped_column(String(32), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(16))  # queued | running | done | failed
    step: Mapped[str | None] = mapped_column(String(48))
    progress: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    run_after: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class AuditLogRow(Base):
    """Append-only (a trigger refuses UPDATE and DELETE on both backends)."""

    __tablename__ = "audit_logs"
    __table_args__ = (Index("ix_audit_logs_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    actor_type: Mapped[str] = mapped_column(String(16))  # parent | support | system
    actor_id: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime]


class ShippingAddressRow(Base):
    __tablename__ = "shipping_addresses"

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(120))
    line1: Mapped[str] = mapped_column(String(200))
    line2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str] = mapped_column(String(20))
    country_code: Mapped[str] = mapped_column(String(2))
    phone: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]


class PrintOrderRow(Base):
    __tablename__ = "print_orders"
    __table_args__ = (UniqueConstraint("provider", "provider_order_id"),)

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    book_id: Mapped[str] = mapped_column(ForeignKey("books.id", ondelete="CASCADE"), unique=True)
    shipping_address_id: Mapped[str | None] = mapped_column(
        ForeignKey("shipping_addresses.id", ondelete="SET NULL")
    )
    provider: Mapped[str] = mapped_column(String(24))
    provider_order_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(24), index=True)
    tracking_url: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    carrier: Mapped[str | None] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int | None] = mapped_column(Integer)
    status_changed_at: Mapped[datetime | None]
    # The partner's reports as they came: [{at, status, source, message}], newest last.
    history: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
    attempt: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class SupportUserRow(Base):
    __tablename__ = "support_users"
    __table_args__ = (CheckConstraint("role IN ('viewer', 'agent', 'admin')", name="role_known"),)

    id: Mapped[str] = mapped_column(EntityId, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(8))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

"""whatsapp_deliveries: raw webhook items kept at the ack, drained by the workers

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.base

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "whatsapp_deliveries",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("item_key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("received_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_until", storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("processed_at", storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('message', 'status')", name=op.f("ck_whatsapp_deliveries_kind_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_deliveries")),
        sa.UniqueConstraint("item_key", name=op.f("uq_whatsapp_deliveries_item_key")),
    )
    with op.batch_alter_table("whatsapp_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_whatsapp_deliveries_pending", ["processed_at", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("whatsapp_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_whatsapp_deliveries_pending")
    op.drop_table("whatsapp_deliveries")

"""support_logins: signed-in sessions of the support console

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.base

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "support_logins",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("support_user_id", sa.String(length=32), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["support_user_id"],
            ["support_users.id"],
            name=op.f("fk_support_logins_support_user_id_support_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_logins")),
    )
    with op.batch_alter_table("support_logins", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_support_logins_support_user_id"), ["support_user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("support_logins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_logins_support_user_id"))
    op.drop_table("support_logins")

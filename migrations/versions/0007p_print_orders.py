"""print_orders: who ordered, the partner's carrier, last error, page count and history

Revision ID: 0007p
Revises: 0006
Create Date: 2026-12-02 13:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import storage.base

revision: str = "0007p"
down_revision: str | None = "0007i"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    json_type = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
    with op.batch_alter_table("print_orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("carrier", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("last_error", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("page_count", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("status_changed_at", storage.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("history", json_type, nullable=True))
        batch_op.add_column(sa.Column("attempt", sa.Integer(), server_default="1", nullable=False))
        batch_op.create_index(batch_op.f("ix_print_orders_status"), ["status"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_print_orders_user_id_users"),
            "users",
            ["user_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("print_orders", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_print_orders_user_id_users"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_print_orders_status"))
        for column in (
            "attempt",
            "history",
            "status_changed_at",
            "page_count",
            "last_error",
            "carrier",
        ):
            batch_op.drop_column(column)
        batch_op.drop_column("user_id")

"""payments: the provider's order id is set by the link job, after the payment row exists

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.alter_column(
            "provider_order_id", existing_type=sa.String(length=64), nullable=True
        )


def downgrade() -> None:
    op.execute("DELETE FROM payments WHERE provider_order_id IS NULL")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.alter_column(
            "provider_order_id", existing_type=sa.String(length=64), nullable=False
        )

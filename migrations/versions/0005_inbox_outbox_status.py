"""chat_messages: the inbox and the outbox each have their own status column; a payment is
kept before its provider link exists

The inbox's status (fetching | received | processed) moves from delivery_status to inbox_status;
delivery_status is the outbox's alone (held | pending | sent | delivered | read | failed). A
check keeps each row's status in its own column. payments.provider_order_id is set when the
link is made, after the turn that kept the payment.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS_OF_DIRECTION = (
    "(direction = 'in' AND inbox_status IS NOT NULL AND delivery_status IS NULL)"
    " OR (direction = 'out' AND inbox_status IS NULL AND delivery_status IS NOT NULL)"
)


def upgrade() -> None:
    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("inbox_status", sa.String(length=16), nullable=True))
        batch_op.alter_column("delivery_status", existing_type=sa.String(length=16), nullable=True)
    op.execute(
        "UPDATE chat_messages SET inbox_status = delivery_status, delivery_status = NULL"
        " WHERE direction = 'in'"
    )
    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.create_check_constraint("status_of_direction", STATUS_OF_DIRECTION)
        batch_op.create_index(
            "ix_chat_messages_inbox", ["inbox_status", "created_at"], unique=False
        )
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
    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_chat_messages_inbox")
        batch_op.drop_constraint("status_of_direction", type_="check")
    op.execute("UPDATE chat_messages SET delivery_status = inbox_status WHERE direction = 'in'")
    with op.batch_alter_table("chat_messages", schema=None) as batch_op:
        batch_op.drop_column("inbox_status")
        batch_op.alter_column("delivery_status", existing_type=sa.String(length=16), nullable=False)

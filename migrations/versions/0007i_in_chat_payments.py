"""payments: an order paid inside WhatsApp (India) has the provider "whatsapp", and its
provider_order_id is the order message's wamid (as long as chat_messages allows)

Revision ID: 0007i
Revises: 0006
Create Date: 2026-12-02 13:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007i"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "provider IN ('razorpay', 'paypal', 'sandbox')"
NEW = "provider IN ('razorpay', 'paypal', 'sandbox', 'whatsapp')"


def upgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_constraint("provider_known", type_="check")
        batch_op.create_check_constraint("provider_known", NEW)
        batch_op.alter_column(
            "provider_order_id", existing_type=sa.String(length=64), type_=sa.String(length=160)
        )


def downgrade() -> None:
    # An in-chat payment was taken by Razorpay through WhatsApp: kept, as Razorpay's.
    # Its order was the payment id then (a wamid may not fit the narrower column).
    op.execute(
        "UPDATE payments SET provider = 'razorpay', provider_order_id = id"
        " WHERE provider = 'whatsapp'"
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_constraint("provider_known", type_="check")
        batch_op.create_check_constraint("provider_known", OLD)
        batch_op.alter_column(
            "provider_order_id", existing_type=sa.String(length=160), type_=sa.String(length=64)
        )

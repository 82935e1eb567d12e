"""chat_sessions.token_generation: web chat tokens of an older generation are revoked

Revision ID: 0007o
Revises: 0007c
Create Date: 2026-12-02 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007o"
down_revision: str | None = "0007c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chat_sessions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("token_generation", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    # Dropped in place (SQLite 3.35+ can): copying the table, as batch mode would, drops it
    # first, and with foreign keys on that deletes every chat message of every session.
    with op.batch_alter_table("chat_sessions", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("token_generation")

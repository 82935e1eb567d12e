"""books.regenerations_granted: extra regeneration rounds a support person gave

Revision ID: 0007c
Revises: 0007k
Create Date: 2026-12-02 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007c"
down_revision: str | None = "0007k"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("books", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("regenerations_granted", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    # In place (SQLite 3.35+): a batch copy drops the table first, and its foreign keys'
    # cascades would delete the book versions with it.
    with op.batch_alter_table("books", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("regenerations_granted")

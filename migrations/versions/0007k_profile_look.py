"""child_profiles.look: the hero's look as the parent chose it (skin, hair, glasses, ...)

Revision ID: 0007k
Revises: 0006
Create Date: 2026-12-02 13:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007k"
down_revision: str | None = "0007p"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("child_profiles", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "look",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("child_profiles", schema=None) as batch_op:
        batch_op.drop_column("look")

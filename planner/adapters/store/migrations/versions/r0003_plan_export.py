"""Plan exports remembered: the document each export wrote, for a three-way import.

An import could not tell a reviewer's edit from a change made in the workspace since the
export, so it reverted the latter silently. Each export now records its base in
the file and keeps the exported document here; existing workspaces start with none (their
older files import as files without a base).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "plan_export",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("base_digest", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("exported_on", sa.Date(), nullable=False),
        sa.Column("path", sa.String(), nullable=True),
        sa.Column("document", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "base_digest"),
    )
    with op.batch_alter_table("plan_export", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_export_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

"""The data-protection step, and purges of evidence past its retention period.

Analysing employees' traffic needs a legal basis recorded first (GDPR Art. 6, a DPIA under
Art. 35, the works council's consultation), and evidence must not be kept forever (GDPR
Art. 5(1)(e), storage limitation). A plan gets one data-protection record; evidence older
than its retention period loses its pseudonym sets (counts kept: the people a tool loses
that way are kept as a count per tool) and each purge is logged. Existing plans start with
no record (the dashboard and the first import say so) and nothing purged.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "data_protection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("legal_basis", sa.String(), nullable=True),
        sa.Column("purpose", sa.String(), server_default="", nullable=False),
        sa.Column("dpia_reference", sa.String(), nullable=True),
        sa.Column("dpia_date", sa.Date(), nullable=True),
        sa.Column("works_council_date", sa.Date(), nullable=True),
        sa.Column("retention_days", sa.Integer(), nullable=True),
        sa.Column("key_holder", sa.String(), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id"),
    )
    with op.batch_alter_table("data_protection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_data_protection_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "purge_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cutoff", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hosts", sa.Integer(), nullable=False),
        sa.Column("persons", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("purge_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_purge_run_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "purged_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("tool", sa.String(120), nullable=False),
        sa.Column("users", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "tool"),
    )
    with op.batch_alter_table("purged_users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_purged_users_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

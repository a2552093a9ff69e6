"""Activity reports, readiness for change and champions' accounts.

Pilot KPIs were typed in by hand and phase 3 counted training, not use. Activity reports
of the platforms now attach to a pilot or an adopted product as aggregates
(activity_report); measurements say where they came from (source, None for the
values typed in so far); departments get dated ADKAR assessments (readiness); a
champion may carry the pseudonym of their account to find their own activity, and the plan
a champions' target ratio (rollout_setting, 50 people per champion when absent).
Existing rows keep their values; nothing is computed for them.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "activity_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(120), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("format", sa.String(40), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("listed", sa.Integer(), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("weekly_active", sa.Integer(), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("reads", sa.Integer(), nullable=True),
        sa.Column("replies", sa.Integer(), nullable=True),
        sa.Column("departments", sa.JSON(), nullable=False),
        sa.Column("champions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "subject", "digest"),
    )
    with op.batch_alter_table("activity_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_report_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "readiness",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("department", sa.String(120), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("awareness", sa.Integer(), nullable=False),
        sa.Column("desire", sa.Integer(), nullable=False),
        sa.Column("knowledge", sa.Integer(), nullable=False),
        sa.Column("ability", sa.Integer(), nullable=False),
        sa.Column("reinforcement", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "department", "on"),
    )
    with op.batch_alter_table("readiness", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_readiness_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "rollout_setting",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("people_per_champion", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id"),
    )
    # recreate: the tables are rebuilt whole, so a new workspace and an upgraded one have
    # the same DDL (see revision 0004).
    with op.batch_alter_table("champion", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("pseudonym", sa.String(), nullable=True))

    with op.batch_alter_table("pilot_measurement", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

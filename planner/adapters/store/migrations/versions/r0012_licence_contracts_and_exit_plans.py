"""Licence contracts and exit plans: what each tool costs, when it must be decided, and
how it is switched off.

The planner knew no seats, spend, end or notice dates, so it could not say what
overlapping tools cost nor when a contract renews; retiring a tool was a status, not a
plan. ``contract`` holds one row per contract of a plan, ``exit_step`` one row per dated
step of a tool's exit (two new tables: no existing row is touched). The annual cost is a text
column holding the exact decimal (``'12000.00'``): SQLite has no decimal type and would
keep a NUMERIC as a binary float; text is exact on SQLite and PostgreSQL alike.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(120), nullable=False),
        sa.Column("product", sa.String(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("annual_cost", sa.String(40), nullable=False),  # the exact decimal
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("tier", sa.String(), nullable=True),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("notice_days", sa.Integer(), nullable=False),
        sa.Column("auto_renew", sa.Boolean(), nullable=False),
        sa.Column("owner", sa.String(), nullable=True),
        sa.Column("reference", sa.String(), nullable=True),
        sa.Column("decision", sa.String(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "slug"),
    )
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contract_plan_id"), ["plan_id"], unique=False)
    op.create_table(
        "exit_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(120), nullable=False),
        sa.Column("tool", sa.String(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("owner", sa.String(), nullable=True),
        sa.Column("target", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "slug"),
    )
    with op.batch_alter_table("exit_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exit_step_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

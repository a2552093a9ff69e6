"""Domain triage rules: one decision on a registrable domain covers all its hosts.

A long tail of 280,000 hosts could only be triaged one host at a time. A
decision on a registrable domain (map to a product, make a custom tool, ignore) is kept
as a rule of the plan, applied to the hosts under it now and to new hosts in later
imports. Existing workspaces start with no rules; their per-host decisions are kept.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "triage_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(255), nullable=False),
        sa.Column("decision", sa.String(), nullable=False),
        sa.Column("tool", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "domain"),
    )
    with op.batch_alter_table("triage_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_triage_rule_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

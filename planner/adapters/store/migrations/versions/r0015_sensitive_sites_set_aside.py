"""Sensitive sites set aside: visits revealing special-category data (GDPR
Art. 9: trade-union membership, health, religion, political opinions, sexual orientation)
are counted per category and dropped at import, never stored per person.

``set_aside`` keeps those counts per plan and category (the only trace they leave);
``sensitive_domain`` holds the domains a workspace adds to the shipped list
(``planner privacy sensitive add``), workspace-wide. Two new tables: no existing row is
touched (hosts already stored under a listed domain are dropped by the next import).

Revision ID: 0015
Revises: 0013 (the organisation profile, merged from branch profile)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "sensitive_domain",
        sa.Column("domain", sa.String(255), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("domain"),
    )
    op.create_table(
        "set_aside",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "category"),
    )
    with op.batch_alter_table("set_aside", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_set_aside_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

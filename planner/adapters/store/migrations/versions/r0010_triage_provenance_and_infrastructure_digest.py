"""Triage provenance and the infrastructure list last applied.

A domain rule can now be removed (``discover undecide --domain``, or a reviewer deleting
it from the plan file): the hosts it decided go back to triage, but a host decided on its
own keeps its decision. The host's decision alone cannot say which it was when both agree,
so ``host.by_rule`` records that the rule on the host's domain made it. Existing hosts
whose decision and tool are those of the rule on their domain get it (the best the old
data can tell: a host decided on its own exactly as its domain's rule was is taken for
the rule's). ``plan.infrastructure_digest`` is the digest of the shipped infrastructure
list last applied to the plan's hosts (None on existing plans: their next import applies
the list to the hosts still undecided from earlier imports, then only when it changed).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # SQLite: the host table rebuilt whole, as in 0004 and 0009 (same DDL as a new
    # workspace); PostgreSQL: a plain ALTER. The plan table gets a plain ADD COLUMN (as in
    # 0007): rebuilding it would touch every table that refers to it.
    recreate: Literal["always", "auto"] = (
        "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    )
    with op.batch_alter_table("host", recreate=recreate) as batch_op:
        batch_op.add_column(
            sa.Column("by_rule", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.add_column("plan", sa.Column("infrastructure_digest", sa.String(64), nullable=True))
    host = sa.table(
        "host",
        sa.column("plan_id", sa.Integer()),
        sa.column("domain", sa.String()),
        sa.column("tool", sa.String()),
        sa.column("decision", sa.String()),
        sa.column("by_rule", sa.Boolean()),
    )
    rule = sa.table(
        "triage_rule",
        sa.column("plan_id", sa.Integer()),
        sa.column("domain", sa.String()),
        sa.column("decision", sa.String()),
        sa.column("tool", sa.String()),
    )
    same_tool = (rule.c.tool == host.c.tool) | (rule.c.tool.is_(None) & host.c.tool.is_(None))
    followed = (
        sa.select(sa.literal(1))
        .where(
            rule.c.plan_id == host.c.plan_id,
            rule.c.domain == host.c.domain,
            rule.c.decision == host.c.decision,
            same_tool,
        )
        .exists()
    )
    op.get_bind().execute(host.update().where(followed).values(by_rule=True))


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

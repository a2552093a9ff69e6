"""Plan use cases, head-count and excluded deployments.

Candidates are ranked per use case (internal network, customer community, ...), so a plan
records the use cases it pursues; shadow-IT thresholds are relative to the organisation's
head-count, so a plan records ``employees``; hard constraints include deployments the plan
refuses (e.g. on-premises). Existing plans get no use case (read as the internal network,
what they were ranked on before), no head-count (the former fixed threshold of 50 applies)
and no excluded deployment.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it with a constant default): no copy of the table.
    op.add_column("plan", sa.Column("employees", sa.Integer(), nullable=True))
    op.add_column("plan", sa.Column("use_cases", sa.String(), nullable=False, server_default=""))
    op.add_column(
        "plan",
        sa.Column("excluded_deployments", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

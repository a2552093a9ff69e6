"""Blocked attempts: requests the proxy denied to a known user, per host and per tool.

A Squid ``TCP_DENIED/403`` line with a user counted as one more user of the tool, so a
ban that worked looked like use. Such lines are now counted apart, per host
and summed per tool, as evidence that a ban bites. Existing hosts and tools start at 0:
the logs they came from were not kept, so their denied lines cannot be told apart now
(re-importing a log counts once; a fresh workspace re-reads them right).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # recreate: the tables are rebuilt whole, so a new workspace and an upgraded one have
    # the same DDL (an in-place ADD COLUMN would append it to the CREATE TABLE text).
    for table in ("host", "tool"):
        with op.batch_alter_table(table, recreate="always") as batch_op:
            batch_op.add_column(
                sa.Column("blocked", sa.Integer(), server_default="0", nullable=False)
            )


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

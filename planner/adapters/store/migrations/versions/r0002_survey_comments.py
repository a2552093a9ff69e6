"""Survey comments: keep what respondents wrote in the survey's comments column.

The survey template has always had a ``comments`` column, but the answers were stored
without it, so what people wrote was read and dropped. Existing answers get an
empty comment: the files they came from were not kept, so nothing can be recovered.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # recreate: the table is rebuilt whole, so a new workspace and an upgraded one have the
    # same DDL (an in-place ADD COLUMN would append it to the CREATE TABLE text).
    with op.batch_alter_table("survey_answer", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("comments", sa.String(), server_default="", nullable=False))


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

"""The organisation's profile: the suites it licenses and the countries it employs people in.

The ranking inferred an organisation's suite from its other official tools only, so a
Google Workspace shop ranked Google Chat last, and "included in a licence already paid"
ignored the tier (frontline staff on Microsoft 365 E3 need F1/F3). A plan now records its
licences (``suites``: "google-workspace", "microsoft-365:E3", comma-separated) and its
countries (``countries``: ISO 3166-1 alpha-2 codes). Existing plans declare neither (the
empty string): the ranking falls back to the suites their official tools show.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it with a constant default): no copy of the table.
    op.add_column("plan", sa.Column("suites", sa.String(), nullable=False, server_default=""))
    op.add_column("plan", sa.Column("countries", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

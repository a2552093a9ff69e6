"""When each person was last seen on each host.

Retention was checked per host: a host seen again today kept every person who used it
years ago, and one far-future row kept everyone on its host. ``host.user_seen`` holds, for
each person of ``user_set`` in the same order, the last day they were seen on the host, so
a purge drops each person of each host on their own. Existing rows get NULL: their persons
are taken as last seen on the host's ``last_seen`` (what the purge assumed so far), and
each later import dates the persons it sees. A plain nullable ADD COLUMN on both SQLite
and PostgreSQL: no table is rebuilt, no row rewritten.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("host", sa.Column("user_seen", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

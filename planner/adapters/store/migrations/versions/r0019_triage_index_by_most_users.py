"""The triage index orders a host's users from the most: ``(plan_id, tool, decision,
users DESC)``.

The triage page lists unmatched hosts by most users first (``reads_evidence.page``), so
the index now holds them in that order. The reason is the long tail's write: a
workspace's first import of 280,000 hosts drops this index and builds it again once the
rows are in (``sqlite_bulk.indexes_after``), and SQLite built it in 0.16 s with ``users``
ascending against 0.10 s descending (raw ``sqlite3`` on the same rows, five runs each,
medians; the build's sort meets nearly all hosts with one user). The queries' plans are
the same (checked by ``tests/services/test_host_indexes.py``).

The index is dropped and made again (its rows are the table's: nothing else changes).

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.drop_index("ix_host_triage", table_name="host")
    op.create_index(
        "ix_host_triage", "host", ["plan_id", "tool", "decision", sa.text("users DESC")]
    )


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

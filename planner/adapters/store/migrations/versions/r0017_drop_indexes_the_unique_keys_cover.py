"""Drop three indexes that other indexes of the same table already cover.

``ix_host_plan_id`` and ``ix_host_domain_plan_id`` index ``plan_id`` alone, which the unique
keys ``(plan_id, host)`` and ``(plan_id, domain)`` already start with: every look-up by plan
(and the cascade when a plan is deleted) uses those. ``ix_host_tool`` indexes ``tool`` alone,
but every query on a host's tool also names the plan, which ``ix_host_triage`` ``(plan_id,
tool, decision, users)`` serves. Each index costs a B-tree insert per row: an import of a
long tail writes a million hosts, and the two of ``host`` were a sixth of that write's CPU.

Rows are untouched; only the index pages go (plain ``DROP INDEX``, no table is rebuilt).

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None

DROPPED = {
    "host": ("ix_host_plan_id", "ix_host_tool"),
    "host_domain": ("ix_host_domain_plan_id",),
}


def upgrade() -> None:
    for table, indexes in DROPPED.items():
        for index in indexes:
            op.drop_index(index, table_name=table)


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

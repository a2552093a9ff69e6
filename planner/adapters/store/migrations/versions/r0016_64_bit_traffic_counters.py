"""64-bit traffic counters: hits, bytes and requests summed over imports.

A host with more than 2 GiB of traffic (2,147,483,647 bytes) failed its import on
PostgreSQL, whose ``integer`` is 32-bit ("value out of range"). The counters become
``BIGINT`` there: ``host`` (hits, bytes, blocked), ``host_domain`` (hits, bytes), ``tool``
(requests, bytes, blocked) and ``set_aside`` (requests). Existing values are kept as they
are (``ALTER COLUMN … TYPE BIGINT`` widens in place).

On SQLite nothing changes: its ``INTEGER`` already stores 64 bits, and the tables declare
these columns ``INTEGER`` there (``tables.workspace.TRAFFIC_COUNT``), so no table — ``host``
can hold a million rows — is rebuilt for a type name.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None

COUNTERS: dict[str, tuple[str, ...]] = {
    "host": ("hits", "bytes", "blocked"),
    "host_domain": ("hits", "bytes"),
    "tool": ("requests", "bytes", "blocked"),
    "set_aside": ("requests",),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return  # already 64-bit; a batch ALTER would copy every table for nothing
    for table, columns in COUNTERS.items():
        for column in columns:
            op.alter_column(
                table,
                column,
                type_=sa.BigInteger(),
                existing_type=sa.Integer(),
                existing_nullable=False,
            )


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

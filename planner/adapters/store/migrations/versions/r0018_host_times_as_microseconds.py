"""Hosts' and domains' times as microseconds since 1970 on SQLite.

``host.first_seen``, ``host.last_seen`` and ``host_domain.last_seen`` were SQLite
``DATETIME`` text (``2026-03-02 10:15:30.050000``, 26 bytes). A long tail's import writes
them for every new host, a million at a time, and the text was made per host from the
log's epoch seconds. They become ``BIGINT`` microseconds since 1970-01-01 UTC
(``core_types.UtcMicros``): 8 bytes, made by arithmetic, read without parsing. The
moments stay exactly what they were, to the microsecond (each text is converted in SQL:
its whole seconds through ``julianday``, exact for whole seconds once rounded, plus its
six digits of microseconds).

SQLite: the values are converted in place, then both tables are rebuilt whole so that an
upgraded workspace and a new one declare the same types (as revision 0009 did).
PostgreSQL: nothing changes; ``timestamptz`` already keeps microseconds since an epoch.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None

TIMES: dict[str, tuple[str, ...]] = {
    "host": ("first_seen", "last_seen"),
    "host_domain": ("last_seen",),
}

# SQLAlchemy's SQLite DATETIME text -> microseconds since 1970 (UTC). julianday() of the
# whole seconds is a double within a few microseconds of the truth: rounded to the second
# it is exact. The fraction's digits are padded to six ("…:30" has none).
_MICROS = (
    "CAST(round((julianday(substr({c}, 1, 19)) - 2440587.5) * 86400) AS INTEGER) * 1000000"
    " + CAST(substr({c} || '000000', 21, 6) AS INTEGER)"
)


def micros_sql(column: str) -> str:
    """The SQL that turns ``column``'s text into microseconds, other values left as are."""
    return f"CASE WHEN typeof({column}) = 'text' THEN {_MICROS.format(c=column)} ELSE {column} END"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # timestamptz already: the type (core_types.UtcMicros) is the database's own
    for table, columns in TIMES.items():
        changes = ", ".join(f"{c} = {micros_sql(c)}" for c in columns)
        op.execute(f"UPDATE {table} SET {changes}")  # noqa: S608 - our own names
        with op.batch_alter_table(table, recreate="always") as batch_op:
            for column in columns:
                batch_op.alter_column(
                    column,
                    type_=sa.BigInteger(),
                    existing_type=sa.DateTime(timezone=True),
                    existing_nullable=True,
                )


def downgrade() -> None:
    raise NotImplementedError(
        "planner does not downgrade: restore the copy kept beside the workspace "
        "(NAME.bak-REVISION) or use the release that made it"
    )

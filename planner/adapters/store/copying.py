"""Every row of one workspace into another, table by table, for ``planner workspace copy``.

Rows are copied in foreign-key order with their ids kept, in the caller's transaction on
the target, a chunk at a time (one executemany each); on PostgreSQL the id sequences are
then moved past the copied ids, or the next insert would collide with a copied row.
"""

from __future__ import annotations

from sqlalchemy import func, insert, select, text
from sqlmodel import Session, SQLModel

from planner.adapters.store import schema
from planner.adapters.store.db import Workspace

CHUNK = 5000


def copy_rows(source: Workspace, target: Session) -> int:
    """Copy every planner table's rows from ``source`` into ``target``; returns how many."""
    rows = 0
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name != schema.META_TABLE]
    with source.engine.connect() as reader:
        for table in tables:
            result = reader.execute(select(table).order_by(*table.primary_key.columns))
            while batch := result.fetchmany(CHUNK):
                target.execute(insert(table), [dict(r._mapping) for r in batch])
                rows += len(batch)
    if target.get_bind().dialect.name == "postgresql":
        for table in tables:
            if "id" in table.c and table.c.id.autoincrement:
                top = target.execute(select(func.max(table.c.id))).scalar()
                if top:
                    target.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"{int(top)})"
                        )
                    )
    return rows

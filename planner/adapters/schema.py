"""Schema versioning: create a new workspace, upgrade an older one in place.

A new database gets every table at the current version in one transaction. A database
made by an older release runs the steps in ``STEPS`` from its version up, each inside the
same transaction as the version bump (see ``adapters/db`` for why SQLite needs help there),
so a failed upgrade leaves the database exactly as it was. A database from a newer release
is refused rather than damaged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy import Connection, Table, inspect, select
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from planner.adapters import tables
from planner.errors import PlannerError

SCHEMA_VERSION = 1
VERSION_KEY = "schema_version"

# STEPS[n] upgrades a database at version n to version n + 1.
Step = Callable[[Connection], None]
STEPS: dict[int, Step] = {}


def current_version(conn: Connection) -> int | None:
    """The stored schema version, or None for an empty database."""
    if not inspect(conn).has_table(tables.MetaRecord.__tablename__):
        return None
    meta = _meta_table()
    row = conn.execute(select(meta.c.value).where(meta.c.key == VERSION_KEY)).scalar_one_or_none()
    return int(row) if row is not None else None


def _meta_table() -> Table:
    return SQLModel.metadata.tables[tables.MetaRecord.__tablename__]


def _set_version(conn: Connection, version: int) -> None:
    meta = _meta_table()
    updated = conn.execute(
        meta.update().where(meta.c.key == VERSION_KEY).values(value=str(version))
    )
    if updated.rowcount == 0:
        conn.execute(meta.insert().values(key=VERSION_KEY, value=str(version)))


def upgrade(
    engine: Engine, *, target: int = SCHEMA_VERSION, steps: Mapping[int, Step] | None = None
) -> int:
    """Bring the workspace to ``target``; return the version it had before (0 if new)."""
    steps = STEPS if steps is None else steps
    with engine.connect().execution_options(planner_write=True) as conn, conn.begin():
        version = current_version(conn)
        if version is None:
            if inspect(conn).get_table_names():
                raise PlannerError("the database holds other tables: not a planner workspace")
            SQLModel.metadata.create_all(conn)
            _set_version(conn, target)
            return 0
        if version > target:
            raise PlannerError(
                f"this workspace was made by a newer planner (schema {version}, "
                f"this one knows {target}); upgrade planner"
            )
        for v in range(version, target):
            if v not in steps:
                raise PlannerError(f"no upgrade step from schema {v} to {v + 1}")
            steps[v](conn)
            _set_version(conn, v + 1)
        return version

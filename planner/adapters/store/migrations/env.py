"""What Alembic runs for every command: migrate the connection planner hands over.

planner never lets Alembic open a connection of its own. ``planner.adapters.store.migrate``
puts its connection, already inside planner's write transaction (``BEGIN IMMEDIATE`` on
SQLite), in ``config.attributes["connection"]``; Alembic sees a transaction it does not
own and neither commits nor rolls back, so an upgrade is all or nothing.

``render_as_batch`` makes autogenerate (``scripts/new_revision.py``) write ALTERs as
``op.batch_alter_table``, which SQLite needs; sqlmodel's column types are written as the
plain SQLAlchemy types they stand for, so revisions do not depend on sqlmodel.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import planner.adapters.store.tables  # noqa: F401  (registers every table in SQLModel.metadata)
from planner.adapters.store.migrate import compared


def _render_item(kind: str, obj: Any, _autogen: Any) -> str | Literal[False]:
    if kind == "type" and isinstance(obj, AutoString):
        length = getattr(obj.impl_instance, "length", None)
        return f"sa.String({length})" if length else "sa.String()"
    if kind == "type" and type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def run() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "planner's migrations run on a connection from planner.adapters.store.migrate, "
            "not from the alembic command line"
        )
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        transactional_ddl=True,
        render_item=_render_item,
        include_object=compared,
    )
    with context.begin_transaction():
        context.run_migrations()


run()

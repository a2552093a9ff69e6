"""Create or upgrade a workspace's schema with Alembic, as one transaction.

Only reached when ``adapters/store/schema`` finds the workspace is not at its head, so Alembic is
imported here and nowhere on the fast path. Everything runs on one connection inside
planner's own write transaction (``BEGIN IMMEDIATE`` on SQLite, see ``adapters/store/db``):
recognising the database, the revisions and the version stamp commit together or not at
all, and a second process opening the same workspace waits, then finds it current.

* An empty database gets today's tables (``tables/``) and is stamped at head.
* A workspace from before Alembic (``planner_meta`` says schema 1) is stamped with the
  baseline, then upgraded.
* An older revision is upgraded; a SQLite file is first copied beside itself
  (``NAME.bak-REVISION``, see ``adapters/store/sqlite_backup``).
* A revision this code does not know (a newer release), or tables that are not planner's,
  are refused before anything is written.

On SQLite, foreign keys are switched off for the upgrade's connection: ``batch_alter_table``
rebuilds a table by copying it and dropping the old one, and with foreign keys on, that
DROP would cascade-delete every child row. ``PRAGMA foreign_key_check`` runs before the
commit instead, and the connection is discarded afterwards so no one gets it with
foreign keys off.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, inspect, select, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from planner.adapters.store import schema, sqlite_backup, tables
from planner.adapters.store.db import sqlite_path
from planner.adapters.store.migrations import SCRIPT_DIR, VERSIONS_DIR
from planner.adapters.store.schema import State, Upgrade
from planner.errors import InputError, WorkspaceVersionError

PLANNER_TABLES = frozenset({tables.PlanRecord.__tablename__, schema.META_TABLE})


def _expression_indexes() -> frozenset[str]:
    """The indexes ``tables/`` declares with an expression among their columns (revision
    0019: ``users DESC``)."""
    return frozenset(
        str(index.name)
        for table in SQLModel.metadata.tables.values()
        for index in table.indexes
        if not all(isinstance(part, Column) for part in index.expressions)
    )


# SQLAlchemy reflects SQLite's indexes as their columns alone (no order, no expression),
# so autogenerate would find each of these removed (as reflected) and added (as
# ``tables/`` declares it) at every new revision; it leaves them out, and
# tests/services/test_migrations.py checks the triage index's order on both databases.
ORDERED_INDEXES = _expression_indexes()


def compared(obj: object, name: str | None, kind: str, reflected: bool, other: object) -> bool:
    """Autogenerate's ``include_object``: everything but the ``ORDERED_INDEXES``."""
    return not (kind == "index" and name in ORDERED_INDEXES)


def config(extra_versions: Sequence[Path] = ()) -> Config:
    """Alembic's configuration for the shipped migrations (plus ``extra_versions``, for tests
    and for trying a revision before it is moved into
    ``planner/adapters/store/migrations/versions``)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_DIR))
    cfg.set_main_option("path_separator", "os")
    locations = [VERSIONS_DIR, *extra_versions]
    cfg.set_main_option("version_locations", os.pathsep.join(str(p) for p in locations))
    return cfg


def scripts(cfg: Config | None = None) -> ScriptDirectory:
    return ScriptDirectory.from_config(cfg or config())


def read_state(conn: Connection, script: ScriptDirectory) -> State:
    """Recognise the database on ``conn``; refuse one planner cannot use (writes nothing)."""
    head = script.get_current_head()
    assert head is not None, "the migrations have no head"
    names = set(inspect(conn).get_table_names())
    if schema.VERSION_TABLE in names and names & PLANNER_TABLES:
        rows = conn.execute(text(schema.SELECT_REVISION)).all()
        revisions = sorted(str(r[0]) for r in rows)
        known = {s.revision for s in script.walk_revisions()}
        if len(revisions) != 1:
            raise WorkspaceVersionError(
                f"this workspace records {len(revisions)} schema revisions "
                f"({', '.join(revisions) or 'none'}) instead of one: restore its latest backup"
            )
        if revisions[0] not in known:
            raise WorkspaceVersionError(
                f"this workspace was made by a newer planner (revision {revisions[0]}); "
                "upgrade planner"
            )
        return State(revisions[0], head)
    if schema.META_TABLE in names:
        meta = SQLModel.metadata.tables[schema.META_TABLE]
        value = conn.execute(
            select(meta.c.value).where(meta.c.key == schema.LEGACY_KEY)
        ).scalar_one_or_none()
        if value == schema.LEGACY_SCHEMA:
            return State(schema.BASELINE, head, legacy=True)
        if value is not None:
            raise WorkspaceVersionError(
                f"this workspace was made by a newer planner (schema {value}); upgrade planner"
            )
    if names:
        raise InputError("the database holds other tables: not a planner workspace")
    return State(None, head)


def status(engine: Engine, cfg: Config | None = None) -> State:
    """Where the workspace stands, without changing it."""
    with engine.connect() as conn, conn.begin():
        return read_state(conn, scripts(cfg))


def upgrade(
    engine: Engine, cfg: Config | None = None, permit: Callable[[State], None] | None = None
) -> Upgrade:
    """Create or upgrade the workspace to the head of ``cfg``'s migrations (see module doc).

    ``permit`` sees the state read under the migration lock before anything is written,
    and raises to refuse (``schema.permit_upgrade``): the transaction is then rolled back.
    """
    cfg = cfg or config()
    script = scripts(cfg)
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    backup: Path | None = None
    try:
        with _migration_connection(engine) as conn, conn.begin():
            _serialise(conn)
            state = read_state(conn, script)
            if not state.needs_upgrade:
                return Upgrade(state, state.head)
            if permit is not None:
                permit(state)
            if path is not None and state.revision is not None:
                backup = _backup(path, state)
            _run(cfg, conn, state)
            _mark_managed(conn)
            _check_foreign_keys(conn, state)
    except BaseException:
        if backup is not None:  # the workspace is unchanged: the copy is not needed
            backup.unlink(missing_ok=True)
        raise
    return Upgrade(state, state.head, backup)


@contextmanager
def _migration_connection(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            yield conn.execution_options(planner_write=True)
            return
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or it is ignored
        try:
            yield conn.execution_options(planner_write=True)
        finally:
            conn.invalidate()  # never hand this connection out again with foreign keys off


def _serialise(conn: Connection) -> None:
    """On PostgreSQL, one upgrade of a schema at a time (SQLite: BEGIN IMMEDIATE did it)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "SELECT pg_advisory_xact_lock(hashtext('planner-migrations'), "
                "hashtext(current_schema()))"
            )
        )


def _backup(path: Path, state: State) -> Path:
    try:
        return sqlite_backup.backup_beside(path, state.backup_label)
    except Exception as exc:
        raise WorkspaceVersionError(
            f"cannot keep a copy of {path} before upgrading it: {_reason(exc)}; "
            "the workspace was not upgraded"
        ) from exc


def _run(cfg: Config, conn: Connection, state: State) -> None:
    cfg.attributes["connection"] = conn
    try:
        if state.revision is None:
            SQLModel.metadata.create_all(conn)  # every table in planner.adapters.store.tables
            command.stamp(cfg, state.head)
            return
        if state.legacy:
            command.stamp(cfg, schema.BASELINE)
        command.upgrade(cfg, state.head)
    except Exception as exc:
        raise WorkspaceVersionError(
            f"upgrading the workspace from {state.label} to {state.head} failed: "
            f"{_reason(exc)}; the workspace was left as it was"
        ) from exc
    finally:
        del cfg.attributes["connection"]


def _mark_managed(conn: Connection) -> None:
    """Leave a schema_version that releases before Alembic refuse (``adapters/store/schema``)."""
    meta = SQLModel.metadata.tables[schema.META_TABLE]
    key, mark = schema.LEGACY_KEY, schema.MANAGED_MARK
    if conn.execute(meta.update().where(meta.c.key == key).values(value=mark)).rowcount == 0:
        conn.execute(meta.insert().values(key=key, value=mark))


def _check_foreign_keys(conn: Connection, state: State) -> None:
    if conn.dialect.name != "sqlite":
        return
    broken = sorted({str(r[0]) for r in conn.exec_driver_sql("PRAGMA foreign_key_check")})
    if broken:
        raise WorkspaceVersionError(
            f"upgrading the workspace from {state.label} to {state.head} would leave rows "
            f"pointing at missing rows in {', '.join(broken)}; the workspace was left as it was"
        )


def _reason(exc: BaseException) -> str:
    """The first line of what went wrong (SQLAlchemy adds the SQL and a link below it)."""
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {lines[0]}" if lines else type(cause).__name__

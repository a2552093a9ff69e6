"""The workspace database: file creation, pragmas, schema versioning and upgrades."""

import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from planner.adapters import schema
from planner.adapters.db import make_engine, open_workspace
from planner.errors import InputError, PlannerError


def test_new_workspace_is_owner_only_wal_with_foreign_keys(db_path: Path) -> None:
    ws = open_workspace(db_path)
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        with ws.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
            assert schema.current_version(conn) == schema.SCHEMA_VERSION
    finally:
        ws.dispose()


def test_reopening_keeps_data_and_version(db_path: Path) -> None:
    open_workspace(db_path).dispose()
    engine = make_engine(db_path)
    try:
        assert schema.upgrade(engine) == schema.SCHEMA_VERSION
    finally:
        engine.dispose()


def test_engine_is_not_created_at_import() -> None:
    import planner.adapters.db as db
    import planner.bootstrap as bootstrap

    assert not any(type(v).__name__ == "Engine" for v in vars(db).values())
    assert not any(type(v).__name__ == "Engine" for v in vars(bootstrap).values())


def test_non_database_file_is_refused_and_untouched(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_bytes(b"this is not a database\n" * 10)
    before = bogus.read_bytes()
    with pytest.raises(InputError, match="not a planner workspace"):
        open_workspace(bogus)
    assert bogus.read_bytes() == before


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(PlannerError, match="other tables"):
        open_workspace(other)


def test_newer_schema_is_refused(db_path: Path) -> None:
    open_workspace(db_path).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE planner_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(PlannerError, match="newer planner"):
        open_workspace(db_path)


def _add_colour(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE plan ADD COLUMN colour TEXT DEFAULT 'blue'"))


def _broken(conn: Connection) -> None:
    conn.execute(text("CREATE TABLE half_done (id INTEGER)"))
    raise RuntimeError("step failed half-way")


def test_upgrade_runs_steps_in_place(db_path: Path) -> None:
    engine = make_engine(db_path)
    try:
        schema.upgrade(engine)
        target = schema.SCHEMA_VERSION + 1
        before = schema.upgrade(engine, target=target, steps={schema.SCHEMA_VERSION: _add_colour})
        assert before == schema.SCHEMA_VERSION
        with engine.connect() as conn:
            assert schema.current_version(conn) == target
            columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(plan)")]
        assert "colour" in columns
    finally:
        engine.dispose()


def test_failed_upgrade_changes_nothing(db_path: Path) -> None:
    """DDL and the version bump roll back together (Python 3.11's driver would not)."""
    engine = make_engine(db_path)
    try:
        schema.upgrade(engine)
        with pytest.raises(RuntimeError):
            schema.upgrade(
                engine, target=schema.SCHEMA_VERSION + 1, steps={schema.SCHEMA_VERSION: _broken}
            )
        with engine.connect() as conn:
            assert schema.current_version(conn) == schema.SCHEMA_VERSION
            tables = [
                r[0]
                for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            ]
        assert "half_done" not in tables
    finally:
        engine.dispose()

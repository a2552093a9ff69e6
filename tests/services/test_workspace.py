"""The workspace database: file creation, pragmas, refusing what is not a workspace.

Schema revisions and upgrades are tested in ``test_migrations.py``.
"""

import sqlite3
import stat
from pathlib import Path

import pytest

from planner.adapters.store import schema
from planner.adapters.store.db import make_engine, open_workspace
from planner.errors import InputError, WorkspaceVersionError


def test_new_workspace_is_owner_only_wal_with_foreign_keys(db_path: Path) -> None:
    ws = open_workspace(db_path)
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        with ws.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [
                (schema.HEAD,)
            ]
    finally:
        ws.dispose()


def test_reopening_keeps_data_and_version(db_path: Path) -> None:
    first = open_workspace(db_path)
    first.dispose()
    assert first.upgrade is not None and first.upgrade.before.revision is None  # created
    again = open_workspace(db_path)
    again.dispose()
    assert again.upgrade is None  # already at head: nothing done
    engine = make_engine(db_path)
    try:
        assert schema.is_current(engine)
    finally:
        engine.dispose()


def test_engine_is_not_created_at_import() -> None:
    import planner.adapters.store.db as db
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


def test_foreign_sqlite_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
        conn.execute("INSERT INTO accounts VALUES (42)")
    conn.close()
    before = other.read_bytes()
    with pytest.raises(InputError, match="not a planner workspace"):
        open_workspace(other)
    assert other.read_bytes() == before  # probed read-only: not even switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_another_apps_alembic_database_is_not_taken_for_a_newer_planner(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    before = other.read_bytes()
    with pytest.raises(InputError, match="not a planner workspace"):
        open_workspace(other)
    assert other.read_bytes() == before


def test_newer_release_before_alembic_is_refused(db_path: Path) -> None:
    """A planner_meta schema_version above 1 without alembic_version: not ours to guess."""
    open_workspace(db_path).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TABLE alembic_version")
        conn.execute("UPDATE planner_meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(WorkspaceVersionError, match=r"newer planner \(schema 99\)"):
        open_workspace(db_path)


def test_releases_before_alembic_would_refuse_a_new_workspace(db_path: Path) -> None:
    """They read planner_meta.schema_version and refuse anything above their 1."""
    open_workspace(db_path).dispose()
    with sqlite3.connect(db_path) as conn:
        value = conn.execute("SELECT value FROM planner_meta WHERE key = 'schema_version'")
        assert int(value.fetchone()[0]) > 1
    conn.close()

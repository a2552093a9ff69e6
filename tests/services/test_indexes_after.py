"""A first import into an empty workspace builds the host tables' indexes once, after its
rows (``sqlite_bulk.indexes_after``): the workspace must end with the very indexes a fresh one
has, each holding every row, and a write that fails must leave them as they were. The
larger page cache of a bulk write (``sqlite_bulk.larger_cache``) is the connection's own again
afterwards, however the block ends."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.adapters.store import bulk, sqlite_bulk
from planner.adapters.store.db import Session, open_workspace
from planner.adapters.store.evidence import HOST
from planner.adapters.store.repository import Repository
from planner.bootstrap import Planner
from planner.services.discover import import_file
from planner.services.plans import create_plan

LINE = (
    "{t}.000     10 10.0.0.5 TCP_TUNNEL/200 {size} CONNECT {host}:443 {user} "
    "HIER_DIRECT/203.0.113.10 -\n"
)
TABLES = ("host", "host_domain")


def _log(path: Path, hosts: int, prefix: str) -> Path:
    path.write_text(
        "".join(
            LINE.format(
                t=1772546530 + n, size=100 + n, host=f"{prefix}{n}.d{n % 13}.com", user=f"u{n % 7}"
            )
            for n in range(hosts)
        ),
        encoding="utf-8",
    )
    return path


def _indexes(path: Path | str) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (?, ?)",
            TABLES,
        ).fetchall()
    conn.close()
    return dict(rows)


def _through(path: str, sql: str, *args: object) -> int:
    """A count read through the named index only (``INDEXED BY``)."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (count,) = conn.execute(sql, args).fetchone()
    conn.close()
    return int(count)


def _sqlite(planner: Planner) -> str:
    if planner.workspace.dialect != "sqlite":
        pytest.skip("SQLite's own indexes")
    database = planner.workspace.engine.url.database
    assert database is not None
    return database


def _plan_id(planner: Planner, name: str) -> int:
    with planner.workspace.read() as session:
        found = Repository(session).plan_record(name).id
    assert found is not None
    return found


def _import(planner: Planner, plan: str, path: Path) -> None:
    import_file(planner.workspace, planner.catalog, planner.pseudonym_key, plan, path)


def test_a_first_import_ends_with_a_fresh_workspaces_indexes_holding_every_row(
    planner: Planner, tmp_path: Path
) -> None:
    path = _sqlite(planner)
    fresh = tmp_path / "fresh.sqlite"
    open_workspace(str(fresh)).dispose()
    create_plan(planner.workspace, "one", dt.date(2026, 1, 5))
    _import(planner, "one", _log(tmp_path / "a.log", 260, "a"))
    planner.workspace.dispose()
    assert _indexes(path) == _indexes(fresh)
    plan_id = _plan_id(planner, "one")
    by_domain = (
        "SELECT count(*) FROM host INDEXED BY ix_host_domain WHERE plan_id = ? AND domain = ?"
    )
    assert _through(path, by_domain, plan_id, "d4.com") == 20
    triage = (
        "SELECT count(*) FROM host INDEXED BY ix_host_triage WHERE plan_id = ? AND tool IS NULL"
    )
    assert _through(path, triage, plan_id) == 260
    page = "SELECT count(*) FROM host_domain INDEXED BY ix_host_domain_page WHERE plan_id = ?"
    assert _through(path, page, plan_id) == 13


def test_a_second_plans_import_keeps_the_first_plans_rows_indexed(
    planner: Planner, tmp_path: Path
) -> None:
    path = _sqlite(planner)
    for name in ("one", "two"):
        create_plan(planner.workspace, name, dt.date(2026, 1, 5))
    _import(planner, "one", _log(tmp_path / "a.log", 130, "a"))
    _import(planner, "two", _log(tmp_path / "b.log", 260, "b"))
    planner.workspace.dispose()
    by_domain = (
        "SELECT count(*) FROM host INDEXED BY ix_host_domain WHERE plan_id = ? AND domain = ?"
    )
    assert _through(path, by_domain, _plan_id(planner, "one"), "d4.com") == 10
    assert _through(path, by_domain, _plan_id(planner, "two"), "d4.com") == 20


def test_a_write_that_fails_leaves_the_indexes_and_no_row(planner: Planner, tmp_path: Path) -> None:
    path = _sqlite(planner)
    create_plan(planner.workspace, "one", dt.date(2026, 1, 5))
    plan_id = _plan_id(planner, "one")
    before = _indexes(path)

    def rows() -> Iterator[tuple[object, ...]]:
        for n in range(bulk.CHUNK + 10):
            if n == bulk.CHUNK + 5:
                raise RuntimeError("the reader failed")
            yield (plan_id, f"h{n}.example.com", 1, 1, 0, b"", 0, False)

    columns = ("plan_id", "host", "hits", "bytes", "users", "user_set", "blocked", "by_rule")
    with (
        pytest.raises(RuntimeError),
        planner.workspace.write() as session,
        sqlite_bulk.indexes_after(session, HOST),
    ):
        bulk.insert_rows(session, HOST, columns, rows())
    planner.workspace.dispose()
    assert _indexes(path) == before
    assert _through(path, "SELECT count(*) FROM host") == 0


def test_the_connections_own_cache_size_comes_back(planner: Planner) -> None:
    _sqlite(planner)

    def size(session: Session) -> int:
        return int(session.connection().exec_driver_sql("PRAGMA cache_size").scalar_one())

    with planner.workspace.write() as session:
        before = size(session)
        with sqlite_bulk.larger_cache(session, 4096):
            assert size(session) == -4096
        assert size(session) == before
        with pytest.raises(RuntimeError), sqlite_bulk.larger_cache(session):
            raise RuntimeError("the write failed")
        assert size(session) == before
    assert before != -4096

"""Full disks, unwritable targets, corrupt workspaces, upgrades, concurrent writers."""

from __future__ import annotations

import datetime as dt
import errno
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.adapters import files
from planner.adapters.store.core_types import utc_micros
from planner.adapters.store.db import open_workspace
from planner.adapters.store.schema import HEAD
from planner.errors import InputError, PlannerError
from tests.conftest import DATA, ROOT

FIXTURES = DATA / "workspaces"


def test_disk_full_during_export_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("the reviewed plan\n", encoding="utf-8")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(PlannerError) as info:
        files.write_atomic(target, "new content\n" * 1000)
    assert str(info.value) == f"{target}: cannot write: No space left on device"
    assert target.read_text(encoding="utf-8") == "the reviewed plan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.yaml"]  # no temp file left


def test_unwritable_target_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    db = tmp_path / "ws.sqlite"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "plan",
            "new",
            "acme",
            "--start",
            "2027-01-04",
            "--db",
            str(db),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "plan",
            "export",
            "-o",
            str(blocker / "plan.yaml"),
            "--db",
            str(db),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert len(out.stderr.strip().splitlines()) == 1
    assert "cannot write" in out.stderr and "Traceback" not in out.stderr


def test_export_writes_only_the_chosen_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "plan.yaml"
    files.write_atomic(target, "content\n")
    assert [p.name for p in target.parent.iterdir()] == ["plan.yaml"]


def test_corrupt_workspace_is_refused_and_left_untouched(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    before = corrupt.read_bytes()
    with pytest.raises(PlannerError, match="cannot open workspace"):
        open_workspace(corrupt)
    assert corrupt.read_bytes() == before
    assert not (tmp_path / "corrupt.sqlite-wal").exists()
    text = tmp_path / "notes.sqlite"
    text.write_text("hello")
    with pytest.raises(InputError, match="not a planner workspace"):
        open_workspace(text)
    assert text.read_text() == "hello"


# Moments revision 0018 keeps as microseconds since 1970 rather than SQLite text: the
# same moment either way, so an older file's text is compared as its microseconds.
MICROS = {("host", "first_seen"), ("host", "last_seen"), ("host_domain", "last_seen")}


def _micros(value: object) -> object:
    if isinstance(value, str):
        return utc_micros(dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC))
    return value


def _rows(
    path: Path, columns: dict[str, list[str]] | None = None
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every planner table (not the version bookkeeping), in a stable order;
    with ``columns``, only those columns of those tables (what an older revision had:
    later revisions may add tables and columns, never lose a value). The moments of
    ``MICROS`` as microseconds, however the file keeps them."""
    with sqlite3.connect(path) as conn:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] not in ("alembic_version", "planner_meta")
        ]
        rows = {}
        for n in names if columns is None else list(columns):
            chosen = "*" if columns is None else ", ".join(f'"{c}"' for c in columns[n])
            cursor = conn.execute(f'SELECT {chosen} FROM "{n}"')
            moments = [i for i, d in enumerate(cursor.description) if (n, d[0]) in MICROS]
            found = [
                tuple(_micros(v) if i in moments else v for i, v in enumerate(row))
                for row in cursor.fetchall()
            ]
            rows[n] = sorted(found, key=repr)
    conn.close()
    return rows


def _columns(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        found = {
            t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')]
            for t in tables
            if t not in ("alembic_version", "planner_meta")
        }
    conn.close()
    return found


WORKSPACE_FIXTURES = sorted([*FIXTURES.glob("schema-*.sqlite"), *FIXTURES.glob("rev-*.sqlite")])


@pytest.mark.parametrize("fixture", WORKSPACE_FIXTURES, ids=lambda p: p.name)
def test_workspaces_of_every_revision_open_and_upgrade(fixture: Path, tmp_path: Path) -> None:
    """schema-1 was made by the last release before Alembic; rev-N by the release whose
    head was N. Each opens, reaches the head, keeps every row, and is backed up first
    only when it needed an upgrade."""
    copy = tmp_path / fixture.name
    shutil.copy(fixture, copy)
    before = _rows(copy)
    old_columns = _columns(copy)
    ws = open_workspace(copy)
    try:
        with ws.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [
                (HEAD,)
            ]
        from planner.adapters.catalog_files import load_catalog
        from planner.services.plan_file import render_plan

        text = render_plan(ws, "fixture", __import__("datetime").date(2027, 2, 1), load_catalog())
        assert "name: fixture" in text and "facebook" in text
    finally:
        ws.dispose()
    assert _rows(copy, old_columns) == before  # later revisions may only add
    backups = sorted(tmp_path.glob(f"{fixture.name}.bak-*"))
    if fixture.name == f"rev-{HEAD}.sqlite":
        assert ws.upgrade is None and backups == []
    else:
        assert ws.upgrade is not None and backups == [ws.upgrade.backup]
        assert _rows(backups[0]) == before


def test_there_is_a_fixture_for_the_head_revision() -> None:
    """Made by scripts/make_fixture_workspace.py whenever a revision becomes the head."""
    assert (FIXTURES / f"rev-{HEAD}.sqlite").is_file()
    assert (FIXTURES / "schema-1.sqlite").is_file()  # the last release before Alembic


@pytest.mark.slow
def test_concurrent_writers_on_one_sqlite_file(tmp_path: Path) -> None:
    """Two imports and a plan edit at the same time: none fails with 'database is locked',
    and both imports count."""
    db = tmp_path / "ws.sqlite"
    logs = []
    for seed in (1, 2, 3):
        log = tmp_path / f"site{seed}.log"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "gen_squid_log.py"),
                str(log),
                "--lines",
                "60000",
                "--seed",
                str(seed),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        logs.append(log)
    base = [sys.executable, "-m", "planner"]
    subprocess.run(
        [*base, "plan", "new", "acme", "--start", "2026-01-05", "--db", str(db)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    procs = [
        subprocess.Popen(
            [*base, "discover", "import", str(log), "--db", str(db)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for log in logs
    ]
    procs.append(
        subprocess.Popen(
            [*base, "risks", "set", "cost", "--owner", "CFO", "--db", str(db)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    results = [(p.wait(timeout=300), p.communicate()) for p in procs]
    for code, (_, err) in results:
        assert code == 0, err
        assert "locked" not in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM import_run").fetchone()[0] == 3
        assert conn.execute("SELECT owner FROM risk WHERE slug='cost'").fetchone()[0] == "CFO"

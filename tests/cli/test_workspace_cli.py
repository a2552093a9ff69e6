"""planner workspace version / upgrade through the real entry point: what they print,
that version changes nothing, and one-line errors with exit code 2."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from planner.adapters.store.schema import HEAD
from tests.cli.test_cli import planner
from tests.conftest import DATA

LEGACY = DATA / "workspaces" / "schema-1.sqlite"


def _legacy_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "old.sqlite"
    shutil.copy(LEGACY, copy)
    return copy


def _dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        lines = list(conn.iterdump())
    conn.close()
    return lines


def test_version_reports_without_upgrading(tmp_path: Path) -> None:
    db = _legacy_copy(tmp_path)
    before = _dump(db)
    out = planner("workspace", "version", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        f"workspace: sqlite:///{db}",
        "revision:  schema 1 (before Alembic)",
        f"head:      {HEAD}",
        "upgrade needed: planner workspace upgrade (or open it with this planner)",
    ]
    assert _dump(db) == before  # no version table, no mark: nothing written
    assert not list(tmp_path.glob("*.bak-*"))


def test_upgrade_prints_from_to_and_the_backup(tmp_path: Path) -> None:
    db = _legacy_copy(tmp_path)
    out = planner("workspace", "upgrade", "--db", str(db))
    assert out.returncode == 0, out.stderr
    backup = tmp_path / "old.sqlite.bak-schema1"
    assert out.stderr.strip() == (
        f"upgraded sqlite:///{db}: schema 1 (before Alembic) -> {HEAD} (backup: {backup})"
    )
    assert backup.is_file()
    out = planner("workspace", "version", "--db", str(db))
    assert out.stdout.splitlines()[1:] == [f"revision:  {HEAD}", f"head:      {HEAD}", "up to date"]
    out = planner("workspace", "upgrade", "--db", str(db))
    assert out.returncode == 0
    assert out.stderr.strip() == f"sqlite:///{db} is already at {HEAD}: nothing to do"


def test_version_and_upgrade_on_both_engines(workspace_db: str) -> None:
    assert (
        planner("--db", workspace_db, "plan", "new", "acme", "--start", "2027-01-04").returncode
        == 0
    )
    out = planner("workspace", "version", "--db", workspace_db)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "up to date"
    assert "password" not in out.stdout
    out = planner("workspace", "upgrade", "--db", workspace_db)
    assert out.returncode == 0, out.stderr
    assert "nothing to do" in out.stderr


def test_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    for action in ("version", "upgrade"):
        out = planner("workspace", action, "--db", str(missing))
        assert (out.returncode, out.stderr) == (
            2,
            f"{missing}: no workspace here: run 'planner plan new' or 'planner demo'\n",
        )
    assert not missing.exists()

    newer = _legacy_copy(tmp_path)
    assert planner("workspace", "upgrade", "--db", str(newer)).returncode == 0
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d'")
    conn.close()
    for args in (("workspace", "version"), ("workspace", "upgrade"), ("plan", "list")):
        out = planner(*args, "--db", str(newer))
        assert out.returncode == 2
        assert out.stderr == (
            "planner: this workspace was made by a newer planner (revision f00d); upgrade planner\n"
        )

    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    conn.close()
    before = foreign.read_bytes()
    out = planner("workspace", "upgrade", "--db", str(foreign))
    assert out.returncode == 2
    assert out.stderr == (f"{foreign}: not a planner workspace (another application's database)\n")
    assert foreign.read_bytes() == before

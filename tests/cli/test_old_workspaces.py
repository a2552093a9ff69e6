"""Workspaces are never changed behind the user's back, through the real entry point.

A command that only reads refuses an older workspace with one line (exit 2) and leaves its
file byte for byte and its directory as they were; a command that writes upgrades an older
SQLite file after saying so on stderr, keeping a copy; a database on a server is upgraded
only by ``planner workspace upgrade``, confirmed (``--yes`` in scripts). The SQLite cases
run on every committed fixture revision; the PostgreSQL ones where
``PLANNER_TEST_DATABASE_URL`` names a server, and are skipped otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.adapters.store.schema import HEAD
from tests.cli.test_cli import planner
from tests.conftest import DATA, PG_URL, pg_schema_url

FIXTURES = sorted((DATA / "workspaces").glob("*.sqlite"))
OLD = [f for f in FIXTURES if f.name != f"rev-{HEAD}.sqlite"]
READ_ONLY = (["plan", "list"], ["plan", "show", "fixture"], ["tools", "list", "--plan", "fixture"])


def _label(fixture: Path) -> str:
    if fixture.name == "schema-1.sqlite":
        return "schema 1 (before Alembic)"
    return fixture.stem.removeprefix("rev-")


def _at(fixture: Path) -> str:
    label = _label(fixture)
    return label if label.startswith("schema") else f"revision {label}"


def _copy(fixture: Path, tmp_path: Path) -> Path:
    db = tmp_path / "old.sqlite"
    shutil.copy(fixture, db)
    return db


def _state(db: Path) -> tuple[bytes, int, list[str]]:
    return db.read_bytes(), db.stat().st_mtime_ns, sorted(p.name for p in db.parent.iterdir())


@pytest.mark.parametrize("fixture", OLD, ids=lambda p: p.stem)
def test_read_only_commands_refuse_an_older_workspace_and_change_nothing(
    fixture: Path, tmp_path: Path
) -> None:
    db = _copy(fixture, tmp_path)
    before = _state(db)
    for argv in READ_ONLY[:1] if fixture != OLD[0] else READ_ONLY:
        out = planner(*argv, "--db", str(db))
        assert (out.returncode, out.stdout) == (2, ""), out.stderr
        assert out.stderr == (
            f"planner: sqlite:///{db} is at {_at(fixture)} and this planner needs revision "
            f"{HEAD}: run 'planner workspace upgrade' first (nothing was changed)\n"
        )
        assert _state(db) == before


def test_read_only_commands_read_a_current_workspace_without_changing_it(tmp_path: Path) -> None:
    db = _copy(DATA / "workspaces" / f"rev-{HEAD}.sqlite", tmp_path)
    before = _state(db)
    for argv in READ_ONLY:
        out = planner(*argv, "--db", str(db))
        assert out.returncode == 0, out.stderr
        assert out.stderr == ""
    assert "fixture" in planner("plan", "list", "--db", str(db)).stdout
    assert _state(db) == before


@pytest.mark.parametrize("fixture", [OLD[0], OLD[-1]], ids=lambda p: p.stem)
def test_a_writing_command_says_it_upgrades_and_keeps_a_copy(fixture: Path, tmp_path: Path) -> None:
    db = _copy(fixture, tmp_path)
    original = db.read_bytes()
    backup_label = "schema1" if fixture.name == "schema-1.sqlite" else _label(fixture)
    out = planner("plan", "use", "fixture", "--db", str(db))
    assert out.returncode == 0, out.stderr
    backup = tmp_path / f"old.sqlite.bak-{backup_label}"
    assert out.stderr.splitlines() == [
        f"planner: upgrading {db} from {_label(fixture)} to {HEAD} before writing to it; "
        f"the old file is kept beside it as {backup.name}",
        "current plan: 'fixture' (commands given no plan act on it)",
    ]
    assert backup.read_bytes() != b"" and backup.is_file()
    assert planner("workspace", "version", "--db", str(db)).stdout.splitlines()[-1] == "up to date"
    # The copy is the workspace as it was: the older revision still refuses to be read.
    assert planner("plan", "list", "--db", str(backup)).returncode == 2
    assert original[:16] == backup.read_bytes()[:16]


def test_only_commands_that_make_a_plan_create_a_workspace(tmp_path: Path) -> None:
    """A mistyped --db: reading, exporting or editing finds no workspace and makes none."""
    missing = tmp_path / "typo.sqlite"
    commands = (
        ["plan", "list"],
        ["plan", "export", "x", "-o", "-"],
        ["tools", "set", "a", "--owner", "me"],
    )
    for argv in commands:
        out = planner(*argv, "--db", str(missing))
        assert out.returncode == 2
        assert out.stderr == (
            f"{missing}: no workspace here: run 'planner plan new' or 'planner demo'\n"
        )
    assert list(tmp_path.iterdir()) == []


def _immutable(directory: Path) -> bool:
    """Make ``directory`` unwritable even for root (chattr +i), or by mode for others."""
    if os.geteuid() != 0:
        directory.chmod(0o555)
        return True
    done = subprocess.run(["chattr", "+i", str(directory)], capture_output=True, check=False)
    return done.returncode == 0


def _writable(directory: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(directory)], capture_output=True, check=False)
    directory.chmod(0o755)


def test_a_workspace_in_a_read_only_directory_says_why_it_cannot_open(tmp_path: Path) -> None:
    home = tmp_path / "locked"
    home.mkdir()
    db = home / "ws.sqlite"
    assert planner("plan", "new", "acme", "--start", "2027-01-04", "--db", str(db)).returncode == 0
    if not _immutable(home):
        pytest.skip("cannot make a directory read-only here")
    try:
        for argv in (["plan", "list"], ["plan", "set", "--owner", "me"]):
            out = planner(*argv, "--db", str(db))
            assert out.returncode == 1
            assert out.stderr == (
                f"planner: cannot open workspace sqlite:///{db}: unable to open database file: "
                f"its directory {home} is read-only and SQLite must create ws.sqlite-wal and "
                "ws.sqlite-shm there; make the directory writable, or copy the workspace to "
                "one that is\n"
            )
    finally:
        _writable(home)


# -- PostgreSQL: a shared database is upgraded only on purpose -----------------------------


@pytest.fixture
def old_pg() -> Iterator[str]:
    """A PostgreSQL schema of its own holding a workspace at revision 0003."""
    if PG_URL is None:
        pytest.skip("PLANNER_TEST_DATABASE_URL is not set")
    from alembic import command
    from sqlalchemy import create_engine, text

    from planner.adapters.store import migrate

    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = pg_schema_url(schema)
    engine = create_engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            config = migrate.config()
            config.attributes["connection"] = conn
            command.upgrade(config, "0003")
        yield url
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _revision(url: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one())
    finally:
        engine.dispose()


def test_postgresql_is_upgraded_only_by_workspace_upgrade_confirmed(old_pg: str) -> None:
    for argv in (["plan", "list"], ["plan", "new", "acme", "--start", "2027-01-04"]):
        out = planner(*argv, "--db", old_pg)
        assert out.returncode == 2, out.stderr
        assert out.stderr.endswith(
            f"is at revision 0003 and this planner needs revision {HEAD}: run 'planner "
            "workspace upgrade' first (nothing was changed)\n"
        )
        assert len(out.stderr.splitlines()) == 1 and "password" not in out.stderr
        assert _revision(old_pg) == "0003"
    out = planner("workspace", "upgrade", "--db", old_pg)  # no terminal, no --yes
    assert out.returncode == 2
    assert out.stderr.startswith("planner: not upgrading ")
    assert out.stderr.endswith(" without confirmation: run on a terminal, or add --yes\n")
    assert _revision(old_pg) == "0003"
    out = planner("workspace", "upgrade", "--yes", "--db", old_pg)
    assert out.returncode == 0, out.stderr
    assert f"0003 -> {HEAD} (no file copy (not SQLite))" in out.stderr
    assert _revision(old_pg) == HEAD
    assert planner("plan", "list", "--db", old_pg).returncode == 0

"""Upgrade backups and the purge, as a user meets them: a workspace made by an older
release is upgraded (``NAME.bak-REVISION`` beside it), a retention period is recorded,
evidence ages past it and ``planner privacy purge`` runs. The backup held the pseudonyms
the purge removed: it goes too, and the purge says so; the Art. 30 record says where
backups are."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.cli.test_cli import planner
from tests.conftest import DATA


def _upgraded(tmp_path: Path) -> tuple[str, Path]:
    db = tmp_path / "ws.sqlite"
    shutil.copy(DATA / "workspaces" / "rev-0009.sqlite", db)
    out = planner("workspace", "upgrade", "--db", str(db))
    assert out.returncode == 0, out.stderr
    (backup,) = tmp_path.glob("ws.sqlite.bak-*")
    out = planner("privacy", "set", "--retention-days", "30", "--plan", "fixture", "--db", str(db))
    assert out.returncode == 0, out.stderr
    return str(db), backup


def _pseudonyms(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {p for (p,) in con.execute("SELECT pseudonym FROM person")}


def test_a_purge_deletes_the_backups_holding_what_it_removed(tmp_path: Path) -> None:
    db, backup = _upgraded(tmp_path)
    record = planner("privacy", "record", "--plan", "fixture", "--db", db)
    assert "Copies (backups) | Upgrade backups beside the workspace" in record.stdout
    assert f"{backup.name};" in record.stdout  # (the Markdown cell escapes the path's _)
    before = _pseudonyms(backup)
    assert before

    out = planner("privacy", "purge", "--plan", "fixture", "--db", db,
                  env={"PLANNER_TODAY": "2027-06-01"})  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert f"deleted upgrade backup {backup}: it held purged pseudonyms" in out.stderr
    assert not backup.exists()
    assert not list(tmp_path.glob("ws.sqlite.bak-*"))
    assert before - _pseudonyms(Path(db)), "the purge removed pseudonyms the backup held"
    record = planner("privacy", "record", "--plan", "fixture", "--db", db)
    assert "made before each schema upgrade): none now" in record.stdout


def test_a_purge_that_removes_nothing_keeps_the_backups(tmp_path: Path) -> None:
    db, backup = _upgraded(tmp_path)
    out = planner("privacy", "purge", "--plan", "fixture", "--db", db,
                  env={"PLANNER_TODAY": "2026-01-01"})  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "pseudonyms dropped from 0 hosts" in out.stderr and "backup" not in out.stderr
    assert backup.exists()


def test_an_import_whose_purge_drops_pseudonyms_deletes_those_backups_too(
    tmp_path: Path,
) -> None:
    """A log import runs the purge too (at the real time: the fixture's March 2026
    evidence is past a 30-day retention by then); the log is one the fixture had not seen."""
    db, backup = _upgraded(tmp_path)
    log = DATA / "discover" / "week2.squid.log"
    out = planner("discover", "import", str(log), "--plan", "fixture", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "pseudonyms past retention dropped from" in out.stderr
    assert f"deleted upgrade backup {backup}: it held purged pseudonyms" in out.stderr
    assert not backup.exists()

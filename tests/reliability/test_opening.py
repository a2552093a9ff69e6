"""Opening a workspace never harms what is there, and a read-only command creates nothing.

Another application's SQLite file stays byte-identical (no switch to WAL, no change
counter bump); /dev/null, an empty file and a directory get one line; ``plan list`` on a
path where no workspace exists says so and creates neither the file nor its directories.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from planner.cli import main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line(capsys: pytest.CaptureFixture[str], needle: str) -> None:
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert needle in line, line


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["plan", "list"],
        ["plan", "new", "acme", "--start", "2027-01-04"],
        ["tools", "list"],
        ["workspace", "version"],
    ],
)
def test_another_applications_database_stays_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    db = _foreign(tmp_path / "other.sqlite")
    before = _digest(db)
    assert main([*argv, "--db", str(db)]) == 2
    _one_line(capsys, "not a planner workspace")
    assert _digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_workspace_copy_leaves_a_foreign_source_and_target_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _foreign(tmp_path / "source.sqlite")
    target = _foreign(tmp_path / "target.sqlite")
    before = {p: _digest(p) for p in (source, target)}
    assert main(["workspace", "copy", str(source), str(tmp_path / "new.sqlite")]) == 2
    assert main(["plan", "new", "a", "--start", "2027-01-04", "--db", str(tmp_path / "ws")]) == 0
    assert main(["workspace", "copy", str(tmp_path / "ws"), str(target)]) == 2
    assert {p: _digest(p) for p in before} == before
    assert "not a planner workspace" in capsys.readouterr().err


def test_a_read_only_command_creates_no_workspace_and_no_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "missing" / "dir" / "ws.sqlite"
    for argv in (["plan", "list"], ["tools", "list"], ["timeline"], ["plan", "show"]):
        assert main([*argv, "--db", str(db)]) == 2
        _one_line(capsys, "no workspace here: run 'planner plan new' or 'planner demo'")
    assert not (tmp_path / "missing").exists()
    # A command that makes something does create the workspace.
    assert main(["plan", "new", "acme", "--start", "2027-01-04", "--db", str(db)]) == 0
    assert db.is_file() and db.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("kind", ["dev-null", "empty", "directory"])
def test_what_cannot_be_a_workspace_gets_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = {"dev-null": Path("/dev/null"), "empty": tmp_path / "empty.sqlite"}.get(
        kind, tmp_path / "dir"
    )
    if kind == "empty":
        path.touch()
    elif kind == "directory":
        path.mkdir()
    assert main(["plan", "new", "acme", "--start", "2027-01-04", "--db", str(path)]) == 2
    needle = {"dev-null": "device", "empty": "empty file", "directory": "directory"}[kind]
    _one_line(capsys, needle)
    assert not Path("/dev/null-journal").exists()
    if kind == "empty":
        assert path.stat().st_size == 0
    assert not list(tmp_path.glob("*-journal")) and not list(tmp_path.glob("*-wal"))

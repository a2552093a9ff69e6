"""Real disk faults, where the machine lets a test make them: a full file system (a tiny
tmpfs) and an immutable workspace (chattr +i). Each is one line, exit 1, nothing lost.

Both need root (CI runs as root); elsewhere they are skipped with the reason, and the
injected disk-full test in test_cli_sweep.py still runs.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

GEN = ROOT / "bench" / "gen_squid_log.py"


def _planner(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


@contextlib.contextmanager
def _tiny_fs(where: Path) -> Iterator[Path]:
    """1,000 KB: room for a new workspace at the current schema (about 300 KB, more while
    its migrations run), not for a 60,000-line log's evidence."""
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1000k", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def _tools(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        count = int(conn.execute("SELECT count(*) FROM tool").fetchone()[0])
    conn.close()
    return count


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("mount") is None, reason="no mount command")
def test_a_full_disk_during_an_import_is_one_line_and_keeps_the_workspace(
    tmp_path: Path,
) -> None:
    log = tmp_path / "access.log"
    subprocess.run(
        [sys.executable, str(GEN), str(log), "--lines", "60000", "--seed", "4"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with _tiny_fs(tmp_path / "tiny") as tiny:
        db = tiny / "ws.sqlite"
        assert (
            _planner("plan", "new", "acme", "--start", "2026-01-05", "--db", str(db)).returncode
            == 0
        )
        out = _planner("discover", "import", str(log), "--db", str(db))
        assert out.returncode == 1
        [line] = out.stderr.splitlines()
        assert "database or disk is full" in line and "nothing was saved" in line
        assert "Traceback" not in out.stderr and "INSERT" not in out.stderr
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        assert _tools(db) == 0  # the import is one transaction: nothing of it landed
        assert _planner("plan", "list", "--db", str(db)).returncode == 0


@pytest.mark.skipif(shutil.which("chattr") is None, reason="no chattr command")
def test_an_immutable_workspace_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    assert _planner("plan", "new", "acme", "--start", "2026-01-05", "--db", str(db)).returncode == 0
    assert _planner("tools", "add", "Slack", "--db", str(db)).returncode == 0
    made = subprocess.run(["chattr", "+i", str(db)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot make a file immutable here: {made.stderr.decode().strip()}")
    try:
        before = db.read_bytes()
        out = _planner("tools", "set", "slack", "--owner", "IT", "--db", str(db))
        assert out.returncode == 1
        [line] = out.stderr.splitlines()
        assert "read-only" in line and "nothing was saved" in line
        assert db.read_bytes() == before
    finally:
        subprocess.run(["chattr", "-i", str(db)], check=False)

"""Output where the terminal is not what a table expects, run through the real entry
point as a user meets it: a 20-column terminal, a closed stdout (``>&-``), a stdout that
cannot encode every character (``PYTHONIOENCODING=latin-1``), and ``--limit 0``."""

from __future__ import annotations

import os
import pty
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import planner
from tests.conftest import ROOT

NAME = "会議メモ Wiki"  # a Japanese tool name: not in latin-1


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ws.sqlite")
    assert planner("plan", "new", "acme", "--start", "2027-01-04", "--db", path).returncode == 0
    assert planner("tools", "add", NAME, "--owner", "Knowledge team", "--db", path).returncode == 0
    return path


def _on_terminal(columns: int, *args: str) -> tuple[int, str]:
    """Run planner with stdout on a pseudo-terminal ``columns`` wide; its exit code and
    what the terminal received."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50", "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner", *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert proc.stderr is not None
    assert b"Traceback" not in proc.stderr.read()
    shown = b"".join(chunks).decode("utf-8", "replace")
    return proc.wait(timeout=60), re.sub(r"\x1b\[[0-9;]*m", "", shown)  # bold headers


def test_a_narrow_terminal_gets_one_record_per_line(db: str) -> None:
    code, shown = _on_terminal(20, "tools", "list", "--db", db)
    assert code == 0
    records = [line for line in shown.splitlines() if line.startswith("id: ")]
    assert len(records) == 1, shown
    assert f"name: {NAME}; " in records[0] and "status: unofficial" in records[0]
    # A wide terminal still gets the table.
    code, wide = _on_terminal(200, "tools", "list", "--db", db)
    assert code == 0 and "name: " not in wide and NAME in wide and "┃" in wide


def _shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_a_closed_stdout_ends_quietly_with_a_failure_code(db: str, tmp_path: Path) -> None:
    run = f"{shlex.quote(sys.executable)} -m planner"
    out = _shell(f"{run} tools list --db {shlex.quote(db)} >&-")
    assert out.returncode == 1 and out.stderr == ""
    out = _shell(f"{run} plan export -o - --db {shlex.quote(db)} >&-")
    assert out.returncode == 1 and out.stderr == ""
    # A command that writes no output to stdout does its work and succeeds.
    target = tmp_path / "plan.yaml"
    out = _shell(f"{run} plan export -o {shlex.quote(str(target))} --db {shlex.quote(db)} >&-")
    assert out.returncode == 0 and target.exists(), out.stderr


def test_characters_the_terminal_cannot_encode_are_replaced(db: str) -> None:
    out = planner("tools", "list", "--db", db, env={"PYTHONIOENCODING": "latin-1"})
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert "???? Wiki" in out.stdout
    out = planner("tools", "add", NAME + " 2", "--db", db, env={"PYTHONIOENCODING": "ascii"})
    assert out.returncode == 0 and "Traceback" not in out.stderr


def test_limit_0_lists_every_host(tmp_path: Path, db: str) -> None:
    log = tmp_path / "access.log"
    log.write_text(
        "".join(
            f"{1798000000 + i}.000 12 10.0.0.{i % 200} TCP_TUNNEL/200 4000 CONNECT "
            f"tool{i}.example:443 user{i} HIER_DIRECT/203.0.113.9 -\n"
            for i in range(60)
        ),
        encoding="utf-8",
    )
    assert planner("discover", "import", str(log), "--format", "squid", "--db", db).returncode == 0
    out = planner("discover", "hosts", "--limit", "0", "--format", "json", "--db", db)
    assert out.returncode == 0 and out.stdout.count('"host"') == 60
    out = planner("discover", "hosts", "--by", "domain", "--limit", "0", "--db", db)
    assert out.returncode == 0 and out.stdout.count(".example") == 60
    assert planner("discover", "hosts", "--format", "json", "--db", db).stdout.count('"host"') == 50
    out = planner("discover", "hosts", "--limit", "-1", "--db", db)
    assert out.returncode == 2 and "0 (all) or more" in out.stderr

"""A command process starts without the cyclic collector, and still closes what it opened."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main
from tests.conftest import ROOT


def _planner(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )


def test_main_called_in_process_leaves_the_collector_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frozen = gc.get_freeze_count()
    db = str(tmp_path / "ws.sqlite")
    assert main(["plan", "new", "acme", "--start", "2027-01-04", "--db", db]) == 0
    assert main(["plan", "list", "--db", db]) == 0
    with pytest.raises(SystemExit):
        main(["--help"])
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    assert "acme" in capsys.readouterr().out


def test_a_command_process_closes_its_workspace(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    _planner("plan", "new", "acme", "--start", "2027-01-04", "--db", str(db))
    assert "acme" in _planner("plan", "list", "--db", str(db)).stdout
    # Closed cleanly (last connection gone): SQLite removed its write-ahead log and index.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws.sqlite"]


PROBE = """
import gc, sys
import planner.bootstrap as bootstrap
import planner.services.listings as plans

seen = []
real_bootstrap, real_list = bootstrap.bootstrap, plans.list_plans

def spy_bootstrap(settings):
    seen.append(("bootstrap", gc.isenabled()))
    return real_bootstrap(settings)

def spy_list(ws, **kw):
    seen.append(("list", gc.isenabled(), gc.get_freeze_count() > 0))
    return real_list(ws, **kw)

bootstrap.bootstrap, plans.list_plans = spy_bootstrap, spy_list
sys.argv = ["planner", "plan", "list", "--db", sys.argv[1]]
from planner.cli import main
main()
print(seen, file=sys.stderr)
"""


def test_the_collector_is_back_once_the_command_works(tmp_path: Path) -> None:
    db = str(tmp_path / "ws.sqlite")
    _planner("plan", "new", "acme", "--start", "2027-01-04", "--db", db)
    out = subprocess.run(
        [sys.executable, "-c", PROBE, db],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    # Off while modules load; on (with the start-up heap frozen) when the work is done.
    assert out.stderr.strip() == "[('bootstrap', False), ('list', True, True)]"
    assert "acme" in out.stdout

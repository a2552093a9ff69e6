"""Shared fixtures: an isolated user data directory, a frozen 'today', a real workspace.

Every test runs with its own XDG_DATA_HOME and without PLANNER_DB, so nothing touches the
developer's real workspace.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.bootstrap import Planner, Settings, bootstrap

TODAY = dt.date(2027, 2, 15)
ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("PLANNER_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite"


@pytest.fixture
def planner(db_path: Path) -> Iterator[Planner]:
    app = bootstrap(Settings(db=str(db_path), today=lambda: TODAY))
    yield app
    app.close()

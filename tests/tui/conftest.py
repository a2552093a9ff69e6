"""The demo workspace for TUI tests: built once per test in tmp_path, with a frozen today."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.bootstrap import Planner, Settings, bootstrap
from planner.services.demo import build_demo
from tests.conftest import TODAY


@pytest.fixture
def demo_planner(tmp_path: Path) -> Iterator[Planner]:
    planner = bootstrap(Settings(db=str(tmp_path / "demo.sqlite"), today=lambda: TODAY))
    build_demo(planner.workspace, planner.catalog, planner.pseudonym_key, TODAY)
    yield planner
    planner.close()

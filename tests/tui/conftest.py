"""The demo workspace for TUI tests: built once per test in tmp_path, with a frozen today."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.bootstrap import Planner
from tests.conftest import DemoAt


@pytest.fixture
def demo_planner(demo_at: DemoAt, tmp_path: Path) -> Iterator[Planner]:
    planner = demo_at(tmp_path / "demo.sqlite")
    yield planner
    planner.close()

"""Fixtures shared by the command-line tests."""

from __future__ import annotations

import pytest

from tests.cli.inprocess import run


@pytest.fixture(name="db")
def acme_db(
    workspace_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str]:
    """The ``--db`` options of a workspace holding the plan 'acme' (started 2026-09-01,
    today 2026-10-15, wide output); a test module defining its own ``db`` overrides it."""
    monkeypatch.setenv("PLANNER_TODAY", "2026-10-15")
    monkeypatch.setenv("COLUMNS", "200")
    common = ("--db", workspace_db)
    assert run(capsys, "plan", "new", "acme", "--start", "2026-09-01", *common)[0] == 0
    return common
